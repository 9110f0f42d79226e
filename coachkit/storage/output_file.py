"""Where a file given with ``-o`` may land: a regular file, never a device, a pipe or a link.

``report -o FILE`` and ``calendar -o FILE.ics`` may write anywhere the coach
chooses (the Desktop, a synced folder), but only to a new or regular file: a
device such as /dev/null would be replaced by a file (as root), a FIFO would hang
the command, a folder or socket cannot hold the file, and a link could lead
anywhere. What is at the path is looked at with ``lstat``, never opened, except
the first few bytes of a regular file to tell what it holds. Each command adds
its own rules on top (which existing file it may replace).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coachkit.errors import WriteRefused

PEEK = 4096  # enough to see a note's front matter line, or a calendar's BEGIN line


def output_target(given: Path) -> Path:
    """Where ``given`` leads, as the system would open it: its folder resolved, its name kept.

    A relative path starts from the current folder, and ``..`` means the parent
    of the real folder, as in the shell. The last part is not followed, so a
    link there is seen as a link.
    """
    joined = Path.cwd() / given
    if joined.name in ("", ".", ".."):
        return Path(os.path.realpath(joined))
    folder = joined.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "no such folder"
        raise WriteRefused(f"{given.parent}: {what}; nothing was written")
    return Path(os.path.realpath(folder)) / joined.name


def file_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def head_of(path: Path, size: int = PEEK) -> bytes:
    """The first ``size`` bytes of the regular file ``path`` (empty when it is not one).

    Opened without following a link and without waiting (a FIFO put in its place
    is not read), and only its first bytes are read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        chunks = []
        while size > 0:
            chunk = os.read(fd, size)
            if not chunk:
                break
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)
    except OSError:
        return b""
    finally:
        os.close(fd)


def first_line(path: Path) -> bytes:
    """The first line of the regular file ``path``, without a BOM and trailing spaces."""
    first = head_of(path).removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return first.rstrip(b"\r \t")


def holds_exactly(path: Path, data: bytes) -> bool:
    """Whether the regular file ``path`` holds ``data`` and nothing else (read as
    :func:`head_of` reads), so that writing it again can be skipped."""
    return head_of(path, len(data) + 1) == data


def starts_with_front_matter(path: Path) -> bool:
    """Whether the regular file ``path`` opens with a ``---`` line, as every note does."""
    return first_line(path) == b"---"


def inspect_output(given: Path, noun: str, example: str) -> tuple[Path, os.stat_result | None]:
    """The real place ``-o given`` writes, and the stat of the regular file there, if any.

    Raises :class:`WriteRefused`, saying what is really there, for a link, a folder
    (suggesting ``given/example``) or anything but a regular file; ``noun`` names
    what is written ("report", "calendar").
    """
    target = output_target(given)
    try:
        seen = os.lstat(target)
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise WriteRefused(f"{given}: cannot be written ({exc.strerror})") from None
    if stat.S_ISLNK(seen.st_mode):
        raise WriteRefused(
            f"{given}: is a symbolic link to {os.readlink(target)}; coachkit does not "
            f"write {noun}s through links, give the real path"
        )
    kind = file_kind(seen.st_mode)
    if kind == "a folder":
        raise WriteRefused(f"{given}: is a folder; give a file name, e.g. {given}/{example}")
    if kind is not None:
        raise WriteRefused(f"{given}: is {kind}; a {noun} is written only to a regular file")
    return target, seen
