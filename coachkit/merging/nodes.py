"""Find a merge path's place in composed YAML and in parsed data, and compare values exactly.

The merge walks parsed values; its edits and conflict markers land on composed
nodes, whose marks give the exact characters. Both are found by the same path
(:mod:`coachkit.merging.schema`): a mapping key, or a keyed list's entry.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coachkit.merging.schema import KEYED_LISTS, Getter, Item, Path, data_getter
from coachkit.notes.front_matter_edit import mapping_get


class Missing:
    """A key one side does not have (distinct from a key holding null)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING = Missing()


def canonical(value: Any) -> Any:
    """``value`` as a hashable form where only equal YAML values are equal.

    Python finds ``1 == 1.0 == True``; a note does not. Key order in a mapping
    does not count; list order does.
    """
    if isinstance(value, dict):
        return ("map", tuple(sorted((canonical(k), canonical(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("list", tuple(canonical(item) for item in value))
    if isinstance(value, float):
        return ("float", repr(value))
    if isinstance(value, dt.date):
        return ("date", value.isoformat())
    return (type(value).__name__, value)


def same(left: Any, right: Any) -> bool:
    """Whether two parsed values (or :data:`MISSING`) are the same YAML value."""
    if isinstance(left, Missing) or isinstance(right, Missing):
        return isinstance(left, Missing) and isinstance(right, Missing)
    return bool(canonical(left) == canonical(right))


def node_getter(node: Node) -> Getter:
    """The field getter of a composed list entry (its scalar fields' text)."""

    def get(field: str) -> str | None:
        if not isinstance(node, MappingNode):
            return None
        found = mapping_get(node, field)
        if found is None or not isinstance(found[1], ScalarNode):
            return None
        value = found[1]
        if not value.style and value.tag.endswith(":null"):
            return None
        return str(value.value)

    return get


def find_entry(sequence: Node | None, step: Item) -> Node | None:
    """The entry of a composed list that ``step`` names."""
    if not isinstance(sequence, SequenceNode):
        return None
    key_of = KEYED_LISTS[step.list_key]
    for entry in sequence.value:
        if key_of(node_getter(entry)) == step.key:
            return entry  # type: ignore[no-any-return]
    return None


def value_node(mapping: Node | None, key: str) -> Node | None:
    """The value node of ``key`` in a composed mapping (None when absent)."""
    if not isinstance(mapping, MappingNode):
        return None
    found = mapping_get(mapping, key)
    return None if found is None else found[1]


def node_at(root: Node | None, path: Path) -> Node | None:
    """The composed node ``path`` leads to, or None when it leads nowhere."""
    node = root
    for step in path:
        if isinstance(step, Item):
            node = find_entry(value_node(node, step.list_key), step)
        else:
            node = value_node(node, step)
        if node is None:
            return None
    return node


def data_at(data: Any, path: Path) -> Any:
    """The parsed value ``path`` leads to (a mapping); KeyError when it leads nowhere."""
    for step in path:
        if isinstance(step, Item):
            key_of = KEYED_LISTS[step.list_key]
            entries = data[step.list_key] or []
            found = [e for e in entries if key_of(data_getter(e)) == step.key]
            if not found:
                raise KeyError(step.key)
            data = found[0]
        else:
            data = data[step]
    return data
