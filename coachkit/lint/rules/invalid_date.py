"""A date that does not exist, or a value that should be a date and is not.

`due: 2026-02-30` names no day, and `due: friday` or `due: "2026-02-20"` (quoted,
so text) cannot be compared with today, so the item would never show as
overdue. Write a real date, unquoted, as `YYYY-MM-DD`.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK103"
NAME = "invalid-date"
SEVERITY = "error"
KINDS = (ProblemKind.INVALID_DATE,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
