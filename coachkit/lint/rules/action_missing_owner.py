"""An open action item has no owner.

An action that belongs to nobody is done by nobody. Name the person who will
do it, usually the client (`owner: Jordan`); `coachkit action list --owner`
and the reports group items by it. Done and dropped items are history and are
not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit

CODE = "CK202"
NAME = "action-missing-owner"
SEVERITY = "error"


def check(ctx: LintContext) -> Iterator[Hit]:
    yield from ctx.items_without("owner")
