"""One module per writing job: init, goals, sessions, action items, close, the sample.
Each takes the engagement's lock, writes atomically and commits what it wrote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachkit.lazy_exports import lazy

if TYPE_CHECKING:
    from coachkit.writers.actions import add_action, set_status
    from coachkit.writers.close import close_engagement
    from coachkit.writers.goals import add_goal
    from coachkit.writers.init import init_engagement
    from coachkit.writers.sample import create_sample
    from coachkit.writers.sessions import new_session

__all__ = [
    "add_action",
    "add_goal",
    "close_engagement",
    "create_sample",
    "init_engagement",
    "new_session",
    "set_status",
]
__getattr__ = lazy(
    __name__,
    {
        "add_action": "actions",
        "add_goal": "goals",
        "close_engagement": "close",
        "create_sample": "sample",
        "init_engagement": "init",
        "new_session": "sessions",
        "set_status": "actions",
    },
)
