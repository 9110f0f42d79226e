"""A past session note has no next steps.

The `## Next steps` section is what the next session starts from: `coachkit
session new` quotes it in the next note. A section that is missing, empty, or
holds only private text leaves nothing to pick up. Only sessions dated before
today are checked, so a note being written today or prepared ahead is left
alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coachkit.errors import PrivateTextRefused
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit
from coachkit.notes.sections import sections

CODE = "CK401"
NAME = "session-missing-next-steps"
SEVERITY = "warning"

_HEADING_RE = re.compile(r"^##[ \t]+next steps[ \t#]*$", re.I)


def check(ctx: LintContext) -> Iterator[Hit]:
    for session in ctx.engagement.sessions:
        if session.date >= ctx.as_of:
            continue
        try:
            found = sections(session.body, session.path, session.body_line)
        except PrivateTextRefused:
            continue  # private-text-unsafe names the line; what is public here is unknown
        if found.get("next steps"):
            continue
        label = f"session {session.number} ({session.date})"
        heading = _heading_line(session.body)
        if "next steps" in found and heading is not None:
            yield Hit(
                session.path,
                session.body_line + heading,
                1,
                f"{label} has an empty '## Next steps' section",
            )
        else:
            note = ctx.engagement.notes[session.path]
            message = (
                f"{label} has no '## Next steps' section: what happens before the next session?"
            )
            yield Hit(session.path, note.meta.line, note.meta.column, message)


def _heading_line(body: str) -> int | None:
    for index, line in enumerate(body.splitlines()):
        if _HEADING_RE.match(line.rstrip()):
            return index
    return None
