"""An action item's status is not open, done or dropped.

An item with any other status counts as neither open nor closed: it is not
listed, never overdue, and no other action rule checks it. Write one of the three
(a missing status means open).
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK209"
NAME = "action-invalid-status"
SEVERITY = "error"
KINDS = (ProblemKind.ACTION_STATUS_UNKNOWN,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
