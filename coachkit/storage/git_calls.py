"""Run git the one way coachkit's newer commands do, and read what they need from it.

Every call goes through :func:`run_git`: ``-c maintenance.auto=false`` and
``-c gc.auto=0`` (a sync must not start git's background upkeep in a coach's
repository), no prompt for a password (``GIT_TERMINAL_PROMPT=0``, stdin
closed: a remote that wants one fails in one line instead of hanging), and
the output captured, never shown. ``sync``, the git identity and the writers'
commits (:mod:`coachkit.storage.commits`, which starts git through one function
of its own that calls this one) all run git this way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from coachkit.errors import CoachkitError

GIT_OPTIONS = ("-c", "maintenance.auto=false", "-c", "gc.auto=0")


class GitMissing(CoachkitError):
    """There is no git executable to run."""


@dataclass(frozen=True)
class GitRun:
    """What one git command printed and how it ended."""

    code: int
    out: str
    err: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    @property
    def why(self) -> str:
        """The line of git's error output that says what went wrong, for a one-line message."""
        lines = [line.strip() for line in (self.err or self.out).splitlines() if line.strip()]
        for index, line in enumerate(lines):
            if line.lower().startswith(("fatal:", "error:")):
                said = line.split(":", 1)[1].strip()
                if said.startswith("Could not read from remote") and index:
                    said = lines[index - 1]  # ssh's own reason comes just before git's summary
                return said.rstrip(".")
        return lines[-1].rstrip(".") if lines else f"git exited with status {self.code}"


def git_executable() -> str:
    """The git to run (``GIT_PYTHON_GIT_EXECUTABLE`` as for the commits, else ``git``)."""
    name = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE", "git")
    found = shutil.which(name)
    if found is None:
        raise GitMissing("git is not installed or not on PATH; install git, then run again")
    return found


def git_process(
    cwd: Path | None,
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` run the one way, its output as bytes: no prompt (stdin closed unless
    ``stdin`` is given), no background upkeep, git's messages in English; ``env`` adds
    variables (``GIT_INDEX_FILE``). Raises :class:`GitMissing`, ``OSError`` and
    ``TimeoutExpired`` as ``subprocess.run`` does; a failing git is the caller's to read."""
    variables = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C", "LANGUAGE": "C"}
    return subprocess.run(
        [git_executable(), *GIT_OPTIONS, *args],
        cwd=cwd,
        env={**variables, **(env or {})},
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        timeout=timeout,
        check=False,
    )


def run_git(cwd: Path, *args: str, timeout: float | None = None) -> GitRun:
    """``git ARGS`` in ``cwd``, without prompts or background upkeep; never raises on failure."""
    try:
        done = git_process(cwd, *args, timeout=timeout)
    except subprocess.TimeoutExpired:
        return GitRun(124, "", f"fatal: git {args[0]} gave no answer in {timeout:g} seconds")
    except OSError as exc:
        return GitRun(127, "", f"fatal: cannot run git ({exc.strerror})")
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    return GitRun(done.returncode, _text(out), _text(err))


def _text(output: str) -> str:
    """What text mode would have given: universal newlines."""
    return output.replace("\r\n", "\n").replace("\r", "\n")


def repository_top(folder: Path) -> Path | None:
    """The top of the work tree holding ``folder``, or None outside any repository."""
    found = run_git(folder, "rev-parse", "--show-toplevel")
    return Path(found.out.strip()) if found.ok and found.out.strip() else None


def identity_name(folder: Path) -> str | None:
    """``git config user.name`` as seen from ``folder`` (None when unset or no git)."""
    try:
        found = run_git(folder, "config", "user.name")
    except GitMissing:
        return None
    name = found.out.strip()
    return name if found.ok and name else None


def is_tracked(path: Path) -> bool:
    """Whether git tracks ``path`` (so removing it is part of the next commit)."""
    try:
        found = run_git(path.parent, "ls-files", "--error-unmatch", "--", path.name)
    except GitMissing:
        return False
    return found.ok
