"""engagement.md does not name the sponsor.

In organisational coaching the sponsor (usually the client's line manager)
agrees the goals in the three-way meeting, observes progress and receives the
reports. Name them (`sponsor: Sam Ortiz`). For a client who pays for their own
coaching, write `sponsor: self`.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK404"
NAME = "engagement-missing-sponsor"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    note = ctx.engagement_note
    if note is None or not note.has_front_matter:
        return
    value = note.meta.get("sponsor")
    if value is None or (isinstance(value, str) and not value.strip()):
        line, column = note.position_of("sponsor")
        yield Hit(
            note.path, line, column, "engagement.md has no sponsor: add a line 'sponsor: NAME'"
        )
