"""Lint findings as text, JSON, GitHub workflow commands or SARIF 2.1.0.

Every renderer returns the whole output as one string ending in a newline (or
an empty string when there is nothing to print). Paths are shown relative to
``base`` (the current folder) when the file lies below it; JSON always gives
absolute paths, like every other coachkit listing. GitHub annotations are the
exception: GitHub places them by the path from the checkout's top, so they are
relative to ``GITHUB_WORKSPACE``, else to the repository's top, wherever lint
ran. SARIF URIs are percent-encoded, so a folder named ``Acme #2 (50% off)``
still makes a valid URI reference. Colour is not decided here:
the text renderer takes an optional ``paint`` callback that the command line
passes only on a terminal.
"""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from coachkit import __version__
from coachkit.json_output import json_text
from coachkit.lint.finding import Finding, Rule
from coachkit.lint.runner import LintReport

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
# Where coachkit and its lint rules are documented, for SARIF's informationUri and
# each rule's helpUri (docs/lint.md lists every rule under "Rules").
HOMEPAGE = "https://github.com/coachkit/coachkit"
RULES_HELP = f"{HOMEPAGE}/blob/main/docs/lint.md#rules"
SARIF_VERSION = "2.1.0"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}

Paint = Callable[[str, str], str]


def display_path(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` when it lies below it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(os.path.abspath(base)))
    except ValueError:
        pass
    try:
        return str(absolute.resolve().relative_to(base.resolve()))
    except (ValueError, OSError):
        return str(absolute)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def summary_line(report: LintReport) -> str:
    """``2 errors, 1 warning, 0 info in 6 files``."""
    counts = ", ".join(
        _plural(report.count(level), level) for level in ("error", "warning", "info")
    )
    return f"{counts} in {_plural(report.files, 'file')}"


def _no_paint(text: str, severity: str) -> str:
    return text


def render_text(report: LintReport, base: Path, paint: Paint | None = None) -> str:
    """``path:line:col: severity rule-name message`` per finding, then the summary line.

    ``paint(text, severity)`` may colour the severity word and the summary.
    """
    style = paint or _no_paint
    lines = [
        f"{display_path(f.path, base)}:{f.line}:{f.column}: {style(f.severity, f.severity)} {f.rule} {f.message}"
        for f in report.findings
    ]
    worst = next((level for level in ("error", "warning", "info") if report.count(level)), "")
    lines.append(style(summary_line(report), worst) if worst else summary_line(report))
    return "\n".join(lines) + "\n"


def finding_record(finding: Finding) -> dict[str, object]:
    """The stable JSON record of one finding (docs/json.md), with an absolute path."""
    record = finding.as_dict()
    record["path"] = os.path.abspath(finding.path)
    return record


def render_json(report: LintReport) -> str:
    """A JSON array of finding records, indented by two spaces."""
    return json_text([finding_record(f) for f in report.findings]) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_root(base: Path, environ: Mapping[str, str]) -> Path:
    """The folder GitHub annotation paths start from: ``GITHUB_WORKSPACE`` (the
    checkout in a workflow), else the top of the repository holding ``base``, else
    ``base`` itself."""
    workspace = environ.get("GITHUB_WORKSPACE", "")
    if workspace:
        return Path(workspace)
    from coachkit.storage.git_calls import repository_top

    return repository_top(base) or base


def render_github(report: LintReport, root: Path) -> str:
    """One GitHub Actions workflow command per finding (``::error file=…::message``),
    with paths relative to ``root`` (see :func:`annotation_root`)."""
    lines = []
    for f in report.findings:
        properties = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (
                ("file", display_path(f.path, root).replace(os.sep, "/")),
                ("line", str(f.line)),
                ("col", str(f.column)),
                ("title", f.rule),
            )
        )
        lines.append(f"::{GITHUB_COMMANDS[f.severity]} {properties}::{_escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)


def _documentation(rule: Rule) -> str:
    """The rule's docstring without the indentation Python leaves in it."""
    return inspect.cleandoc(rule.doc)


def _artifact_location(path: Path, base: Path) -> dict[str, str]:
    """A ``file://`` URI for a file outside ``base``, else a relative reference from
    ``%SRCROOT%``; both percent-encoded (a space, ``#`` or ``%`` in a folder name
    would otherwise end or break the URI)."""
    shown = display_path(path, base)
    if Path(shown).is_absolute():
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown.replace(os.sep, "/"), safe="/"), "uriBaseId": "%SRCROOT%"}


def sarif_log(report: LintReport, rules: Sequence[Rule], base: Path) -> dict[str, Any]:
    """The SARIF 2.1.0 log: one run, every rule's metadata, one result per finding."""
    index = {rule.code: position for position, rule in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": "coachkit",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": HOMEPAGE,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": _documentation(rule)},
                "help": {"text": _documentation(rule), "markdown": _documentation(rule)},
                "helpUri": RULES_HELP,
                "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
            }
            for rule in rules
        ],
    }
    results = []
    for f in report.findings:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": SARIF_LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": _artifact_location(f.path, base),
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        results.append(result)
    base_uri = Path(os.path.abspath(base)).as_uri().rstrip("/") + "/"
    run = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": base_uri}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render_sarif(report: LintReport, rules: Sequence[Rule], base: Path) -> str:
    """The SARIF log as indented JSON."""
    return json.dumps(sarif_log(report, rules, base), indent=2, ensure_ascii=False) + "\n"


def render(
    report: LintReport, fmt: str, rules: Sequence[Rule], base: Path, paint: Paint | None = None
) -> str:
    """``report`` in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return render_json(report)
    if fmt == "github":
        return render_github(report, annotation_root(base, os.environ))
    if fmt == "sarif":
        return render_sarif(report, rules, base)
    if fmt == "text":
        return render_text(report, base, paint)
    raise ValueError(f"unknown lint format {fmt!r}")
