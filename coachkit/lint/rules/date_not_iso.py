"""A date written without zero padding, such as `due: 2026-3-5`.

coachkit reads a one-digit month or day, but other tools (and people scanning
a column of dates, or sorting them as text) do not. Dates are written
`YYYY-MM-DD`. `coachkit lint --fix` pads them (`2026-03-05`); nothing else in
the line changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from coachkit.dates import DATE_RE
from coachkit.errors import NoteError
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit, TextEdit
from coachkit.notes.reader import split_front_matter

CODE = "CK106"
NAME = "date-not-iso"
SEVERITY = "warning"

# A cheap first pass: something shaped like a date with a one-digit month or day.
_LOOSE_RE = re.compile(r"(?<![\w.-])[0-9]{4}-(?:[0-9]-[0-9]{1,2}|[0-9]{1,2}-[0-9])(?![\w.-])")


def check(ctx: LintContext) -> Iterator[Hit]:
    for note in ctx.notes():
        if not note.has_front_matter:
            continue
        text = ctx.text(note.path)
        try:
            split = split_front_matter(note.path, text)
        except NoteError:  # the reader has reported it already
            continue
        if split is None or not _LOOSE_RE.search(text, split.yaml_start, split.yaml_end):
            continue
        for start, old in _plain_dates(text[split.yaml_start : split.yaml_end]):
            offset = split.yaml_start + start
            new = padded(old)
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            message = f"date {old!r} is not written YYYY-MM-DD; --fix writes {new}"
            yield Hit(note.path, line, column, message, (TextEdit(offset, old, new),))


def padded(date: str) -> str:
    """``2026-3-5`` written ``2026-03-05``."""
    year, month, day = date.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _plain_dates(front: str) -> Iterator[tuple[int, str]]:
    """Offsets of unpadded dates that YAML reads as dates: plain values, not keys or text."""
    previous: yaml.Token | None = None
    try:
        for token in yaml.scan(front, Loader=yaml.SafeLoader):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.plain
                and not isinstance(previous, yaml.KeyToken)
                and DATE_RE.match(token.value)
                and padded(token.value) != token.value
                and front[token.start_mark.index : token.end_mark.index] == token.value
            ):
                yield token.start_mark.index, token.value
            previous = token
    except yaml.YAMLError:
        return
