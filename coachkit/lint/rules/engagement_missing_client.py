"""engagement.md does not name the client.

Every listing, report and new session note names the client; without
`client:` they fall back to the folder name. Add `client: NAME`.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK403"
NAME = "engagement-missing-client"
SEVERITY = "error"
KINDS = (ProblemKind.ENGAGEMENT_WITHOUT_CLIENT,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
