"""Apply the safe fixes that lint rules attach to their findings.

A fix is only ever a rule's :class:`~coachkit.lint.finding.TextEdit`: this
module never makes up content. Each file is read again, every edit is checked
against the text it expects to replace, the edits are applied from the last to
the first, and the result must still parse strictly before it replaces the file
atomically. Everything else in the file (line endings, the BOM, comments, the
body) stays byte for byte as it was. A file whose text moved on since lint read
it is refused, with a message, and left alone.

``action-done-without-date`` findings carry no edit (a plain lint run never
starts git); here their edit is looked up in git history by
:mod:`coachkit.lint.done_dates`, from the same bytes the fix is applied to, the
history of every such file read at once (one ``git log`` per repository). A
finding git has no date for is left alone, with a line saying why.
"""

from __future__ import annotations

import difflib
import itertools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coachkit.errors import NoteError, WriteRefused
from coachkit.lint.done_dates import GitHistory, add_done_dates, needs_history
from coachkit.lint.finding import Finding, TextEdit
from coachkit.lint.output_formats import display_path
from coachkit.notes.reader import BOM, decode, parse_note
from coachkit.storage.atomic_write import create_file, replace_file
from coachkit.storage.commits import CommitOutcome, commit_plan, finish
from coachkit.storage.git_calls import is_tracked
from coachkit.storage.lock import engagement_lock
from coachkit.storage.write_result import FileEdit, WriteResult


@dataclass
class FileFix:
    """The new bytes of one file and the findings they fix; ``rename_to``: its new name
    (a renumbered goal or session, :mod:`coachkit.lint.renumber`)."""

    path: Path
    before: bytes
    after: bytes
    findings: list[Finding]
    rename_to: Path | None = None


@dataclass
class FixOutcome:
    """What ``fix_findings`` changed (or, with ``write=False``, would change).

    ``changes`` has one line per fixed finding, ``refused`` one line per file
    that was left alone and per done date git history could not give,
    ``results`` one write result (with its commit) per engagement, and ``diff``
    the unified diff of every change.
    """

    paths: list[Path] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    results: list[WriteResult] = field(default_factory=list)
    diff: str = ""
    fixed: int = 0


def commit_message(findings: Iterable[Finding]) -> str:
    """``Fix lint findings: rule-a, rule-b`` (rule names sorted, each once)."""
    return "Fix lint findings: " + ", ".join(sorted({f.rule for f in findings}))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, min(offset, len(text))) + 1


def _ordered_edits(path: Path, text: str, findings: Sequence[Finding]) -> list[TextEdit]:
    """Every distinct edit, first offset first; raises WriteRefused on a stale or overlapping one."""
    owners: dict[TextEdit, Finding] = {}
    for finding in findings:
        for edit in finding.edits:
            owners.setdefault(edit, finding)
    edits = sorted(owners, key=lambda e: (e.offset, len(e.old)))
    for edit in edits:
        end = edit.offset + len(edit.old)
        if edit.offset < 0 or text[edit.offset : end] != edit.old:
            raise WriteRefused(
                f"{path}:{_line_of(text, edit.offset)}: not fixed: the file no longer holds {edit.old!r} "
                f"where {owners[edit].rule} found it; run `coachkit lint` again"
            )
    for first, second in itertools.pairwise(edits):
        if second.offset < first.offset + len(first.old) or (
            second.offset == first.offset and not first.old
        ):
            raise WriteRefused(
                f"{path}:{_line_of(text, second.offset)}: not fixed: the fixes of {owners[first].rule} and "
                f"{owners[second].rule} overlap; fix one by hand, then run again"
            )
    return edits


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise WriteRefused(f"{path}: not fixed: cannot read it ({exc.strerror})") from None


def fix_file(
    path: Path, findings: Sequence[Finding], before: bytes | None = None
) -> FileFix | None:
    """The file with every edit of ``findings`` applied; None when nothing changes.

    ``before`` is the file's content when the caller has read it already (the
    edits were made for those bytes). Raises :class:`WriteRefused` when the file
    cannot be read, an edit no longer matches, edits overlap, or the result
    would not parse.
    """
    if before is None:
        before = _read(path)
    try:
        text, has_bom = decode(path, before)
    except NoteError as exc:
        raise WriteRefused(f"{exc}; not fixed") from None
    edits = _ordered_edits(path, text, findings)
    for edit in reversed(edits):
        text = text[: edit.offset] + edit.new + text[edit.offset + len(edit.old) :]
    after = ((BOM if has_bom else "") + text).encode("utf-8")
    if after == before:
        return None
    try:
        parse_note(path, after)
    except NoteError as exc:
        raise WriteRefused(
            f"{path}: not fixed: the fix would leave the file unreadable ({exc.problem} at line {exc.line}); "
            "fix it by hand"
        ) from None
    return FileFix(path, before, after, list(findings))


def plan_fixes(
    findings: Iterable[Finding], base: Path | None = None
) -> tuple[list[FileFix], list[str]]:
    """The fixes of every fixable finding, grouped by file, and why any file was refused.

    Done dates are looked up in git history here (only when such a finding is
    fixed); a finding without one is reported in the refused lines, its path
    shown relative to ``base`` when given.
    """
    by_file: dict[Path, list[Finding]] = {}
    for finding in findings:
        if finding.edits or needs_history(finding):
            by_file.setdefault(finding.path, []).append(finding)
    planned: list[FileFix] = []
    refused: list[str] = []
    dated = [path for path, found in by_file.items() if any(needs_history(f) for f in found)]
    history = GitHistory(dated) if dated else None  # one git log for all of them
    for path in sorted(by_file, key=str):
        try:
            before = _read(path)
            wanted = by_file[path]
            if history is not None and path in dated:
                wanted, unfixed = add_done_dates(path, before, wanted, history)
                refused.extend(_not_fixed(f, why, base) for f, why in unfixed)
            fixed = fix_file(path, wanted, before) if wanted else None
        except WriteRefused as exc:
            refused.append(str(exc))
            continue
        if fixed is not None:
            planned.append(fixed)
    return planned, refused


def _not_fixed(finding: Finding, why: str, base: Path | None) -> str:
    """``sessions/01.md:12:5: action-done-without-date: not fixed: <why>``."""
    shown = display_path(finding.path, base) if base is not None else str(finding.path)
    return f"{shown}:{finding.line}:{finding.column}: {finding.rule}: not fixed: {why}"


def describe_change(finding: Finding, base: Path) -> str:
    """``goals/G1.md:5:14: date-not-iso: '2026-3-5' -> '2026-03-05'``."""
    parts = []
    for edit in finding.edits:
        if edit.old and edit.new:
            parts.append(f"{edit.old!r} -> {edit.new!r}")
        elif edit.new:
            parts.append(f"inserted {edit.new.strip() or edit.new!r}")
        else:
            parts.append(f"removed {edit.old.strip() or edit.old!r}")
    where = f"{display_path(finding.path, base)}:{finding.line}:{finding.column}"
    return f"{where}: {finding.rule}: {', '.join(parts)}"


def _diff_lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def unified_diff(fixes: Sequence[FileFix], base: Path) -> str:
    """A unified diff (``a/…``, ``b/…``) of every planned fix."""
    chunks: list[str] = []
    for fix in fixes:
        shown = display_path(fix.path, base).replace(os.sep, "/")
        renamed = display_path(fix.rename_to or fix.path, base).replace(os.sep, "/")
        old = decode(fix.path, fix.before)[0]
        new = decode(fix.path, fix.after)[0]
        if fix.rename_to is not None and old == new:
            chunks.append(f"rename from {shown}\nrename to {renamed}\n")
        chunks.extend(
            difflib.unified_diff(
                _diff_lines(old), _diff_lines(new), fromfile=f"a/{shown}", tofile=f"b/{renamed}"
            )
        )
    return "".join(chunks)


def _root_of(path: Path, roots: Sequence[Path]) -> Path:
    """The engagement holding ``path`` (the deepest root above it)."""
    absolute = Path(os.path.abspath(path))
    holding = [r for r in roots if absolute.is_relative_to(os.path.abspath(r))]
    return (
        max(holding, key=lambda r: len(Path(os.path.abspath(r)).parts)) if holding else path.parent
    )


def fix_findings(
    findings: Iterable[Finding],
    roots: Sequence[Path],
    base: Path,
    write: bool = True,
    commit: bool = True,
) -> FixOutcome:
    """Apply the safe fixes of ``findings``; with ``write=False`` only describe them.

    Written files are committed per engagement (``roots``), exactly those files,
    with the message :func:`commit_message`. Whether to commit is decided for
    every engagement before the first write, so a broken ``.coachkit.yaml``
    stops the command before anything changes.
    """
    from coachkit.lint.renumber import renumber

    findings = list(findings)
    renumbering = renumber(findings, roots)
    fixes, refused = plan_fixes([*findings, *renumbering.findings], base)
    fixes = _with_renames(fixes, renumbering.renames, refused)
    outcome = FixOutcome(refused=[*refused, *renumbering.left])
    if not write:
        outcome.paths = [fix.rename_to or fix.path for fix in fixes]
        outcome.changes = [line for fix in fixes for line in _changes(fix, base)]
        outcome.fixed = len(outcome.changes)
        outcome.diff = unified_diff(fixes, base)
        return outcome
    by_root: dict[Path, list[FileFix]] = {}
    for fix in fixes:
        by_root.setdefault(_root_of(fix.path, roots), []).append(fix)
    plans = {root: commit_plan(root, commit) for root in by_root}
    for root, root_fixes in by_root.items():
        with engagement_lock(root):
            _write_and_commit(root, root_fixes, plans[root], base, outcome)
    return outcome


def _with_renames(
    fixes: list[FileFix], renames: dict[Path, Path], refused: list[str]
) -> list[FileFix]:
    """``fixes`` with each renamed file's new name, and a fix for a file only renamed."""
    by_path = {fix.path: fix for fix in fixes}
    for old, new in renames.items():
        fix = by_path.get(old)
        if fix is None:
            try:
                data = _read(old)
            except WriteRefused as exc:
                refused.append(str(exc))
                continue
            fix = by_path[old] = FileFix(old, data, data, [])
            fixes.append(fix)
        fix.rename_to = new
    return fixes


def _changes(fix: FileFix, base: Path) -> list[str]:
    """One line per fixed finding, and one for the file's new name."""
    lines = [describe_change(f, base) for f in fix.findings]
    if fix.rename_to is not None:
        lines.append(
            f"{display_path(fix.path, base)}: renamed to {display_path(fix.rename_to, base)}"
        )
    return lines


def _rename(fix: FileFix, target: Path) -> None:
    """Write the fixed file under its new name and remove the old one (only if unchanged)."""
    if _read(fix.path) != fix.before:
        raise WriteRefused(f"{fix.path}: not fixed: the file changed since lint read it; run again")
    create_file(target, fix.after)
    fix.path.unlink()


def _write_and_commit(
    root: Path, fixes: list[FileFix], plan: CommitOutcome | None, base: Path, outcome: FixOutcome
) -> None:
    """Write one engagement's fixed files (each only if unchanged since read) and commit them.

    A renamed file is committed as git records a ``git mv``: the old path removed
    and the new one added, in the same commit.
    """
    written: list[FileFix] = []
    for fix in fixes:
        try:
            if fix.rename_to is not None:
                _rename(fix, fix.rename_to)
            else:
                replace_file(fix.path, fix.after, fix.before)
        except WriteRefused as exc:
            outcome.refused.append(f"{exc}")
            continue
        written.append(fix)
    if not written:
        return
    changes = [line for fix in written for line in _changes(fix, base)]
    outcome.changes.extend(changes)
    outcome.fixed += len(changes)
    outcome.paths.extend(fix.rename_to or fix.path for fix in written)
    committed = [fix.path for fix in written if fix.rename_to is None]
    for fix in written:
        if fix.rename_to is not None:
            committed.extend(
                p for p in (fix.path, fix.rename_to) if p == fix.rename_to or is_tracked(p)
            )
    result = WriteResult(
        committed,
        data={"changes": changes},
        edits={
            fix.path: FileEdit(fix.before, fix.after) for fix in written if fix.rename_to is None
        },
    )
    message = commit_message(f for fix in written for f in fix.findings)
    outcome.results.append(finish(root, result, message, plan))
