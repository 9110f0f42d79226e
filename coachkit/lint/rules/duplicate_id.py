"""Two action items, or two goals, share one id in the engagement.

`coachkit action done ID` then refuses to guess which item is meant, and goal
progress mixes two goals. It usually happens when two copies of an engagement
are merged. Each later use is reported, naming the first; give one of them a new
id (ids of action items ignore case). For two goals, `coachkit lint --fix`
renumbers the later one and every reference to it (docs/lint.md, "Ids that
collide after a merge").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK207"
NAME = "duplicate-id"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    root = ctx.engagement.root
    first: dict[str, tuple[Path, int]] = {}
    for item in ctx.engagement.actions:
        if not item.id:
            continue
        key = item.id.casefold()
        if key in first:
            path, line = first[key]
            message = f"action id {item.id!r} is already used at {_where(root, path)}:{line}; give one of them a new id"
            yield Hit(item.path, item.line, item.column, message)
        else:
            first[key] = (item.path, item.line)
    goals: dict[str, tuple[Path, int]] = {}
    for goal in ctx.engagement.goals:
        line, column = ctx.engagement.notes[goal.path].position_of("id")
        key = goal.id.casefold()
        if key in goals:
            path, first_line = goals[key]
            message = f"goal id {goal.id!r} is already used at {_where(root, path)}:{first_line}; give one of them a new id"
            yield Hit(goal.path, line, column, message)
        else:
            goals[key] = (goal.path, line)


def _where(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
