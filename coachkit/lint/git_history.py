"""Every committed version of many files, read with one ``git log`` per repository.

``lint --fix`` needs the history of each note that has a done item without a
date. One ``git log --follow`` per note was one process per note (47 on the
bench engagement); here one ``git log --raw -M`` over the whole repository
lists, for every commit, which files it added, changed, renamed or deleted and
their blob ids, and the renames are followed back by this module, the way
``--follow`` follows one file: walking from the newest commit, a file takes its
older name at the commit that renamed it. Then every blob those histories need
is read through one ``git cat-file --batch`` process. So a fix run starts two
git processes per repository, however many notes it reads.

GitPython does the reading (docs/dependencies.md says why): it finds the
repository the way git does (``Repo(search_parent_directories=True)``: ``.git``
folders and ``gitdir:`` files, ``core.worktree``, no process), runs the log
(``repo.git.log``, its output kept as bytes, untouched), and reads the blobs from
the ``git cat-file --batch`` process it keeps open for the repository
(``repo.odb.stream``). It is imported only here, on a fix that needs history;
a plain lint run and every writer's commit never import it.

The log covers the whole repository, not the notes' paths: a pathspec would
hide the name a note had before a rename. ``-z`` keeps every name as git stores
it (spaces, non-ASCII, no quoting); a commit's line starts with ``\\x01``.
Merge commits show no changes (as in ``git log --follow``), and a file's
version in a commit is the blob that commit gave it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from git import Repo

_HEADER = b"\x01"
_NO_FILE = "0" * 40
# Settings of the coach's that would change what the log prints.
_SETTINGS = ("diff.relative=false", "log.showSignature=false")
_LOG = (
    "-z",
    "--raw",
    "-M",
    "--root",
    "--no-merges",
    "--no-abbrev",
    "--no-color",
    "--date=short",
    "--format=\x01%H %cd",
)


class NoHistory(Exception):
    """Why a file has no history to read; ``from_git``: git could not be asked at all."""

    def __init__(self, reason: str, from_git: bool) -> None:
        super().__init__(reason)
        self.from_git = from_git


@dataclass(frozen=True)
class Revision:
    """One commit that touched a file: its sha, committer date, and the file's bytes
    then (None where that commit deleted it)."""

    sha: str
    date: dt.date
    data: bytes | None


@dataclass(frozen=True)
class _Change:
    status: str
    blob: str
    name: bytes
    source: bytes | None  # the name before a rename


@dataclass(frozen=True)
class _Commit:
    sha: str
    date: dt.date
    changes: dict[bytes, _Change]  # by the name the commit left the file under


class FileHistories:
    """The committed versions of the files asked for, read once per repository.

    :meth:`read` takes every path up front, so each repository is asked once;
    :meth:`revisions` of a path not read before reads it alone.
    """

    def __init__(self) -> None:
        self._found: dict[Path, list[Revision] | NoHistory] = {}

    def read(self, paths: Iterable[Path]) -> None:
        """Read the history of every path in ``paths`` (one log and one blob reader per repository)."""
        wanted = {p.resolve() for p in paths} - set(self._found)
        if not wanted:
            return
        try:
            git = _gitpython()
        except NoHistory as exc:
            self._found.update(dict.fromkeys(wanted, exc))
            return
        repos: dict[Path, Repo] = {}  # by work tree top: one Repo, so one cat-file, each
        by_top: dict[Path, list[Path]] = {}
        tops: dict[Path, Path | None] = {}  # by folder: the work tree holding it
        for path in sorted(wanted):
            folder = path.parent
            if folder not in tops:
                tops[folder] = _discover(git, folder, repos)
            top = tops[folder]
            if top is None or not path.is_relative_to(top):
                self._found[path] = NoHistory(f"{folder} is not in a git repository", from_git=True)
            else:
                by_top.setdefault(top, []).append(path)
        for top, in_repo in by_top.items():
            repo = repos[top]
            try:
                self._found.update(_read_repository(git, repo, top, in_repo))
            except NoHistory as exc:
                self._found.update(dict.fromkeys(in_repo, exc))
            finally:
                repo.close()  # ends its cat-file process

    def revisions(self, path: Path) -> list[Revision]:
        """Every committed version of ``path``, oldest first; raises :class:`NoHistory`."""
        path = path.resolve()
        if path not in self._found:
            self.read([path])
        found = self._found[path]
        if isinstance(found, NoHistory):
            raise found
        return found


def _gitpython() -> ModuleType:
    """GitPython, imported on first use; raises :class:`NoHistory` if it cannot be loaded.

    Its import checks the git it will drive (``git version``). Without git that
    check would fail the import with a message of many lines, so it is made
    quiet (``GIT_PYTHON_REFRESH``, for the import only): repositories are still
    found, and the log then says in one line that git is missing.
    """
    quiet = "GIT_PYTHON_REFRESH" not in os.environ
    if quiet:
        os.environ["GIT_PYTHON_REFRESH"] = "quiet"
    try:
        import git
    except ImportError as exc:
        said = str(exc).strip().splitlines()
        raise NoHistory(f"cannot use git ({said[0] if said else exc})", from_git=True) from None
    finally:
        if quiet:
            del os.environ["GIT_PYTHON_REFRESH"]
    return git


def _discover(git: ModuleType, folder: Path, repos: dict[Path, Repo]) -> Path | None:
    """The top of the work tree holding ``folder`` (its Repo kept in ``repos``), or None."""
    try:
        repo = git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    if repo.working_tree_dir is None:  # a bare repository: no files to have a history
        repo.close()
        return None
    top = Path(repo.working_tree_dir).resolve()
    if top in repos:
        repo.close()
    else:
        repos[top] = repo
    return top


def _log(git: ModuleType, repo: Repo) -> bytes:
    """The output of ``git log`` with :data:`_LOG`, bytes as git wrote them (``-z`` and all)."""
    try:
        status, out, err = repo.git(c=list(_SETTINGS)).log(
            *_LOG,
            with_extended_output=True,
            with_exceptions=False,
            stdout_as_string=False,
            strip_newline_in_stdout=False,
        )
    except git.GitCommandNotFound:
        raise NoHistory("git is not installed or not on PATH", from_git=True) from None
    except OSError as exc:
        raise NoHistory(f"cannot run git ({exc})", from_git=True) from None
    if status != 0:
        said = err.decode("utf-8", "replace") if isinstance(err, bytes) else str(err)
        if "does not have any commits yet" in said:
            raise NoHistory("the file was never committed", from_git=False)
        raise NoHistory(git_problem(said), from_git=True)
    return bytes(out)


def git_problem(stderr: str) -> str:
    """The line of git's error output that says what went wrong (its ``fatal:`` line)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line
    return lines[0] if lines else "git log failed"


def parse_log(out: bytes) -> list[_Commit]:
    """The commits of ``git log -z --raw --format=\\x01%H %cd``, newest first."""
    commits: list[_Commit] = []
    tokens = iter(out.split(b"\0"))
    for raw in tokens:
        token = raw.lstrip(b"\n")
        if token.startswith(_HEADER):
            sha, _, day = token[1:].decode("ascii").partition(" ")
            commits.append(_Commit(sha, dt.date.fromisoformat(day.strip()), {}))
        elif token.startswith(b":") and commits:
            # ":<old mode> <new mode> <old blob> <new blob> <status>", then the name(s).
            fields = token[1:].decode("ascii").split()
            status, blob = fields[4][:1], fields[3]
            first = next(tokens, b"")
            source, name = (first, next(tokens, b"")) if status in "RC" else (None, first)
            commits[-1].changes[name] = _Change(status, blob, name, source)
    return commits


def follow(commits: Sequence[_Commit], name: bytes) -> list[tuple[_Commit, _Change]]:
    """The commits (newest first) that touched the file now called ``name``, with its change.

    As ``git log --follow``: older commits are searched under the name a rename
    came from. A copy (``C``) leaves the original where it was, so it is not followed.
    """
    touched: list[tuple[_Commit, _Change]] = []
    for commit in commits:
        change = commit.changes.get(name)
        if change is None:
            continue
        touched.append((commit, change))
        if change.status == "R" and change.source is not None:
            name = change.source
    return touched


def _blobs(git: ModuleType, repo: Repo, ids: Sequence[str]) -> dict[str, bytes]:
    """The content of each blob in ``ids``, from the repository's one ``git cat-file --batch``.

    A blob git cannot give (missing, or the process gone) is left out, as a
    truncated answer is: the version reads as absent.
    """
    found: dict[str, bytes] = {}
    for blob in ids:
        try:
            found[blob] = repo.odb.stream(bytes.fromhex(blob)).read()
        except ValueError:  # "<sha> missing"
            continue
        except (OSError, git.GitError):
            break
    return found


def _read_repository(
    git: ModuleType, repo: Repo, top: Path, paths: Sequence[Path]
) -> dict[Path, list[Revision] | NoHistory]:
    """The histories of ``paths``, all in ``repo``, whose work tree is ``top``."""
    commits = parse_log(_log(git, repo))
    followed = {
        path: follow(commits, os.fsencode(path.relative_to(top).as_posix())) for path in paths
    }
    wanted = sorted(
        {c.blob for touched in followed.values() for _, c in touched if c.status != "D"}
    )
    blobs = _blobs(git, repo, wanted)
    found: dict[Path, list[Revision] | NoHistory] = {}
    for path, touched in followed.items():
        if not touched:
            found[path] = NoHistory("the file was never committed", from_git=False)
            continue
        found[path] = [
            Revision(
                commit.sha,
                commit.date,
                None if change.status == "D" or change.blob == _NO_FILE else blobs.get(change.blob),
            )
            for commit, change in reversed(touched)
        ]
    return found
