"""``coachkit init``: start an engagement folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from coachkit.cli.common import DATE, no_commit_option, report_write


@click.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path))
@click.option("--client", required=True, help="The client's name.")
@click.option("--role", help="The client's role, e.g. 'VP Engineering'.")
@click.option("--organization", help="The client's organisation.")
@click.option("--sponsor", help="The sponsor: usually the client's line manager.")
@click.option("--hr", help="The HR partner.")
@click.option("--coach", help="The coach's name.")
@click.option("--start", type=DATE, help="First session or contract date [default: today].")
@click.option("--end", type=DATE, help="Planned end date of the engagement.")
@click.option("--sessions", "sessions_planned", type=click.IntRange(min=1), help="Sessions agreed.")
@click.option(
    "--session-length",
    type=click.IntRange(min=5),
    default=60,
    show_default=True,
    help="Minutes per session.",
)
@click.option(
    "--cadence", default="2w", show_default=True, help="Time between sessions: 1w, 2w, 10d, 1mo…"
)
@no_commit_option
def init(
    path: Path,
    client: str,
    role: str | None,
    organization: str | None,
    sponsor: str | None,
    hr: str | None,
    coach: str | None,
    start: dt.date | None,
    end: dt.date | None,
    sessions_planned: int | None,
    session_length: int,
    cadence: str,
    no_commit: bool,
) -> None:
    """Start an engagement in PATH: write engagement.md and commit it.

    PATH becomes a git repository unless it is already inside one (a practice
    repository holding many engagements).

    \b
    Example:
      coachkit init acme-jordan-lee --client "Jordan Lee" --organization Acme \\
          --sponsor "Sam Ortiz" --hr "Dana Wu" --sessions 12 --cadence 2w --start 2026-01-12
    """
    from coachkit.dates import today
    from coachkit.writers.init import EngagementDetails, init_engagement

    start = start or today()
    details = EngagementDetails(
        client=client,
        start=start,
        organization=organization,
        role=role,
        sponsor=sponsor,
        hr=hr,
        coach=coach,
        end=end,
        sessions_planned=sessions_planned,
        session_length=session_length,
        cadence=cadence,
    )
    report_write(init_engagement(path, details, commit=not no_commit), {"start": start})
