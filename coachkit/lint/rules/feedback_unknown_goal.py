"""A feedback response rates a goal that the engagement does not have.

The rating then counts towards no goal: the summary and the reports leave it
out. Usually the id is misspelt or the goal was renumbered. Use one of the ids
listed in the message (`coachkit goal list`). An item no goal names is fine:
an assessment rates items before the goals exist (`item: "..."`), and a goal
that later lists the item under `items:` takes its ratings as its baseline."""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK503"
NAME = "feedback-unknown-goal"
SEVERITY = "error"
KINDS = (ProblemKind.FEEDBACK_GOAL_UNKNOWN,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
