"""``coachkit init``: start an engagement folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from coachkit.cli.common import DATE, no_commit_option, report_write
from coachkit.vocabulary import BILLING, GROUP_SIZE_MAX, GROUP_SIZE_MIN, ICF_LISTINGS


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
@click.option("--contact", metavar="EMAIL", help="The client's e-mail, for a coaching log.")
@click.option(
    "--billing",
    type=click.Choice(BILLING),
    help="How the sessions are billed; each session may say otherwise [default: paid].",
)
@click.option(
    "--group-size",
    type=click.IntRange(GROUP_SIZE_MIN, GROUP_SIZE_MAX),
    help=f"For group coaching: how many people are coached together "
    f"({GROUP_SIZE_MIN}-{GROUP_SIZE_MAX}).",
)
@click.option(
    "--icf-listing",
    type=click.Choice(ICF_LISTINGS),
    help="listed: the client agreed to be named in a credential's coaching log "
    "[default: anonymous].",
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
    contact: str | None,
    billing: str | None,
    group_size: int | None,
    icf_listing: str | None,
    no_commit: bool,
) -> None:
    """Start an engagement in PATH: write engagement.md and commit it.

    PATH becomes a git repository unless it is already inside one (a practice
    repository holding many engagements).

    \b
    Example:
      coachkit init acme-jordan-lee --client "Jordan Lee" --organization Acme \\
          --sponsor "Sam Ortiz" --hr "Dana Wu" --sessions 12 --cadence 2w --start 2026-01-12
      coachkit init peer-circle --client "Leaders circle" --group-size 6 --billing pro-bono \\
          --contact lead@example.org --icf-listing listed
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
        contact=contact,
        billing=billing,
        group_size=group_size,
        icf_listing=icf_listing,
    )
    report_write(init_engagement(path, details, commit=not no_commit), {"start": start})
