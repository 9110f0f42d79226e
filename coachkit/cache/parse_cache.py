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

import marshal
import time
from dataclasses import dataclass, field
from pathlib import Path

from coachkit.cache import entries
from coachkit.cache.codec import CachedEngagement, decode, encode
from coachkit.cache.entries import (
    cache_header,
    entry_name,
    join_sections,
    read_entry,
    signature_bytes,
    write_entry,
)
from coachkit.engagement.listing import Scan, listing_of, scan
from coachkit.engagement.model import EngagementView
from coachkit.storage.user_folders import cache_home


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

    def load(self, root: Path) -> EngagementView:
        """The engagement at ``root``, from the cache when no note changed.

        Cached or freshly parsed: a reader that needs the notes calls
        :func:`~coachkit.engagement.loader.load_engagement` instead.
        """
        found = self.lookup(root)
        return found if isinstance(found, CachedEngagement) else self.parse(root, found)

    def lookup(self, root: Path) -> CachedEngagement | Scan:
        """The cached engagement at ``root``, or, on a miss, the scan :meth:`parse` needs."""
        scanned = scan(root)
        sections = read_entry(str(self.entry_path(root)), "parsed", scanned[0])
        if sections is None:  # no entry, a changed note, or one this version cannot read
            self.misses += 1
            return scanned
        self.hits += 1
        # Each section copied out of the entry (a few µs), so that the entry's buffer is
        # let go and each section's bytes as soon as it is unpacked.
        return decode(root, [memoryview(bytes(section)) for section in sections])

    def will_store(self, scanned: Scan) -> bool:
        """Whether an engagement with this scan is settled enough to be cached."""
        return scanned[1] < self.started_ns - entries.SETTLE_NS

    def parse(self, root: Path, scanned: Scan) -> CachedEngagement:
        """Read the engagement's notes and store it, unless a note is too recent to trust.

        What is returned is the entry just encoded, decoded again (whether it could be
        stored or not): the parsed notes, their bodies and every key's position are let
        go here, so a cold read of a whole practice holds no more per engagement than a
        warm one, and gives the same answers, cold or warm.
        """
        from coachkit.engagement.loader import load_engagement

        current = scanned[0]
        engagement = load_engagement(root, listing_of(root, current))
        encoded = encode(engagement, [name for name, *_ in current])
        del engagement
        if self.will_store(scanned):
            first = marshal.dumps((cache_header("parsed"), signature_bytes(current)))
            self.stored += write_entry(self.entry_path(root), join_sections([first, *encoded]))
        # Each section in a buffer of its own, freed as soon as the view unpacks it.
        return decode(root, [memoryview(section) for section in encoded])
