"""A date saved by another tool as a midnight-UTC timestamp, such as `due: 2026-01-29T00:00:00.000Z`.

Node tools that read front matter with gray-matter (js-yaml) turn every date into a
JavaScript Date and write it back as a timestamp. coachkit reads such a value as the date
it names, so nothing breaks, but a person (and the next tool) reads a time where a day
belongs. `coachkit lint --fix` writes it back as `YYYY-MM-DD`; nothing else in the line
changes. A timestamp at any other time of day names no single day everywhere, so it is
not read as a date: where a date belongs it is an `invalid-date` error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit, TextEdit
from coachkit.lint.rules.date_not_iso import padded
from coachkit.notes.strict_yaml import MIDNIGHT_UTC

CODE = "CK107"
NAME = "date-from-timestamp"
SEVERITY = "warning"

_TIMESTAMP_RE = re.compile(rf"^([0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}){MIDNIGHT_UTC}$")
_CHEAP_RE = re.compile(r"[0-9]T00:00:00")


def check(ctx: LintContext) -> Iterator[Hit]:
    for note in ctx.notes():
        for value in ctx.plain_values(note, _CHEAP_RE):
            match = _TIMESTAMP_RE.match(value.text)
            if match:
                old, new = value.text, padded(match.group(1))
                message = f"date {old!r} is written as a timestamp; --fix writes {new}"
                edit = TextEdit(value.offset, old, new)
                yield Hit(note.path, value.line, value.column, message, (edit,))
