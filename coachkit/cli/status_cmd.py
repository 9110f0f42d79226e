"""``coachkit status``: one row per engagement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from coachkit.cli.listing import (
    as_of_option,
    chosen_format,
    coach_option,
    emit,
    format_options,
    listed,
    no_cache_option,
    paint,
    paths_argument,
)
from coachkit.cli.outcome import Listed
from coachkit.cli.terminal_text import fit

STATUS_FIELDS = (
    "engagement", "client", "organization", "phase", "sessions_held", "sessions_planned",
    "hours_used", "hours_planned", "follow_ups_held", "follow_ups_planned", "last_session",
    "next_session", "next_kind", "open_actions", "overdue_actions", "days_since_last_session",
    "quiet", "flags", "path",
)  # fmt: skip

# How the table shows each flag (JSON and CSV give the flag itself).
FLAG_LABELS = {
    "quiet": "quiet {days}d",
    "no-next-session": "unbooked",
    "contract-used-up": "used up",
    "follow-up-late": "f-up late",
    "ready-to-complete": "complete?",
}


@click.command()
@paths_argument
@as_of_option
@coach_option
@format_options
@no_cache_option
def status(
    paths: tuple[Path, ...],
    as_of: dt.date | None,
    coach: str | None,
    fmt: str,
    as_json: bool,
    no_cache: bool,
) -> Listed:
    """One row per engagement: contract used, next session, open and overdue actions.

    HELD is coaching sessions held against `sessions_planned`, HOURS the hours
    used (each session's `duration`, else `session_length`) against the contract;
    follow-ups never count. After closure NEXT is the next follow-up. FLAGS:
    quiet (no session in twice the cadence), unbooked (coaching, no next session
    booked), used up (contract used, goals still open), f-up late (a planned
    follow-up not held), complete? (every follow-up held: `coachkit phase
    completed`). PATHs work as for `coachkit overdue`.

    \b
    Examples:
      coachkit status ~/clients
      coachkit status --json
      coachkit status ~/practice --coach all   # every coach's, in a team practice
    """
    from coachkit.dates import today
    from coachkit.engagement.practice import CoachChoice, load_practice
    from coachkit.engagement.status import engagement_status

    as_of = as_of or today()
    engagements, problems = load_practice(
        paths, Path.cwd(), use_cache=not no_cache, coach=CoachChoice(coach)
    )
    statuses = [engagement_status(e, as_of) for e in engagements]
    records = [s.as_dict() for s in statuses]

    def table() -> tuple[list[list[Any]], list[str]]:
        body = [
            [
                fit(s.engagement.name, 18),
                s.phase or "-",
                f"{s.sessions_held}/{_known(s.sessions_planned)}",
                f"{_known(s.hours_used, '-')}/{_known(s.hours_planned)}",
                s.next_session or "-",
                s.open_actions,
                paint(str(s.overdue_actions), "red") if s.overdue_actions else "0",
                paint(_flags(s.flags, s.days_since_last_session), "yellow") if s.flags else "-",
            ]
            for s in statuses
        ]
        return body, ["ENGAGEMENT", "PHASE", "HELD", "HOURS", "NEXT", "OPEN", "LATE", "FLAGS"]

    emit(records, chosen_format(fmt, as_json), STATUS_FIELDS, table, "No engagements found.")
    return listed(problems, False)


def _known(value: float | None, unknown: str = "?") -> str:
    return unknown if value is None else f"{value:g}"


def _flags(flags: list[str], days: int | None) -> str:
    """The flags as the table shows them; a quiet engagement is unbooked too: said once."""
    if "quiet" in flags:
        flags = [flag for flag in flags if flag != "no-next-session"]
    return ", ".join(FLAG_LABELS[flag].format(days=days) for flag in flags)
