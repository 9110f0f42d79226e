"""One writer at a time per engagement.

Every writing command reads the engagement, writes and commits. Two at once in
one engagement would race for the next session number, the same note and git's
index; holding an advisory lock for the whole sequence makes them take turns.
The lock lives in the user's cache folder (``$COACHKIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/coachkit``), never in the engagement, and the operating
system releases it when a process ends, even by a crash.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from coachkit.errors import CoachkitError
from coachkit.user_cache import cache_home

F = TypeVar("F", bound=Callable[..., Any])
WAIT_SECONDS = 60.0
_HELD: dict[str, int] = {}  # locks this process holds, by key, with their depth


def _lock_dir() -> Path:
    return cache_home() / "locks"


@contextmanager
def engagement_lock(root: Path) -> Iterator[None]:
    """Hold the engagement's write lock; wait up to a minute for another writer."""
    try:
        import fcntl
    except ImportError:  # not on a POSIX system: no lock, as before
        yield
        return
    import time

    key = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:24]
    if key in _HELD:  # re-entrant: a locked operation calling another one
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    folder = _lock_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{key}.lock", "a+b") as handle:
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise CoachkitError(
                        f"another coachkit command has been writing in {root} for over a minute; "
                        "wait for it to finish and run again"
                    ) from None
                time.sleep(0.02)
        _HELD[key] = 1
        try:
            yield
        finally:
            del _HELD[key]
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def writes_engagement(func: F) -> F:
    """Run ``func(root, …)`` holding the lock of the engagement at ``root``."""

    @functools.wraps(func)
    def locked(root: Path, *args: Any, **kwargs: Any) -> Any:
        with engagement_lock(root):
            return func(root, *args, **kwargs)

    return locked  # type: ignore[return-value]
