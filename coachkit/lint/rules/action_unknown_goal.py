"""An action item's `goal:` names no goal of the engagement.

The item then counts towards no goal: progress reports and `goal list` miss
it. Usually the id is misspelt, or the goal file was renamed. Use one of the
ids listed in the message (`coachkit goal list`); case is ignored.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK204"
NAME = "action-unknown-goal"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    ids = sorted(ctx.engagement.goal_ids())
    known = {goal_id.casefold() for goal_id in ids}
    listed = ", ".join(ids) or "none yet"
    for item in ctx.engagement.actions:
        if item.goal is None or item.goal.strip().casefold() in known:
            continue
        line, column = ctx.item_key_position(item, "goal")
        message = f"action {item.id or '(no id)'} serves goal {item.goal!r}, which is not a goal of this engagement (goals: {listed})"
        yield Hit(item.path, line, column, message)
