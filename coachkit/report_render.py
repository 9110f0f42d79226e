"""Render a report to Markdown, HTML or PDF, and write it where it belongs.

Markdown and HTML come from the templates ``report`` (``report.md.j2``) and
``report.html`` (``report.html.j2``), which a coach can override like any other.
A report template marks which session sections the client may see with a
top-level ``{% set shareable_sections = ["reflection"] %}``; it is read from the
template's source without running it, before the report is built.

A PDF is the HTML printed by headless Chromium: the same file the browser test
checks, with the same print CSS, and no extra Python dependency.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachkit.engagement_loader import load_engagement
from coachkit.engagement_lock import writes_engagement
from coachkit.errors import CoachkitError, TemplateError, WriteRefused
from coachkit.report_build import build_report, disclosures
from coachkit.report_model import DEFAULT_SHAREABLE, Report, check_audience, check_format
from coachkit.report_output import check_output, remove_if_empty, reports_folder
from coachkit.safe_write import create_file, replace_unchanged
from coachkit.template_lookup import find_template, render, template_text
from coachkit.write_result import WriteResult, commit_plan, finish

TEMPLATES = {"md": "report", "html": "report.html", "pdf": "report.html"}
EXTENSIONS = {"md": "md", "html": "html", "pdf": "pdf"}
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER_ENV = "COACHKIT_CHROMIUM"
INSTALL_HINT = (
    "--format pdf needs Chromium to print the HTML report: install it "
    "(Debian/Ubuntu: `apt-get install chromium`) or set COACHKIT_CHROMIUM to a "
    "Chromium or Chrome executable; or use --format html and print from a browser"
)
PDF_TIMEOUT = 120
CLOSED_PHASES = ("closure", "follow-up", "closed")


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


def markdown_cell(value: Any) -> str:
    """``value`` safe inside a Markdown table cell: one line, pipes escaped."""
    if value is None:
        return "-"
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|") or "-"


def build(root: Path, audience: str, fmt: str, as_of: dt.date) -> tuple[Report, str]:
    """Build the report for ``audience`` and render its Markdown or HTML text."""
    check_audience(audience)
    check_format(fmt)
    engagement = load_engagement(root)
    template = TEMPLATES[fmt]
    report = build_report(
        engagement, audience, as_of=as_of, shareable_sections=shareable_sections(template, root)
    )
    context = {
        "report": report,
        "shareable_sections": report.shareable_sections,
        "cell": markdown_cell,
    }
    return report, render(template, context, root)


def find_browser() -> str | None:
    """Chromium or Chrome: ``$COACHKIT_CHROMIUM``, else the first of BROWSERS on PATH."""
    chosen = os.environ.get(BROWSER_ENV)
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise CoachkitError(
                f"{BROWSER_ENV}={chosen!r} is not an executable; point it at Chromium or Chrome"
            )
        return found
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_command(browser: str, profile: Path, *args: str) -> list[str]:
    """A headless Chromium command line that leaves the user's own profile alone."""
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]


def html_to_pdf(html: str, browser: str) -> bytes:
    """Print ``html`` to PDF with headless Chromium; the PDF's bytes."""
    with tempfile.TemporaryDirectory(prefix="coachkit-pdf-") as folder:
        work = Path(folder)
        page, out = work / "report.html", work / "report.pdf"
        page.write_text(html, encoding="utf-8")
        command = browser_command(
            browser,
            work / "profile",
            # No header or footer: they would print the temporary file's path and the date.
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--print-to-pdf={out}",
            page.as_uri(),
        )
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=PDF_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            raise CoachkitError(
                f"{browser} did not print the PDF within {PDF_TIMEOUT} s; nothing was written"
            ) from None
        except OSError as exc:
            raise CoachkitError(f"{browser} could not be started: {exc.strerror}") from None
        data = out.read_bytes() if out.is_file() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF"):
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            why = lines[-1].strip() if lines else f"exit status {done.returncode}"
            raise CoachkitError(f"{browser} could not print the PDF ({why}); nothing was written")
        return data


def render_report(root: Path, audience: str, fmt: str, as_of: dt.date) -> RenderedReport:
    """The report rendered in ``fmt`` (md, html or pdf), ready to write."""
    check_audience(audience)
    check_format(fmt)
    browser = find_browser() if fmt == "pdf" else None
    if fmt == "pdf" and browser is None:
        raise CoachkitError(INSTALL_HINT)
    report, text = build(root, audience, fmt, as_of)
    data = html_to_pdf(text, browser) if browser else text.encode("utf-8")
    return RenderedReport(report, fmt, data)


def dry_run(root: Path, audience: str, fmt: str, as_of: dt.date) -> list[str]:
    """What the report would disclose, without writing (or printing a PDF)."""
    report, _text = build(root, audience, "md" if fmt == "md" else "html", as_of)
    return disclosures(report)


def _report_path(folder: Path, audience: str, fmt: str, as_of: dt.date) -> Path:
    """The first free dated name in ``folder`` (``…-report.md``, ``…-report-2.md``…)."""
    base = f"{as_of.isoformat()}-{audience}-report"
    path = folder / f"{base}.{EXTENSIONS[fmt]}"
    number = 2
    while path.exists() or path.is_symlink():
        path = folder / f"{base}-{number}.{EXTENSIONS[fmt]}"
        number += 1
    return path


@writes_engagement
def write_report(
    root: Path,
    audience: str,
    fmt: str,
    *,
    as_of: dt.date,
    output: Path | None = None,
    force: bool = False,
    commit: bool = True,
) -> WriteResult:
    """Write the report to ``reports/`` and commit it, or to ``output`` (not committed).

    Nothing is written unless the whole report rendered: a failed template or
    PDF print leaves no file behind, and no ``reports/`` this call would have
    made. ``output`` is checked before the report is built (to fail fast) and
    again right before it is written (see report_output).
    """
    check_audience(audience)
    check_format(fmt)
    if output is not None:
        check_output(output, force)
    plan = commit_plan(root, commit) if output is None else None
    rendered = render_report(root, audience, fmt, as_of)
    notes = [f"the report says: {line}" for line in rendered.report.missing]
    if rendered.report.phase not in CLOSED_PHASES:
        notes.append(
            f"the engagement is not closed (phase: {rendered.report.phase or 'none'}); "
            "`coachkit close` records the end date and each goal's final status"
        )
    if output is not None:
        _write_output(output, rendered.data, force)
        return WriteResult([output], notes=notes)
    folder, made = reports_folder(root)
    try:
        path = _report_path(folder, audience, fmt, as_of)
        for _attempt in range(5):
            try:
                create_file(path, rendered.data)
                break
            except WriteRefused:
                if not (path.exists() or path.is_symlink()):
                    raise  # refused for another reason than a name taken meanwhile
                path = _report_path(folder, audience, fmt, as_of)
        else:
            raise WriteRefused(f"{path}: could not find a free file name in {folder}")
    except BaseException:
        if made:
            remove_if_empty(folder)
        raise
    result = WriteResult([path], notes=notes)
    message = f"Add the {audience} report for {rendered.report.client} ({path.name})"
    return finish(root, result, message, plan)


def _write_output(output: Path, data: bytes, force: bool) -> None:
    """Create ``output``, or with ``force`` replace it if it is a regular file and no note."""
    target, seen = check_output(output, force)
    if seen is None:
        create_file(target, data)
    else:
        replace_unchanged(target, data, seen)
