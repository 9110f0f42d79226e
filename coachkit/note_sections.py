"""Markdown sections of a note body, with the coach's private text removed.

Private text is a section headed ``## Private`` (to the next heading of the same
or a higher level) or anything between ``<!-- private -->`` and
``<!-- /private -->``. Nothing that leaves the coach's hands may contain it.
"""

from __future__ import annotations

import re

_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_PRIVATE_SPAN_RE = re.compile(r"<!--\s*private\s*-->.*?(?:<!--\s*/private\s*-->|\Z)", re.S | re.I)
_PRIVATE_TITLE_RE = re.compile(r"private\b", re.I)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def strip_private(body: str) -> str:
    """``body`` without private sections and private spans (an unclosed span runs to the end).

    A private section starts at any heading whose text begins with the word
    "Private" (``## Private``, ``### Private notes``), even inside a code block,
    and runs to the next heading of the same or a higher level outside a code
    block: a ``#`` line in a fenced block cannot end it early. Every doubt falls
    on the side of hiding.
    """
    body = _PRIVATE_SPAN_RE.sub("", body)
    kept: list[str] = []
    private_level = 0
    fence: str | None = None
    for line in body.splitlines(keepends=True):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
        heading = _HEADING_RE.match(line.rstrip("\r\n"))
        if heading:
            level = len(heading.group(1))
            if private_level and level <= private_level and not fence:
                private_level = 0
            if not private_level and _PRIVATE_TITLE_RE.match(heading.group(2).strip()):
                private_level = level
        if not private_level:
            kept.append(line)
    return "".join(kept)


def sections(body: str) -> dict[str, str]:
    """Public ``## Heading`` sections as {lowercased heading: text}, comments removed."""
    result: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in strip_private(body).splitlines():
        heading = _HEADING_RE.match(line)
        if heading and len(heading.group(1)) == 2:
            if current is not None:
                result[current] = _clean("\n".join(lines))
            current, lines = heading.group(2).strip().lower(), []
        elif current is not None:
            lines.append(line)
    if current is not None:
        result[current] = _clean("\n".join(lines))
    return result


def _clean(text: str) -> str:
    return _COMMENT_RE.sub("", text).strip()
