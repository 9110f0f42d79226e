"""A session held before today does not say how long it was.

`coachkit hours` counts credential hours from `duration:` (minutes), and the
status listing counts hours used against the contract from it: a held session
without one counts as nothing. Add `duration: 60` (the minutes coached). A
session that did not take place says so with `attended: no-show` or
`attended: late-cancel` and needs no duration. Sessions dated today or later are
left alone: the note may be written before the session.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK413"
NAME = "session-missing-duration"
SEVERITY = "warning"


def check(ctx: LintContext) -> Iterator[Hit]:
    for session in ctx.engagement.sessions:
        if session.date >= ctx.as_of or not session.is_held or session.duration is not None:
            continue
        if "duration" in (meta := ctx.engagement.notes[session.path].meta) and meta["duration"]:
            continue  # a duration that is not minutes: yaml-invalid or session-fact-invalid says so
        line, column = (
            meta.position_of("duration") if "duration" in meta else (meta.line, meta.column)
        )
        yield Hit(
            session.path,
            line,
            column,
            f"session {session.number} ({session.date}) was held but has no duration: "
            "add the minutes coached (duration: 60), or attended: no-show",
        )
