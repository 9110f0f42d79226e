"""``coachkit upcoming``: the dates to keep across every client, in date order."""

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

UPCOMING_FIELDS = (
    "date", "days", "kind", "engagement", "client", "title", "booked", "session", "id", "owner",
    "path",
)  # fmt: skip


@click.command()
@paths_argument
@click.option(
    "--within",
    type=click.IntRange(min=0),
    default=14,
    show_default=True,
    metavar="DAYS",
    help="List what falls in the next DAYS days.",
)
@as_of_option
@format_options
@click.option(
    "--check", is_flag=True, help="Exit 1 when anything is listed (for cron and scripts)."
)
@no_cache_option
def upcoming(
    paths: tuple[Path, ...],
    within: int,
    as_of: dt.date | None,
    fmt: str,
    as_json: bool,
    check: bool,
    no_cache: bool,
) -> Listed:
    """List sessions, follow-ups and action items coming up, in date order.

    Across every engagement at or below PATHs (as for `coachkit overdue`):
    session notes written ahead, the planned next session (the last session's
    next_session, or the cadence), the follow-up dates after closure, and open
    action items due in the window. A session or follow-up whose date passed
    without being held is listed too, as late; past-due action items are left
    to `coachkit overdue`.

    \b
    Examples:
      coachkit upcoming ~/clients
      coachkit upcoming --within 60 --format json
      coachkit upcoming ~/clients --within 7 --check   # exit 1 if anything is due
    """
    from coachkit.dates import today
    from coachkit.engagement.practice import load_practice
    from coachkit.engagement.upcoming import upcoming as upcoming_rows

    as_of = as_of or today()
    engagements, problems = load_practice(paths, Path.cwd(), use_cache=not no_cache)
    rows = upcoming_rows(engagements, as_of, within)
    records = [row.as_dict(as_of) for row in rows]

    def table() -> tuple[list[list[Any]], list[str]]:
        body = [
            [
                row.date,
                _when(row.days(as_of)),
                row.kind,
                fit(row.engagement.name, 18),
                f"`{row.id}` {row.title}" if row.id else row.title,
            ]
            for row in rows
        ]
        return body, ["DATE", "WHEN", "KIND", "ENGAGEMENT", "WHAT"]

    count = len(engagements)
    empty = (
        f"Nothing in the next {within} days across {count} "
        f"engagement{'s' if count != 1 else ''} (as of {as_of.isoformat()})."
    )
    emit(records, chosen_format(fmt, as_json), UPCOMING_FIELDS, table, empty)
    return listed(problems, check and bool(rows))


def _when(days: int) -> str:
    if days < 0:
        return paint(f"{-days}d late", "red")
    return "today" if days == 0 else f"in {days}d"
