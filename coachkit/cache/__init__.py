"""The parse cache: engagements re-read only when a note changed, their plain-value
codec, and the cold read shared with a forked child.
"""

from __future__ import annotations

from coachkit.lazy_exports import lazy

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py

if TYPE_CHECKING:
    from coachkit.cache.codec import CachedEngagement
    from coachkit.cache.parse_cache import EngagementCache
    from coachkit.cache.two_processes import share_misses

__all__ = ["CachedEngagement", "EngagementCache", "share_misses"]
__getattr__ = lazy(
    __name__,
    {
        "CachedEngagement": "codec",
        "EngagementCache": "parse_cache",
        "share_misses": "two_processes",
    },
)
