"""Settings from ``.coachkit.yaml`` files and the user's folders.

A ``.coachkit.yaml`` may sit in an engagement or in any folder above it (a
practice). Settings are merged from the outermost file inwards: the closest wins.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from coachkit.errors import CoachkitError
from coachkit.note_reader import decode, parse_front_matter

CONFIG_FILE = ".coachkit.yaml"


def config_dir() -> Path:
    """The user's coachkit folder: ``$COACHKIT_CONFIG_DIR``, else the XDG config folder."""
    explicit = os.environ.get("COACHKIT_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "coachkit"


def load_settings(start: Path) -> dict[str, Any]:
    """Every ``.coachkit.yaml`` from the file system root down to ``start``, merged."""
    files = [folder / CONFIG_FILE for folder in (start, *start.parents) if (folder / CONFIG_FILE).is_file()]
    merged: dict[str, Any] = {}
    for path in reversed(files):
        data = parse_front_matter(path, decode(path, path.read_bytes())[0], first_line=1)
        merged.update(data)
    return merged


def commits_enabled(engagement_root: Path) -> bool:
    """False when a ``.coachkit.yaml`` says ``commit: false``."""
    value = load_settings(engagement_root).get("commit", True)
    if not isinstance(value, bool):
        raise CoachkitError(f"{CONFIG_FILE}: commit must be true or false, not {value!r}")
    return value
