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
import shlex
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachkit.storage import own_change
from coachkit.storage.settings import commits_enabled

if TYPE_CHECKING:
    from collections.abc import Mapping

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


def git_module() -> Any:
    """GitPython, or None when there is no git executable to drive."""
    if shutil.which(os.environ.get("GIT_PYTHON_GIT_EXECUTABLE", "git")) is None:
        return None
    os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
    try:
        import git
    except ImportError:
        return None
    return git


def _manual(paths: list[str], message: str) -> str:
    """The git commands to commit by hand, on one line: one ``-m`` per paragraph."""
    quoted = " ".join(shlex.quote(p) for p in paths)
    parts = " ".join(f"-m {shlex.quote(part)}" for part in message.split("\n\n"))
    return f"git add -- {quoted} && git commit {parts} -- {quoted}"


def init_repository(folder: Path) -> bool:
    """Make ``folder`` a git repository unless it is inside one; True if it made one."""
    git = git_module()
    if git is None:
        return False
    try:
        git.Repo(folder, search_parent_directories=True).close()
        return False
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        git.Repo.init(folder).close()
        return True


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
    """
    subject, message = commit_message(message)
    git = git_module()
    display = [str(p) for p in paths]
    if git is None:
        return CommitOutcome(
            False,
            f"not committed: git is not installed or not on PATH; then run: {_manual(display, message)}",
        )
    try:
        repo = git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return CommitOutcome(
            False,
            f"not committed: {folder} is not in a git repository; run `git init` there to keep a history",
        )
    with repo:
        top = Path(repo.working_tree_dir or folder).resolve()
        relative = [str(p.resolve().relative_to(top)) for p in paths]
        git_dir = Path(repo.git_dir)
        for marker, what in _IN_PROGRESS.items():
            if (git_dir / marker).exists():
                return CommitOutcome(
                    False,
                    f"not committed: {what} in {top}; finish it, then run: {_manual(relative, message)}",
                )
        tracked = False
        if edits:
            by_name = {p.resolve().relative_to(top).as_posix(): e for p, e in edits.items()}
            outcome = _commit_own_change(repo, top, relative, by_name, message)
            if isinstance(outcome, CommitOutcome):
                return outcome
            tracked = outcome.tracked
        for delay in (*LOCK_RETRY_DELAYS, None):
            try:
                if not tracked:  # `commit --only` takes tracked files from the work tree
                    repo.git.add("--", *relative)
                said = repo.git.commit("--no-verify", "-m", message, "--only", "--", *relative)
                break
            except git.GitCommandError as exc:
                stderr = str(exc.stderr or exc)
                if delay is not None and "index.lock" in stderr:
                    time.sleep(delay)  # another git (or coachkit) is committing: wait our turn
                    continue
                _unstage(repo, relative)
                return CommitOutcome(False, _explain(stderr, relative, message))
        # "[main 1a2b3c4] message" (or "[main (root-commit) …]", "[detached HEAD …]"):
        # reading the id from it spares a `git rev-parse`.
        found = _COMMIT_LINE.match(said)
        sha = found.group(1) if found else repo.git.rev_parse("--short", "HEAD")
    return CommitOutcome(True, f"committed {sha}: {subject}", sha)


def _commit_own_change(
    repo: Any, top: Path, relative: list[str], edits: Mapping[str, FileEdit], message: str
) -> CommitOutcome | own_change.OwnChange:
    """Commit coachkit's change alone where the coach has edits of their own in the
    files; when they have none, the plain plan (commit the files as they are)."""
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
            sha, entries = own_change.commit(top, change, message, _signs(repo))
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
                f"git reset -q -- {' '.join(shlex.quote(p) for p in relative)}",
                short,
            )
    return CommitOutcome(True, f"committed {short}: {subject}", short)


def _signs(repo: Any) -> bool:
    """Whether the coach's git signs commits (``commit.gpgSign``), read without running git."""
    try:
        value = repo.config_reader().get_value("commit", "gpgsign", False)
    except Exception:
        return False
    return value is True or str(value).lower() in ("true", "yes", "on", "1")


def _unstage(repo: Any, relative: list[str]) -> None:
    try:
        if repo.head.is_valid():
            repo.git.reset("-q", "--", *relative)
        else:
            repo.git.rm("-q", "--cached", "--ignore-unmatch", "--", *relative)
    except Exception:
        pass


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
