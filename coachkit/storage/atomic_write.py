"""Atomic file writes that never lose what is on disk.

A replaced file is written to a temporary file beside it, flushed to disk and
renamed over the original, so a crash leaves the old file or the new one, never
half of one (and at most a hidden ``.name.XXXXXXXX.tmp``, removed by the next
write of that file once it is ten minutes old). A new file is published with a hard link, which fails rather than
overwrite a file that appeared in the meantime.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path

from coachkit.errors import WriteRefused

# A temporary file older than this was left by a write that was killed: a write
# takes milliseconds, and writers of one engagement take turns (engagement_lock).
STALE_TEMP_SECONDS = 600
# The temporary name's random part: eight of these, as tempfile.mkstemp names it.
_TEMP_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789_"
_TEMP_FLAGS = (
    os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
)


def remove_stale_temps(directory: Path, name: str | None = None) -> list[Path]:
    """Delete the hidden temporary files that killed writes of ``name`` (of any file,
    without one) left behind."""
    named = ".+" if name is None else re.escape(name)
    pattern = re.compile(rf"^\.{named}\.[a-z0-9_]{{8}}\.tmp$")
    removed = []
    deadline = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not pattern.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < deadline:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _write_temp(
    directory: Path, name: str, data: bytes, mode: int | None, durable: bool = True
) -> Path:
    if durable:  # a note's folder; a cache folder is swept once a run (replace_cache_file)
        remove_stale_temps(directory, name)
    fd, temp = _make_temp(directory, name)
    try:
        try:
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def _make_temp(directory: Path, name: str) -> tuple[int, Path]:
    """A new hidden file ``.name.XXXXXXXX.tmp`` beside ``name``, open for writing, private
    to its owner: what ``tempfile.mkstemp`` makes, without importing tempfile (and random)
    on every write. ``O_EXCL`` makes the name ours; a name taken is drawn again."""
    for _attempt in range(100):
        letters = "".join(_TEMP_LETTERS[byte % len(_TEMP_LETTERS)] for byte in os.urandom(8))
        temp = directory / f".{name}.{letters}.tmp"
        try:
            return os.open(temp, _TEMP_FLAGS, 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"{directory}: no free temporary name for {name}")


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def refuse_escape(path: Path) -> None:
    """Refuse a path inside an engagement that really lies outside it (through a link).

    The engagement is the nearest folder above ``path``, as written, that holds
    engagement.md; the real folder ``path`` would be written in must be inside
    the engagement's real folder.
    """
    path = path.absolute()
    for folder in path.parents:
        if (folder / "engagement.md").is_file():
            real_root = folder.resolve()
            real_parent = path.parent.resolve()
            if real_parent != real_root and real_root not in real_parent.parents:
                raise WriteRefused(
                    f"{path}: leads outside the engagement {folder} through a symbolic link; "
                    "coachkit never writes outside the engagement"
                )
            return


def create_file(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data``; refuse if anything already exists there."""
    refuse_escape(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        raise WriteRefused(f"{path}: already exists; coachkit never overwrites a file")
    temp = _write_temp(path.parent, path.name, data, 0o644 & ~_umask())
    try:
        os.link(temp, path)
    except FileExistsError:
        raise WriteRefused(f"{path}: already exists; coachkit never overwrites a file") from None
    except OSError:
        # No hard links on this file system: fall back to an exclusive create.
        _create_exclusive(path, data)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    _fsync_dir(path.parent)


def _create_exclusive(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise WriteRefused(f"{path}: already exists; coachkit never overwrites a file") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_file(path: Path, data: bytes, expected: bytes) -> None:
    """Replace ``path`` atomically, but only if it still holds ``expected``.

    ``expected`` must be the bytes the caller read and computed ``data`` from.
    They are compared with the file right before the rename, after the new
    content is safely in its temporary file (compare-and-swap): writers of one
    engagement hold its lock (engagement_lock), so no coachkit command can slip
    in between, and an edit saved meanwhile by an editor is refused rather than
    lost. A file that is read-only or a symbolic link is refused too.
    """
    if path.is_symlink():
        raise WriteRefused(f"{path}: is a symbolic link; coachkit does not write through links")
    refuse_escape(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise _vanished(path) from None
    # The mode bit is checked too: root may write anything, but a file the coach
    # made read-only is a file the coach does not want changed.
    if not os.access(path, os.W_OK) or not mode & stat.S_IWUSR:
        raise WriteRefused(f"{path}: is read-only; make it writable (chmod u+w) and run again")
    _swap_in(path, data, mode & 0o7777, lambda: _refuse_if_changed(path, expected))


def _vanished(path: Path) -> WriteRefused:
    return WriteRefused(f"{path}: vanished while coachkit was editing it; nothing was written")


def _refuse_if_changed(path: Path, expected: bytes) -> None:
    """The compare of compare-and-swap: ``path`` must still be a file holding ``expected``."""
    try:
        now = os.lstat(path).st_mode
        if stat.S_ISLNK(now):  # swapped for a link since the first check
            raise WriteRefused(f"{path}: is a symbolic link; coachkit does not write through links")
        if not stat.S_ISREG(now) or path.read_bytes() != expected:  # never open a FIFO
            raise WriteRefused(
                f"{path}: changed while coachkit was editing it; nothing was written, run again"
            )
    except (FileNotFoundError, NotADirectoryError):
        raise _vanished(path) from None


def _identity(st: os.stat_result) -> tuple[int, ...]:
    return (
        st.st_dev,
        st.st_ino,
        stat.S_IFMT(st.st_mode),
        st.st_size,
        st.st_mtime_ns,
        st.st_ctime_ns,
    )


def replace_unchanged(path: Path, data: bytes, seen: os.stat_result) -> None:
    """Replace the regular file ``path`` atomically if it is still the file ``seen`` described.

    For a file coachkit never read whole, such as an old report replaced with
    ``report -o FILE --force``: right before the rename it must still be the
    same regular file (device, inode, size, modification and change times), so
    an edit saved meanwhile, or a FIFO or link put in its place, is refused
    rather than lost or opened.
    """
    if not stat.S_ISREG(seen.st_mode):
        raise WriteRefused(f"{path}: is not a regular file; nothing was written")
    if not os.access(path, os.W_OK) or not seen.st_mode & stat.S_IWUSR:
        raise WriteRefused(f"{path}: is read-only; make it writable (chmod u+w) and run again")

    def still_seen() -> None:
        try:
            now = os.lstat(path)
        except FileNotFoundError:
            raise _vanished(path) from None
        if _identity(now) != _identity(seen):
            raise WriteRefused(
                f"{path}: changed while coachkit was writing it; nothing was written, run again"
            )

    _swap_in(path, data, seen.st_mode & 0o7777, still_seen)


def _swap_in(
    path: Path,
    data: bytes,
    mode: int | None,
    check: Callable[[], None] | None = None,
    durable: bool = True,
) -> None:
    """Write ``data`` to a temporary file beside ``path``, then, once ``check`` passes
    (the compare of compare-and-swap, right before the rename), rename it over ``path``.
    Whatever fails, the temporary file goes."""
    temp = _write_temp(path.parent, path.name, data, mode, durable)
    try:
        if check is not None:
            check()
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if durable:
        _fsync_dir(path.parent)


def replace_cache_file(path: Path, data: bytes) -> None:
    """Replace a file of coachkit's own cache at once: readers see the old or the new.

    Not flushed to disk: a cache lost in a crash is only read again, so it skips
    the fsync that a coach's note gets. Nothing is compared: no one edits a cache.
    The folder's stale temporary files are swept at its first write in a run, not at
    every write: a cold read writes one entry per engagement into one folder, and a
    sweep per entry would list that folder once per engagement (quadratic).
    """
    folder = os.fspath(path.parent)
    if folder not in _SWEPT:
        _SWEPT.add(folder)
        remove_stale_temps(path.parent)
    _swap_in(path, data, None, durable=False)


_SWEPT: set[str] = set()
