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
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachkit.engagement.loader import load_engagement
from coachkit.errors import CoachkitError, TemplateError, WriteRefused
from coachkit.notes.privacy import private_marker_in
from coachkit.report.build import build_report, disclosures
from coachkit.report.model import DEFAULT_SHAREABLE, Report, check_audience, check_format
from coachkit.report.output import check_output, remove_if_empty, reports_folder
from coachkit.storage.atomic_write import create_file, replace_unchanged
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult, commit_plan, finish
from coachkit.templating.data import plain_data
from coachkit.templating.filters import cell
from coachkit.templating.lookup import find_template, render, template_text

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
    """``value`` safe inside a Markdown table cell (the ``cell`` filter templates use)."""
    return cell(value)


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
        "report": report_data(report),
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
    """A headless Chromium command line that leaves the user's own profile alone.

    It has no network: host names resolve to nothing, every request goes to a proxy
    that does not exist (loopback included), and nothing runs in the background.
    Local files and scripts are kept out by the page's policy (see sealed_page);
    Chromium's own printing needs scripts on, so they are not switched off here.
    """
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={profile}",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        *args,
    ]


# Nothing may load: no frame, object, script, style sheet, font or image from a file or
# the network. Inline styles and data: images and fonts are all a report needs.
PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
_DOCTYPE = re.compile(r"\A(\ufeff?\s*<!doctype[^>]*>)?", re.I)
_HTTP_EQUIV = re.compile(r"http-equiv", re.I)


def sealed_page(html: str) -> str:
    """``html`` with PAGE_POLICY as its very first element, so it covers everything after.

    A template could reach a private file through Chromium (``<iframe src="file:///…">``
    prints the file into the PDF). The policy blocks every load; ``<meta http-equiv>``
    is refused, since a refresh could navigate away and no policy governs that.
    """
    if _HTTP_EQUIV.search(html):
        raise CoachkitError(
            "the report's HTML has a <meta http-equiv> (it could send the browser to another "
            "page); take it out of the report.html template; nothing was written"
        )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{PAGE_POLICY}">'
    found = _DOCTYPE.match(html)
    at = found.end() if found else 0
    return html[:at] + meta + html[at:]


def html_to_pdf(html: str, browser: str) -> bytes:
    """Print ``html`` to PDF with headless Chromium; the PDF's bytes.

    The page can load nothing (see :func:`sealed_page`) and the browser has no
    network (see :func:`browser_command`): the PDF holds only what the HTML holds.
    """
    with tempfile.TemporaryDirectory(prefix="coachkit-pdf-") as folder:
        work = Path(folder)
        page, out = work / "report.html", work / "report.pdf"
        page.write_text(sealed_page(html), encoding="utf-8")
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
    else:
        reports_folder(root, make=False)
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
