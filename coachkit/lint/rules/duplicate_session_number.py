"""Two session notes have the same session number.

Notes, reports and the client refer to sessions by number ("as we said in
session 3"), and `coachkit session new` numbers the next note one past the
highest. Two notes with one number usually come from a copied note or a merge.
`coachkit lint --fix` renumbers the later one (its `session:`, heading and file
name, and the notes after it where they would collide in turn).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK409"
NAME = "duplicate-session-number"
SEVERITY = "warning"


def check(ctx: LintContext) -> Iterator[Hit]:
    first: dict[int, Path] = {}
    for session in sorted(ctx.engagement.sessions, key=lambda s: s.path.name):
        if session.number not in first:
            first[session.number] = session.path
            continue
        note = ctx.engagement.notes[session.path]
        line, column = note.position_of("session")
        message = (
            f"session number {session.number} is also used by sessions/{first[session.number].name}"
        )
        yield Hit(session.path, line, column, message)
