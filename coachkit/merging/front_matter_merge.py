"""Merge a note's front matter three ways, by structure, into our side's own text.

Git merges text line by line, so two clones that each append an action item to the
same ``actions:`` list always conflict. Here each side's change is found in the
parsed values (key by key; action items by id, responses by rater and goal or item;
lists of ids and dates as sets) and their side's changes are applied to our text
with the lossless editor: our bytes stay wherever they are unchanged, and what
comes from their side (an added item, a replaced list) is their own lines, not a
re-serialisation. Every edit is checked by parsing. Only the same field changed to
different values on both sides is a conflict: it is left as ours, and
:mod:`coachkit.merging.conflict_markers` marks that field's lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coachkit.errors import CoachkitError
from coachkit.merging.nodes import MISSING, Missing, data_at, find_entry, node_at, same, value_node
from coachkit.merging.schema import Item, Path, data_getter, is_set, keyed_list
from coachkit.notes.front_matter_edit import (
    EditableNote,
    append_to_list,
    append_to_nested_list,
    node_end,
    remove_fields,
    set_fields,
    set_scalar_list,
    splice_checked,
)

_Composer: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = (str, int, float, bool, dt.date, type(None))


class _CannotApply(Exception):
    """Their change cannot be applied losslessly here: it becomes a conflict instead."""


@dataclass(frozen=True)
class Conflict:
    """A field changed differently on both sides (``key``), or a whole list entry
    (``key`` None: removed on one side, changed on the other) at ``path``."""

    path: Path
    key: str | None


@dataclass
class FrontMatterMerge:
    """Our note with their changes applied, and the conflicts left for markers."""

    note: EditableNote
    theirs_text: str
    conflicts: list[Conflict] = field(default_factory=list)


def compose(text: str) -> Node | None:
    """The composed root of a YAML text (None when empty)."""
    return yaml.compose(text, Loader=_Composer)


def line_start(text: str, index: int) -> int:
    """Index of the start of the line holding ``index``."""
    return text.rfind("\n", 0, index) + 1


def with_newlines(text: str, newline: str) -> str:
    """``text`` with every line ending written as ``newline``."""
    return text.replace("\r\n", "\n").replace("\n", newline)


def shift(text: str, by: int) -> str:
    """``text`` indented ``by`` more columns (fewer when negative), line by line."""
    if by == 0:
        return text
    lines = text.splitlines(keepends=True)
    if by > 0:
        return "".join(" " * by + line if line.strip() else line for line in lines)
    cut = -by
    if any(line.strip() and not line.startswith(" " * cut) for line in lines):
        raise ValueError("cannot shift the lines left")
    return "".join(line[cut:] if line.strip() else line for line in lines)


def _is_scalarish(value: Any) -> bool:
    if isinstance(value, list):
        return all(isinstance(item, _SCALARS) for item in value)
    return isinstance(value, _SCALARS)


def merge_front_matter(
    ours: EditableNote, base: Any, theirs: Any, theirs_text: str
) -> FrontMatterMerge:
    """Apply their changes (``base`` → ``theirs``, parsed) to ``ours`` in place.

    ``theirs_text`` is their YAML, where their added items and replaced values are
    copied from. Returns the conflicts, each a field still as ours.
    """
    merge = _Merger(FrontMatterMerge(ours, theirs_text), base or {}, theirs or {})
    merge.mapping((), base or {}, ours.data(), theirs or {})
    return merge.result


class _Merger:
    def __init__(self, result: FrontMatterMerge, base: Any, theirs: Any) -> None:
        self.result = result
        self.note = result.note
        self.theirs_root = compose(result.theirs_text)

    # -- the walk over parsed values -------------------------------------------------

    def mapping(self, path: Path, base: Any, ours: Any, theirs: Any) -> None:
        keys = list(ours) + [k for k in theirs if k not in ours]
        keys += [k for k in base if k not in ours and k not in theirs]
        for key in keys:
            self.field(
                path, key, base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
            )

    def field(self, path: Path, key: Any, base: Any, ours: Any, theirs: Any) -> None:
        if same(theirs, base) or same(ours, theirs):
            return
        if not isinstance(key, str):
            self.conflict(path, str(key))
            return
        nested = bool(path) and isinstance(ours, (dict, list)) and isinstance(theirs, (dict, list))
        if same(ours, base) and not nested:
            self.take_theirs(path, key, ours, theirs)  # at the top, their whole entry if need be
            return
        if not isinstance(ours, Missing) and not isinstance(theirs, Missing):
            key_of = keyed_list(path, key)
            if key_of is not None and self.keyed(path, key, key_of, base, ours, theirs):
                return
            if is_set(path, key) and self.set_like(path, key, base, ours, theirs):
                return
            if isinstance(ours, dict) and isinstance(theirs, dict):
                self.mapping((*path, key), base if isinstance(base, dict) else {}, ours, theirs)
                return
        self.conflict(path, key)

    def keyed(
        self,
        path: Path,
        key: str,
        key_of: Callable[[Any], tuple[str, ...] | None],
        base: Any,
        ours: Any,
        theirs: Any,
    ) -> bool:
        indexes = [_index(side, key_of) for side in (base, ours, theirs)]
        if any(index is None for index in indexes):
            return False  # an entry without its key, or a key twice: the list is one value
        old, mine, their = (index or {} for index in indexes)
        for entry_key, entry in their.items():
            step = (*path, Item(key, entry_key))
            if entry_key in mine:
                before = old.get(entry_key, {})
                if isinstance(entry, dict) and isinstance(mine[entry_key], dict):
                    self.mapping(
                        step, before if isinstance(before, dict) else {}, mine[entry_key], entry
                    )
                elif not same(entry, mine[entry_key]):
                    self.conflict(step, None)
            elif entry_key in old:
                if not same(entry, old[entry_key]):
                    self.conflict(step, None)  # we removed it, they changed it: keep theirs in view
            else:
                self.attempt(step, None, partial(self.append_entry, path, key, entry_key, entry))
        for entry_key, entry in mine.items():
            if entry_key not in their and entry_key in old:
                step = (*path, Item(key, entry_key))
                if same(entry, old[entry_key]):
                    self.attempt(step, None, partial(self.remove_entry, path, key, entry_key))
                else:
                    self.conflict(step, None)  # they removed it, we changed it
        return True

    def set_like(self, path: Path, key: str, base: Any, ours: Any, theirs: Any) -> bool:
        sides = [
            [] if side is None or isinstance(side, Missing) else side
            for side in (base, ours, theirs)
        ]
        if not all(isinstance(side, list) and _is_scalarish(side) for side in sides):
            return False
        old, mine, their = sides

        def has(values: list[Any], value: Any) -> bool:
            return any(same(value, known) for known in values)

        kept = [v for v in mine if not (has(old, v) and not has(their, v))]
        added = [v for v in their if not has(mine, v) and not has(old, v)]
        if same(kept + added, mine):
            return True
        if not path:
            self.attempt(path, key, lambda: set_scalar_list(self.note, key, kept + added))
        elif len(kept) == len(mine) and isinstance(
            value_node(self.parent(path), key), SequenceNode
        ):

            def append_all() -> None:
                for value in added:
                    append_to_nested_list(
                        self.note,
                        self.locator(path),
                        key,
                        value,
                        partial(_append_at, path=path, key=key, value=value),
                    )

            self.attempt(path, key, append_all)
        else:
            self.conflict(path, key)
        return True

    # -- applying their change to our text --------------------------------------------

    def take_theirs(self, path: Path, key: str, ours: Any, theirs: Any) -> None:
        def apply() -> None:
            if isinstance(theirs, Missing):
                remove_fields(
                    self.note, self.locator(path), [key], lambda data: data_at(data, path).pop(key)
                )
                return
            mine = value_node(self.parent(path), key)
            if (
                _is_scalarish(theirs)
                and (mine is None or isinstance(mine, ScalarNode))
                and (mine is not None or path)
            ):
                set_fields(
                    self.note,
                    self.locator(path),
                    {key: theirs},
                    lambda data: data_at(data, path).__setitem__(key, theirs),
                )
                return
            if path:
                raise _CannotApply(f"{key} holds a list or mapping")
            self.copy_top_level_entry(key, theirs)

        self.attempt(path, key, apply)

    def copy_top_level_entry(self, key: str, theirs: Any) -> None:
        """Their whole ``key:`` entry, their lines, in place of ours (or after the key
        that comes before it on their side)."""
        their_root = self.theirs_root
        assert isinstance(their_root, MappingNode)
        source = self.result.theirs_text
        pairs = [(k, v) for k, v in their_root.value if isinstance(k, ScalarNode)]
        where = [index for index, (k, _) in enumerate(pairs) if k.value == key]
        if not where:
            raise _CannotApply(f"{key} not found on their side")
        key_node, node = pairs[where[0]]
        lines = with_newlines(
            source[line_start(source, int(key_node.start_mark.index)) : node_end(source, node)],
            self.note.newline,
        )
        if not lines.endswith(("\n", "\r")):
            lines += self.note.newline
        lines = shift(lines, -int(key_node.start_mark.column))
        text = self.note.yaml_text
        root = compose(text)
        expected = self.note.data()
        expected[key] = theirs
        mine = mapping_pair(root, key)
        if mine is not None:
            start = line_start(text, int(mine[0].start_mark.index))
            splice_checked(self.note, start, node_end(text, mine[1]), lines, expected)
            return
        at = len(text)
        for earlier, _ in reversed(pairs[: where[0]]):
            found = mapping_pair(root, earlier.value)
            if found is not None:
                at = node_end(text, found[1])
                break
        if at == len(text) and text and not text.endswith("\n"):
            lines = self.note.newline + lines
        splice_checked(self.note, at, at, lines, expected)

    def append_entry(self, path: Path, key: str, entry_key: tuple[str, ...], entry: Any) -> None:
        """Their new list entry, their own lines, after our last entry."""
        try:
            self.copy_entry(path, key, entry_key, entry)
        except (_CannotApply, CoachkitError, ValueError):
            if path or not isinstance(entry, dict) or not all(map(_is_scalarish, entry.values())):
                raise
            append_to_list(self.note, key, entry)

    def copy_entry(self, path: Path, key: str, entry_key: tuple[str, ...], entry: Any) -> None:
        text = self.note.yaml_text
        mine = value_node(node_at(compose(text), path), key)
        their_list = value_node(node_at(self.theirs_root, path), key)
        theirs = find_entry(their_list, Item(key, entry_key))
        if (
            not isinstance(mine, SequenceNode)
            or mine.flow_style
            or not mine.value
            or theirs is None
        ):
            raise _CannotApply("not a block list on both sides")
        source = self.result.theirs_text
        start = line_start(source, int(theirs.start_mark.index))
        prefix = source[start : int(theirs.start_mark.index)]
        if prefix.strip() != "-":
            raise _CannotApply("their entry does not start its own line")
        lines = with_newlines(source[start : node_end(source, theirs)], self.note.newline)
        if not lines.endswith(("\n", "\r")):
            lines += self.note.newline
        lines = shift(lines, int(mine.start_mark.column) - prefix.index("-"))
        expected = self.note.data()
        container = data_at(expected, path)
        container[key] = [*(container.get(key) or []), entry]
        at = node_end(text, mine)
        splice_checked(self.note, at, at, lines, expected)

    def remove_entry(self, path: Path, key: str, entry_key: tuple[str, ...]) -> None:
        text = self.note.yaml_text
        mine = value_node(node_at(compose(text), path), key)
        entry = find_entry(mine, Item(key, entry_key))
        if not isinstance(mine, SequenceNode) or mine.flow_style or entry is None:
            raise _CannotApply("not a block list")
        start = line_start(text, int(entry.start_mark.index))
        if text[start : int(entry.start_mark.index)].strip() != "-":
            raise _CannotApply("the entry does not start its own line")
        key_of = keyed_list(path, key)
        assert key_of is not None
        expected = self.note.data()
        container = data_at(expected, path)
        left = [e for e in container[key] if key_of(data_getter(e)) != entry_key]
        container[key] = left or None
        splice_checked(self.note, start, node_end(text, entry), "", expected)

    # -- places and bookkeeping --------------------------------------------------------

    def parent(self, path: Path) -> Node | None:
        return node_at(compose(self.note.yaml_text), path)

    def locator(self, path: Path) -> Callable[[MappingNode], MappingNode]:
        def locate(root: MappingNode) -> MappingNode:
            found = node_at(root, path)
            if not isinstance(found, MappingNode):
                raise _CannotApply("the mapping moved")
            return found

        return locate

    def attempt(self, path: Path, key: str | None, apply: Callable[[], None]) -> None:
        """Apply one change of theirs; if it cannot be applied losslessly, mark a conflict."""
        try:
            apply()
        except (_CannotApply, CoachkitError, KeyError, TypeError, ValueError, yaml.YAMLError):
            self.conflict(path, key)

    def conflict(self, path: Path, key: str | None) -> None:
        self.result.conflicts.append(Conflict(path, key))


def mapping_pair(root: Node | None, key: str) -> tuple[ScalarNode, Node] | None:
    """The (key node, value node) of ``key`` in a composed root mapping."""
    if not isinstance(root, MappingNode):
        return None
    for key_node, value in root.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value
    return None


def _index(side: Any, key_of: Callable[[Any], tuple[str, ...] | None]) -> dict[Any, Any] | None:
    """``{key: entry}`` of a keyed list, or None when an entry has no key or a key repeats."""
    if side is None or isinstance(side, Missing):
        return {}
    if not isinstance(side, list):
        return None
    index: dict[Any, Any] = {}
    for entry in side:
        entry_key = key_of(data_getter(entry))
        if entry_key is None or entry_key in index:
            return None
        index[entry_key] = entry
    return index


def _append_at(data: Any, *, path: Path, key: str, value: Any) -> None:
    data_at(data, path)[key].append(value)
