"""Where a report may land: a regular file, never a device, a pipe or a coach's note.

``report -o FILE`` may write anywhere the coach chooses (the Desktop, a shared
folder), but only to a new or regular file: a device such as /dev/null would be
replaced by a file (as root), a FIFO would hang the command, a folder or socket
cannot hold a report, and a link could lead anywhere. What is at the path is
looked at with ``lstat``, never opened, except the first few bytes of a regular
file to tell a note (the checks any ``-o`` shares are in
:mod:`coachkit.storage.output_file`). A note of any engagement is never replaced, even with
``--force``, and no report is put where it would be read as a note. The default
place, ``reports/``, must be a real folder inside the engagement.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from coachkit.engagement.listing import read_as_note
from coachkit.errors import WriteRefused
from coachkit.storage.output_file import file_kind, inspect_output, starts_with_front_matter

NOTE_SUFFIXES = (".md", ".markdown")
REPORTS_FOLDER = "reports"


def check_output(given: Path, force: bool) -> tuple[Path, os.stat_result | None]:
    """The real place ``report -o given`` writes, and the stat of the file it replaces, if any.

    Raises :class:`WriteRefused`, saying what is really there, for anything but
    a free name or (with ``force``) a regular file that is not a note.
    """
    target, seen = inspect_output(given, "report", "report.html")
    if (
        seen is not None
        and target.suffix.lower() in NOTE_SUFFIXES
        and starts_with_front_matter(target)
    ):
        raise WriteRefused(
            f"{given}: is a coachkit note (it starts with front matter); a report never "
            "replaces a note, even with --force; choose another name"
        )
    why = read_as_note(target)
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
        raise WriteRefused(
            f"{root}: reports/ is {file_kind(seen.st_mode)}, not a folder; move it away"
        )
    return folder, False


def remove_if_empty(folder: Path) -> None:
    """Take back a folder this command made, when a failed write left it empty."""
    with contextlib.suppress(OSError):
        folder.rmdir()
