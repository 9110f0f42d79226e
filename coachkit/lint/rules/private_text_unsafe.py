"""Private text that no report or carried-over note could leave out safely.

A report, and the homework `session new` carries into the next note, show a
note's text only once its private sections and spans are taken out and the rest
re-parsed (docs/format.md, "Private notes"). Some Markdown defeats that: a
heading that reads "Private" inside a code block or raw HTML (often an unclosed
or mismatched code fence), a private marker that would survive, or a span whose
removal would turn the next line into a heading. coachkit refuses to disclose
such a note; this rule names the line first. Close the fence, or put the
private markers on lines of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from coachkit.errors import PrivateTextRefused, ProblemKind
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit
from coachkit.notes.privacy import disclose, mentions_private

CODE = "CK410"
NAME = "private-text-unsafe"
SEVERITY = "error"
KINDS = (ProblemKind.PRIVATE_TEXT,)


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.problems(KINDS)
    for note in ctx.notes():
        texts: list[tuple[str, int]] = [(note.body, note.body_line)]
        texts += [
            (value, note.meta.position_of(key)[0])
            for key, value in _strings(note.meta)
            if isinstance(value, str)
        ]
        for text, line in texts:
            if not mentions_private(text):
                continue
            try:
                disclose(text, note.path, first_line=line)
            except PrivateTextRefused as refused:
                yield Hit(note.path, refused.line, refused.column, refused.problem)


def _strings(meta: Any) -> Iterator[tuple[Any, Any]]:
    """Each top-level key with its text, and the comments of feedback responses."""
    if not isinstance(meta, dict):
        return
    for key, value in meta.items():
        if isinstance(value, str):
            yield key, value
        elif key == "responses" and isinstance(value, list):
            for response in value:
                if isinstance(response, dict) and isinstance(response.get("comment"), str):
                    yield key, response["comment"]
