"""An action item has no title.

The title is what the client agreed to do; without it the item is an id and a
date in every list and report. Write the action in a few words, starting with a
verb (`title: Ask Priya which decisions she wants to own`).
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK210"
NAME = "action-missing-title"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.items_without("title", status=None)
