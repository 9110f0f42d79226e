"""A note in goals/, sessions/ or feedback/ (or engagement.md) has no front matter.

coachkit reads a note's facts (dates, ids, action items) only from the YAML
block at its top, between a first line `---` and the next `---`. Without it the
note is invisible to every command and every other rule. Add the block, for
example by copying it from the template (`coachkit templates show session`).
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK104"
NAME = "front-matter-missing"
SEVERITY = "error"
KINDS = (ProblemKind.NO_FRONT_MATTER,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
