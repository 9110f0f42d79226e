"""The parse cache: an engagement is re-read only when one of its notes changed.

One entry per engagement in ``<cache home>/parsed/``, named by a hash of the
engagement's real path. An entry holds the *signature* of every note it was built
from — name, size, mtime and ctime in nanoseconds, inode — and the engagement as
plain values (:mod:`coachkit.engagement_codec`). It is used only when the notes on
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
import hashlib
import marshal
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.engagement_codec import decode, encode
from coachkit.engagement_loader import ENGAGEMENT_FILE, load_engagement, note_listing
from coachkit.model import Engagement
from coachkit.user_cache import cache_home

# Bump when the encoding or anything a loaded engagement holds changes.
CACHE_VERSION = 1
_FORMAT = (b"coachkit-parse-cache", CACHE_VERSION, marshal.version, sys.version_info[:2])
SETTLE_NS = 1_000_000_000

Signature = tuple[tuple[str, int, int, int, int], ...]


def signature(root: Path, listing: list[tuple[str, Path]]) -> tuple[Signature, int]:
    """Each note's name and stat, and the newest ctime among them (ns)."""
    entries = []
    newest = 0
    for kind, path in listing:
        name = ENGAGEMENT_FILE if kind == "engagement" else f"{kind}/{path.name}"
        try:
            st = os.stat(path)
        except OSError:
            entries.append((name, -1, 0, 0, 0))
            continue
        entries.append((name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        newest = max(newest, st.st_ctime_ns)
    return tuple(entries), newest


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
        key = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape"))
        return self.folder / key.hexdigest()[:32]

    def load(self, root: Path) -> Engagement:
        """The engagement at ``root``, from the cache when no note changed."""
        listing = note_listing(root)
        current, newest = signature(root, listing)
        entry = self.entry_path(root)
        cached = self._read(entry)
        if cached is not None and cached[0] == current:
            self.hits += 1
            return decode(root, cached[1])
        self.misses += 1
        engagement = load_engagement(root, listing)
        if newest < self.started_ns - SETTLE_NS:
            names = [name for name, *_ in current]
            self._write(entry, (current, encode(engagement, names)))
        return engagement

    def _read(self, entry: Path) -> tuple[Signature, Any] | None:
        try:
            with open(entry, "rb") as handle:
                data = marshal.loads(handle.read())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        if not isinstance(data, tuple) or len(data) != 3 or data[0] != _FORMAT:
            return None
        return data[1], data[2]

    def _write(self, entry: Path, content: tuple[Signature, Any]) -> None:
        try:
            data = marshal.dumps((_FORMAT, *content))
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
        except (OSError, ValueError):
            return  # an unwritable cache only costs speed
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, entry)
            self.stored += 1
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
