"""``coachkit overdue``: what has slipped, across every client."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from coachkit.cli.action_rows import emit_action_rows
from coachkit.cli.common import print_json_records
from coachkit.cli.listing import (
    as_of_option,
    chosen_format,
    coach_option,
    excel_requested,
    format_options,
    listed,
    no_cache_option,
    owner_option,
    paths_argument,
    within_option,
)
from coachkit.cli.outcome import Listed


@click.command()
@paths_argument
@as_of_option
@within_option("Also list open items due in the next DAYS days.")
@owner_option
@coach_option
@format_options
@click.option("--check", is_flag=True, help="Exit 1 when anything is overdue (for cron and CI).")
@no_cache_option
def overdue(
    paths: tuple[Path, ...],
    as_of: dt.date | None,
    within: int | None,
    owner: str | None,
    coach: str | None,
    fmt: str,
    as_json: bool,
    check: bool,
    no_cache: bool,
) -> Listed:
    """List open action items past their due date, most overdue first.

    PATHs may be engagements or folders holding engagements at any depth (a
    practice). With none: the current engagement, or every engagement below the
    current folder. A date is due at the end of that day: an item due today is
    not overdue.

    \b
    Examples:
      coachkit overdue ~/clients
      coachkit overdue --within 7 --owner jordan
      coachkit overdue ~/practice --coach "Alex Rivera"   # one coach's clients
      coachkit overdue ~/clients --check --format json   # exit 1 if anything slipped
    """
    from coachkit.dates import today
    from coachkit.engagement.practice import (
        ActionFilter,
        CoachChoice,
        load_practice,
        overdue_records,
        select_actions,
    )

    as_of = as_of or today()
    engagements, problems = load_practice(
        paths, Path.cwd(), use_cache=not no_cache, coach=CoachChoice(coach)
    )
    if within is None and chosen_format(fmt, as_json) == "json" and not excel_requested():
        records = overdue_records(engagements, as_of, owner)
        print_json_records(records)
        return listed(problems, check and bool(records))
    rows = select_actions(
        engagements, ActionFilter(as_of, overdue_only=True, within=within, owner=owner)
    )
    count = len(engagements)
    empty = f"Nothing overdue across {count} engagement{'s' if count != 1 else ''} (as of {as_of.isoformat()})."
    emit_action_rows(rows, chosen_format(fmt, as_json), empty, with_engagement=True)
    return listed(problems, check and any(row.days_overdue for row in rows))
