"""What a writing operation reports back to the command that called it: the files and the commit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from coachkit.storage.commits import CommitOutcome


@dataclass(frozen=True)
class FileEdit:
    """The bytes a command read from a file and the bytes it wrote in their place.

    The commit needs both: with them it applies the same edit to the version in
    HEAD, so a coach's own edits to that file stay out of coachkit's commit.
    """

    before: bytes
    after: bytes


@dataclass
class WriteResult:
    """The files written, the commit outcome and any notes for the user.

    ``edits`` holds, for each file the command edited (rather than created), the
    bytes read and written; a file not in it is committed as written.
    """

    paths: list[Path]
    commit: CommitOutcome | None = None
    notes: list[str] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)
    edits: dict[Path, FileEdit] = field(default_factory=dict)


class EditedFile(Protocol):
    """A file opened for editing (``EditableNote``): its path, the bytes read, the new bytes."""

    path: Path
    original: bytes

    def render(self) -> bytes: ...


def edits_of(notes: Iterable[EditedFile]) -> dict[Path, FileEdit]:
    """The :attr:`WriteResult.edits` of notes a writer has saved (call it after saving)."""
    return {note.path: FileEdit(note.original, note.render()) for note in notes}
