"""What of a coach's prose another reader may see: one function decides, on a real parse.

Private text is marked two ways (docs/format.md, "Private notes"):

- a **private section**: any CommonMark heading (ATX or setext, any level, at any
  nesting: block quote, list item) whose plain text begins with the word
  "private" once inline markup is removed, case folded, and leading emoji,
  digits or punctuation skipped. It runs to the next heading of the same or a
  higher level in the same container, else to the container's end;
- a **private span**: ``<!--``, optional space, ``private`` in any case, then
  anything up to ``-->``; closed by ``<!-- /private -->`` in any case and
  spacing. Spans nest, and one never closed runs to the end of the text. A
  marker counts wherever it is written, even in code: doubt falls on hiding.

:func:`disclose` removes both on the parse (source line ranges for sections,
character ranges for spans), keeping every line break so that what remains keeps
its lines and its structure. It then re-parses the result and refuses, naming the
file and line, if any private marker survived in any form (a private-looking
heading hidden in a code block or raw HTML too) or if any block appears that did
not stand in the original outside the private ranges. It fails closed: nothing
is ever disclosed that it could not account for.

A text in which the word "private" does not occur in any case (after Unicode
compatibility folding) has nothing private, needs no parse, and never imports
the Markdown parser. Nor does a *flat* text (:func:`_flat_sections`): one whose
every line is blank, an ATX heading at the margin without inline markup, a
one-line HTML comment, or starts at the margin with a letter, and which holds no
private span. Its CommonMark blocks can be read off line by line (each heading
its own line, paragraphs the runs of letter lines between), so its private
sections are exactly those the parse would find, and removing them leaves every
other block as it stood, which the re-parse would only confirm. Notes as coaches
write them in prose are flat, and ``session new`` discloses the last one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coachkit.errors import PrivateTextRefused

if TYPE_CHECKING:
    from markdown_it.token import Token

WORD = "private"
# Markers: an opening ``<!-- private …-->`` or a closing ``<!-- /private -->``. A comment
# never closed runs to the end of the text. Dashes count as spacing (``<!--- private --->``).
_MARKER_RE = re.compile(
    r"(?P<close><!--[\s-]*/[\s-]*private[\s\S]*?(?:-->|\Z))|(?P<open><!--[\s-]*private[\s\S]*?(?:-->|\Z))",
    re.I,
)
# What must never survive in disclosed text, looked for after compatibility folding.
_LEFTOVER_MARKER_RE = re.compile(r"<!--[\s-]*/?[\s-]*private")
_MARKER_AT_START_RE = re.compile(r"\s*<!--[\s-]*/?[\s-]*private")
# A line that reads as a heading once its container markers are skipped (block quote
# ``>``, list bullets and numbers), wherever it stands: in code, in raw HTML, in a paragraph.
_CONTAINER_PREFIX_RE = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*")
_ATX_RE = re.compile(r"#{1,6}[ \t]*")
_SETEXT_UNDERLINE_RE = re.compile(r"(?:=+|-+)[ \t]*$")
# What CommonMark can put inside a word without it showing in the word's plain text.
_INLINE_MARKUP = "<&*_`\\[!"
_TAG_RE = re.compile(r"<!--[\s\S]*?-->|<[^<>]*>")
_INLINE_MARKUP_RE = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|[*_`\\\[\]!]")
# An ATX heading at the margin whose text holds no ``#`` (so no closing sequence) and
# nothing CommonMark's inline rules act on: its plain text is its text (_flat_sections).
_FLAT_HEADING_RE = re.compile(r"(#{1,6})(?:[ \t]+([^#<&*_`\\\[\]!]*))?\Z")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_LEAF_BLOCKS = ("paragraph_open", "heading_open", "fence", "code_block", "html_block", "hr")
_CONTAINERS = {
    "blockquote_open": "blockquote_close",
    "bullet_list_open": "bullet_list_close",
    "ordered_list_open": "ordered_list_close",
    "list_item_open": "list_item_close",
}
_CLOSERS = set(_CONTAINERS.values())


def fold(text: str) -> str:
    """``text`` as compared for the word "private": compatibility forms folded, case folded."""
    return unicodedata.normalize("NFKC", text).casefold()


def mentions_private(text: str) -> bool:
    """Whether the word "private" occurs in ``text`` in any case or compatibility form,
    also once inline markup is taken out of it (``Pri*vate*``, ``&#80;rivate``, a tag
    or comment inside the word): text without it has nothing private and needs no parse."""
    folded = fold(text)
    if WORD in folded:
        return True
    if not any(mark in folded for mark in _INLINE_MARKUP):
        return False
    import html

    squeezed = _INLINE_MARKUP_RE.sub("", fold(html.unescape(_TAG_RE.sub("", folded))))
    return WORD in squeezed


def starts_with_private(plain: str) -> bool:
    """Whether heading text begins with the word "private" (leading non-letters skipped)."""
    folded = fold(plain)
    start = 0
    while start < len(folded) and not folded[start].isalpha():
        start += 1
    if not folded.startswith(WORD, start):
        return False
    after = start + len(WORD)
    return after == len(folded) or not folded[after].isalpha()


def private_marker_in(text: str) -> str | None:
    """The first private marker in ``text`` (any case or compatibility form), else None."""
    found = _LEFTOVER_MARKER_RE.search(fold(text))
    return found.group(0) if found else None


@dataclass(frozen=True)
class Disclosed:
    """Text fit to disclose, and whether anything private was taken out of it."""

    text: str
    withheld: bool


def disclose(text: str, where: Path | str, *, first_line: int = 1) -> Disclosed:
    """``text`` without its private sections and spans, checked on a re-parse.

    ``where`` and ``first_line`` (the file line on which ``text`` starts) place a
    refusal: :class:`PrivateTextRefused` names ``path:line:col`` and says why.
    """
    if not mentions_private(text):
        return Disclosed(text, False)
    return _disclosed(text, where, first_line)


@functools.lru_cache(maxsize=1024)
def _disclosed(text: str, where: Path | str, first_line: int) -> Disclosed:
    """:func:`disclose` of a text that mentions "private", worked out once per text and
    place in a run: lint's rules and the session sections ask about the same note body
    (a refusal is not kept; it is worked out again, and raised again, at every ask)."""
    lines = _lines(text)
    spans = _private_spans(text)
    flat = None if spans else _flat_sections(lines)
    if flat is not None:
        public = _remove(lines, flat, spans)
        _check_lines(public, where, first_line)
        return Disclosed(public, public != text)
    tokens = _parse(text)
    sections = _private_sections(tokens, len(lines))
    public = _remove(lines, sections, spans)
    _check(public, tokens, sections, where, first_line)
    return Disclosed(public, public != text)


def public_text(text: str, where: Path | str, *, first_line: int = 1) -> str:
    """Just the text of :func:`disclose`."""
    return disclose(text, where, first_line=first_line).text


def _parse(text: str) -> list[Token]:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").parse(text)


def plain_text(inline: Token | None) -> str:
    """A heading's text with inline markup removed: text, code and image descriptions."""
    if inline is None or not inline.children:
        return inline.content if inline is not None else ""
    parts: list[str] = []
    for child in inline.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(plain_text(child))
    return "".join(parts)


def _flat_sections(lines: list[str]) -> list[tuple[int, int]] | None:
    """The private sections of a flat text (see the module doc), found without a parse;
    None when the text is not flat and only the parse can tell.

    Each line of a flat text is, to CommonMark, what it looks like: a line starting
    with a letter at the margin can start nothing but a paragraph (every other block
    starts with a space, a tab, ``#``, ``>``, ``-``, ``+``, ``*``, ``_``, ``=``, a digit,
    a backtick, ``~``, ``<`` or ``[``); a ``<!--`` line holding ``-->`` is a one-line
    HTML block; a heading with no ``#`` or inline markup in its text has that text as
    its plain text. There are no containers, so the sections are those
    :func:`_private_sections` finds in its one outer frame. A section starts at a
    heading and ends before one (or at the end), so no paragraph crosses its edges:
    the blocks outside it stay as they were.
    """
    ranges: list[tuple[int, int]] = []
    level = start = 0
    for number, line in enumerate(lines):
        body = _strip_ending(line)
        if not body.strip(" \t") or body[0].isalpha():
            continue
        if body.startswith("<!--") and "-->" in body:
            continue
        heading = _FLAT_HEADING_RE.match(body)
        if heading is None:
            return None
        this = len(heading.group(1))
        if level and this <= level:
            ranges.append((start, number))
            level = 0
        if not level and starts_with_private(heading.group(2) or ""):
            level, start = this, number
    if level:
        ranges.append((start, len(lines)))
    return ranges


def _private_sections(tokens: list[Token], line_count: int) -> list[tuple[int, int]]:
    """Line ranges [start, end) of private sections, by heading level within each container."""
    ranges: list[tuple[int, int]] = []
    # Each open container: its last line (exclusive), and the private section it holds, if any
    # (the heading's level and first line).
    frames: list[list[int]] = [[line_count, 0, 0]]
    for index, token in enumerate(tokens):
        if token.type in ("blockquote_open", "list_item_open") and token.map:
            frames.append([token.map[1], 0, 0])
        elif token.type in ("blockquote_close", "list_item_close") and len(frames) > 1:
            _end, level, start = frames.pop()
            if level and not frames[-1][1]:
                # Doubt falls on hiding: a section whose container ends (a list item whose
                # next line is indented too little, a quote whose ``>`` stops) runs on in
                # the container around it, to a heading of the same or a higher level there.
                frames[-1][1], frames[-1][2] = level, start
        elif token.type == "heading_open" and token.map:
            frame = frames[-1]
            level = int(token.tag[1])
            if frame[1] and level <= frame[1]:
                ranges.append((frame[2], token.map[0]))
                frame[1] = 0
            inline = tokens[index + 1] if index + 1 < len(tokens) else None
            if not frame[1] and starts_with_private(plain_text(inline)):
                frame[1], frame[2] = level, token.map[0]
    for end, level, start in reversed(frames):
        if level:
            ranges.append((start, end))
    return ranges


def _private_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges [start, end) of private spans, nested spans counted."""
    ranges: list[tuple[int, int]] = []
    depth = start = 0
    for marker in _MARKER_RE.finditer(text):
        if marker.group("open") is not None:
            if depth == 0:
                start = marker.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                ranges.append((start, marker.end()))
        else:  # a stray closing marker: it goes, nothing else
            ranges.append((marker.start(), marker.end()))
    if depth:
        ranges.append((start, len(text)))
    return ranges


def _remove(lines: list[str], sections: list[tuple[int, int]], spans: list[tuple[int, int]]) -> str:
    """The text with private parts emptied, every line break kept (so lines keep their numbers)."""
    hidden = [False] * len(lines)
    for start, end in sections:
        for number in range(start, min(end, len(lines))):
            hidden[number] = True
    if not spans:  # whole lines only: nothing to cut inside a line
        return "".join(_line_ending(line) if hidden[n] else line for n, line in enumerate(lines))
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line)
    text = "".join(lines)
    keep = bytearray([1]) * len(text)
    for start, end in spans:
        keep[start:end] = bytes(end - start)
    out: list[str] = []
    for number, line in enumerate(lines):
        ending = _line_ending(line)
        if hidden[number]:
            out.append(ending)
            continue
        begin = offsets[number]
        body = line[: len(line) - len(ending)]
        out.append("".join(ch for i, ch in enumerate(body) if keep[begin + i]) + ending)
    return "".join(out)


def _lines(text: str) -> list[str]:
    """``text`` split into lines as CommonMark counts them (LF, CRLF or CR), endings kept."""
    return _LINE_RE.findall(text)


def _strip_ending(line: str) -> str:
    return line[: len(line) - len(_line_ending(line))]


def _line_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""


def _check(
    public: str,
    original: list[Token],
    sections: list[tuple[int, int]],
    where: Path | str,
    first_line: int,
) -> None:
    """Refuse ``public`` unless it holds no private marker and only original public blocks."""
    _check_lines(public, where, first_line)
    allowed = _public_blocks(original, sections)
    reparsed = _parse(public)
    for ancestry, token, inline in _leaves(reparsed):
        assert token.map is not None
        if token.type == "heading_open" and starts_with_private(plain_text(inline)):
            raise PrivateTextRefused(
                where, first_line + token.map[0], 1, "a 'Private' heading would be disclosed"
            )
        start, end = token.map
        if not any(
            kind == (ancestry, token.type, token.tag) and low <= start and end <= high
            for kind, low, high in allowed
        ):
            raise PrivateTextRefused(
                where,
                first_line + start,
                1,
                "taking the private text out here would change the note's structure (a "
                "line would become a heading, list or quote it was not); put the private "
                "markers on lines of their own",
            )


def _check_lines(public: str, where: Path | str, first_line: int) -> None:
    """The checks of :func:`_check` that need no parse: no private marker is left, and no
    line reads as a private heading (in a code block or raw HTML, under an open fence)."""

    def refuse(line: int, column: int, why: str) -> PrivateTextRefused:
        return PrivateTextRefused(where, first_line + line, column, why)

    folded = fold(public)
    leftover = _LEFTOVER_MARKER_RE.search(folded)
    if leftover:
        before = _lines(folded[: leftover.start()])
        column = len(before[-1]) + 1 if before else 1
        raise refuse(
            max(len(before) - 1, 0),
            column,
            "a private marker would be disclosed; nothing was written",
        )
    public_lines = [_strip_ending(line) for line in _lines(public)]
    for number, line in enumerate(public_lines):
        prefix = _CONTAINER_PREFIX_RE.match(line)
        rest = _unescape(line[prefix.end() if prefix else 0 :])
        atx = _ATX_RE.match(rest)
        next_line = public_lines[number + 1] if number + 1 < len(public_lines) else ""
        next_rest = _CONTAINER_PREFIX_RE.sub("", next_line, count=1)
        looks_private = (atx is not None and starts_with_private(rest[atx.end() :])) or (
            bool(rest.strip())
            and _SETEXT_UNDERLINE_RE.match(next_rest) is not None
            and starts_with_private(rest)
        )
        if looks_private:
            raise refuse(
                number,
                len(line) - len(rest) + 1,
                "a line that reads as a 'Private' heading (in a code block or raw HTML, or "
                "under an unclosed code fence) would be disclosed; close the fence before it "
                "or mark the text with <!-- private --> … <!-- /private -->",
            )


def _unescape(text: str) -> str:
    """``html.unescape(text)``; a text without ``&`` is its own, and needs no html import."""
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


_Kind = tuple[tuple[str, ...], str, str]


def _public_blocks(
    tokens: list[Token], sections: list[tuple[int, int]]
) -> list[tuple[_Kind, int, int]]:
    """The original's leaf blocks outside private sections: (kind, first line, end line)."""
    blocks = []
    for ancestry, token, _inline in _leaves(tokens):
        assert token.map is not None
        start, end = token.map
        if any(low <= start < high for low, high in sections):
            continue
        blocks.append(((ancestry, token.type, token.tag), start, end))
        if token.type == "html_block" and _MARKER_AT_START_RE.match(fold(token.content)):
            # Raw HTML only because a private marker opened the line: once the marker is
            # out, the text after it on those lines is an ordinary paragraph.
            blocks.append(((ancestry, "paragraph_open", "p"), start, end))
    return blocks


def _leaves(tokens: list[Token]) -> list[tuple[tuple[str, ...], Token, Token | None]]:
    """Every leaf block with the container types around it, and its inline content."""
    stack: list[str] = []
    found = []
    for index, token in enumerate(tokens):
        if token.type in _CONTAINERS:
            stack.append(token.type)
        elif token.type in _CLOSERS and stack:
            stack.pop()
        elif token.type in _LEAF_BLOCKS and token.map:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            inline = following if following is not None and following.type == "inline" else None
            found.append((tuple(stack), token, inline))
    return found
