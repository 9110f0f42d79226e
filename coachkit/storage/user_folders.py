"""The user's own coachkit folders, never inside an engagement.

The cache folder holds parsed engagements, lint findings, compiled templates
and the crash log (never the write locks: every writer must see those, so they
live with the engagement, see engagement_lock): ``$COACHKIT_CACHE_DIR`` when set, else
``$XDG_CACHE_HOME/coachkit``, else ``~/.cache/coachkit``. Everything in it can be
deleted at any time. The settings folder is found the same way (see settings.py).
"""

from __future__ import annotations

import os
from pathlib import Path


def user_folder(explicit: str, xdg: str, default: str) -> Path:
    """``$explicit`` when set, else ``$xdg/coachkit``, else ``~/default/coachkit``."""
    chosen = os.environ.get(explicit)
    if chosen:
        return Path(chosen)
    return Path(os.environ.get(xdg) or str(Path.home() / default)) / "coachkit"


def cache_home() -> Path:
    """The folder coachkit keeps its cache in (it may not exist yet)."""
    return user_folder("COACHKIT_CACHE_DIR", "XDG_CACHE_HOME", ".cache")
