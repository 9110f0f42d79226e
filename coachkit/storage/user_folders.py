"""The user's own coachkit folders, never inside an engagement.

The cache folder holds parsed engagements, lint findings, compiled templates
and the crash log (never the write locks: every writer must see those, so they
live with the engagement, see engagement_lock): ``$COACHKIT_CACHE_DIR`` when set, else
``$XDG_CACHE_HOME/coachkit``, else ``~/.cache/coachkit``. Everything in it can be
deleted at any time. The settings folder is found the same way (see settings.py).
"""

from __future__ import annotations

import os

from coachkit.path_text import joined, path_text

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py
if TYPE_CHECKING:
    from pathlib import Path


def user_folder(explicit: str, xdg: str, default: str) -> Path:
    """``$explicit`` when set, else ``$xdg/coachkit``, else ``~/default/coachkit``."""
    from pathlib import Path  # not at import: see coachkit.path_text

    return Path(user_folder_text(explicit, xdg, default))


def user_folder_text(explicit: str, xdg: str, default: str) -> str:
    """:func:`user_folder` as text, for a reader that does without pathlib."""
    chosen = os.environ.get(explicit)
    if chosen:
        return path_text(chosen)
    base = os.environ.get(xdg) or joined(path_text(os.path.expanduser("~")), default)
    return joined(path_text(base), "coachkit")


def cache_home() -> Path:
    """The folder coachkit keeps its cache in (it may not exist yet)."""
    from pathlib import Path

    return Path(cache_home_text())


def cache_home_text() -> str:
    """:func:`cache_home` as text."""
    return user_folder_text("COACHKIT_CACHE_DIR", "XDG_CACHE_HOME", ".cache")
