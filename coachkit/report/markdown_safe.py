"""Typed text made inert for the Markdown report: raw HTML shown as text, only safe links kept.

A Markdown report is opened in viewers and converted by Pandoc, which render raw
HTML and any link live: a ``<script>``, an ``<img onerror=…>`` or a
``[x](javascript:…)`` that the coach typed in a note would run there. Every value a
Markdown report template gets passes :func:`inert_markdown`: each ``<`` that could
open HTML and does not open an http(s) or mailto autolink becomes ``&lt;`` (CommonMark and Pandoc
then show it as written), and a link, image or link reference definition whose
destination is not http(s) or mailto has its ``[`` written ``&#91;``, so it is shown as
plain text. Entities, not backslashes, because a table cell (the ``cell`` filter)
doubles every backslash. Code spans
and fenced code are left alone: nothing in them is rendered as markup.
"""

from __future__ import annotations

import re
from typing import Any

SAFE_SCHEMES = re.compile(r"(?:https?://|mailto:)", re.I)
_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)", re.S)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]*>", re.I)
# [text](destination …): the text may hold one level of brackets, the destination
# may be <…> or hold one level of parentheses.
_LINK = re.compile(
    r"(!?)\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]\(\s*(<[^>]*>|(?:[^()\s]|\([^()]*\))*)"
)
_DEFINITION = re.compile(r"^( {0,3})\[([^\]]+)\]:\s*(<[^>]*>|\S*)")


def _safe_destination(destination: str) -> bool:
    return SAFE_SCHEMES.match(destination.strip().lstrip("<")) is not None


def _inline(text: str) -> str:
    """One run of text outside code: links checked, every other ``<`` escaped."""

    def link(found: re.Match[str]) -> str:
        bang, label, destination = found.groups()
        if bang == "" and _safe_destination(destination):
            return found.group(0)
        # An image, or a link to anywhere but the web or mail: shown as its text.
        return f"{bang}&#91;{label}]({destination}"

    text = _LINK.sub(link, text)
    pieces: list[str] = []
    at = 0
    for found in _AUTOLINK.finditer(text):
        pieces.append(_escape_angles(text[at : found.start()]))
        pieces.append(found.group(0))
        at = found.end()
    pieces.append(_escape_angles(text[at:]))
    return "".join(pieces)


def _escape_angles(text: str) -> str:
    # Only a ``<`` before a letter, ``/``, ``!`` or ``?`` can open HTML in CommonMark.
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)


def _line(line: str) -> str:
    definition = _DEFINITION.match(line)
    if definition and not _safe_destination(definition.group(3)):
        indent, label = definition.group(1), definition.group(2)
        line = f"{indent}&#91;{label}]:" + line[definition.end(2) + 2 :]
    pieces: list[str] = []
    at = 0
    for found in _CODE_SPAN.finditer(line):
        pieces.append(_inline(line[at : found.start()]))
        pieces.append(found.group(0))
        at = found.end()
    pieces.append(_inline(line[at:]))
    return "".join(pieces)


def inert_markdown(text: str) -> str:
    """``text`` with raw HTML escaped and links kept only to http(s) and mailto."""
    if "<" not in text and "[" not in text:
        return text
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            out.append(line)
        elif opened:
            fence = opened.group(1)
            out.append(line)
        else:
            out.append(_line(line))
    return "".join(out)


def inert_data(value: Any) -> Any:
    """``value`` (a template's plain data) with every string passed through inert_markdown."""
    if isinstance(value, str):
        return inert_markdown(value)
    if isinstance(value, dict):
        return {key: inert_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [inert_data(item) for item in value]
    return value
