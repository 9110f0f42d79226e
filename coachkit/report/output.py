"""Where a report may land: a regular file, never a device, a pipe or a coach's note.

``report -o FILE`` may write anywhere the coach chooses (the Desktop, a shared
folder), but only to a new or regular file: a device such as /dev/null would be
replaced by a file (as root), a FIFO would hang the command, a folder or socket
cannot hold a report, and a link could lead anywhere. What is at the path is
looked at with ``lstat``, never opened, except the first few bytes of a regular
file to tell a note. A note of any engagement is never replaced, even with
``--force``, and no report is put where it would be read as a note. The default
place, ``reports/``, must be a real folder inside the engagement.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from coachkit.engagement.listing import ENGAGEMENT_FILE, NOTE_FOLDERS
from coachkit.errors import WriteRefused

NOTE_PEEK = 4096  # enough to see a front matter's opening line
NOTE_SUFFIXES = (".md", ".markdown")
REPORTS_FOLDER = "reports"


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


def _kind(mode: int) -> str | None:
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


def starts_with_front_matter(path: Path) -> bool:
    """Whether the regular file ``path`` opens with a ``---`` line, as every note does.

    Opened without following a link and without waiting (a FIFO put in its place
    is not read), and only its first bytes are read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = os.read(fd, NOTE_PEEK)
    except OSError:
        return False
    finally:
        os.close(fd)
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return first.rstrip(b"\r \t") == b"---"


def _read_as_note(target: Path) -> str | None:
    """Why a report at ``target`` would be read as a note, or None."""
    if target.name == ENGAGEMENT_FILE:
        return f"{ENGAGEMENT_FILE} is what makes a folder an engagement"
    folder = target.parent
    if (
        target.suffix == ".md"
        and folder.name in NOTE_FOLDERS
        and (folder.parent / ENGAGEMENT_FILE).is_file()
    ):
        return (
            f"every .md file in {folder.name}/ of the engagement {folder.parent} is read as a note"
        )
    return None


def check_output(given: Path, force: bool) -> tuple[Path, os.stat_result | None]:
    """The real place ``report -o given`` writes, and the stat of the file it replaces, if any.

    Raises :class:`WriteRefused`, saying what is really there, for anything but
    a free name or (with ``force``) a regular file that is not a note.
    """
    target = output_target(given)
    try:
        seen: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        seen = None
    except OSError as exc:
        raise WriteRefused(f"{given}: cannot be written ({exc.strerror})") from None
    if seen is not None:
        if stat.S_ISLNK(seen.st_mode):
            raise WriteRefused(
                f"{given}: is a symbolic link to {os.readlink(target)}; coachkit does not "
                "write reports through links, give the real path"
            )
        kind = _kind(seen.st_mode)
        if kind == "a folder":
            raise WriteRefused(f"{given}: is a folder; give a file name, e.g. {given}/report.html")
        if kind is not None:
            raise WriteRefused(f"{given}: is {kind}; a report is written only to a regular file")
        if target.suffix.lower() in NOTE_SUFFIXES and starts_with_front_matter(target):
            raise WriteRefused(
                f"{given}: is a coachkit note (it starts with front matter); a report never "
                "replaces a note, even with --force; choose another name"
            )
    why = _read_as_note(target)
    if why is not None:
        raise WriteRefused(
            f"{given}: a report there would be read as a note ({why}); choose another name"
        )
    if seen is not None and not force:
        raise WriteRefused(f"{given}: already exists; pass --force to replace it")
    return target, seen


def reports_folder(root: Path, make: bool = True) -> tuple[Path, bool]:
    """The engagement's ``reports/``, made if missing (unless not ``make``); True when made.

    It must be a real folder: a link would put the record of what was sent
    outside the engagement (and outside its git history).
    """
    folder = root / REPORTS_FOLDER
    try:
        seen = os.lstat(folder)
    except FileNotFoundError:
        if not make:
            return folder, False
        try:
            folder.mkdir()
        except FileExistsError:  # made by another process meanwhile: check it again
            return reports_folder(root)[0], False
        except OSError as exc:
            raise WriteRefused(f"{folder}: cannot be created ({exc.strerror})") from None
        return folder, True
    if stat.S_ISLNK(seen.st_mode):
        raise WriteRefused(
            f"{root}: reports/ is a symbolic link to {os.readlink(folder)}; reports are kept "
            "inside the engagement, so make reports/ a real folder"
        )
    if not stat.S_ISDIR(seen.st_mode):
        raise WriteRefused(f"{root}: reports/ is {_kind(seen.st_mode)}, not a folder; move it away")
    return folder, False


def remove_if_empty(folder: Path) -> None:
    """Take back a folder this command made, when a failed write left it empty."""
    with contextlib.suppress(OSError):
        folder.rmdir()
