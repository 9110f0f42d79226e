"""What a writing operation reports back to the command that called it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coachkit.settings import commits_enabled
from coachkit.version_control import CommitOutcome, commit_paths


@dataclass
class WriteResult:
    """The files written, the commit outcome and any notes for the user."""

    paths: list[Path]
    commit: CommitOutcome | None = None
    notes: list[str] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)


def finish(root: Path, result: WriteResult, message: str, commit: bool) -> WriteResult:
    """Commit the written paths unless turned off by the caller or by ``.coachkit.yaml``."""
    if not commit:
        result.commit = CommitOutcome(False, "not committed (--no-commit)")
    elif not commits_enabled(root):
        result.commit = CommitOutcome(False, "not committed (commit: false in .coachkit.yaml)")
    else:
        result.commit = commit_paths(root, result.paths, message)
    return result
