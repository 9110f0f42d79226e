"""The coaching agreement says nothing about confidentiality, logistics or ending it.

These three are what coach, client and sponsor most often remember differently
later: what stays confidential (and its exceptions), how and where you meet and
how sessions are moved, and how either side ends the engagement. Each topic is
looked for by its words in the body of engagement.md (private text left out),
and each missing one is reported; the `engagement` template has a section for
each.
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

TOPICS = (
    ("confidentiality", "## Confidentiality", re.compile(r"confidential|privacy|disclos", re.I)),
    (
        "logistics",
        "## Logistics",
        re.compile(r"logistic|schedul|where (?:we|you) meet|how (?:we|you) meet|cancel", re.I),
    ),
    (
        "ending the engagement",
        "## Ending the engagement",
        re.compile(r"\bend(?:s|ed|ing)?\b|terminat|\bclosure\b", re.I),
    ),
)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def check(ctx: LintContext) -> Iterator[Hit]:
    note = ctx.engagement_note
    if note is None or not note.has_front_matter:
        return
    try:
        body = _COMMENT_RE.sub("", strip_private(note.body, note.path, note.body_line))
    except PrivateTextRefused:
        return  # private-text-unsafe names the line; what is public here is unknown
    for topic, heading, pattern in TOPICS:
        if not pattern.search(body):
            message = (
                f"the coaching agreement says nothing about {topic}; add a '{heading}' section"
            )
            yield Hit(note.path, note.meta.line, note.meta.column, message)
