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

import yaml

from coachkit.errors import NoteError
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit, TextEdit
from coachkit.lint.rules.date_not_iso import padded
from coachkit.notes.reader import split_front_matter
from coachkit.notes.strict_yaml import MIDNIGHT_UTC

CODE = "CK107"
NAME = "date-from-timestamp"
SEVERITY = "warning"

_TIMESTAMP_RE = re.compile(rf"^([0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}){MIDNIGHT_UTC}$")
_CHEAP_RE = re.compile(r"[0-9]T00:00:00")


def check(ctx: LintContext) -> Iterator[Hit]:
    for note in ctx.notes():
        if not note.has_front_matter:
            continue
        text = ctx.text(note.path)
        try:
            split = split_front_matter(note.path, text)
        except NoteError:  # the reader has reported it already
            continue
        if split is None or not _CHEAP_RE.search(text, split.yaml_start, split.yaml_end):
            continue
        for start, old, new in _timestamps(text[split.yaml_start : split.yaml_end]):
            offset = split.yaml_start + start
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            message = f"date {old!r} is written as a timestamp; --fix writes {new}"
            yield Hit(note.path, line, column, message, (TextEdit(offset, old, new),))


def _timestamps(front: str) -> Iterator[tuple[int, str, str]]:
    """Offset, text and date of each plain midnight-UTC value (not keys, not quoted text)."""
    previous: yaml.Token | None = None
    try:
        for token in yaml.scan(front, Loader=yaml.SafeLoader):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.plain
                and not isinstance(previous, yaml.KeyToken)
                and front[token.start_mark.index : token.end_mark.index] == token.value
            ):
                match = _TIMESTAMP_RE.match(token.value)
                if match:
                    yield token.start_mark.index, token.value, padded(match.group(1))
            previous = token
    except yaml.YAMLError:
        return
