"""What is coming up across a practice: sessions, follow-ups and action items, by date.

One row per date to keep, from three sources:

- **sessions**: each session note dated in the window (booked ahead), else, for an
  engagement before closure, the planned next session (the last session's
  ``next_session:``, or the last session plus the cadence);
- **follow-ups**: after closure, each ``follow_up:`` date not yet held (the n-th
  follow-up session held holds the n-th date);
- **actions**: open action items due in the window.

A planned session or follow-up whose date has passed without being held is listed too
(it is still owed, and no other listing shows it); a past-due action item is not: that
is what ``coachkit overdue`` is for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coachkit.engagement.model import EngagementView
from coachkit.engagement.status import pending_follow_ups
from coachkit.vocabulary import CLOSED_PHASES, FOLLOW_UP_KIND, SESSION_KIND

ACTION_KIND = "action"
# The order of rows on one date and engagement.
ROW_KINDS = (SESSION_KIND, FOLLOW_UP_KIND, ACTION_KIND)
DEFAULT_WITHIN = 14


@dataclass
class UpcomingRow:
    """One date to keep: a session, a follow-up or an action item's due date."""

    date: dt.date
    kind: str
    engagement: EngagementView
    title: str
    path: Path
    booked: bool = False
    id: str | None = None
    owner: str | None = None
    session: int | None = None
    # A planned session's number, or a planned follow-up's place (1st, 2nd…): see planned().
    place: int | None = None

    def days(self, as_of: dt.date) -> int:
        """Days from ``as_of`` to the date: negative when it has passed."""
        return (self.date - as_of).days

    def as_dict(self, as_of: dt.date) -> dict[str, object]:
        """The stable JSON/CSV record (documented in docs/json.md)."""
        return {
            "date": self.date.isoformat(),
            "days": self.days(as_of),
            "kind": self.kind,
            "engagement": self.engagement.name,
            "client": self.engagement.client,
            "title": self.title,
            "booked": self.booked,
            "session": self.session,
            "id": self.id,
            "owner": self.owner,
            "path": str(self.path),
        }


def _sessions(engagement: EngagementView, as_of: dt.date, until: dt.date) -> list[UpcomingRow]:
    rows: list[UpcomingRow] = []
    follow_ups = 0
    for s in engagement.sessions:
        follow_ups += s.is_follow_up
        if as_of < s.date <= until:
            # A follow-up is named in its own series, as `session new` names it.
            name = f"Follow-up {follow_ups}" if s.is_follow_up else f"Session {s.number}"
            rows.append(
                UpcomingRow(
                    s.date,
                    s.kind,
                    engagement,
                    f"{name} (note written)",
                    s.path,
                    booked=True,
                    session=s.number,
                )
            )
    rows.extend(row for row in planned(engagement, as_of) if row.date <= until)
    return rows


def planned(engagement: EngagementView, as_of: dt.date) -> list[UpcomingRow]:
    """The sessions and follow-ups planned on ``as_of`` but not yet written as notes, at
    any date (the calendar shows them all; :func:`upcoming` keeps those in its window).

    Each row's ``place`` says which one it is: the planned session's number, or the
    follow-up's place among the engagement's follow-ups (1 for the first), so that
    the note later written for it can be matched with it.
    """
    sessions = list(engagement.sessions)
    ahead = [s for s in sessions if s.date > as_of]
    if engagement.meta.get("phase") in CLOSED_PHASES:
        engagement_file = engagement.root / "engagement.md"
        written = sum(1 for s in ahead if s.is_follow_up)  # each note ahead holds a date
        held = sum(1 for s in sessions if s.is_follow_up and s.date <= as_of)
        return [
            UpcomingRow(
                day,
                FOLLOW_UP_KIND,
                engagement,
                "Follow-up (planned)",
                engagement_file,
                place=held + written + index,
            )
            for index, day in enumerate(pending_follow_ups(engagement, as_of)[written:], 1)
        ]
    held_sessions = [s for s in sessions if s.date <= as_of]
    if ahead or not held_sessions:
        return []
    last = held_sessions[-1]
    day = last.next_session or engagement.next_after(last.date)
    if day is None:
        return []
    # Planned in the last note's next_session:, else worked out from the cadence.
    booked = last.next_session is not None
    source = "planned" if booked else "by cadence"
    return [
        UpcomingRow(
            day,
            SESSION_KIND,
            engagement,
            f"Session {last.number + 1} ({source})",
            last.path,
            booked=booked,
            place=last.number + 1,
        )
    ]


def _actions(engagement: EngagementView, as_of: dt.date, until: dt.date) -> list[UpcomingRow]:
    return [
        UpcomingRow(
            item.due,
            ACTION_KIND,
            engagement,
            item.title,
            item.path,
            id=item.id,
            owner=item.owner,
        )
        for item in engagement.actions_where(("open",), until)
        if item.due is not None and item.due >= as_of
    ]


def upcoming(
    engagements: Iterable[EngagementView], as_of: dt.date, within: int = DEFAULT_WITHIN
) -> list[UpcomingRow]:
    """Every date to keep from ``as_of`` to ``within`` days after it (and sessions and
    follow-ups still owed from before), in date order, then engagement, kind and id."""
    try:
        until = as_of + dt.timedelta(days=within)
    except OverflowError:
        until = dt.date.max
    rows: list[UpcomingRow] = []
    for engagement in engagements:
        rows.extend(_sessions(engagement, as_of, until))
        rows.extend(_actions(engagement, as_of, until))
    rows.sort(key=lambda r: (r.date, r.engagement.name, ROW_KINDS.index(r.kind), r.id or ""))
    return rows
