"""An active goal's target date falls after the engagement's planned end.

The coaching contract ends on engagement.md's `end`; a target after it will be
judged after the coach has gone, or not at all. Bring the target date inside the
engagement, or extend the engagement and change `end`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK304"
NAME = "goal-target-after-engagement-end"
SEVERITY = "warning"


def check(ctx: LintContext) -> Iterator[Hit]:
    end = ctx.engagement.meta.get("end")
    if not isinstance(end, dt.date):
        return
    for goal in ctx.engagement.goals:
        if goal.is_active and goal.target_date is not None and goal.target_date > end:
            line, column = ctx.engagement.notes[goal.path].position_of("target_date")
            message = (
                f"goal {goal.id} targets {goal.target_date}, after the engagement ends on {end}"
            )
            yield Hit(goal.path, line, column, message)
