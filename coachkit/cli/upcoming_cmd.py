"""``coachkit upcoming``: the dates to keep across every client, in date order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coachkit.cli.listing import (
    FORMATS,
    as_of_option,
    chosen_format,
    coach_option,
    emit,
    listed,
    no_cache_option,
    paint,
    paths_argument,
)
from coachkit.cli.outcome import Listed
from coachkit.cli.terminal_text import fit

if TYPE_CHECKING:
    from coachkit.engagement.model import EngagementView
    from coachkit.errors import NoteError

UPCOMING_FIELDS = (
    "date", "days", "kind", "engagement", "client", "title", "booked", "session", "id", "owner",
    "path",
)  # fmt: skip


@click.command()
@paths_argument
@click.option(
    "--within",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="List what falls in the next DAYS days [default: 14; 7 with --format mail].",
)
@as_of_option
@coach_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, "mail")),
    default="table",
    show_default=True,
    help="Output format; mail is the week's digest for cron: a Subject: line and a "
    "plain-text body, overdue items too.",
)
@click.option("--json", "as_json", is_flag=True, help="Short for --format json.")
@click.option(
    "--check", is_flag=True, help="Exit 1 when anything is listed (for cron and scripts)."
)
@no_cache_option
def upcoming(
    paths: tuple[Path, ...],
    within: int | None,
    as_of: dt.date | None,
    coach: str | None,
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

    --format mail prints the week's digest for a cron job to mail: a first
    line "Subject: …", a blank line, then the sessions, follow-ups and action
    items due in the next 7 days (or --within) and the items overdue, across
    every client. A note that cannot be read is named in one line and the rest
    is still there (exit status 2).

    \b
    Examples:
      coachkit upcoming ~/clients
      coachkit upcoming --within 60 --format json
      coachkit upcoming ~/practice --coach "Alex Rivera"
      coachkit upcoming ~/clients --within 7 --check   # exit 1 if anything is due
      { echo "To: me@example.com"; coachkit upcoming ~/clients --format mail; } | sendmail -t
    """
    from coachkit.dates import today
    from coachkit.engagement.practice import CoachChoice, load_practice
    from coachkit.engagement.upcoming import DEFAULT_WITHIN
    from coachkit.engagement.upcoming import upcoming as upcoming_rows

    as_of = as_of or today()
    engagements, problems = load_practice(
        paths, Path.cwd(), use_cache=not no_cache, coach=CoachChoice(coach)
    )
    if fmt == "mail" and not as_json:
        return _mail(engagements, problems, as_of, within, check)
    within = DEFAULT_WITHIN if within is None else within
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


def _mail(
    engagements: Sequence[EngagementView],
    problems: Sequence[NoteError],
    as_of: dt.date,
    within: int | None,
    check: bool,
) -> Listed:
    """The digest on stdout; broken notes named in it, and on stderr as by every listing."""
    from coachkit.engagement.digest import DIGEST_WITHIN, mail, week_digest

    digest = week_digest(engagements, problems, as_of, DIGEST_WITHIN if within is None else within)
    click.echo(mail(digest), nl=False)
    return listed(problems, check and not digest.empty)


def _when(days: int) -> str:
    if days < 0:
        return paint(f"{-days}d late", "red")
    return "today" if days == 0 else f"in {days}d"
