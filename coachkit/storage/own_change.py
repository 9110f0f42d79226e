"""Commit coachkit's change alone, when the coach has edits of their own in the same file.

A command reads a note (``before``), writes its edit (``after``) and commits the
file. Had the coach edited that note too, staged or not, committing the work tree
would sweep their edit into coachkit's commit. So the commit is HEAD plus
coachkit's change: the same edit applied three-way to the version in HEAD
(``git merge-file``, ``after`` over ``before`` onto HEAD), written as a blob and
committed through a temporary index. The coach's work tree is never touched.

The index is what the coach staged, and stays so: an entry that matched HEAD
becomes the committed blob (``git status`` then shows only the coach's own
edits); an entry the coach had staged gets coachkit's change as well, so their
staged edit is still staged, and uncommitted, against the new HEAD. When the
coach's edits overlap the lines coachkit changed there is nothing to commit
that holds coachkit's change alone: :func:`plan` names the file and the caller
skips the commit (the file is written and holds both). A file HEAD does not
have, or one the command created rather than read, is committed as written.

Git runs once per step for all the files together (one ``cat-file``, one
``hash-object``, one ``update-index``…); only ``merge-file`` runs per file, and
only for a file the coach has edited. When the coach has edited none of the
files, :func:`plan` says the change is plain and the caller commits the work
tree as it always has.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coachkit.storage.git_calls import GitMissing, git_process

if TYPE_CHECKING:
    from coachkit.storage.write_result import FileEdit


class GitFailed(Exception):
    """A git step failed; ``stderr`` says why, in git's words."""

    def __init__(self, stderr: str) -> None:
        super().__init__(stderr)
        self.stderr = stderr


class HeadMoved(GitFailed):
    """Another commit landed between reading HEAD and moving it: plan again."""


@dataclass(frozen=True)
class Versions:
    """One file as git holds it: in HEAD and in the index (None: not there)."""

    head: bytes | None
    head_oid: str | None
    index: bytes | None
    index_oid: str | None


@dataclass(frozen=True)
class Staged:
    """What to commit for one file, and what its index entry becomes."""

    name: str
    blob: bytes
    index: bytes | None  # None: the entry stays as the coach staged it
    mode: str


@dataclass(frozen=True)
class OwnChange:
    """The commit that holds coachkit's change alone, planned."""

    head: str | None  # the commit it goes on (None: the repository has none yet)
    files: list[Staged]
    plain: bool  # the coach has no edits of their own in these files
    overlap: str | None = None  # a file where the coach's edits overlap coachkit's
    tracked: bool = False  # every file is in the index (a plain commit needs no `git add`)


def _run(
    top: Path, args: list[str], stdin: bytes | None = None, index: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = None if index is None else {"GIT_INDEX_FILE": str(index)}
    try:
        return git_process(top, *args, stdin=stdin, env=env)
    except (OSError, GitMissing) as exc:
        raise GitFailed(f"fatal: cannot run git ({exc})") from None


def run_git(top: Path, *args: str, stdin: bytes | None = None, index: Path | None = None) -> bytes:
    """Run one git step in ``top`` and return its output, or raise :class:`GitFailed`."""
    done = _run(top, list(args), stdin, index)
    if done.returncode != 0:
        raise GitFailed(done.stderr.decode("utf-8", "replace"))
    return done.stdout


def read_versions(top: Path, names: list[str]) -> tuple[str | None, dict[str, Versions]]:
    """The HEAD commit, and each file in HEAD and in the index, in one ``git cat-file``."""
    wanted = ["HEAD"]
    for name in names:
        wanted += [f"HEAD:{name}", f":{name}"]
    out = run_git(top, "cat-file", "--batch", stdin="".join(f"{w}\n" for w in wanted).encode())
    found = _parse_batch(out, len(wanted))
    head = found[0][0] if found[0] is not None else None
    versions = {}
    for number, name in enumerate(names):
        in_head, in_index = found[1 + 2 * number], found[2 + 2 * number]
        versions[name] = Versions(
            in_head[1] if in_head else None,
            in_head[0] if in_head else None,
            in_index[1] if in_index else None,
            in_index[0] if in_index else None,
        )
    return head, versions


def _parse_batch(out: bytes, count: int) -> list[tuple[str, bytes] | None]:
    """``git cat-file --batch`` output as (oid, content) per object asked, None where missing."""
    found: list[tuple[str, bytes] | None] = []
    at = 0
    for _ in range(count):
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3:  # "<name> missing" (or ambiguous)
            found.append(None)
            continue
        oid, kind, size = header[0].decode(), header[1], int(header[2])
        content = out[at : at + size]
        at += size + 1
        found.append((oid, content) if kind in (b"blob", b"commit") else None)
    return found


def _lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


def apply_edit(
    top: Path, scratch: Path, target: bytes | None, before: bytes | None, after: bytes
) -> bytes | None:
    """``target`` with the edit ``before`` -> ``after`` applied; None where they overlap.

    With nothing to apply it to (no ``target``) or no ``before`` (a file created,
    or written whole), the edit is the file as written. Line endings that git
    converts on commit (CRLF in the work tree, LF in HEAD) are not an edit.
    """
    if target is None or before is None or before == target:
        return after
    if b"\r" not in target and b"\r\n" in before:
        before, after = _lf(before), _lf(after)
        if before == target:
            return after
    files = [_scratch_file(scratch, data) for data in (target, before, after)]
    done = _run(top, ["merge-file", "-p", "--quiet", *files])
    if done.returncode == 0:
        return done.stdout
    if 0 < done.returncode < 128:  # the number of conflicts
        return None
    raise GitFailed(done.stderr.decode("utf-8", "replace"))


def _scratch_file(scratch: Path, data: bytes) -> str:
    handle, name = tempfile.mkstemp(dir=scratch)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    return name


def _mode(path: Path) -> str:
    try:
        return "100755" if path.stat().st_mode & 0o100 else "100644"
    except OSError:
        return "100644"


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def plan(top: Path, names: list[str], edits: Mapping[str, FileEdit]) -> OwnChange:
    """Work out, for each of ``names`` (relative to ``top``), the blob holding coachkit's
    change alone and what its index entry becomes."""
    if any("\n" in name for name in names):  # cat-file --batch reads one name a line
        return OwnChange(None, [], plain=True)
    head, versions = read_versions(top, names)
    files: list[Staged] = []
    plain = True
    with tempfile.TemporaryDirectory(prefix="coachkit-merge-") as scratch_name:
        scratch = Path(scratch_name)
        for name in names:
            found = versions[name]
            worktree = _read(top / name)
            edit = edits.get(name)
            after = edit.after if edit is not None else worktree
            if after is None:  # gone since it was written: git says so as it always has
                return OwnChange(head, [], plain=True)
            before = edit.before if edit is not None else None
            blob = apply_edit(top, scratch, found.head, before, after)
            if blob is None:
                return OwnChange(head, [], plain=False, overlap=name)
            index: bytes | None = blob
            if found.index_oid != found.head_oid:  # the coach staged this file
                index = (
                    None
                    if found.index is None
                    else apply_edit(top, scratch, found.index, before, after)
                )
                if index is None and found.index is not None:
                    return OwnChange(head, [], plain=False, overlap=name)
            plain = plain and found.index_oid == found.head_oid and blob == after == worktree
            files.append(Staged(name, blob, index, _mode(top / name)))
    tracked = all(versions[name].index_oid is not None for name in names)
    return OwnChange(head, files, plain, tracked=tracked)


def _write_blobs(top: Path, scratch: Path, change: OwnChange) -> dict[bytes, str]:
    """Every blob of ``change`` written to the object store, in one ``git hash-object``.

    A blob that is the file as it stands is hashed from the file itself, so the
    attributes of its path apply (end of line, filters); any other from a file
    of the same name in ``scratch``.
    """
    sources: dict[bytes, str] = {}
    for staged in change.files:
        for data in (staged.blob, staged.index):
            if data is None or data in sources:
                continue
            if _read(top / staged.name) == data:
                sources[data] = staged.name
            else:
                folder = scratch / str(len(sources))
                folder.mkdir()
                source = folder / Path(staged.name).name
                source.write_bytes(data)
                sources[data] = str(source)
    listed = "".join(f"{source}\n" for source in sources.values()).encode()
    oids = run_git(top, "hash-object", "-w", "--stdin-paths", stdin=listed).decode().split()
    return dict(zip(sources, oids, strict=True))


def _entries(entries: list[tuple[str, str, str]]) -> bytes:
    return "".join(f"{mode} {oid}\t{name}\n" for mode, oid, name in entries).encode()


def commit(top: Path, change: OwnChange, message: str, sign: bool = False) -> tuple[str, bytes]:
    """Commit ``change`` on HEAD without touching the work tree or the index.

    ``sign``: sign it as ``git commit`` would (``commit.gpgSign``), which
    ``git commit-tree`` does not do by itself. Hooks do not run (the plain
    commit skips the pre-commit ones too: ``--no-verify``).

    Returns the new commit's id and the index entries to set afterwards (for
    :func:`update_index`). Raises :class:`HeadMoved` when another commit landed
    since :func:`plan` read HEAD.
    """
    with tempfile.TemporaryDirectory(prefix="coachkit-commit-") as scratch_name:
        scratch = Path(scratch_name)
        oids = _write_blobs(top, scratch, change)
        index = scratch / "index"
        run_git(top, "read-tree", change.head or "--empty", index=index)
        staged = [(s.mode, oids[s.blob], s.name) for s in change.files]
        run_git(top, "update-index", "--add", "--index-info", stdin=_entries(staged), index=index)
        tree = run_git(top, "write-tree", index=index).decode().strip()
    parents = ["-p", change.head] if change.head else []
    signing = ["-S"] if sign else []
    new = run_git(top, "commit-tree", *signing, tree, *parents, "-m", message).decode().strip()
    try:
        run_git(
            top,
            "update-ref",
            "-m",
            f"commit: {message}",
            "HEAD",
            new,
            change.head or "0" * len(new),
        )
    except GitFailed as exc:
        raise HeadMoved(exc.stderr) from None
    entries = [(s.mode, oids[s.index], s.name) for s in change.files if s.index is not None]
    return new, _entries(entries)


def update_index(top: Path, entries: bytes) -> None:
    """Set the index entries :func:`commit` returned, in one ``git update-index``."""
    if entries:
        run_git(top, "update-index", "--add", "--index-info", stdin=entries)
