"""A mapping in the front matter has the same key twice.

YAML keeps only one of the two values, and which one depends on the tool that
reads the file, so coachkit refuses to guess. The message names the line of the
first one; keep the value you mean and delete the other line.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK102"
NAME = "duplicate-key"
SEVERITY = "error"
KINDS = (ProblemKind.DUPLICATE_KEY,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
