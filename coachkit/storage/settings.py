"""Settings from ``.coachkit.yaml`` files and the user's folders.

A ``.coachkit.yaml`` may sit in an engagement or in any folder above it (a
practice). For each setting, the closest file that sets it wins.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from coachkit.errors import NoteError
from coachkit.notes.located_map import LocatedMap
from coachkit.path_text import folders_up
from coachkit.storage.user_folders import user_folder
from coachkit.vocabulary import CONFIG_FILE


def config_dir() -> Path:
    """The user's coachkit folder: ``$COACHKIT_CONFIG_DIR``, else the XDG config folder."""
    return user_folder("COACHKIT_CONFIG_DIR", "XDG_CONFIG_HOME", ".config")


def settings_files(start: Path) -> list[Path]:
    """Every ``.coachkit.yaml`` at or above ``start``, closest first."""
    candidates = (Path(folder, CONFIG_FILE) for folder in folders_up(str(start), os.getcwd()))
    return [candidate for candidate in candidates if candidate.is_file()]


def read_settings(path: Path) -> LocatedMap:
    """One settings file, parsed strictly (errors carry its line and column).

    A file unchanged for a second is parsed once a run: a practice's settings apply to
    every engagement below it, and each asks. A younger one is parsed at every ask, as
    the parse cache treats a note (two writes in one tick of the clock could leave the
    same signature on different text).
    """
    import time

    from coachkit.notes.reader import decode, parse_front_matter  # YAML only when a file is read

    def signature() -> tuple[str, int, int, int, int]:
        st = os.stat(path)
        return (os.fspath(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    before = signature()
    found = _PARSED.get(before)
    if found is None:
        found = parse_front_matter(path, decode(path, path.read_bytes())[0], first_line=1)
        if signature() == before and before[3] < time.time_ns() - _SETTLED_NS:
            _PARSED[before] = found
    return found


_PARSED: dict[tuple[str, int, int, int, int], LocatedMap] = {}
_SETTLED_NS = 1_000_000_000


def setting(start: Path, key: str, default: Any) -> tuple[Any, Path | None]:
    """The closest file's value for ``key`` and the file it came from."""
    for path in settings_files(start):
        data = read_settings(path)
        if key in data:
            return data[key], path
    return default, None


def commits_enabled(engagement_root: Path) -> bool:
    """False when the closest ``.coachkit.yaml`` that sets it says ``commit: false``."""
    return yes_or_no(engagement_root, "commit", True)


def team_practice(engagement_root: Path) -> bool:
    """True when the closest ``.coachkit.yaml`` that sets it says ``team: true``.

    In a team practice, overdue, status, upcoming and hours list the engagements
    whose ``coach:`` is the git identity's name unless ``--coach`` says otherwise.
    """
    return yes_or_no(engagement_root, "team", False)


def yes_or_no(start: Path, key: str, default: bool) -> bool:
    """The closest file's true/false ``key``; any other value is an error at its line."""
    value, path = setting(start, key, default)
    if not isinstance(value, bool) and path is not None:
        line, column = read_settings(path).position_of(key)
        raise NoteError(path, line, column, f"{key} must be true or false, not {value!r}")
    return bool(value)
