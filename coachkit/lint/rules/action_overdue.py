"""An open action item is past its due date.

A date is due at the end of that day: an item due 2026-02-10 is 1 day overdue
on 2026-02-11. Review it with the client: mark it done (`coachkit action done
ID`), agree a new date, or drop it (`coachkit action drop ID`) if it no longer
matters.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK205"
NAME = "action-overdue"
SEVERITY = "warning"


def check(ctx: LintContext) -> Iterator[Hit]:
    for item in ctx.engagement.actions:
        days = item.days_overdue(ctx.as_of)
        if days > 0:
            plural = "" if days == 1 else "s"
            message = (
                f"action {item.id or '(no id)'} was due {item.due}: {days} day{plural} overdue"
            )
            yield Hit(item.path, item.line, item.column, message)
