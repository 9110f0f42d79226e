"""The front matter is not valid YAML, not UTF-8, never closed, or not a mapping.

coachkit cannot read anything else in such a file, so every other rule is
blind to it until it is fixed. The message gives the line and column where the
YAML parser stopped; look there and just above.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK101"
NAME = "yaml-invalid"
SEVERITY = "error"
KINDS = (ProblemKind.UNREADABLE, ProblemKind.WRONG_TYPE)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
