"""Commit exactly the files a command wrote, and nothing else; decide first whether to.

:func:`commit_plan` decides before anything is written (``--no-commit``, ``commit:
false`` in settings); :func:`finish` makes the commit as planned.

Only coachkit's change is committed: where the coach has edits of their own in a
file the command edited, the commit holds HEAD plus coachkit's edit and their
edits stay as they were (``own_change.py``); where the two overlap, nothing is
committed and the outcome says so.

Anything that stops a commit (no git, no repository, no identity, a merge in
progress) never stops the write: the file is already safely on disk, the commit
is skipped and the outcome says why and what to run.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coachkit.storage.git_calls import GitRun, run_git
from coachkit.storage.settings import commits_enabled

if TYPE_CHECKING:
    from collections.abc import Mapping

    from coachkit.storage import own_change
    from coachkit.storage.write_result import FileEdit, WriteResult

_IN_PROGRESS = {
    "MERGE_HEAD": "a merge is in progress",
    "CHERRY_PICK_HEAD": "a cherry-pick is in progress",
    "REVERT_HEAD": "a revert is in progress",
    "rebase-merge": "a rebase is in progress",
    "rebase-apply": "a rebase is in progress",
}


_COMMIT_LINE = re.compile(r"^\[[^\]\n]*?\b([0-9a-f]{7,40})\]")

# git's convention: a subject line that fits a log or an e-mail subject.
SUBJECT_LIMIT = 72


def commit_message(title: str) -> tuple[str, str]:
    """The subject and the whole message a commit of ``title`` gets.

    A writer names what it wrote, often with a title the coach typed, which may be
    long or hold a line break. The subject is that text on one line (whitespace
    runs, line breaks included, become one space), cut at a word to at most
    :data:`SUBJECT_LIMIT` characters with "…"; when it had to change, the body
    keeps the full text, so nothing of the title is lost.
    """
    one_line = " ".join(title.split())
    if len(one_line) <= SUBJECT_LIMIT:
        subject = one_line
    else:
        cut = one_line[: SUBJECT_LIMIT - 1]
        if " " in cut and one_line[SUBJECT_LIMIT - 1] != " ":
            cut = cut.rsplit(" ", 1)[0]
        subject = cut.rstrip(" :,;-") + "…"
    if subject == title.strip():
        return subject, subject
    return subject, f"{subject}\n\n{title.strip()}"


# Seconds to wait before each retry while another git process holds index.lock.
LOCK_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)


@dataclass(frozen=True)
class CommitOutcome:
    """What happened to the commit: made, skipped on purpose, or not possible."""

    committed: bool
    detail: str
    sha: str | None = None


def _git(top: Path, *args: str) -> GitRun:
    """Run one git step of a commit in ``top``: the one way this module starts git.

    ``git_calls.run_git`` adds ``-c maintenance.auto=false -c gc.auto=0`` (a
    commit must not start git's background upkeep) and reads git's messages in
    the C locale, so the reasons below are matched in English.
    """
    return run_git(top, *args)


def repository_of(folder: Path) -> tuple[Path, Path] | None:
    """The work tree top and the git directory holding ``folder``; None outside any.

    Found the way git finds them, by looking for ``.git`` (a folder, or a file
    saying ``gitdir: …`` in a linked work tree or submodule) from ``folder``
    upwards, so no process is started.
    """
    start = folder.resolve()
    for candidate in (start, *start.parents):
        dot_git = candidate / ".git"
        if dot_git.is_dir():
            return candidate, dot_git
        if dot_git.is_file():
            try:
                said = dot_git.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                continue
            if said.startswith("gitdir:"):
                return candidate, (candidate / said[len("gitdir:") :].strip()).resolve()
    return None


def _manual(paths: list[str], message: str) -> str:
    """The git commands to commit by hand, on one line: one ``-m`` per paragraph."""
    import shlex  # only when a commit was not made

    quoted = " ".join(shlex.quote(p) for p in paths)
    parts = " ".join(f"-m {shlex.quote(part)}" for part in message.split("\n\n"))
    return f"git add -- {quoted} && git commit {parts} -- {quoted}"


def init_repository(folder: Path) -> bool:
    """Make ``folder`` a git repository unless it is inside one; True if it made one."""
    if shutil.which(os.environ.get("GIT_PYTHON_GIT_EXECUTABLE", "git")) is None:
        return False
    if repository_of(folder) is not None:
        return False
    return _git(folder, "init", "-q").ok


def commit_paths(
    folder: Path,
    paths: list[Path],
    message: str,
    edits: Mapping[Path, FileEdit] | None = None,
) -> CommitOutcome:
    """Commit ``paths`` (and only them) in the repository holding ``folder``.

    ``edits`` are the bytes read and written for the files the command edited:
    with them, the commit holds coachkit's change alone even where the coach has
    edits of their own in those files (see ``own_change.py``).

    At most two git processes in the usual case: ``git cat-file`` (own_change's
    check, for edited files) or ``git add`` (for new ones), then ``git commit``.
    """
    subject, message = commit_message(message)
    display = [str(p) for p in paths]
    if shutil.which(os.environ.get("GIT_PYTHON_GIT_EXECUTABLE", "git")) is None:
        return CommitOutcome(
            False,
            f"not committed: git is not installed or not on PATH; then run: {_manual(display, message)}",
        )
    found = repository_of(folder)
    if found is None:
        return CommitOutcome(
            False,
            f"not committed: {folder} is not in a git repository; run `git init` there to keep a history",
        )
    top, git_dir = found
    relative = [str(p.resolve().relative_to(top)) for p in paths]
    for marker, what in _IN_PROGRESS.items():
        if (git_dir / marker).exists():
            return CommitOutcome(
                False,
                f"not committed: {what} in {top}; finish it, then run: {_manual(relative, message)}",
            )
    tracked = False
    if edits:
        by_name = {p.resolve().relative_to(top).as_posix(): e for p, e in edits.items()}
        outcome = _commit_own_change(top, relative, by_name, message)
        if isinstance(outcome, CommitOutcome):
            return outcome
        tracked = outcome.tracked
    for delay in (*LOCK_RETRY_DELAYS, None):
        # `commit --only` takes tracked files from the work tree; a new file needs `add`.
        added = tracked or (done := _git(top, "add", "--", *relative)).ok
        if added:
            done = _git(top, "commit", "--no-verify", "-m", message, "--only", "--", *relative)
            if done.ok:
                break
        stderr = done.err or done.out
        if delay is not None and "index.lock" in stderr:
            time.sleep(delay)  # another git (or coachkit) is committing: wait our turn
            continue
        _unstage(top, relative)
        return CommitOutcome(False, _explain(stderr, relative, message))
    # "[main 1a2b3c4] message" (or "[main (root-commit) …]", "[detached HEAD …]"):
    # reading the id from it spares a `git rev-parse`.
    said = _COMMIT_LINE.match(done.out)
    sha = said.group(1) if said else _git(top, "rev-parse", "--short", "HEAD").out.strip()
    return CommitOutcome(True, f"committed {sha}: {subject}", sha)


def _commit_own_change(
    top: Path, relative: list[str], edits: Mapping[str, FileEdit], message: str
) -> CommitOutcome | own_change.OwnChange:
    """Commit coachkit's change alone where the coach has edits of their own in the
    files; when they have none, the plain plan (commit the files as they are).
    Imported here: a command that only creates files (``session new``) never needs it."""
    from coachkit.storage import own_change

    names = [Path(name).as_posix() for name in relative]
    subject = message.split("\n", 1)[0]
    for _attempt in range(3):
        try:
            change = own_change.plan(top, names, edits)
            if change.plain:
                return change
            if change.overlap is not None:
                return CommitOutcome(
                    False,
                    f"not committed: your own edits to {change.overlap} overlap the lines "
                    "coachkit changed; the file holds both, review it, then run: "
                    + _manual(relative, message),
                )
            sha, entries = own_change.commit(top, change, message, _signs(top))
            break
        except own_change.HeadMoved:
            continue  # another commit landed meanwhile: plan again on the new HEAD
        except own_change.GitFailed as exc:
            return CommitOutcome(False, _explain(exc.stderr, relative, message))
    else:
        return CommitOutcome(
            False,
            f"not committed: HEAD kept moving under coachkit; run: {_manual(relative, message)}",
        )
    short = sha[:7]
    for delay in (*LOCK_RETRY_DELAYS, None):
        try:
            own_change.update_index(top, entries)
            break
        except own_change.GitFailed as exc:
            if delay is not None and "index.lock" in exc.stderr:
                time.sleep(delay)
                continue
            return CommitOutcome(
                True,
                f"committed {short}: {subject}; git's index could not be updated, so "
                f"`git status` shows coachkit's change as undone until you run: "
                f"git reset -q -- {_quoted(relative)}",
                short,
            )
    return CommitOutcome(True, f"committed {short}: {subject}", short)


def _quoted(paths: list[str]) -> str:
    import shlex  # only when git's index could not be updated

    return " ".join(shlex.quote(p) for p in paths)


def _signs(top: Path) -> bool:
    """Whether the coach's git signs commits (``commit.gpgSign``).

    Asked only on the path that commits with ``git commit-tree``, which does not
    sign by itself; a plain ``git commit`` reads the setting on its own.
    """
    done = _git(top, "config", "--type=bool", "--get", "commit.gpgsign")
    return done.ok and done.out.strip() == "true"


def _unstage(top: Path, relative: list[str]) -> None:
    """Take a failed commit's files back out of the index (a new file stays untracked)."""
    if _git(top, "reset", "-q", "--", *relative).ok:
        return
    _git(top, "rm", "-q", "--cached", "--ignore-unmatch", "--", *relative)  # no commit yet


def _explain(stderr: str, relative: list[str], message: str) -> str:
    text = stderr.lower()
    if "tell me who you are" in text or "identity unknown" in text or "empty ident" in text:
        return (
            "not committed: git does not know who you are; run "
            '`git config --global user.name "Your Name"` and '
            "`git config --global user.email you@example.com`, then: " + _manual(relative, message)
        )
    if "index.lock" in text:
        return f"not committed: another git process is running (index.lock exists); when it ends run: {_manual(relative, message)}"
    last = stderr.strip().splitlines()[-1] if stderr.strip() else "git commit failed"
    return f"not committed: {last.strip()}; run: {_manual(relative, message)}"


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
    result.commit = (
        plan if plan is not None else commit_paths(root, result.paths, message, result.edits)
    )
    return result
