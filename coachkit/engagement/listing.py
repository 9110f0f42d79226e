"""Which files of an engagement are notes, in reading order, with their stat.

One listing serves every reader: the loader reads the notes it names, and the
caches key their entries by its signature (name, size, times, inode of each
note), so the two can never disagree about what the notes are.
"""

from __future__ import annotations

import os
from pathlib import Path

ENGAGEMENT_FILE = "engagement.md"
NOTE_FOLDERS = ("goals", "sessions", "feedback")


def is_note_name(name: str) -> bool:
    """Whether a file of this name in a note folder is a note (hidden files are not)."""
    return name.endswith(".md") and not name.startswith(".")


def read_as_note(target: Path) -> str | None:
    """Why a file written at ``target`` (a report, a calendar) would be read as a note, or None."""
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


Signature = tuple[tuple[str, int, int, int, int], ...]
Scan = tuple[Signature, int]  # the signature and the newest ctime among the notes


_SCANDIR_FD = os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY")


def scan(root: Path) -> Scan:
    """Each note's name relative to ``root`` and its stat, and the newest ctime (ns).

    Without building a path object for each; ``engagement.md`` is always first
    (size -1 when it is missing, so that the loader reports it).
    """
    base = os.fspath(root)
    entries = []
    newest = 0
    try:
        st = os.stat(f"{base}/{ENGAGEMENT_FILE}")
        entries.append((ENGAGEMENT_FILE, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        newest = st.st_ctime_ns
    except OSError:
        entries.append((ENGAGEMENT_FILE, -1, 0, 0, 0))
    for folder in NOTE_FOLDERS:
        try:
            # Listing through an open folder makes each stat look up one name, not a path.
            where: int | str = (
                os.open(f"{base}/{folder}", os.O_RDONLY | os.O_DIRECTORY)
                if _SCANDIR_FD
                else f"{base}/{folder}"
            )
        except (FileNotFoundError, NotADirectoryError):
            continue
        try:
            with os.scandir(where) as found:
                notes = sorted([(e.name, e) for e in found if is_note_name(e.name)])
            for name, entry in notes:
                try:
                    if not entry.is_file():
                        continue
                    st = entry.stat()
                except OSError:
                    continue  # gone since the folder was listed
                entries.append(
                    (f"{folder}/{name}", st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                )
                newest = max(newest, st.st_ctime_ns)
        finally:
            if isinstance(where, int):
                os.close(where)
    return tuple(entries), newest


def listing_of(root: Path, signature: Signature) -> list[tuple[str, Path]]:
    """The notes of ``signature`` with their kinds: ``engagement`` or the folder's name."""
    listing = []
    for name, *_ in signature:
        kind, _, rest = name.partition("/")
        listing.append((kind, root / name) if rest else ("engagement", root / name))
    return listing


def note_listing(root: Path) -> list[tuple[str, Path]]:
    """Every note of the engagement at ``root`` with its kind, in reading order.

    The kind is ``engagement`` or the folder's name (``goals``, ``sessions``,
    ``feedback``); hidden files and anything not ending in ``.md`` are not notes.
    """
    return listing_of(root, scan(root)[0])
