"""An active goal has no action item serving it.

A goal nobody acts on does not move. An item serves a goal when its `goal:`
names it and it is open or done (dropped items do not count). Agree a first
step in the next session and add it with `coachkit action add --goal ID`.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK303"
NAME = "goal-without-actions"
SEVERITY = "warning"


def check(ctx: LintContext) -> Iterator[Hit]:
    served = {
        item.goal.strip().casefold()
        for item in ctx.engagement.actions
        if item.goal and item.status != "dropped"
    }
    for goal in ctx.engagement.goals:
        if goal.is_active and goal.id.casefold() not in served:
            line, column = ctx.engagement.notes[goal.path].position_of("id")
            yield Hit(
                goal.path,
                line,
                column,
                f"goal {goal.id} has no action item: no open or done item names goal: {goal.id}",
            )
