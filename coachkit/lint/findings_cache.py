"""Lint findings kept per engagement, reused while nothing they depend on changed.

An engagement's findings depend on its notes, on every ``.coachkit.yaml`` that can
configure them (in its note folders, in it, and in each folder above it), on the
day they are judged as of, on the rules chosen, and on coachkit itself. The key of
an entry holds all of them: each note's and each configuration file's signature
(name, size, mtime and ctime in nanoseconds, inode — see
:mod:`coachkit.cache.parse_cache`), the date, the selection and the code fingerprint.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
import time
from pathlib import Path
from typing import Any

from coachkit.cache import entries
from coachkit.cache.entries import cache_header, entry_name, write_entry
from coachkit.engagement.listing import NOTE_FOLDERS, scan
from coachkit.lint.finding import Finding, TextEdit
from coachkit.storage.user_folders import cache_home
from coachkit.vocabulary import CONFIG_FILE


def _config_signature(root: Path) -> tuple[tuple[Any, ...], int]:
    """Every configuration file that can apply to the engagement's notes, and the newest ctime."""
    top = os.path.abspath(root)
    folders = [os.path.join(top, name) for name in NOTE_FOLDERS]
    folder = top
    while True:
        folders.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    found: list[tuple[Any, ...]] = []
    newest = 0
    for folder in folders:
        try:
            st = os.stat(os.path.join(folder, CONFIG_FILE))
        except OSError:
            continue
        found.append((folder, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        newest = max(newest, st.st_ctime_ns)
    return tuple(found), newest


def _prefix(root: Path) -> str:
    """What paths below ``root`` start with, as the loader builds them."""
    text = os.fspath(root)
    return "" if text == "." else text + os.sep


class FindingsCache:
    """Reads and writes the findings of whole engagements in ``folder``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_home() / "lint"
        self.started_ns = time.time_ns()
        self.hits = self.misses = self.stored = 0

    def key(self, root: Path, as_of: dt.date, choice: tuple[Any, ...]) -> tuple[Any, int, int]:
        """The key of ``root``'s findings now, the newest ctime among its files, and
        how many notes it has."""
        notes, newest_note = scan(root)
        configs, newest_config = _config_signature(root)
        key = (cache_header("lint"), as_of.toordinal(), choice, notes, configs)
        return key, max(newest_note, newest_config), len(notes)

    def will_store(self, newest: int) -> bool:
        """Whether findings over files whose newest ctime is ``newest`` may be cached."""
        return newest < self.started_ns - entries.SETTLE_NS

    def get(self, root: Path, key: Any) -> tuple[list[Finding], int] | None:
        """The findings stored under ``key`` and how many files they covered, or None."""
        try:
            with open(self.folder / entry_name(root), "rb") as handle:
                stored_key, files, records = marshal.loads(handle.read())
        except (OSError, EOFError, ValueError, TypeError):
            self.misses += 1
            return None
        if stored_key != key:
            self.misses += 1
            return None
        self.hits += 1
        paths: dict[str, Path] = {}
        for where, *_ in records:
            if where not in paths:
                paths[where] = Path(where) if os.path.isabs(where) else root / where
        findings = [
            Finding(
                paths[where],
                line,
                column,
                code,
                rule,
                severity,
                message,
                tuple(TextEdit(*edit) for edit in edits),
            )
            for where, line, column, code, rule, severity, message, edits in records
        ]
        return findings, files

    def put(self, root: Path, key: Any, newest: int, findings: list[Finding], files: int) -> None:
        """Store ``root``'s findings, unless a file changed too recently to be trusted."""
        if not self.will_store(newest):
            return
        prefix = _prefix(root)
        records = [
            (
                str(f.path)[len(prefix) :]
                if str(f.path).startswith(prefix)
                else os.path.abspath(f.path),
                f.line,
                f.column,
                f.code,
                f.rule,
                f.severity,
                f.message,
                [(e.offset, e.old, e.new) for e in f.edits],
            )
            for f in findings
        ]
        data = marshal.dumps((key, files, records))
        self.stored += write_entry(self.folder / entry_name(root), data)
