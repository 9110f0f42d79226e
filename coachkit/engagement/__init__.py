"""The engagement model and its queries: loading one engagement or a practice, action
items, goals, sessions, and one line of status.
"""

from __future__ import annotations

from coachkit.lazy_exports import lazy

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py

if TYPE_CHECKING:
    from coachkit.engagement.loader import find_engagement_root, load_engagement
    from coachkit.engagement.model import (
        ActionItem,
        ActionRecord,
        Engagement,
        EngagementView,
        Goal,
        Session,
    )
    from coachkit.engagement.practice import load_practice, select_actions
    from coachkit.engagement.status import engagement_status

__all__ = [
    "ActionItem",
    "ActionRecord",
    "Engagement",
    "EngagementView",
    "Goal",
    "Session",
    "engagement_status",
    "find_engagement_root",
    "load_engagement",
    "load_practice",
    "select_actions",
]
__getattr__ = lazy(
    __name__,
    {
        "ActionItem": "model",
        "ActionRecord": "model",
        "Engagement": "model",
        "EngagementView": "model",
        "Goal": "model",
        "Session": "model",
        "engagement_status": "status",
        "find_engagement_root": "loader",
        "load_engagement": "loader",
        "load_practice": "practice",
        "select_actions": "practice",
    },
)
