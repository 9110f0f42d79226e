"""A session note has no session number or no date.

Sessions are ordered by date and numbered; a note with neither `session:` and
`date:` in its front matter nor a name like `03-2026-01-24.md` cannot be placed,
so it is left out of status, reports and the next note. Add both keys.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK402"
NAME = "session-missing-date"
SEVERITY = "error"
KINDS = (ProblemKind.SESSION_WITHOUT_DATE,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
