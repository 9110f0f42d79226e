"""A plain value that other front-matter tools read as a different type than coachkit does.

coachkit reads front matter with YAML 1.2 core typing (docs/format.md), but a note is also
read by other tools: PyYAML, python-frontmatter and Pandoc follow YAML 1.1, where
`owner: no` is false and `time: 10:30` is the number 630; YAML 1.2 parsers such as
ruamel.yaml and js-yaml read `id: 012` as the number 12. The rule asks those tools
themselves: python-frontmatter's default loading stands for YAML 1.1 tools and ruamel.yaml
for YAML 1.2 tools, and a value is flagged when either reads it differently from coachkit.
When coachkit reads the value as text, `coachkit lint --fix` quotes it, so every tool reads
the same text. A number or date coachkit reads that another tool does not (`1e3`) is
flagged without a fix: write it so all agree, or quote it if it is text.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterator
from typing import Any

import yaml

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit, TextEdit

CODE = "CK108"
NAME = "portable-value"
SEVERITY = "warning"

# Only a plain value that starts like this can be typed by YAML 1.1 or 1.2 at all
# (numbers, dates, sexagesimals, nulls, booleans, YAML 1.1's `=` and `<<`): every other
# value is text to every tool, and never reaches the oracles.
_TYPABLE_RE = re.compile(r"^(?:[-+.0-9~=<]|(?i:y|n|yes|no|on|off|true|false|null)$)")
# Dates are date-not-iso's and date-from-timestamp's: their fixes write the portable form.
_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|T00:00:00)")
_ERROR = object()

YAML_1_1 = "YAML 1.1 tools (PyYAML, python-frontmatter, Pandoc)"
YAML_1_2 = "YAML 1.2 tools (ruamel.yaml, js-yaml)"


def check(ctx: LintContext) -> Iterator[Hit]:
    for note in ctx.notes():
        for value in ctx.plain_values(note):
            if not _TYPABLE_RE.match(value.text) or _DATE_RE.match(value.text):
                continue
            found = _disagreement(value.text)
            if found is not None:
                yield Hit(note.path, value.line, value.column, *found(value.offset))


@functools.cache
def _disagreement(value: str) -> Any:
    """None when every tool reads ``value`` as coachkit does; else a maker of the hit's
    message and fix, given the value's offset in the file.

    Asked once per distinct value in a run: a practice repeats the same few
    (``duration: 60``, ``number: 12``), and each question loads it three times.
    """
    from coachkit.notes.strict_yaml import load_strict

    try:
        ours = load_strict(f"v: {value}\n")["v"]
    except yaml.YAMLError:
        return None  # an error coachkit reports itself
    others = [(YAML_1_1, _as_yaml_1_1(value)), (YAML_1_2, _as_yaml_1_2(value))]
    differ = [(who, theirs) for who, theirs in others if not _same(ours, theirs)]
    if not differ:
        return None
    theirs = " and ".join(f"{_describe(read)} to {who}" for who, read in differ)
    said = f"{value!r} is {_describe(ours)} to coachkit but {theirs}"

    def hit(offset: int) -> tuple[str, tuple[TextEdit, ...]]:
        if isinstance(ours, str):
            quoted = "'" + ours.replace("'", "''") + "'"  # text to every YAML version
            return f"{said}; --fix writes {quoted}", (TextEdit(offset, value, quoted),)
        return f"{said}; write it so that both read it alike, or quote it", ()

    return hit


def _as_yaml_1_1(value: str) -> Any:
    """``value`` as python-frontmatter reads it by default (PyYAML's YAML 1.1 SafeLoader)."""
    import frontmatter

    try:
        return frontmatter.loads(f"---\nv: {value}\n---\n").metadata.get("v")
    except (yaml.YAMLError, ValueError):
        return _ERROR


def _as_yaml_1_2(value: str) -> Any:
    """``value`` as ruamel.yaml reads it (YAML 1.2, the safe loader)."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="safe", pure=True).load(f"v: {value}\n")["v"]
    except (YAMLError, ValueError):
        return _ERROR


def _same(ours: Any, theirs: Any) -> bool:
    if theirs is _ERROR:
        return False
    if isinstance(ours, float) and isinstance(theirs, float) and math.isnan(ours):
        return math.isnan(theirs)
    return type(ours) is type(theirs) and bool(ours == theirs)


def _describe(value: Any) -> str:
    if value is _ERROR:
        return "an error"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return "a date"
    return "text"
