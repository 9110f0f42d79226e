"""One writer at a time per engagement, whoever and wherever the writer is.

Every writing command reads the engagement, writes and commits. Two at once in
one engagement would race for the next session number, the same note and git's
index; holding an advisory lock (``flock``) for the whole sequence makes them
take turns. The lock must be the same for every process that can write the
engagement: two users, a cron job, a shell with another HOME or cache folder.
So it lives with the engagement, never in a per-user folder:

- in git, in the repository's common git folder:
  ``.git/coachkit/locks/<key>.lock``, the key a hash of the engagement's path
  relative to the top of the work tree. A worktree or submodule (``.git`` is a
  file ``gitdir: …``) is followed to its git folder, and a worktree on to the
  common one (its ``commondir`` file), without starting git;
- outside git, on the engagement folder itself: ``flock`` works on a folder
  opened read-only, so no file is added that would need ignoring.

Lock files are created readable and writable by all (0o666 under the umask,
plus the group and other write bits of a shared git folder), and a lock file
that cannot be opened for writing is opened read-only: ``flock`` on Linux and
the BSDs does not need write access. The operating system releases the lock
when a process ends, even by a crash. Re-entrant within one process.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from coachkit.errors import CoachkitError

F = TypeVar("F", bound=Callable[..., Any])
WAIT_SECONDS = 60.0
LOCK_FOLDER = ("coachkit", "locks")
_HELD: dict[str, int] = {}  # locks this process holds, by place, with their depth
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class LockPlace:
    """Where an engagement's lock is: a lock file in git, else the folder itself."""

    path: Path
    git_dir: Path | None  # the common git folder holding ``path``, or None for a folder lock


def git_folders(start: Path) -> tuple[Path, Path] | None:
    """The work tree top and common git folder of the repository holding ``start``.

    What ``git rev-parse --show-toplevel --git-common-dir`` would say, found by
    walking up to the nearest ``.git`` folder or ``gitdir:`` file, without
    starting a process. None outside any repository.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        dot_git = folder / ".git"
        try:
            if dot_git.is_dir():
                git_dir = dot_git
            elif dot_git.is_file():
                git_dir = _linked_git_dir(folder, dot_git)
            else:
                continue
        except OSError:
            continue
        return folder, _common_dir(git_dir)
    return None


def _linked_git_dir(folder: Path, dot_git: Path) -> Path:
    """The folder a ``.git`` file (a worktree's or submodule's) points to."""
    text = dot_git.read_text(encoding="utf-8", errors="surrogateescape").strip()
    if not text.startswith("gitdir:"):
        raise OSError(f"{dot_git}: not a gitdir file")
    target = Path(text[len("gitdir:") :].strip())
    return (folder / target).resolve() if not target.is_absolute() else target.resolve()


def _common_dir(git_dir: Path) -> Path:
    """A worktree's git folder names the shared one in ``commondir``; others are their own."""
    try:
        named = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        return git_dir.resolve()
    return (git_dir / named).resolve() if named else git_dir.resolve()


def lock_place(root: Path) -> LockPlace:
    """Where the write lock of the engagement at ``root`` lives (see the module doc)."""
    real = root.resolve()
    found = git_folders(real)
    if found is None:
        return LockPlace(real, None)
    top, git_dir = found
    relative = real.relative_to(top).as_posix().encode("utf-8", "surrogateescape")
    # Every coachkit that can write the engagement must find the same lock file.
    name = hashlib.sha256(relative).hexdigest()[:24]
    return LockPlace(git_dir.joinpath(*LOCK_FOLDER, f"{name}.lock"), git_dir)


def _share_like(git_dir: Path, path: Path, fd: int | None = None) -> None:
    """Give what coachkit created in ``git_dir`` the group and other access git's folder has."""
    with suppress(OSError):
        shared = git_dir.stat().st_mode & (0o077 | stat.S_ISGID)
        if fd is not None:
            os.fchmod(fd, os.fstat(fd).st_mode & 0o777 | (shared & 0o066))
        elif shared:
            os.chmod(path, path.stat().st_mode & 0o7777 | shared)


def _make_lock_folder(git_dir: Path) -> None:
    folder = git_dir
    for name in LOCK_FOLDER:
        folder = folder / name
        try:
            folder.mkdir(mode=0o777)
        except FileExistsError:
            continue
        _share_like(git_dir, folder)


def _open_lock_file(place: LockPlace) -> int:
    """An open descriptor on the lock file, created if need be (read-only when not writable)."""
    assert place.git_dir is not None
    _make_lock_folder(place.git_dir)
    flags = _CLOEXEC | _NOFOLLOW
    try:
        fd = os.open(place.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | flags, 0o666)
    except FileExistsError:
        try:
            return os.open(place.path, os.O_RDWR | flags)
        except PermissionError:  # another user's lock file: flock needs no write access
            return os.open(place.path, os.O_RDONLY | flags)
    _share_like(place.git_dir, place.path, fd)
    return fd


def _open_place(root: Path, place: LockPlace) -> int:
    try:
        if place.git_dir is None:
            return os.open(place.path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
        return _open_lock_file(place)
    except OSError as exc:
        raise CoachkitError(
            f"{place.path}: cannot open the write lock of {root} "
            f"({exc.strerror or exc}); check the permissions of that folder"
        ) from None


@contextmanager
def engagement_lock(root: Path) -> Iterator[None]:
    """Hold the engagement's write lock; wait up to a minute for another writer."""
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: no lock, as before
        yield
        return
    import time

    place = lock_place(root)
    key = str(place.path)
    if key in _HELD:  # re-entrant: a locked operation calling another one
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    fd = _open_place(root, place)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise CoachkitError(
                        f"another coachkit command has been writing in {root} for over a minute; "
                        "wait for it to finish and run again"
                    ) from None
                time.sleep(0.02)
            except OSError as exc:  # e.g. a file system without locks
                raise CoachkitError(
                    f"{place.path}: cannot lock it to write in {root} ({exc.strerror or exc})"
                ) from None
        _HELD[key] = 1
        try:
            yield
        finally:
            del _HELD[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def writes_engagement(func: F) -> F:
    """Run ``func(root, …)`` holding the lock of the engagement at ``root``."""

    @functools.wraps(func)
    def locked(root: Path, *args: Any, **kwargs: Any) -> Any:
        with engagement_lock(root):
            return func(root, *args, **kwargs)

    return locked  # type: ignore[return-value]
