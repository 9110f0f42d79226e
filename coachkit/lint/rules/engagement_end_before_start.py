"""engagement.md's planned end is before its start.

Usually a typo in one of the years. `coachkit init` refuses it, but a hand edit
does not; goal target dates are then checked against a wrong end. Correct
`start` or `end`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK408"
NAME = "engagement-end-before-start"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    note = ctx.engagement_note
    if note is None:
        return
    start, end = note.meta.get("start"), note.meta.get("end")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        line, column = note.position_of("end")
        yield Hit(
            note.path, line, column, f"the engagement ends ({end}) before it starts ({start})"
        )
