"""Merge one note three ways: the front matter by structure, the body by git's text merge.

The result starts from our file: our BOM, our ``---`` lines, our front matter with
their changes applied (:mod:`coachkit.merging.front_matter_merge`), then the body
as ``git merge-file`` merges it. Whatever cannot be merged by structure (a side
whose front matter does not parse, a note without front matter) is merged as text
by ``git merge-file`` alone, and the driver says why in one line. A binary file is
refused: nothing can be merged, so ours stays as it was for git to mark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.errors import CoachkitError, NoteError
from coachkit.merging.conflict_markers import mark_conflicts
from coachkit.merging.front_matter_merge import merge_front_matter
from coachkit.notes.front_matter_edit import EditableNote
from coachkit.notes.reader import BOM, decode, parse_front_matter, parse_note, split_front_matter
from coachkit.storage.git_merge import merge_text


@dataclass
class MergedNote:
    """The merged bytes, the conflicts left marked in them (in words), and why the
    note was merged as plain text (None when merged by structure)."""

    data: bytes
    conflicts: list[str] = field(default_factory=list)
    as_text_because: str | None = None


@dataclass
class _Side:
    data: bytes
    has_bom: bool
    before: str
    yaml_text: str
    closing: str
    body: str
    newline: str
    meta: Any

    @classmethod
    def read(cls, name: Path, data: bytes) -> _Side:
        text, has_bom = decode(name, data)
        split = split_front_matter(name, text)
        if split is None:
            return cls(data, has_bom, "", "", "", text, "\n", None)
        yaml_text = text[split.yaml_start : split.yaml_end]
        return cls(
            data,
            has_bom,
            text[: split.yaml_start],
            yaml_text,
            text[split.yaml_end : split.body_start],
            text[split.body_start :],
            split.newline,
            parse_front_matter(name, yaml_text),
        )


def merge_note(base: bytes, ours: bytes, theirs: bytes, name: Path) -> MergedNote:
    """Merge ``theirs`` into ``ours`` (``base`` their common ancestor; empty when both
    added the note). ``name`` is the note's path, for messages."""
    for side, data in (("ours", ours), ("theirs", theirs), ("base", base)):
        if b"\0" in data:
            raise CoachkitError(
                f"{name}: {side} is a binary file, not a note; ours is kept as it was "
                f"(theirs: `git checkout --theirs -- {name}`)"
            )
    sides = []
    for side, data in (("base", base), ("ours", ours), ("theirs", theirs)):
        try:
            sides.append(_Side.read(name, data))
        except NoteError as exc:
            where = f"{exc.line}:{exc.column}: " if exc.line else ""
            return _as_text(base, ours, theirs, f"{side} does not parse ({where}{exc.problem})")
    old, mine, their = sides
    if mine.meta is None or their.meta is None:
        return _as_text(base, ours, theirs, None)
    try:
        return _by_structure(old, mine, their, name)
    except (CoachkitError, ValueError) as exc:
        return _as_text(base, ours, theirs, f"the front matter could not be merged ({exc})")


def _by_structure(old: _Side, mine: _Side, their: _Side, name: Path) -> MergedNote:
    note = EditableNote(
        name, mine.data, mine.has_bom, mine.before, mine.yaml_text, "", mine.newline
    )
    merged = merge_front_matter(note, old.meta, their.meta, their.yaml_text)
    yaml_text, conflicts = note.yaml_text, list[str]()
    if merged.conflicts:
        yaml_text, conflicts = mark_conflicts(
            note.yaml_text, their.yaml_text, merged.conflicts, mine.newline
        )
    body, body_conflicts = _merge_bodies(old.body, mine.body, their.body)
    if body_conflicts:
        conflicts.append("the body" + (f" ({body_conflicts} places)" if body_conflicts > 1 else ""))
    text = (BOM if mine.has_bom else "") + mine.before + yaml_text + mine.closing
    data = text.encode("utf-8") + body
    if not conflicts:
        parse_note(name, data)  # a clean merge must read back; else merged as text instead
    return MergedNote(data, conflicts)


def _merge_bodies(base: str, ours: str, theirs: str) -> tuple[bytes, int]:
    if theirs in (base, ours):
        return ours.encode("utf-8"), 0
    if ours == base:
        return theirs.encode("utf-8"), 0
    return merge_text(ours.encode("utf-8"), base.encode("utf-8"), theirs.encode("utf-8"))


def _as_text(base: bytes, ours: bytes, theirs: bytes, because: str | None) -> MergedNote:
    data, count = merge_text(ours, base, theirs)
    conflicts = [f"{count} place{'s' if count > 1 else ''} in the text"] if count else []
    return MergedNote(data, conflicts, because)
