"""engagement.md does not name the client.

Every listing, report and new session note names the client; without
`client:` they fall back to the folder name. Add `client: NAME`.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK403"
NAME = "engagement-missing-client"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(NAME)
