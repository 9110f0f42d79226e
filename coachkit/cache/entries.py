"""Cache entries that are never stale: signatures of notes, a versioned header, atomic files.

The machinery both caches share, the parse cache (:mod:`coachkit.cache.parse_cache`)
and lint's findings cache (:mod:`coachkit.lint.findings_cache`): the signature of
an engagement's notes (:func:`scan`), a header that changes with coachkit's code
(:func:`cache_header`), entry names, atomic entry writes, and sections.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import zlib

from coachkit.engagement.listing import Signature

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

# Bump when the encoding changes. Any change to coachkit's own code (a new version,
# an edit in a checkout) also invalidates every entry: see code_fingerprint().
CACHE_VERSION = 9
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


def entry_name(root: str | Path) -> str:
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
    from coachkit.storage.atomic_write import replace_cache_file

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        replace_cache_file(entry, data)
    except (OSError, ValueError):
        return False
    return True


def signature_bytes(current: Signature) -> bytes:
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


def read_entry(path: str, kind: str, current: Signature) -> list[memoryview] | None:
    """The sections after the header of the entry at ``path``, when this coachkit wrote
    it (``kind``, version, code) from notes whose signature is exactly ``current``.

    None for anything else: no entry, one from another version or Python, a note
    changed since, a broken file. A miss is never an error.
    """
    try:
        with open(path, "rb") as handle:
            sections = split_sections(handle.read())
        header, signature = marshal.loads(sections[0])
        if signature == signature_bytes(current) and header == cache_header(kind):
            return sections[1:]
    except (OSError, EOFError, ValueError, TypeError, IndexError, struct.error):
        pass
    return None
