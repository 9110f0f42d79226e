"""An active goal has no target date.

Without a date a goal can stay "in progress" for ever, and
`goal-target-after-engagement-end` cannot check it against the contract. Agree
when the target should be reached (`target_date: 2026-06-30`). Closed goals are
history and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK302"
NAME = "goal-missing-target-date"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    for goal in ctx.engagement.goals:
        note = ctx.engagement.notes[goal.path]
        if goal.is_active and note.meta.get("target_date") is None:
            line, column = note.position_of("target_date")
            yield Hit(goal.path, line, column, f"goal {goal.id} has no target_date")
