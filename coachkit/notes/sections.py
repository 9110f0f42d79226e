"""Markdown sections of a note body, with the coach's private text removed.

What is private, and how it is removed, is decided in one place:
:func:`coachkit.notes.privacy.disclose`. This module only splits what it discloses
into ``## Heading`` sections.
"""

from __future__ import annotations

import re
from pathlib import Path

from coachkit.notes.privacy import disclose

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def strip_private(body: str, where: Path | str, first_line: int = 1) -> str:
    """``body`` without private sections and spans (see :mod:`coachkit.notes.privacy`)."""
    return disclose(body, where, first_line=first_line).text


def sections(body: str, where: Path | str, first_line: int = 1) -> dict[str, str]:
    """Public ``## Heading`` sections as {lowercased heading: text}, comments removed.

    ``where`` and ``first_line`` name the note and the line its body starts on,
    for the one-line refusal when private text cannot be taken out safely.
    """
    return public_sections(body, where, first_line)[0]


def public_sections(
    body: str, where: Path | str, first_line: int = 1
) -> tuple[dict[str, str], bool]:
    """:func:`sections`, and whether the body held private text that was left out."""
    disclosed = disclose(body, where, first_line=first_line)
    result: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in disclosed.text.splitlines():
        heading = _HEADING_RE.match(line)
        if heading and len(heading.group(1)) <= 2:
            if current is not None:
                result[current] = clean(lines)
            current, lines = (
                (heading.group(2).strip().lower(), []) if len(heading.group(1)) == 2 else (None, [])
            )
        elif current is not None:
            lines.append(line)
    if current is not None:
        result[current] = clean(lines)
    return result, disclosed.withheld


def clean(lines: list[str]) -> str:
    """Disclosed lines as one text, HTML comments (none of them private) removed."""
    return _COMMENT_RE.sub("", "\n".join(lines)).strip()
