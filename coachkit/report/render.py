"""Render a report to Markdown or HTML from its template, or to PDF through Chromium.

Markdown and HTML come from one pair of templates per kind, which a coach can
override like any other: ``report`` and ``report.html`` (the closure report),
``report-plan`` and ``report-plan.html``, ``report-progress`` and
``report-progress.html``.
A report template marks which session sections the client may see with a
top-level ``{% set shareable_sections = ["reflection"] %}``; it is read from the
template's source without running it, before the report is built. Writing the
result is :mod:`coachkit.report.write`; printing a PDF, :mod:`coachkit.report.pdf`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachkit.engagement.loader import load_engagement
from coachkit.errors import CoachkitError, TemplateError
from coachkit.notes.privacy import private_marker_in
from coachkit.report.build import build_report, disclosures
from coachkit.report.markdown_safe import inert_data
from coachkit.report.model import (
    DEFAULT_KIND,
    DEFAULT_SHAREABLE,
    Report,
    check_audience,
    check_format,
    check_kind,
)
from coachkit.report.paper import check_paper, default_paper, with_print_style
from coachkit.report.pdf import INSTALL_HINT, find_browser, html_to_pdf
from coachkit.templating.data import plain_data
from coachkit.templating.lookup import find_template, render, template_text

TEMPLATES = {"md": "report", "html": "report.html", "pdf": "report.html"}
# Each kind's template name stem: the closure report keeps the names it always had.
KIND_STEMS = {"closure": "report", "plan": "report-plan", "progress": "report-progress"}


def template_name(kind: str, fmt: str) -> str:
    """The template that renders ``kind`` in ``fmt``: ``report-plan.html`` for a plan's PDF."""
    return KIND_STEMS[check_kind(kind)] + TEMPLATES[fmt].removeprefix("report")


@dataclass
class RenderedReport:
    """A report built and rendered, not yet written."""

    report: Report
    fmt: str
    data: bytes


def shareable_sections(name: str, root: Path) -> list[str]:
    """The ``shareable_sections`` a report template sets at its top level, else the default."""
    import jinja2
    from jinja2 import nodes

    source = find_template(name, root)
    try:
        parsed = jinja2.Environment().parse(template_text(source))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{source.location}:{exc.lineno}: template error: {exc.message}"
        ) from None
    for node in parsed.body:
        if (
            isinstance(node, nodes.Assign)
            and isinstance(node.target, nodes.Name)
            and node.target.name == "shareable_sections"
        ):
            value = None
            if isinstance(node.node, nodes.Expr):
                try:
                    value = node.node.as_const()
                except nodes.Impossible:
                    value = None
            if not isinstance(value, (list, tuple)) or not all(
                isinstance(item, str) for item in value
            ):
                raise TemplateError(
                    f"{source.location}:{node.lineno}: shareable_sections must be a list of "
                    'section headings, e.g. ["reflection", "insights"]'
                )
            return [item.strip().lower() for item in value]
    return list(DEFAULT_SHAREABLE)


def build(
    root: Path, audience: str, fmt: str, as_of: dt.date, kind: str = DEFAULT_KIND
) -> tuple[Report, str]:
    """Build the ``kind`` of report for ``audience`` and render its Markdown or HTML text."""
    check_audience(audience)
    check_format(fmt)
    engagement = load_engagement(root)
    template = template_name(kind, fmt)
    report = build_report(
        engagement,
        audience,
        as_of=as_of,
        shareable_sections=shareable_sections(template, root),
        kind=kind,
    )
    data = report_data(report)
    context = {
        # Markdown has no autoescape: raw HTML and unsafe links typed in a note go inert.
        "report": inert_data(data) if fmt == "md" else data,
        "shareable_sections": list(report.shareable_sections),
    }
    text = render(template, context, root)
    leftover = private_marker_in(text)
    if leftover is not None:
        # The last safeguard, on the rendered page before any comment is stripped: every
        # text reached the template through privacy.disclose, so this is a template's doing.
        source = find_template(template, root).location
        raise TemplateError(
            f"{source}: the rendered report holds a private marker ({leftover!r}); "
            "nothing was written"
        )
    return report, text


def report_data(report: Report) -> dict[str, Any]:
    """``report`` as the plain data a template sees, paths relative to the engagement.

    A goal's ``group_in(round, name)`` method becomes data: ``group_rows``, one row per
    group with its figures in the baseline (``first``) and final (``last``) round.
    """
    data: dict[str, Any] = plain_data(report, report.root)
    for goal, shown in zip(report.goals, data["goals"], strict=True):
        shown["group_rows"] = [
            {
                "name": name,
                "first": plain_data(goal.group_in(goal.first_round, name)),
                "last": plain_data(goal.group_in(goal.last_round, name)),
            }
            for name in goal.group_names
        ]
    return data


def render_report(
    root: Path,
    audience: str,
    fmt: str,
    as_of: dt.date,
    kind: str = DEFAULT_KIND,
    paper: str | None = None,
) -> RenderedReport:
    """The ``kind`` of report rendered in ``fmt`` (md, html or pdf), ready to write.

    ``paper`` (a4 or letter) is the printed page's size: a PDF without one takes
    :func:`default_paper`; an HTML file without one leaves it to the printer. HTML and
    PDF get the footer (the client's name, "page X of Y") on every printed page.
    """
    check_audience(audience)
    check_format(fmt)
    check_kind(kind)
    if paper is not None:
        paper = check_paper(paper)
    elif fmt == "pdf":
        paper = default_paper(root)
    browser = find_browser() if fmt == "pdf" else None
    if fmt == "pdf" and browser is None:
        raise CoachkitError(INSTALL_HINT)
    report, text = build(root, audience, fmt, as_of, kind)
    if fmt != "md":
        text = with_print_style(text, report.client, paper)
    data = html_to_pdf(text, browser) if browser else text.encode("utf-8")
    return RenderedReport(report, fmt, data)


def dry_run(
    root: Path, audience: str, fmt: str, as_of: dt.date, kind: str = DEFAULT_KIND
) -> list[str]:
    """What the ``kind`` of report would disclose, without writing (or printing a PDF)."""
    report, _text = build(root, audience, "md" if fmt == "md" else "html", as_of, kind)
    return disclosures(report)
