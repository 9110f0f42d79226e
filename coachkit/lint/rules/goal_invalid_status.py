"""A goal's status is not one coachkit knows.

A goal is `active` (the default), `achieved`, `partially-achieved`,
`not-achieved` or `dropped`. Any other status counts as not active: the goal
drops out of new session notes and of the checks on active goals.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit
from coachkit.vocabulary import GOAL_STATUSES

CODE = "CK305"
NAME = "goal-invalid-status"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    for goal in ctx.engagement.goals:
        if goal.status in GOAL_STATUSES:
            continue
        line, column = ctx.engagement.notes[goal.path].position_of("status")
        nearest = difflib.get_close_matches(goal.status, GOAL_STATUSES, n=1)
        hint = f" (did you mean {nearest[0]!r}?)" if nearest else ""
        message = f"goal {goal.id} has status {goal.status!r}; use one of {', '.join(GOAL_STATUSES)}{hint}"
        yield Hit(goal.path, line, column, message)
