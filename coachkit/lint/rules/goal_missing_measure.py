"""An active goal has no measure: nobody could tell whether it was reached.

A coaching goal is observable by others: say how progress shows
(`measure: Direct reports rate 'delegates decisions with clear authority' on
the 360`), ideally with a `baseline` and a `target`. Closed goals (achieved,
not achieved, dropped) are history and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK301"
NAME = "goal-missing-measure"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    for goal in ctx.engagement.goals:
        note = ctx.engagement.notes[goal.path]
        value = note.meta.get("measure")
        if goal.is_active and (value is None or (isinstance(value, str) and not value.strip())):
            line, column = note.position_of("measure")
            yield Hit(
                goal.path,
                line,
                column,
                f"goal {goal.id} has no measure: how will others see progress?",
            )
