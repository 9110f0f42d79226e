"""An open action item says nobody checks that it happened.

Accountability is what turns an intention into a commitment: who or what will
show that the action was done (`accountability: Priya presents the plan at the
staff meeting`). Agree it with the client when the action is agreed. Done and
dropped items are history and are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK203"
NAME = "action-missing-accountability"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.items_without(
        "accountability", what="accountability: who or what checks it happened?"
    )
