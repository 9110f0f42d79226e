"""Write a rendered report: a new dated file in ``reports/``, committed, or the ``-o`` file.

It holds the engagement's lock; nothing is written unless the whole report rendered.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachkit.errors import WriteRefused
from coachkit.report.model import DEFAULT_KIND, check_audience, check_format, check_kind
from coachkit.report.output import check_output, remove_if_empty, reports_folder
from coachkit.report.render import render_report
from coachkit.storage.atomic_write import create_file, replace_unchanged
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult
from coachkit.vocabulary import CLOSED_PHASES

EXTENSIONS = {"md": "md", "html": "html", "pdf": "pdf"}


def _report_path(folder: Path, audience: str, fmt: str, as_of: dt.date, kind: str) -> Path:
    """The first free dated name in ``folder`` (``…-report.md``, ``…-report-2.md``…).

    The closure report keeps its name, ``YYYY-MM-DD-AUDIENCE-report``; the others
    name their kind, ``YYYY-MM-DD-AUDIENCE-plan`` and ``YYYY-MM-DD-AUDIENCE-progress``.
    """
    base = f"{as_of.isoformat()}-{audience}-{'report' if kind == 'closure' else kind}"
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
    kind: str = DEFAULT_KIND,
    paper: str | None = None,
) -> WriteResult:
    """Write the report to ``reports/`` and commit it, or to ``output`` (not committed).

    Nothing is written unless the whole report rendered: a failed template or
    PDF print leaves no file behind, and no ``reports/`` this call would have
    made. ``output`` is checked before the report is built (to fail fast) and
    again right before it is written (see report_output).
    """
    check_audience(audience)
    check_format(fmt)
    check_kind(kind)
    if output is not None:
        check_output(output, force)
    else:
        reports_folder(root, make=False)
    plan = commit_plan(root, commit) if output is None else None
    rendered = render_report(root, audience, fmt, as_of, kind, paper)
    notes = [f"the report says: {line}" for line in rendered.report.missing]
    if kind == "closure" and rendered.report.phase not in CLOSED_PHASES:
        notes.append(
            f"the engagement is not closed (phase: {rendered.report.phase or 'none'}); "
            "`coachkit close` records the end date and each goal's final status"
        )
    if output is not None:
        _write_output(output, rendered.data, force)
        return WriteResult([output], notes=notes)
    folder, made = reports_folder(root)
    try:
        path = _report_path(folder, audience, fmt, as_of, kind)
        for _attempt in range(5):
            try:
                create_file(path, rendered.data)
                break
            except WriteRefused:
                if not (path.exists() or path.is_symlink()):
                    raise  # refused for another reason than a name taken meanwhile
                path = _report_path(folder, audience, fmt, as_of, kind)
        else:
            raise WriteRefused(f"{path}: could not find a free file name in {folder}")
    except BaseException:
        if made:
            remove_if_empty(folder)
        raise
    result = WriteResult([path], notes=notes)
    message = (
        f"Add the {audience} {rendered.report.kind_name} for {rendered.report.client} ({path.name})"
    )
    return finish(root, result, message, plan)


def _write_output(output: Path, data: bytes, force: bool) -> None:
    """Create ``output``, or with ``force`` replace it if it is a regular file and no note."""
    target, seen = check_output(output, force)
    if seen is None:
        create_file(target, data)
    else:
        replace_unchanged(target, data, seen)
