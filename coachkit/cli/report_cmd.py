"""``coachkit report``: the closure report for the client or the sponsor."""

from __future__ import annotations

from pathlib import Path

import click

from coachkit.cli.common import engagement_root, no_commit_option, report_write

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@click.command()
@click.option(
    "--for",
    "audience",
    default="client",
    show_default=True,
    metavar="client|sponsor",
    help="Who the report is for. The sponsor's report holds no session content and no comment.",
)
@click.option(
    "--format",
    "fmt",
    metavar="md|html|pdf",
    help="Markdown, one self-contained HTML file, or PDF (needs Chromium) "
    "[default: from -o's extension, else md].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Write here instead of reports/YYYY-MM-DD-AUDIENCE-report.EXT (not committed).",
)
@click.option(
    "--force",
    is_flag=True,
    help="With -o: replace FILE if it exists (a regular file, never a note).",
)
@click.option("--dry-run", is_flag=True, help="List what the report would disclose; write nothing.")
@no_commit_option
def report(
    audience: str,
    fmt: str | None,
    output: Path | None,
    force: bool,
    dry_run: bool,
    no_commit: bool,
) -> None:
    """Write the closure report for the client or the sponsor, and commit it.

    Parties and dates, sessions held against planned with total hours and a
    timeline, each goal with its measure, baseline, target, final status and
    outcome, stakeholder ratings (baseline and final side by side, anonymous
    groups), action items agreed and completed, the sustainment plan and the
    follow-up dates. Only the client's report adds the public text of the
    session sections the template marks shareable (Reflection) and stakeholder
    comments. Private sections and spans never appear in any report.

    Without -o the report goes to reports/ with a dated name, its path is
    printed and it is committed, as a record of what was sent to whom.

    \b
    Examples:
      coachkit report --for client
      coachkit report --for sponsor --format html
      coachkit report --for sponsor --format pdf -o ~/Desktop/jordan-lee.pdf
      coachkit report --for sponsor --dry-run
    """
    from coachkit.dates import today
    from coachkit.report.model import check_audience, check_format
    from coachkit.report.render import dry_run as list_disclosures
    from coachkit.report.write import write_report

    check_audience(audience)
    if fmt is None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower(), "md") if output else "md"
    check_format(fmt)
    root = engagement_root()
    if dry_run:
        disclosed = list(list_disclosures(root, audience, fmt, today()))  # errors before output
        click.echo(f"The {audience} report ({fmt}) would disclose:", err=True)
        for line in disclosed:
            click.echo(line)
        click.echo("dry run: nothing written", err=True)
        return
    result = write_report(
        root,
        audience,
        fmt,
        as_of=today(),
        output=output,
        force=force,
        commit=not no_commit,
    )
    report_write(result)
