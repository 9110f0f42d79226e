"""``coachkit calendar``: sessions, follow-ups and due dates as an .ics file to subscribe to."""

from __future__ import annotations

from pathlib import Path

import click

from coachkit.cli.listing import no_cache_option, paths_argument, report_problems
from coachkit.cli.outcome import Outcome


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE.ics",
    help="Write the calendar here (atomically; only a new file or an old calendar is "
    "replaced) and print its path [default: print the calendar].",
)
@click.option(
    "--anonymous",
    is_flag=True,
    help="Leave client names out of the events, for a shared work calendar.",
)
@click.option(
    "--alarm",
    default="1d",
    show_default=True,
    metavar="DURATION",
    help="Ring this long before an action item's due date (its midnight): 1d, 15h "
    "(09:00 the day before), 2w, 90m, or none.",
)
@no_cache_option
def calendar(
    paths: tuple[Path, ...], output: Path | None, anonymous: bool, alarm: str, no_cache: bool
) -> Outcome:
    """Write sessions, follow-ups and due dates as an iCalendar (.ics) file.

    Across every engagement at or below PATHs (as for `coachkit overdue`):
    every session note, at its start: time when it has one (floating local
    time), else all day; the planned next session and the follow-up dates, as
    `coachkit upcoming` works them out; and each open action item's due date,
    all day, with an alarm --alarm before it. Events carry only a title such as
    "Session 4 — Jordan Lee" or "Due: t9hc — Jordan Lee": never an item's
    title, an owner or any text of a note. Each event's UID comes from the
    engagement and the item, so a subscribed calendar updates it instead of
    adding another, and the same notes give the same bytes. A broken note stops
    it: each is named in one line, and nothing is written.

    \b
    Examples:
      coachkit calendar ~/clients -o ~/Calendars/coaching.ics
      coachkit calendar ~/clients --anonymous --alarm 15h -o ~/Shared/work.ics
      coachkit calendar > jordan-lee.ics
    """
    from coachkit.dates import today
    from coachkit.engagement.calendar import calendar_events
    from coachkit.engagement.practice import load_practice
    from coachkit.writers.calendar import calendar_bytes, parse_alarm, write_calendar

    before = parse_alarm(alarm)
    engagements, problems = load_practice(paths, Path.cwd(), use_cache=not no_cache)
    if problems:
        report_problems(problems)
        click.echo("nothing was written: fix the notes above and run again", err=True)
        return Outcome.PROBLEMS
    events = calendar_events(engagements, today(), anonymous=anonymous)
    data = calendar_bytes(events, before)
    count = len(engagements)
    summary = (
        f"{len(events)} event{'s' if len(events) != 1 else ''} from {count} "
        f"engagement{'s' if count != 1 else ''}"
    )
    if output is None:
        import sys

        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        click.echo(summary, err=True)
        return Outcome.OK
    written = write_calendar(output, data)
    click.echo(summary, err=True)
    click.echo(str(written))
    return Outcome.OK
