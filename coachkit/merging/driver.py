"""``coachkit merge-driver``: git's merge-driver protocol around :func:`merge_note`.

Git runs the driver with ``%O %A %B %P``: the ancestor's, our and their versions
in temporary files, and the note's path. The merged note goes into our file
(``%A``); the exit status tells git whether it is clean (0) or holds conflict
markers (non-zero). Our file is written once, atomically, and only with a result
that keeps both sides: an error (a file missing, a binary file) leaves it as it
was and git marks the path as conflicted, their version still in its index.
The driver needs no repository: it works on the three files alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coachkit.errors import CoachkitError
from coachkit.merging.note_merge import merge_note
from coachkit.storage.atomic_write import replace_file


@dataclass
class DriverResult:
    """Whether the merge is clean, and the one line to show when it is not (or was
    merged as plain text)."""

    clean: bool
    lines: list[str] = field(default_factory=list)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CoachkitError(f"{path}: no such file ({what}); nothing was merged") from None
    except IsADirectoryError:
        raise CoachkitError(f"{path}: is a folder, not {what}; nothing was merged") from None


def run_driver(base: Path, ours: Path, theirs: Path, name: str) -> DriverResult:
    """Merge ``theirs`` into ``ours`` as git asks, writing the result into ``ours``."""
    base_data = _read(base, "the common ancestor, %O")
    ours_data = _read(ours, "our version, %A")
    theirs_data = _read(theirs, "their version, %B")
    merged = merge_note(base_data, ours_data, theirs_data, Path(name))
    if merged.data != ours_data:
        replace_file(ours, merged.data, ours_data)
    parts = []
    if merged.as_text_because:
        parts.append(f"merged as text by git merge-file: {merged.as_text_because}")
    if merged.conflicts:
        parts.append(f"conflict in {', '.join(merged.conflicts)}: resolve the marked lines")
    return DriverResult(not merged.conflicts, [f"{name}: {'; '.join(parts)}"] if parts else [])
