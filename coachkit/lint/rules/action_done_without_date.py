"""A done action item does not say when it was done.

The `done:` date shows how long actions take and whether they are done before
they are due; `coachkit action done` writes it. `coachkit lint --fix` takes the
date from git history: the date of the commit in which the item's status became
done (or of the commit that added it already done). When git has no such commit
(no repository, the note never committed, or the item done only in your working
tree), nothing is fixed and `--fix` says why; add `done: YYYY-MM-DD` by hand.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK206"
NAME = "action-done-without-date"
SEVERITY = "info"


def check(ctx: LintContext) -> Iterator[Hit]:
    for item in ctx.engagement.actions:
        if item.status == "done" and item.raw.get("done") is None:
            yield Hit(
                item.path,
                item.line,
                item.column,
                f"action {item.id or '(no id)'} is done but has no done: date",
            )
