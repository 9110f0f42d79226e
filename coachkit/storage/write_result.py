"""What a writing operation reports back to the command that called it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coachkit.storage.commits import CommitOutcome, commit_paths
from coachkit.storage.settings import commits_enabled


@dataclass
class WriteResult:
    """The files written, the commit outcome and any notes for the user."""

    paths: list[Path]
    commit: CommitOutcome | None = None
    notes: list[str] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)


def commit_plan(root: Path, commit: bool) -> CommitOutcome | None:
    """Decide, before anything is written, whether to commit (None: commit).

    A broken ``.coachkit.yaml`` fails here, so a command never writes a file and
    then stops before telling the user what it wrote.
    """
    if not commit:
        return CommitOutcome(False, "not committed (--no-commit)")
    if not commits_enabled(root):
        return CommitOutcome(False, "not committed (commit: false in .coachkit.yaml)")
    return None


def finish(
    root: Path, result: WriteResult, message: str, plan: CommitOutcome | None
) -> WriteResult:
    """Commit the written paths as planned by :func:`commit_plan`."""
    result.commit = plan if plan is not None else commit_paths(root, result.paths, message)
    return result
