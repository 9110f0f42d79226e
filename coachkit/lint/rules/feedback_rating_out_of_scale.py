"""A feedback rating lies outside the round's scale.

A 4 on a `[-3, 3]` mini-survey, or a 6 on a `[1, 5]` 360, is a typing error or
a rating copied from another survey (a `1e308` is always outside: scales end
within -100..100). The response is left out of the summary
and the reports until it is fixed: correct the rating, or the file's `scale`
if the survey really used another one.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK502"
NAME = "feedback-rating-out-of-scale"
SEVERITY = "error"
KINDS = (ProblemKind.RATING_OUT_OF_SCALE,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
