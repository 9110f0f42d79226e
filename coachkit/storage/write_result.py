"""What a writing operation reports back to the command that called it: the files and the commit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coachkit.storage.commits import CommitOutcome


@dataclass
class WriteResult:
    """The files written, the commit outcome and any notes for the user."""

    paths: list[Path]
    commit: CommitOutcome | None = None
    notes: list[str] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)
