"""Where writes land safely: atomic files with compare-and-swap, the one write lock,
commits of exactly what was written, settings and the user's folders.
"""

from __future__ import annotations

from coachkit.lazy_exports import lazy

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py

if TYPE_CHECKING:
    from coachkit.storage.atomic_write import create_file, replace_file
    from coachkit.storage.commits import commit_paths, commit_plan, finish
    from coachkit.storage.lock import engagement_lock, writes_engagement
    from coachkit.storage.settings import read_settings
    from coachkit.storage.write_result import WriteResult

__all__ = [
    "WriteResult",
    "commit_paths",
    "commit_plan",
    "create_file",
    "engagement_lock",
    "finish",
    "read_settings",
    "replace_file",
    "writes_engagement",
]
__getattr__ = lazy(
    __name__,
    {
        "WriteResult": "write_result",
        "commit_paths": "commits",
        "commit_plan": "commits",
        "create_file": "atomic_write",
        "engagement_lock": "lock",
        "finish": "commits",
        "read_settings": "settings",
        "replace_file": "atomic_write",
        "writes_engagement": "lock",
    },
)
