"""A feedback file or one of its responses cannot be read as a round of ratings or themes.

The round needs a `kind`, a `date` and, when it has responses, a `scale` of two
finite numbers from -100 to 100, lowest first (`[1, 5]`, or `[-3, 3]` for a
mini-survey); a round of themes alone needs none. Each response needs a `rater`
code, a `group` (self, manager, peer, direct-report or other), either a `goal` or
a named `item` (never both), and a finite numeric `rating` (`.nan` and `.inf` are
not ratings); a rater rates each goal and each item at most once per round.
`themes:` maps a rater group to lists of short texts under `strengths`,
`hidden_strengths` and `needs`. A goal's `items:` is a list of item texts, and an
item measures one goal at most. A response or theme that breaks these rules is
left out of `coachkit feedback summary` and of every report, so the figures would
quietly be wrong."""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.errors import ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK501"
NAME = "feedback-invalid"
SEVERITY = "error"
KINDS = (ProblemKind.FEEDBACK_UNREADABLE,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
