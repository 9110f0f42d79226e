"""``coachkit report``: the plan, progress or closure report for the client or the sponsor."""

from __future__ import annotations

from pathlib import Path

import click

from coachkit.cli.common import engagement_root, no_commit_option, report_write

SUFFIX_FORMATS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf"}


@click.command()
@click.option(
    "--kind",
    default="closure",
    show_default=True,
    metavar="plan|progress|closure",
    help="The development plan (start), the progress report (mid-point) or the closure report.",
)
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
    help="Write here instead of reports/YYYY-MM-DD-AUDIENCE-KIND.EXT (not committed).",
)
@click.option(
    "--force",
    is_flag=True,
    help="With -o: replace FILE if it exists (a regular file, never a note).",
)
@click.option(
    "--paper",
    metavar="a4|letter",
    help="The PDF's paper [default: paper: in .coachkit.yaml, else Letter in a US or "
    "Canadian locale (LC_PAPER, LANG), else A4]. With --format html, the paper it asks "
    "to be printed on.",
)
@click.option("--dry-run", is_flag=True, help="List what the report would disclose; write nothing.")
@no_commit_option
def report(
    kind: str,
    audience: str,
    fmt: str | None,
    output: Path | None,
    force: bool,
    paper: str | None,
    dry_run: bool,
    no_commit: bool,
) -> None:
    """Write the plan, progress or closure report for the client or sponsor, and commit it.

    --kind plan is the development plan for the start: parties, the agreement's
    sharing terms, each goal with its measure, baseline, target, competency and
    stakeholders, the development actions shared with the reader (share:), the
    assessment summary and the review calendar. --kind progress, at mid-point:
    sessions and hours used against the contract, each goal's rounds as a trend
    and whether it is on track, action items agreed and done. --kind closure
    (the default): sessions and hours, each goal's final status and outcome,
    every round of stakeholder ratings, action items, the sustainment plan and
    the follow-ups. Only the client's closure report adds the public text of the
    session sections the template marks shareable (Reflection) and stakeholder
    comments. The sponsor never sees session content, and private sections and
    spans never appear in any report. A goal or action item shows only to those
    its share: allows (coach: nobody, client: the client, sponsor: both).

    Without -o the report goes to reports/ with a dated name (…-sponsor-plan.md,
    …-client-progress.html, …-sponsor-report.pdf for closure), its path is
    printed and it is committed, as a record of what was sent to whom.

    \b
    Examples:
      coachkit report --for client
      coachkit report --kind plan --for sponsor --format html
      coachkit report --kind progress --for client --format pdf -o ~/Desktop/jordan-lee.pdf
      coachkit report --format pdf --paper a4
      coachkit report --kind plan --for sponsor --dry-run
    """
    from coachkit.dates import today
    from coachkit.report.model import KIND_NAMES, check_audience, check_format, check_kind
    from coachkit.report.paper import check_paper
    from coachkit.report.render import dry_run as list_disclosures
    from coachkit.report.write import write_report

    check_kind(kind)
    check_audience(audience)
    if fmt is None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower(), "md") if output else "md"
    check_format(fmt)
    if paper is not None:
        check_paper(paper)
    root = engagement_root()
    if dry_run:
        disclosed = list(list_disclosures(root, audience, fmt, today(), kind))  # errors first
        name = "report" if kind == "closure" else KIND_NAMES[kind]
        click.echo(f"The {audience} {name} ({fmt}) would disclose:", err=True)
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
        kind=kind,
        paper=paper,
    )
    report_write(result)
