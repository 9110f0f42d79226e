"""engagement.md's phase is not one coachkit knows.

The phases are `contracting`, `assessment`, `planning`, `coaching`, `closure`,
`follow-up` and `completed`, in that order. `status` and the
`engagement-gone-quiet` rule rely on the phase, so an unknown one is treated
like an engagement in progress. The old name `closed` is still read as
`completed` (`engagement-phase-mismatch` suggests the new one).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit
from coachkit.vocabulary import OLD_PHASE_NAMES, PHASES

CODE = "CK407"
NAME = "engagement-invalid-phase"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    note = ctx.engagement_note
    if note is None:
        return
    phase = note.meta.get("phase")
    if phase is None or phase in PHASES or phase in OLD_PHASE_NAMES:
        return
    line, column = note.position_of("phase")
    nearest = difflib.get_close_matches(str(phase), PHASES, n=1)
    hint = f" (did you mean {nearest[0]!r}?)" if nearest else ""
    yield Hit(
        note.path, line, column, f"phase {str(phase)!r} is not one of {', '.join(PHASES)}{hint}"
    )
