"""Which files of an engagement are notes, in reading order, with their stat.

One listing serves every reader: the loader reads the notes it names, and the
caches key their entries by its signature (name, size, times, inode of each
note), so the two can never disagree about what the notes are.
"""

from __future__ import annotations

import errno
import os

from coachkit.path_text import joined, path_order, path_text

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py
if TYPE_CHECKING:  # pathlib costs a warm listing ~7 ms to import: see coachkit.cli.quick
    from collections.abc import Sequence
    from pathlib import Path

ENGAGEMENT_FILE = "engagement.md"
NOTE_FOLDERS = ("goals", "sessions", "feedback")
# Folders a practice keeps beside its engagements, never searched for engagements.
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "templates", "reports"})


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


def scan(root: str | Path) -> Scan:
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


# Folders are found as text, not Path objects, so that a warm listing answered
# without pathlib (coachkit.cli.quick) and every other reader find the same ones,
# written the same way: each is the text str(Path(...)) would give (coachkit.path_text).


_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def _stat_kind(path: str) -> int | None:
    """The stat mode of ``path``, or None where :class:`Path` would say it does not exist
    (other refusals, such as no permission, are raised as Path raises them)."""
    try:
        return os.stat(path).st_mode
    except OSError as exc:
        if exc.errno in _MISSING:
            return None
        raise
    except ValueError:
        return None


def is_engagement(folder: str) -> bool:
    """Whether ``folder`` holds ``engagement.md`` (a file)."""
    mode = _stat_kind(joined(folder, ENGAGEMENT_FILE))
    return mode is not None and (mode & 0o170000) == 0o100000


def engagement_folders(paths: Sequence[str]) -> list[str] | str:
    """Every engagement folder at or below ``paths``, in Path order, without duplicates;
    or, when a path does not exist, that path (for the caller to refuse)."""
    found: set[str] = set()
    for given in map(path_text, paths):
        mode = _stat_kind(given)
        if mode is None:
            return given
        folder = given
        if (mode & 0o170000) == 0o100000:  # a note or any file: its folder
            folder = path_text(os.path.dirname(given) or ".")
        if is_engagement(folder):
            found.add(folder)
            continue
        _walk(folder, found)
    return sorted(found, key=path_order)


def _walk(folder: str, found: set[str]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        if (
            not entry.is_dir(follow_symlinks=False)
            or entry.name.startswith(".")
            or entry.name in SKIP_DIRS
        ):
            continue
        child = joined(folder, entry.name)
        if is_engagement(child):
            found.add(child)
        else:
            _walk(child, found)


def engagement_roots(paths: Sequence[str], cwd: str) -> list[str] | str:
    """The engagements a listing reads: those at or below ``paths``; with none, the one
    at or above ``cwd``, else every one below it. A path that does not exist is handed
    back (as :func:`engagement_folders` does); an empty list means none was found."""
    if paths:
        return engagement_folders(paths)
    above = engagement_above(cwd)
    return [above] if above is not None else engagement_folders([cwd])


def engagement_above(start: str) -> str | None:
    """The nearest folder at or above ``start`` (resolved) that holds ``engagement.md``."""
    folder = os.path.realpath(start)
    while True:
        if is_engagement(folder):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
