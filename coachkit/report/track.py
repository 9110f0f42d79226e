"""On or off track: the progress report's verdict on one goal, by one simple rule.

The verdict reads only the figures the audience may see (rounds that passed the
anonymity rule), latest round first:

1. The latest round measures change (a mini-survey on -3..+3): **on track** when at
   least half of the stakeholders rated an improvement (+1 or more), else **off track**.
2. The latest round measures a level (a 360 on 1..5), an earlier level round exists,
   and the goal's ``target`` is a number: **on track** when the mean has covered at
   least the share of the way from the earlier round's mean to the target that the
   time from the engagement's start to the latest round is of the time from the start
   to the goal's ``target_date`` (else the engagement's end). Without a date to aim
   at, any move toward the target is on track.
3. Otherwise, and when no round rated the goal: **no data**.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from coachkit.report.model import RoundRating, format_number

ON_TRACK = "on track"
OFF_TRACK = "off track"
NO_DATA = "no data"
IMPROVED_SHARE = 0.5


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text.split()[0])
    except (ValueError, IndexError):
        return None


def verdict(
    rounds: Sequence[RoundRating],
    target: str | None,
    start: dt.date | None,
    aim: dt.date | None,
) -> tuple[str, str]:
    """(verdict, the reason in words) for a goal rated in ``rounds`` (oldest first)."""
    if not rounds:
        return NO_DATA, "no round rated this goal yet"
    latest = rounds[-1]
    if latest.measures_change:
        if latest.improved_share is None:
            return NO_DATA, f"the {latest.kind} of {latest.date} counts no improvement"
        shown = f"{round(latest.improved_share * 100)}%"
        if latest.improved_share >= IMPROVED_SHARE:
            return ON_TRACK, f"{shown} saw improvement in the {latest.kind} of {latest.date}"
        return OFF_TRACK, f"only {shown} saw improvement in the {latest.kind} of {latest.date}"
    earlier = [r for r in rounds[:-1] if not r.measures_change]
    goal = _number(target)
    if not earlier:
        return NO_DATA, f"only one round on a level scale ({latest.kind} of {latest.date})"
    if goal is None:
        return NO_DATA, "the goal's target is not a number to measure against"
    first = earlier[0]
    needed = goal - first.mean
    moved = latest.mean - first.mean
    if needed == 0:
        reached = latest.mean >= goal if goal >= first.mean else latest.mean <= goal
        return (
            ON_TRACK if reached else OFF_TRACK
        ), f"the target {format_number(goal)} was the baseline"
    share_moved = moved / needed
    elapsed = 0.0
    if start is not None and aim is not None and aim > start:
        elapsed = min(max((latest.date - start).days / (aim - start).days, 0.0), 1.0)
    on = share_moved >= elapsed if elapsed > 0 else share_moved > 0
    reason = (
        f"the mean moved from {first.mean_text} to {latest.mean_text}, "
        f"{round(share_moved * 100)}% of the way to {format_number(goal)}, "
        f"with {round(elapsed * 100)}% of the time gone"
    )
    return (ON_TRACK if on else OFF_TRACK), reason
