"""``coachkit status``: one row per engagement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from coachkit.cli.common import fit
from coachkit.cli.listing import (
    as_of_option,
    chosen_format,
    emit,
    format_options,
    listed,
    no_cache_option,
    paint,
    paths_argument,
)
from coachkit.cli.outcome import Listed

STATUS_FIELDS = (
    "engagement", "client", "organization", "phase", "sessions_held", "sessions_planned", "last_session",
    "next_session", "open_actions", "overdue_actions", "days_since_last_session", "quiet", "path",
)  # fmt: skip


@click.command()
@paths_argument
@as_of_option
@format_options
@no_cache_option
def status(
    paths: tuple[Path, ...],
    as_of: dt.date | None,
    fmt: str,
    as_json: bool,
    no_cache: bool,
) -> Listed:
    """One row per engagement: sessions, next session, open and overdue actions.

    An engagement with no session in twice its cadence is flagged as quiet.
    PATHs work as for `coachkit overdue`.

    \b
    Examples:
      coachkit status ~/clients
      coachkit status --json
    """
    from coachkit.dates import today
    from coachkit.engagement.practice import load_practice
    from coachkit.engagement.status import engagement_status

    as_of = as_of or today()
    engagements, problems = load_practice(paths, Path.cwd(), use_cache=not no_cache)
    statuses = [engagement_status(e, as_of) for e in engagements]
    records = [s.as_dict() for s in statuses]

    def table() -> tuple[list[list[Any]], list[str]]:
        body = [
            [
                fit(s.engagement.name, 18),
                s.phase or "-",
                f"{s.sessions_held}/{s.sessions_planned or '?'}",
                s.last_session or "-",
                s.next_session or "-",
                s.open_actions,
                paint(str(s.overdue_actions), "red") if s.overdue_actions else "0",
                paint(f"{s.days_since_last_session}d quiet", "yellow")
                if s.quiet
                else _days(s.days_since_last_session),
            ]
            for s in statuses
        ]
        return body, ["ENGAGEMENT", "PHASE", "HELD", "LAST", "NEXT", "OPEN", "LATE", "SINCE"]

    emit(records, chosen_format(fmt, as_json), STATUS_FIELDS, table, "No engagements found.")
    return listed(problems, False)


def _days(days: int | None) -> str:
    return "-" if days is None else f"{days}d"
