"""Who may see a goal or an action item in a report: its ``share:`` key.

``coach`` keeps the item out of every report; ``client`` (the default) shows it in
the client's reports; ``sponsor`` shows it in the client's and the sponsor's. An
action item of a goal hidden from an audience is hidden from it too. The loader
flags any other value (see :mod:`coachkit.engagement.loader`), so a report never
guesses what a misspelt word meant.
"""

from __future__ import annotations

from typing import Any

from coachkit.vocabulary import SHARE_LEVELS

DEFAULT_SHARE = "client"
# Who each level lets see the item.
AUDIENCES_OF = {"coach": (), "client": ("client",), "sponsor": ("client", "sponsor")}
assert tuple(AUDIENCES_OF) == SHARE_LEVELS


def share_of(value: Any) -> str:
    """The share level a ``share:`` value names; a missing one is the default (client).

    An unknown value counts as ``coach`` (seen by no report): the loader has already
    reported it, and a report must fail closed.
    """
    if value is None:
        return DEFAULT_SHARE
    text = str(value).strip().lower()
    return text if text in AUDIENCES_OF else "coach"


def visible_to(share: str, audience: str) -> bool:
    """Whether an item with ``share`` appears in ``audience``'s report."""
    return audience in AUDIENCES_OF.get(share, ())
