"""The coaching agreement leaves out one of the terms the ICF asks it to settle.

These are what coach, client and sponsor most often remember differently later.
The body of engagement.md (private text and HTML comments left out) must say:

- **roles**: what the coach, the client and the sponsor each do (the words
  *role* or *responsible*);
- **confidentiality and its limits**: what stays confidential (*confidential*,
  *privacy*, *stays between*, *disclose*) and its exceptions (*except*, *unless*,
  *limit*, *harm*, *law*, *legal*);
- **what is shared with the sponsor**: the word *sponsor*, *manager* or *HR*
  and *see*, *share*, *report* or *receive*;
- **fees and cancellation**: *fee*, *invoice*, *pay* or *cost*, and *cancel*,
  *reschedule* or *notice*;
- **ending the engagement**: how either party ends it (*end*, *terminate*,
  *closure*);
- **record keeping**: how notes are kept and for how long (*notes* or *records*,
  and *kept*, *stored*, *deleted*, *destroyed* or a number of *months* or *years*).

Headings do not count, and neither does a line the template left unfinished: a
line with `TODO`, `TBD` or a bracketed prompt such as `[who pays, and when]`.
So an agreement just written by `coachkit init` reports every term, and each
message names the section to fill in (or to add, when there is none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coachkit.errors import PrivateTextRefused
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit
from coachkit.notes.sections import strip_private

CODE = "CK405"
NAME = "agreement-missing-terms"
SEVERITY = "warning"


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# (topic, the section that settles it, the patterns that must all match)
TERMS: tuple[tuple[str, str, tuple[re.Pattern[str], ...]], ...] = (
    ("roles", "Roles", (_words(r"\broles?\b|\bresponsib"),)),
    (
        "confidentiality and its limits",
        "Confidentiality",
        (
            _words(r"confidential|privacy|\bstays? between\b|\bdisclos"),
            _words(r"\bexcept|\bunless\b|\blimit|\bharm\b|\blaws?\b|\blegal"),
        ),
    ),
    (
        "what is shared with the sponsor",
        "Who sees what",
        (
            _words(r"\bsponsors?\b|\bmanagers?\b|\bHR\b"),
            _words(r"\bsees?\b|\bseen\b|\bshar(?:e|ed|es|ing)\b|\breports?\b|\breceiv"),
        ),
    ),
    (
        "fees and cancellation",
        "Fees and cancellation",
        (
            _words(r"\bfees?\b|\binvoic|\bpa(?:y|ys|id|yment)\b|\bcosts?\b|\bprice"),
            _words(r"\bcancel|\breschedul|\bnotice\b"),
        ),
    ),
    (
        "how either party ends it",
        "Ending the engagement",
        (_words(r"\bend(?:s|ed|ing)?\b|\bterminat|\bclosure\b"),),
    ),
    (
        "record keeping",
        "Record keeping",
        (
            _words(r"\bnotes?\b|\brecords?\b"),
            _words(
                r"\bkept\b|\bkeeps?\b|\bstored?\b|\bretain|\bretention\b|\bdelet|\bdestroy"
                r"|\bmonths?\b|\byears?\b"
            ),
        ),
    ),
)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:\s+(.*?))?\s*#*\s*$")
# A line the template left unfinished: TODO/TBD, or a bracketed prompt that is not a link.
_PLACEHOLDER_RE = re.compile(r"\bTODO\b|\bTBD\b|\[[^\]\n]{3,}\](?![(\[:])")


def check(ctx: LintContext) -> Iterator[Hit]:
    note = ctx.engagement_note
    if note is None or not note.has_front_matter:
        return
    try:
        public = strip_private(note.body, note.path, note.body_line)
        body = _COMMENT_RE.sub(lambda comment: "\n" * comment[0].count("\n"), public)
    except PrivateTextRefused:
        return  # private-text-unsafe names the line; what is public here is unknown
    headings: dict[str, int] = {}
    settled: list[str] = []
    for offset, text_line in enumerate(body.splitlines()):
        heading = _HEADING_RE.match(text_line)
        if heading:
            headings.setdefault((heading[1] or "").strip().lower(), note.body_line + offset)
        elif not _PLACEHOLDER_RE.search(text_line):
            settled.append(text_line)
    text = "\n".join(settled)
    for topic, section, patterns in TERMS:
        if all(pattern.search(text) for pattern in patterns):
            continue
        line = headings.get(section.lower())
        if line is None:
            message = (
                f"the coaching agreement says nothing about {topic}; add a '## {section}' section"
            )
            yield Hit(note.path, note.meta.line, note.meta.column, message)
        else:
            message = (
                f"the coaching agreement says nothing about {topic} yet; "
                f"fill in its '## {section}' section"
            )
            yield Hit(note.path, line, 1, message)
