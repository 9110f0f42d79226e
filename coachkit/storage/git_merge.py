"""The git the merge driver and ``git-setup`` need: a three-way text merge, the repository, config.

They run git as every coachkit command does (:func:`coachkit.storage.git_calls.git_process`:
``-c maintenance.auto=false``, since a merge driver runs inside a merge and must not
start git's background upkeep; no prompt), with the output as bytes so a note's bytes
come back exactly as git wrote them. The writers' commits go through
:mod:`coachkit.storage.commits`.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from coachkit.errors import CoachkitError
from coachkit.storage.git_calls import git_process

# The labels git's own conflicts carry in a merge driver's result: ours, base, theirs.
LABELS = ("ours", "base", "theirs")


def _why(done: subprocess.CompletedProcess[bytes]) -> str:
    lines = [line.strip() for line in done.stderr.decode("utf-8", "replace").splitlines()]
    lines = [line.split(":", 1)[1].strip() if line.startswith(("fatal:", "error:")) else line
             for line in lines if line]  # fmt: skip
    return lines[0] if lines else f"git exited with status {done.returncode}"


def merge_text(ours: bytes, base: bytes, theirs: bytes) -> tuple[bytes, int]:
    """Three texts merged by ``git merge-file``: the result and how many conflicts it marks.

    Conflicts are marked the standard way (``<<<<<<< ours`` … ``>>>>>>> theirs``).
    """
    with tempfile.TemporaryDirectory(prefix="coachkit-merge-") as folder:
        names = []
        for label, data in zip(LABELS, (ours, base, theirs), strict=True):
            path = Path(folder) / label
            path.write_bytes(data)
            names.append(str(path))
        labels = [arg for label in LABELS for arg in ("-L", label)]
        done = git_process(None, "merge-file", "-p", *labels, *names)
    if done.returncode < 0 or done.returncode > 127:
        raise CoachkitError(f"git merge-file failed: {_why(done)}")
    return done.stdout, done.returncode


def config_value(top: Path, key: str) -> str | None:
    """``git config KEY`` in the repository at ``top`` (None when unset)."""
    done = git_process(top, "config", "--get", key)
    value = done.stdout.decode("utf-8", "surrogateescape").rstrip("\n")
    return value if done.returncode == 0 else None


def set_config(top: Path, key: str, value: str) -> None:
    """``git config KEY VALUE`` in the repository's own config (``.git/config``)."""
    done = git_process(top, "config", "--local", key, value)
    if done.returncode != 0:
        raise CoachkitError(f"{top}: git config {key} failed: {_why(done)}")
