"""Done dates from git history: the fix of ``action-done-without-date``.

An action item that is ``status: done`` without a ``done:`` date was done on the
day its status became done, and git knows that day. For each such item this
module reads every committed version of its file, oldest first (one ``git log``
for all the notes, renames followed as ``--follow`` would:
:mod:`coachkit.lint.git_history`, so a renamed note keeps its history), finds the item by its id in
each version, and takes the commit date (committer date, ``YYYY-MM-DD``) of the
first commit of the item's last unbroken run of ``status: done`` versions: the
commit in which it was marked done, or the one that created it already done. If
that run's last committed version still holds a ``done:`` date (the line was
removed since), that date is restored instead.

The edit is exactly what :func:`coachkit.notes.front_matter_edit.set_fields` writes
(the ``done:`` line added after the item's last line, with the item's
indentation and the file's line ending), turned into a
:class:`~coachkit.lint.finding.TextEdit` so that it goes through the lint fixer
like any other fix.

No git, no repository, a file never committed, an item with no id, or an item
whose done status was never committed: no edit, and the reason says why. A date
is never made up. Only ``--fix`` and ``--diff`` use this module; a plain lint run
never starts git.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, SequenceNode

from coachkit.errors import CoachkitError, NoteError
from coachkit.lint.finding import Finding, TextEdit
from coachkit.lint.git_history import FileHistories, NoHistory, Revision
from coachkit.notes.front_matter_edit import mapping_get, open_for_edit, set_fields
from coachkit.notes.located_map import LocatedMap
from coachkit.notes.reader import parse_note

RULE = "action-done-without-date"


class NoDoneDate(Exception):
    """Why an item gets no done date from git (the message is shown to the coach)."""


@dataclass(frozen=True)
class Version:
    """One committed version of a file: its commit, the commit date, its front matter.

    ``meta`` is None when the file is absent from that commit; ``readable`` is
    False when it is there but does not parse.
    """

    sha: str
    date: dt.date
    meta: LocatedMap | None
    readable: bool = True


@dataclass(frozen=True)
class DoneDate:
    """The date an item became done, and the commit that shows it."""

    date: dt.date
    sha: str


def needs_history(finding: Finding) -> bool:
    """True for a finding whose fix must be looked up in git history."""
    return finding.rule == RULE and not finding.edits


class GitHistory:
    """Committed versions of the notes one fix run reads, as front matter.

    :meth:`read` asks git once per repository for every note given
    (:class:`~coachkit.lint.git_history.FileHistories`); each version is parsed once.
    """

    def __init__(self, paths: Iterable[Path] = ()) -> None:
        self._histories = FileHistories()
        self._histories.read(paths)
        self._versions: dict[Path, list[Version] | NoDoneDate] = {}

    def versions(self, path: Path) -> list[Version]:
        """Every committed version of ``path``, oldest first; raises :class:`NoDoneDate`."""
        path = path.resolve()
        cached = self._versions.get(path)
        if cached is None:
            try:
                cached = [_version(path, r) for r in self._histories.revisions(path)]
            except NoHistory as exc:
                where = "from git" if exc.from_git else "in git history"
                cached = NoDoneDate(f"no done date {where}: {exc}")
            self._versions[path] = cached
        if isinstance(cached, NoDoneDate):
            raise cached
        return cached


def _version(path: Path, revision: Revision) -> Version:
    if revision.data is None:  # the file was deleted (or is not a file) in that commit
        return Version(revision.sha, revision.date, None)
    try:
        meta = parse_note(path, revision.data).meta
    except NoteError:
        return Version(revision.sha, revision.date, None, readable=False)
    return Version(revision.sha, revision.date, meta)


def _entry(meta: LocatedMap, item_id: str) -> Any:
    """The first action item of ``meta`` with ``item_id`` (case ignored), or None."""
    items = meta.get("actions")
    if not isinstance(items, list):
        return None
    for entry in items:
        if isinstance(entry, dict) and str(entry.get("id") or "").lower() == item_id.lower():
            return entry
    return None


def done_since(versions: Sequence[Version], item_id: str) -> DoneDate:
    """When the item became done for the last time, per ``versions`` (oldest first).

    A version where the file does not parse changes nothing; one where the item is
    missing or not done ends a run of done versions. Raises :class:`NoDoneDate`
    when the item is not done in the file's last readable committed version.
    """
    since: DoneDate | None = None
    written: Any = None
    ever_done = False
    for version in versions:
        if not version.readable:
            continue
        entry = _entry(version.meta, item_id) if version.meta is not None else None
        if entry is not None and str(entry.get("status") or "open") == "done":
            ever_done = True
            if since is None:
                since = DoneDate(version.date, version.sha)
            written = entry.get("done")
        else:
            since, written = None, None
    if since is not None:
        return DoneDate(written, since.sha) if isinstance(written, dt.date) else since
    if ever_done:
        raise NoDoneDate(
            "no done date in git history: the item is not done in the last commit of this file; "
            "commit it, then run again"
        )
    raise NoDoneDate("no done date in git history: the item was never committed as done")


def _derive_edit(offset: int, old: str, new: str) -> TextEdit:
    """The one edit that turns ``old`` into ``new``, in whole lines, at ``offset`` + its place."""
    old_lines, new_lines = _lines(old), _lines(new)
    head = 0
    while head < min(len(old_lines), len(new_lines)) and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while (
        tail < min(len(old_lines), len(new_lines)) - head
        and old_lines[-1 - tail] == new_lines[-1 - tail]
    ):
        tail += 1
    start = offset + sum(len(line) for line in old_lines[:head])
    return TextEdit(
        start,
        "".join(old_lines[head : len(old_lines) - tail]),
        "".join(new_lines[head : len(new_lines) - tail]),
    )


def _lines(text: str) -> list[str]:
    """``text`` split after each ``\\n`` (a ``\\r`` stays with its line)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _item_locator(index: int) -> Any:
    def locate(root: MappingNode) -> MappingNode:
        found = mapping_get(root, "actions")
        if found is None or not isinstance(found[1], SequenceNode):
            raise NoDoneDate("the file changed since lint read it; run `coachkit lint` again")
        node = found[1].value[index]
        if not isinstance(node, MappingNode):
            raise NoDoneDate("the file changed since lint read it; run `coachkit lint` again")
        return node

    return locate


def add_done_dates(
    path: Path, data: bytes, findings: Sequence[Finding], history: GitHistory
) -> tuple[list[Finding], list[tuple[Finding, str]]]:
    """``findings`` of one file with a done-date edit attached where git history has one.

    ``data`` is the file as the fixer read it; the edits are offsets into its
    decoded text. Returns the findings to fix (others unchanged) and the
    done-date findings left unfixed, each with the reason.
    """
    wanted = [f for f in findings if needs_history(f)]
    if not wanted:
        return list(findings), []
    try:
        note = open_for_edit(path)
        if note.original != data:
            raise NoDoneDate("the file changed since lint read it; run `coachkit lint` again")
        items = note.data().get("actions")
    except (CoachkitError, NoDoneDate) as exc:
        return [f for f in findings if not needs_history(f)], [(f, str(exc)) for f in wanted]
    if not isinstance(items, list):
        items = []
    original = note.yaml_text
    fixed: dict[Finding, Finding] = {}
    unfixed: list[tuple[Finding, str]] = []
    for finding in wanted:
        try:
            note.yaml_text = original
            index, item_id = _find_item(items, finding)
            done = done_since(history.versions(path), item_id)

            def mutate(expected: Any, index: int = index, day: dt.date = done.date) -> None:
                expected["actions"][index]["done"] = day

            set_fields(note, _item_locator(index), {"done": done.date}, mutate)
        except (CoachkitError, NoDoneDate) as exc:
            unfixed.append((finding, str(exc)))
            continue
        edit = _derive_edit(len(note.before), original, note.yaml_text)
        fixed[finding] = dataclasses.replace(finding, edits=(edit,))
    note.yaml_text = original
    kept = [fixed.get(f, f) for f in findings if not needs_history(f) or f in fixed]
    return kept, unfixed


def _find_item(items: list[Any], finding: Finding) -> tuple[int, str]:
    """The index and id of the item the finding points at; raises :class:`NoDoneDate`."""
    for index, entry in enumerate(items):
        if isinstance(entry, LocatedMap) and (entry.line, entry.column) == (
            finding.line,
            finding.column,
        ):
            item_id = str(entry.get("id") or "")
            if not item_id:
                raise NoDoneDate("the item has no id, so its history cannot be followed")
            same = [e for e in items if isinstance(e, dict) and _same_id(e, item_id)]
            if len(same) > 1:
                raise NoDoneDate(
                    f"another item in this file has id {item_id}; give each item its own id first"
                )
            return index, item_id
    raise NoDoneDate("the file changed since lint read it; run `coachkit lint` again")


def _same_id(entry: dict[str, Any], item_id: str) -> bool:
    return str(entry.get("id") or "").lower() == item_id.lower()
