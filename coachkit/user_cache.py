"""The user's cache folder: locks, parsed notes and the crash log live here, never in an engagement.

``$COACHKIT_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/coachkit``, else
``~/.cache/coachkit``. Everything in it can be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_home() -> Path:
    """The folder coachkit keeps its cache in (it may not exist yet)."""
    explicit = os.environ.get("COACHKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coachkit"
