"""An open action item has no due date.

An action without a date slips quietly: nobody can tell when it is late, and
`coachkit overdue` never shows it. Agree a date in the session, even a rough
one (`--due +2w`), and write it as `due: YYYY-MM-DD`.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK201"
NAME = "action-missing-due"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.items_without("due", what="due date", blank=False)
