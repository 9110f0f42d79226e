"""``coachkit hours``: the coaching log for a credential application, across a practice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coachkit.cli.common import DATE, print_table
from coachkit.cli.listing import coach_option, listed, no_cache_option, paths_argument
from coachkit.cli.outcome import Listed

if TYPE_CHECKING:
    from coachkit.hours.build import HoursResult

FORMATS = ("table", "csv", "json", "xlsx")


@click.command()
@paths_argument
@click.option("--since", type=DATE, help="Count sessions held on or after this day.")
@click.option(
    "--until",
    type=DATE,
    help="Count sessions held on or before this day, the day you apply [default: today]. "
    "A note dated after today never counts.",
)
@click.option(
    "--credential",
    "credential_name",
    metavar="acc|pcc|mcc|emcc-LEVEL",
    help="Show progress against this credential and what is missing. EMCC levels: "
    "emcc-foundation, emcc-practitioner, emcc-senior-practitioner, emcc-master-practitioner.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format [default: from -o's extension, else table].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write the log to FILE (csv, json or xlsx), replacing it if it exists (never a note).",
)
@coach_option
@no_cache_option
def hours(
    paths: tuple[Path, ...],
    since: dt.date | None,
    until: dt.date | None,
    credential_name: str | None,
    fmt: str | None,
    output: Path | None,
    coach: str | None,
    no_cache: bool,
) -> Listed | None:
    """Count coaching hours for the ICF or EMCC log: one row per client, totals, progress.

    PATHs may be engagements or folders holding engagements at any depth (a
    practice). With none: the current engagement, or every engagement below the
    current folder. A session counts when it was held (attended: held, the
    default), is dated on or before today, and has a duration; 60 minutes are one
    hour and shorter sessions count pro rata. Paid and pro bono hours come from
    billing: (reciprocal hours are paid up to the engagement's
    reciprocal_received: hours). A client without icf_listing: listed is counted
    but named "anonymous client N". docs/hours.md gives every rule and its source.

    \b
    Examples:
      coachkit hours ~/clients --credential acc
      coachkit hours ~/clients --since 2025-01-01 -o log.xlsx
      coachkit hours ~/clients --format json
      coachkit hours ~/practice --coach "Alex Rivera" --credential pcc
    """
    from coachkit.dates import today
    from coachkit.engagement.practice import CoachChoice
    from coachkit.hours.build import build_hours, output_format
    from coachkit.hours.export import check_target, export_bytes, write_export

    fmt = output_format(fmt, output)
    if output is not None:
        check_target(output)  # before counting: a bad -o is the one line printed
    result = build_hours(
        paths,
        Path.cwd(),
        today(),
        since,
        until,
        credential_name,
        use_cache=not no_cache,
        coach=CoachChoice(coach),
    )
    if result.problems:
        return listed(result.problems, False)
    if fmt == "table":
        _print_table(result)
    else:
        data = export_bytes(fmt, result.log, result.credential, result.progress)
        if output is None:
            click.echo(data.decode("utf-8"), nl=False)
        else:
            click.echo(str(write_export(output, data)))
    for line in result.log.uncounted:  # after the log: an error above stays one line
        click.echo(line, err=True)
    return Listed() if output is None else None


def _print_table(result: HoursResult) -> None:
    from coachkit.hours.export import COLUMNS, log_records, totals

    log = result.log
    period = (
        f"{log.since.isoformat() if log.since else 'the first session'} to {log.until.isoformat()}"
    )
    records = log_records(log)
    if records:
        rows = [
            [
                r["client"],
                r["contact"] or "",
                r["individual_or_group"] + (f" of {r['group_size']}" if r["group_size"] else ""),
                r["first_session"].isoformat(),
                r["last_session"].isoformat(),
                f"{r['paid_hours']:.2f}",
                f"{r['pro_bono_hours']:.2f}",
            ]
            for r in records
        ]
        headers = [title for name, title in COLUMNS if name not in ("group_size", "total_hours")]
        print_table(rows, headers, wrap_last=False)
    else:
        click.echo(f"No session held from {period}.")
    sums = totals(log)
    click.echo(
        f"\nTotal from {period}: {sums['hours']:.2f} hours ({sums['paid_hours']:.2f} paid, "
        f"{sums['pro_bono_hours']:.2f} pro bono), {sums['clients']} "
        f"client{'s' if sums['clients'] != 1 else ''}"
    )
    if result.credential is None:
        return
    click.echo(f"\n{result.credential.title}:")
    for p in result.progress:
        what = p.requirement + (f" since {p.since.isoformat()}" if p.since else "")
        have = f"{p.have:g}" if p.requirement == "clients" else f"{p.have:.2f}"
        state = "met" if p.met else f"{p.missing:g} missing"
        click.echo(f"  {what}: {have} of {p.required:g} ({state})")
