"""An action item has no id.

Without an id the item cannot be marked done or dropped (`coachkit action done
ID`), and notes and commit messages cannot refer to it. Add `id:` with any
unused four-character id, such as one `coachkit action add` would choose.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK208"
NAME = "action-missing-id"
SEVERITY = "error"
KINDS = (ProblemKind.ACTION_WITHOUT_ID,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
