"""A fact a coaching log counts is written in a way coachkit cannot use.

`coachkit hours` adds up credential hours from these keys, so a value it cannot
read would silently change the log. It reports, in a session note, a `start:` that
is not a time of day `HH:MM` (such as `25:00`), an `attended:` other than held,
no-show or late-cancel, a `billing:` other than paid, pro-bono or reciprocal, and a
`duration:` of 0 minutes or fewer; in engagement.md, a `billing:` or `icf_listing:`
(listed or anonymous) it does not know, a `contact:` that is not an e-mail address,
a `group_size:` outside 1 to 15, and a `reciprocal_received:` that is not a number of
hours of 0 or more. docs/format.md describes each key.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK412"
NAME = "session-fact-invalid"
SEVERITY = "error"
KINDS = (ProblemKind.FACT_INVALID,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
