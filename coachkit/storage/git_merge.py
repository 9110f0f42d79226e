"""The git the merge driver and ``git-setup`` need: a three-way text merge, the repository, config.

One place runs these git calls, the same way every time: ``-c maintenance.auto=false``
(a merge driver runs inside a merge: it must not start git's background upkeep), no
prompt, output captured as bytes so a note's bytes come back exactly as git wrote
them. The writers' commits go through :mod:`coachkit.storage.commits`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from coachkit.errors import CoachkitError

GIT_OPTIONS = ("-c", "maintenance.auto=false", "-c", "gc.auto=0")
# The labels git's own conflicts carry in a merge driver's result: ours, base, theirs.
LABELS = ("ours", "base", "theirs")


def _git(cwd: Path | None, *args: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which(os.environ.get("GIT_PYTHON_GIT_EXECUTABLE", "git"))
    if git is None:
        raise CoachkitError("git is not installed or not on PATH; install git, then run again")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANGUAGE": "C"}
    return subprocess.run(
        [git, *GIT_OPTIONS, *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )


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
        done = _git(None, "merge-file", "-p", *labels, *names)
    if done.returncode < 0 or done.returncode > 127:
        raise CoachkitError(f"git merge-file failed: {_why(done)}")
    return done.stdout, done.returncode


def repository_top(folder: Path) -> Path | None:
    """The top of the work tree holding ``folder``, or None outside any repository."""
    done = _git(folder, "rev-parse", "--show-toplevel")
    top = done.stdout.decode("utf-8", "surrogateescape").strip()
    return Path(top) if done.returncode == 0 and top else None


def config_value(top: Path, key: str) -> str | None:
    """``git config KEY`` in the repository at ``top`` (None when unset)."""
    done = _git(top, "config", "--get", key)
    value = done.stdout.decode("utf-8", "surrogateescape").rstrip("\n")
    return value if done.returncode == 0 else None


def set_config(top: Path, key: str, value: str) -> None:
    """``git config KEY VALUE`` in the repository's own config (``.git/config``)."""
    done = _git(top, "config", "--local", key, value)
    if done.returncode != 0:
        raise CoachkitError(f"{top}: git config {key} failed: {_why(done)}")
