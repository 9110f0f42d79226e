"""A date written without zero padding, such as `due: 2026-3-5`.

coachkit reads a one-digit month or day, but other tools (and people scanning
a column of dates, or sorting them as text) do not. Dates are written
`YYYY-MM-DD`. `coachkit lint --fix` pads them (`2026-03-05`); nothing else in
the line changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coachkit.dates import DATE_RE
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit, TextEdit

CODE = "CK106"
NAME = "date-not-iso"
SEVERITY = "warning"

# A cheap first pass: something shaped like a date with a one-digit month or day.
_LOOSE_RE = re.compile(r"(?<![\w.-])[0-9]{4}-(?:[0-9]-[0-9]{1,2}|[0-9]{1,2}-[0-9])(?![\w.-])")


def check(ctx: LintContext) -> Iterator[Hit]:
    for note in ctx.notes():
        for value in ctx.plain_values(note, _LOOSE_RE):
            old = value.text
            if DATE_RE.match(old) and padded(old) != old:
                new = padded(old)
                message = f"date {old!r} is not written YYYY-MM-DD; --fix writes {new}"
                edit = TextEdit(value.offset, old, new)
                yield Hit(note.path, value.line, value.column, message, (edit,))


def padded(date: str) -> str:
    """``2026-3-5`` written ``2026-03-05``."""
    year, month, day = date.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"
