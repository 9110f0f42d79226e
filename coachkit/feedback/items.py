"""Named items (competencies, 360 statements) and the goals they measure.

An assessment usually comes before the goals: its responses rate named items
such as ``item: "Delegates decisions with clear authority"``. A goal written
later lists the items that measure it (``items: [...]`` in its front matter),
and from then on those ratings count as that goal's: the baseline taken before
the goal existed becomes its baseline. Item texts match whatever their case and
spacing. An item measures one goal at most, so no rating counts twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coachkit.engagement.ids import goal_sort_key
from coachkit.engagement.model import Engagement
from coachkit.errors import NoteError, ProblemKind

ITEMS_KEY = "items"


def item_key(text: str) -> str:
    """What two spellings of one item share: case and runs of spaces do not count."""
    return " ".join(text.split()).casefold()


def read_goal_items(meta: Any, path: Path) -> tuple[list[str], list[NoteError]]:
    """A goal's ``items:``: a list of texts (one text alone is a list of one)."""
    raw = meta.get(ITEMS_KEY) if hasattr(meta, "get") else None
    if raw is None:
        return [], []
    texts = raw if isinstance(raw, list) else [raw]
    if all(isinstance(t, str) and t.strip() for t in texts):
        return [" ".join(t.split()) for t in texts], []
    line, column = meta.position_of(ITEMS_KEY) if hasattr(meta, "position_of") else (1, 1)
    message = 'items must be a list of the items that measure the goal, e.g. items: ["Delegates decisions"]'
    return [], [NoteError(path, line, column, message, ProblemKind.FEEDBACK_UNREADABLE)]


def goal_of_items(engagement: Engagement) -> tuple[dict[str, str], list[NoteError]]:
    """Each named item's goal (by :func:`item_key`), and the goals' ``items:`` problems.

    When two goals name one item, the goal with the lower id keeps it and the
    other is told, at its ``items:`` line.
    """
    owner: dict[str, str] = {}
    problems: list[NoteError] = []
    for goal in sorted(engagement.goals, key=lambda g: goal_sort_key(g.id)):
        note = engagement.notes.get(goal.path)
        meta: Any = note.meta if note is not None else {}
        items, trouble = read_goal_items(meta, goal.path)
        problems.extend(trouble)
        for text in items:
            key = item_key(text)
            earlier = owner.setdefault(key, goal.id)
            if earlier != goal.id:
                line, column = (
                    meta.position_of(ITEMS_KEY) if hasattr(meta, "position_of") else (1, 1)
                )
                problems.append(
                    NoteError(
                        goal.path,
                        line,
                        column,
                        f"item {text!r} already measures {earlier}; an item measures one goal",
                        ProblemKind.FEEDBACK_UNREADABLE,
                    )
                )
    return owner, problems
