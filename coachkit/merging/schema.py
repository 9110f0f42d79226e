"""What the merge driver knows of the notes' shape: which lists are keyed, which are sets.

A list of action items is merged item by item, each known by its ``id``; feedback
responses by their rater and the goal or item rated. Lists of goal ids, dates and
names (``goals:``, ``follow_up:``, ``stakeholders:``, ``items:``, a theme's texts,
an item's ``rescheduled:``) are sets: what each side added is kept, what one side
removed goes. Every other list is one value: it may change on one side only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A field's getter: the text of the field of one list entry, or None when it has none.
Getter = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Item:
    """A step into a keyed list: the entry of list ``list_key`` whose key is ``key``."""

    list_key: str
    key: tuple[str, ...]


Step = str | Item
Path = tuple[Step, ...]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def action_key(get: Getter) -> tuple[str, ...] | None:
    """An action item is known by its id (ids compare without case, as the writers do)."""
    found = get("id")
    return None if found is None or not found.strip() else (_norm(found),)


def response_key(get: Getter) -> tuple[str, ...] | None:
    """A response is known by its rater and the goal, or the named item, it rates."""
    rater, goal, item = get("rater"), get("goal"), get("item")
    if rater is None or (goal is None) == (item is None):
        return None
    return (
        (_norm(rater), "goal", _norm(goal))
        if goal is not None
        else (_norm(rater), "item", _norm(item or ""))
    )


KEYED_LISTS: dict[str, Callable[[Getter], tuple[str, ...] | None]] = {
    "actions": action_key,
    "responses": response_key,
}
TOP_LEVEL_SETS = frozenset({"goals", "follow_up", "stakeholders", "items"})


def keyed_list(path: Path, key: str) -> Callable[[Getter], tuple[str, ...] | None] | None:
    """The key function of the list at ``path``/``key`` when it is merged item by item."""
    return KEYED_LISTS.get(key) if not path else None


def is_set(path: Path, key: str) -> bool:
    """Whether the list at ``path``/``key`` is a set of scalars (a union merges it)."""
    if not path:
        return key in TOP_LEVEL_SETS
    if path[0] == "themes":
        return True
    return isinstance(path[-1], Item) and path[-1].list_key == "actions" and key == "rescheduled"


def data_getter(entry: Any) -> Getter:
    """The field getter of a parsed list entry."""

    def get(field: str) -> str | None:
        if not isinstance(entry, dict):
            return None
        value = entry.get(field)
        if value is None or isinstance(value, (dict, list)):
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    return get


def describe(path: Path, key: str | None) -> str:
    """A field or entry in words, for the driver's one line: ``due of action t9hc``."""
    where = ""
    for step in path:
        if isinstance(step, Item):
            what = "action" if step.list_key == "actions" else step.list_key.rstrip("s")
            where = f"{what} {'/'.join(step.key)}"
        else:
            where = f"{where}.{step}" if where else step
    if key is None:
        return where
    return f"{key} of {where}" if where else key
