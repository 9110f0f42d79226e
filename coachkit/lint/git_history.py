"""Every committed version of many files, read with one ``git log`` per repository.

``lint --fix`` needs the history of each note that has a done item without a
date. One ``git log --follow`` per note was one process per note (47 on the
bench engagement); here one ``git log --raw -M`` over the whole repository
lists, for every commit, which files it added, changed, renamed or deleted and
their blob ids, and the renames are followed back by this module, the way
``--follow`` follows one file: walking from the newest commit, a file takes its
older name at the commit that renamed it. Then one ``git cat-file --batch``
reads every blob those histories need. So a fix run starts two git processes per
repository, however many notes it reads, and never imports GitPython.

The log covers the whole repository, not the notes' paths: a pathspec would
hide the name a note had before a rename. ``-z`` keeps every name as git stores
it (spaces, non-ASCII, no quoting); a commit's line starts with ``\\x01``.
Merge commits show no changes (as in ``git log --follow``), and a file's
version in a commit is the blob that commit gave it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coachkit.storage.commits import repository_of
from coachkit.storage.git_calls import GitMissing, git_process

_HEADER = b"\x01"
_NO_FILE = "0" * 40
_LOG = (
    "-c",
    "diff.relative=false",
    "-c",
    "log.showSignature=false",
    "log",
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
        """Read the history of every path in ``paths`` (one log and one blob read per repository)."""
        by_top: dict[Path, list[Path]] = {}
        for path in {p.resolve() for p in paths} - set(self._found):
            found = repository_of(path.parent)
            if found is None:
                self._found[path] = NoHistory(
                    f"{path.parent} is not in a git repository", from_git=True
                )
            else:
                by_top.setdefault(found[0], []).append(path)
        for top, in_repo in by_top.items():
            try:
                self._found.update(_read_repository(top, in_repo))
            except NoHistory as exc:
                self._found.update(dict.fromkeys(in_repo, exc))

    def revisions(self, path: Path) -> list[Revision]:
        """Every committed version of ``path``, oldest first; raises :class:`NoHistory`."""
        path = path.resolve()
        if path not in self._found:
            self.read([path])
        found = self._found[path]
        if isinstance(found, NoHistory):
            raise found
        return found


def _git(top: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run git in ``top`` through :func:`git_process`; raises :class:`NoHistory` on failure."""
    try:
        done = git_process(top, *args, stdin=stdin)
    except GitMissing:
        raise NoHistory("git is not installed or not on PATH", from_git=True) from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise NoHistory(f"cannot run git ({exc})", from_git=True) from None
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace")
        if "does not have any commits yet" in err:
            raise NoHistory("the file was never committed", from_git=False)
        raise NoHistory(git_problem(err), from_git=True)
    return done.stdout


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


def _blobs(top: Path, ids: Sequence[str]) -> dict[str, bytes]:
    """The content of each blob in ``ids``, with one ``git cat-file --batch``."""
    if not ids:
        return {}
    out = _git(top, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in ids).encode("ascii"))
    found: dict[str, bytes] = {}
    at = 0
    while at < len(out):
        end = out.find(b"\n", at)
        if end < 0:
            break
        head = out[at:end].decode("ascii", "replace").split()
        at = end + 1
        if len(head) == 3:
            size = int(head[2])
            found[head[0]] = out[at : at + size]
            at += size + 1  # the content, then a newline
    return found


def _read_repository(top: Path, paths: Sequence[Path]) -> dict[Path, list[Revision] | NoHistory]:
    """The histories of ``paths``, all in the repository whose work tree is ``top``."""
    commits = parse_log(_git(top, *_LOG))
    followed = {
        path: follow(commits, os.fsencode(path.relative_to(top).as_posix())) for path in paths
    }
    wanted = sorted(
        {c.blob for touched in followed.values() for _, c in touched if c.status != "D"}
    )
    blobs = _blobs(top, wanted)
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
