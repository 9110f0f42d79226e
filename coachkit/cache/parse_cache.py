"""The parse cache: an engagement is re-read only when one of its notes changed.

One entry per engagement in ``<cache home>/parsed/``, named by a hash of the
engagement's real path. An entry holds the *signature* of every note it was built
from — name, size, mtime and ctime in nanoseconds, inode — and the engagement as
plain values (:mod:`coachkit.cache.codec`). It is used only when the notes on
disk have exactly that signature now: an edit changes size or ctime (ctime cannot
be set back, not even by ``touch``), a rename or a new or deleted note changes the
names, a ``git checkout`` rewrites files with new ctimes and inodes.

A note changed within :data:`SETTLE_NS` of the run is read but not cached: two
writes inside one tick of the file system's clock could otherwise leave the same
signature on different content (git's "racy clean" problem).

Entries are written whole to a temporary file and renamed into place, so a reader
sees an old entry or a new one, never half of one; a broken, foreign or
old-version entry is a miss, never an error. The cache is an accelerator only:
failing to write it is silent, and deleting it loses nothing.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import struct
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.cache.codec import decode, encode
from coachkit.engagement.loader import ENGAGEMENT_FILE, NOTE_FOLDERS, is_note_name
from coachkit.engagement.model import Engagement
from coachkit.storage.user_folders import cache_home

# Bump when the encoding changes. Any change to coachkit's own code (a new version,
# an edit in a checkout) also invalidates every entry: see code_fingerprint().
CACHE_VERSION = 1
_FINGERPRINT: list[tuple[str, int, int]] = []
_DIGEST: list[str] = []


def code_fingerprint() -> tuple[tuple[str, int, int], ...]:
    """Name, size and mtime of every module of coachkit: entries outlive no code change."""
    if not _FINGERPRINT:
        folders = [os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]  # coachkit/
        while folders:
            with os.scandir(folders.pop()) as found:
                for entry in found:
                    if entry.name.endswith(".py"):
                        st = entry.stat()
                        _FINGERPRINT.append((entry.path, st.st_size, st.st_mtime_ns))
                    elif entry.is_dir() and not entry.name.startswith(("_", ".")):
                        folders.append(entry.path)
        _FINGERPRINT.sort()
    return tuple(_FINGERPRINT)


def cache_header(kind: str) -> tuple[Any, ...]:
    """What an entry must start with to be read by this coachkit on this Python.

    The code fingerprint goes in as a checksum: a hundred tuples in every entry
    would cost more to unpack than the rest of it.
    """
    if not _DIGEST:
        packed = marshal.dumps(code_fingerprint(), 2)  # format 2: the same bytes in every process
        _DIGEST.append(f"{zlib.crc32(packed):08x}{zlib.adler32(packed):08x}")
    return (kind, CACHE_VERSION, marshal.version, sys.version_info[:2], _DIGEST[0])


SETTLE_NS = 1_000_000_000

Signature = tuple[tuple[str, int, int, int, int], ...]
Scan = tuple[Signature, int]  # the signature and the newest ctime among the notes


_SCANDIR_FD = os.scandir in os.supports_fd and hasattr(os, "O_DIRECTORY")


def scan(root: Path) -> Scan:
    """Each note's name relative to ``root`` and its stat, and the newest ctime (ns).

    Lists exactly the notes :func:`~coachkit.engagement.loader.note_listing` lists,
    without building a path object for each.
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


def entry_name(root: Path) -> str:
    """The file name of the entry for the engagement at ``root``."""
    # zlib's checksums, not hashlib (whose import alone costs ~10 ms): the name only
    # spreads entries; an entry is used only if every note's signature matches.
    real = os.path.realpath(root).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(real):08x}{zlib.adler32(real):08x}"


def write_entry(entry: Path, data: bytes) -> bool:
    """Replace ``entry`` with ``data`` at once (temporary file, then rename).

    Readers see the old entry or the new one, never half of one. Returns False when
    the cache cannot be written, which only costs speed.
    """
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=entry.parent)
    except (OSError, ValueError):
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, entry)
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False


def _signature_bytes(current: Signature) -> bytes:
    """The signature as bytes that equal data always gives: marshal format 2 has none
    of the back-references later formats add depending on reference counts."""
    return marshal.dumps(current, 2)


def join_sections(sections: list[bytes]) -> bytes:
    """Sections behind a table of their sizes, so that each can be read on its own."""
    table = struct.pack(f"<I{len(sections)}Q", len(sections), *map(len, sections))
    return table + b"".join(sections)


def split_sections(data: bytes) -> list[memoryview]:
    """The sections :func:`join_sections` wrote, as views (nothing copied)."""
    (count,) = struct.unpack_from("<I", data)
    sizes = struct.unpack_from(f"<{count}Q", data, 4)
    view = memoryview(data)
    start = 4 + 8 * count
    if start + sum(sizes) != len(data):
        raise ValueError("cache entry cut short")
    sections = []
    for size in sizes:
        sections.append(view[start : start + size])
        start += size
    return sections


def _listing(root: Path, current: Signature) -> list[tuple[str, Path]]:
    """The loader's listing for the notes of a signature."""
    listing = []
    for name, *_ in current:
        kind, _, rest = name.partition("/")
        listing.append(("engagement", root / name) if not rest else (kind, root / name))
    return listing


@dataclass
class EngagementCache:
    """Loads engagements through the cache in ``folder``; counts hits, misses and writes."""

    folder: Path
    hits: int = 0
    misses: int = 0
    stored: int = 0
    started_ns: int = field(default_factory=time.time_ns)

    @classmethod
    def default(cls) -> EngagementCache:
        return cls(cache_home() / "parsed")

    def entry_path(self, root: Path) -> Path:
        return self.folder / entry_name(root)

    def load(self, root: Path) -> Engagement:
        """The engagement at ``root``, from the cache when no note changed."""
        found = self.lookup(root)
        return found if isinstance(found, Engagement) else self.parse(root, found)

    def lookup(self, root: Path) -> Engagement | Scan:
        """The cached engagement at ``root``, or, on a miss, the scan :meth:`parse` needs."""
        current = (scanned := scan(root))[0]
        try:
            with open(self.entry_path(root), "rb") as handle:
                sections = split_sections(handle.read())
            header, signature = marshal.loads(sections[0])
            if signature == _signature_bytes(current) and header == cache_header("parsed"):
                engagement = decode(root, sections[1:])
                self.hits += 1
                return engagement
        except (OSError, EOFError, ValueError, TypeError, IndexError, struct.error):
            pass  # no entry, or one this version cannot read: a miss
        self.misses += 1
        return scanned

    def will_store(self, scanned: Scan) -> bool:
        """Whether an engagement with this scan is settled enough to be cached."""
        return scanned[1] < self.started_ns - SETTLE_NS

    def parse(self, root: Path, scanned: Scan) -> Engagement:
        """Read the engagement's notes and store it, unless a note is too recent to trust."""
        from coachkit.engagement.loader import load_engagement

        current = scanned[0]
        engagement = load_engagement(root, _listing(root, current))
        if self.will_store(scanned):
            first = marshal.dumps((cache_header("parsed"), _signature_bytes(current)))
            sections = [first, *encode(engagement, [name for name, *_ in current])]
            self.stored += write_entry(self.entry_path(root), join_sections(sections))
        return engagement
