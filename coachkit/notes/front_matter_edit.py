"""Edit front matter in place, touching only the characters that must change.

The YAML is composed (not constructed) to find the exact span of each node; a
changed value replaces only its own span, a new key or list item is inserted as
new lines after the last line of its parent. Comments, quoting, key order,
indentation, line endings, the BOM and the whole body are left byte-identical.
Every edit is checked by parsing the result: it must equal the old data with
exactly the intended change, or nothing is written. Values are written by
:func:`coachkit.notes.yaml_scalar.format_scalar` (re-exported here).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coachkit.errors import NoteError, WriteRefused
from coachkit.notes.reader import BOM, decode, parse_front_matter, split_front_matter
from coachkit.notes.strict_yaml import load_strict
from coachkit.notes.yaml_scalar import format_scalar as format_scalar  # noqa: PLC0414 (re-exported)
from coachkit.storage.atomic_write import replace_file

_Composer: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class EditableNote:
    """A note opened for editing: its bytes as read and its YAML as text."""

    path: Path
    original: bytes
    has_bom: bool
    before: str
    yaml_text: str
    after: str
    newline: str

    def data(self) -> Any:
        """The front matter parsed strictly (positions relative to the file)."""
        return parse_front_matter(self.path, self.yaml_text)

    def root(self) -> MappingNode | None:
        """The composed root node of the front matter, or None when it is empty."""
        node = yaml.compose(self.yaml_text, Loader=_Composer)
        if node is None:
            return None
        if not isinstance(node, MappingNode):
            raise NoteError(self.path, 2, 1, "front matter must be a mapping of keys to values")
        return node

    def render(self) -> bytes:
        """The whole file as it would be written."""
        text = self.before + self.yaml_text + self.after
        return ((BOM if self.has_bom else "") + text).encode("utf-8")

    def save(self) -> bool:
        """Write the file atomically if anything changed; True when it wrote."""
        data = self.render()
        if data == self.original:
            return False
        replace_file(self.path, data, self.original)
        return True


def open_for_edit(path: Path) -> EditableNote:
    """Read ``path`` and split it around its front matter (which must exist)."""
    try:
        original = path.read_bytes()
    except FileNotFoundError:
        raise NoteError(path, 1, 1, "file not found (was it moved or deleted?)") from None
    text, has_bom = decode(path, original)
    split = split_front_matter(path, text)
    if split is None:
        raise NoteError(path, 1, 1, "no front matter: the file must start with a line '---'")
    note = EditableNote(
        path,
        original,
        has_bom,
        text[: split.yaml_start],
        text[split.yaml_start : split.yaml_end],
        text[split.yaml_end :],
        split.newline,
    )
    note.data()  # refuse to edit a file that does not parse
    return note


def mapping_get(node: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    """The (key node, value node) pair for ``key`` in a composed mapping."""
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _line_end(text: str, index: int) -> int:
    """Index just past the end of the line containing ``index``."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _content_end(text: str, node: Node) -> int:
    """Index where a new line can follow the last line ``node`` occupies."""
    if isinstance(node, ScalarNode):
        if node.style in ("|", ">"):
            return int(node.end_mark.index)
        return _line_end(text, node.end_mark.index)
    assert isinstance(node, (MappingNode, SequenceNode))
    if node.flow_style or not node.value:
        return _line_end(text, max(node.end_mark.index - 1, node.start_mark.index))
    last = node.value[-1]
    return _content_end(text, last[1] if isinstance(node, MappingNode) else last)


def _new_key_lines(note: EditableNote, indent: int, changes: Mapping[str, Any]) -> str:
    return "".join(
        f"{' ' * indent}{key}: {format_scalar(value)}".rstrip() + note.newline
        for key, value in changes.items()
    )


def _splice(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def set_fields(
    note: EditableNote,
    locate: Callable[[MappingNode], MappingNode],
    changes: Mapping[str, Any],
    mutate: Callable[[Any], None],
) -> None:
    """Set ``changes`` in the mapping ``locate`` finds, one key at a time.

    ``mutate`` applies the same change to the parsed data; the edited text must
    parse to exactly that, or :class:`WriteRefused` is raised and nothing changes.
    """
    expected = note.data()
    mutate(expected)
    text = note.yaml_text
    for key, value in changes.items():
        root = _compose(note, text)
        mapping = locate(root)
        found = mapping_get(mapping, key)
        if found is None:
            if mapping.flow_style:
                close = text.rindex("}", 0, mapping.end_mark.index)
                text = _splice(text, close, close, f", {key}: {format_scalar(value)}")
            else:
                indent = int(mapping.value[0][0].start_mark.column)
                at = _content_end(text, mapping)
                text = _splice(text, at, at, _new_key_lines(note, indent, {key: value}))
            continue
        value_node = found[1]
        if not isinstance(value_node, ScalarNode):
            line = value_node.start_mark.line + 2
            raise WriteRefused(
                f"{note.path}:{line}: {key!r} holds a list or mapping; edit it by hand"
            )
        start, end = int(value_node.start_mark.index), int(value_node.end_mark.index)
        new = format_scalar(value)
        if value_node.style in ("|", ">"):
            new += note.newline
        elif start == end and new:
            new = " " + new
        text = _splice(text, start, end, new)
    _commit_text(note, text, expected)


def append_to_list(note: EditableNote, key: str, item: Mapping[str, Any]) -> int:
    """Append ``item`` (a flat mapping) to the top-level list ``key``.

    Creates the key at the end of the front matter when it is missing. Returns
    the file line on which the new item starts.
    """
    expected = note.data()
    text = note.yaml_text
    root = _compose(note, text)
    found = mapping_get(root, key) if root is not None else None
    dash, key_indent = 2, 4
    if found is None:
        prefix = "" if not text or text.endswith("\n") else note.newline
        at = len(text)
        text = text + prefix + f"{key}:{note.newline}"
        at = len(text)
    else:
        value_node = found[1]
        if isinstance(value_node, SequenceNode) and not value_node.flow_style and value_node.value:
            dash = int(value_node.start_mark.column)
            first = value_node.value[0]
            key_indent = (
                int(first.start_mark.column) if isinstance(first, MappingNode) else dash + 2
            )
            at = _content_end(text, value_node)
        elif (
            isinstance(value_node, ScalarNode)
            and not value_node.style
            and value_node.tag.endswith(":null")
        ) or (
            isinstance(value_node, SequenceNode) and value_node.flow_style and not value_node.value
        ):
            # `actions:`, `actions: ~` or `actions: []`: drop the empty value, keep any comment.
            start, end = int(value_node.start_mark.index), int(value_node.end_mark.index)
            while start > 0 and text[start - 1] == " " and end > start:
                start -= 1
            text = _splice(text, start, end, "")
            at = _line_end(text, max(start - 1, 0))
        else:
            line = value_node.start_mark.line + 2
            raise WriteRefused(
                f"{note.path}:{line}: {key!r} is not a block list coachkit can add to; "
                "write it as one item per line ('- id: …')"
            )
    # The first key follows the dash at the column the other keys use (`-   id:` stays so).
    first_row = " " * dash + "-" + " " * max(key_indent - dash - 1, 1)
    rows = [first_row if index == 0 else " " * key_indent for index in range(len(item))]
    block = "".join(
        f"{row}{name}: {format_scalar(value)}".rstrip() + note.newline
        for row, (name, value) in zip(rows, item.items(), strict=True)
    )
    new_text = _splice(text, at, at, block)
    items = list(expected.get(key) or [])
    items.append(dict(item))
    expected[key] = items
    _commit_text(note, new_text, expected)
    return note.before.count("\n") + new_text.count("\n", 0, at) + 1


def set_scalar_list(note: EditableNote, key: str, values: Sequence[Any]) -> None:
    """Set the top-level ``key`` to a list of scalars, keeping the list's own style.

    A flow list (``[a, b]``) is rewritten in place; a block list (``- a`` lines) is
    rewritten as block lines with the same dash column and spacing; a missing or
    scalar value becomes a flow list. Checked like every edit: the result must
    parse to the old data with only ``key`` changed.
    """
    values = list(values)
    text = note.yaml_text
    found = mapping_get(_compose(note, text), key)
    if found is None or isinstance(found[1], ScalarNode):
        set_fields(
            note, lambda root: root, {key: values}, lambda data: data.__setitem__(key, values)
        )
        return
    node = found[1]
    if not isinstance(node, SequenceNode):
        line = node.start_mark.line + 2
        raise WriteRefused(f"{note.path}:{line}: {key!r} holds a mapping; edit it by hand")
    expected = note.data()
    expected[key] = values
    if node.flow_style or not node.value:
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        new = format_scalar(values)
    else:
        dash = int(node.start_mark.column)
        gap = max(int(node.value[0].start_mark.column) - dash - 1, 1)
        start = text.rfind("\n", 0, int(node.start_mark.index)) + 1
        end = _line_end(text, int(node.value[-1].end_mark.index))
        new = "".join(f"{' ' * dash}-{' ' * gap}{format_scalar(v)}{note.newline}" for v in values)
    _commit_text(note, _splice(text, start, end, new), expected)


def node_end(text: str, node: Node) -> int:
    """Index just past the last line ``node`` occupies in ``text`` (where a new line may go)."""
    return _content_end(text, node)


def splice_checked(note: EditableNote, start: int, end: int, new: str, expected: Any) -> None:
    """Replace ``note.yaml_text[start:end]`` with ``new``, checked like every edit.

    For edits that move whole lines the other functions do not offer (a list item
    removed, another side's lines copied in by the merge driver): the result must
    parse to ``expected``, or :class:`WriteRefused` is raised and nothing changes.
    """
    _commit_text(note, _splice(note.yaml_text, start, end, new), expected)


def _compose(note: EditableNote, text: str) -> MappingNode:
    node = yaml.compose(text, Loader=_Composer)
    if node is None:
        return MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, MappingNode):
        raise NoteError(note.path, 2, 1, "front matter must be a mapping of keys to values")
    return node


def _commit_text(note: EditableNote, text: str, expected: Any) -> None:
    try:
        result = load_strict(text)
    except yaml.YAMLError as exc:
        raise WriteRefused(
            f"{note.path}: the edit would not parse ({exc}); nothing was written"
        ) from None
    if _plain(result) != _plain(expected):
        raise WriteRefused(
            f"{note.path}: the edit would change more than intended; nothing was written"
        )
    note.yaml_text = text


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def remove_fields(
    note: EditableNote,
    locate: Callable[[MappingNode], MappingNode],
    keys: Sequence[str],
    mutate: Callable[[Any], None],
) -> None:
    """Remove ``keys`` (those present) from the block mapping ``locate`` finds.

    Each key goes with its whole line (and the lines of its value), comment
    included; nothing else moves. A key in a flow mapping (``{a: 1}``) or on the
    line of a list item's dash is refused: edit it by hand. Checked like every
    edit: the result must parse to what ``mutate`` makes of the old data.
    """
    expected = note.data()
    mutate(expected)
    text = note.yaml_text
    for key in keys:
        mapping = locate(_compose(note, text))
        found = mapping_get(mapping, key)
        if found is None:
            continue
        key_node, value_node = found
        start = text.rfind("\n", 0, int(key_node.start_mark.index)) + 1
        if mapping.flow_style or text[start : int(key_node.start_mark.index)].strip():
            line = key_node.start_mark.line + 2
            raise WriteRefused(
                f"{note.path}:{line}: {key!r} shares its line with other keys; remove it by hand"
            )
        text = _splice(text, start, _content_end(text, value_node), "")
    _commit_text(note, text, expected)


def append_to_nested_list(
    note: EditableNote,
    locate: Callable[[MappingNode], MappingNode],
    key: str,
    value: Any,
    mutate: Callable[[Any], None],
) -> None:
    """Append the scalar ``value`` to the list ``key`` of the mapping ``locate`` finds.

    A missing or empty key becomes a flow list (``rescheduled: [2026-02-10]``); a
    flow list gets ``, value`` before its ``]``; a block list gets a new ``- value``
    line at its dash column. Nothing else on the line changes.
    """
    text = note.yaml_text
    mapping = locate(_compose(note, text))
    found = mapping_get(mapping, key)
    new = format_scalar(value)
    if found is None or (
        isinstance(found[1], ScalarNode) and not found[1].style and found[1].tag.endswith(":null")
    ):
        set_fields(note, locate, {key: [value]}, mutate)
        return
    node = found[1]
    if not isinstance(node, SequenceNode):
        line = node.start_mark.line + 2
        raise WriteRefused(f"{note.path}:{line}: {key!r} is not a list; edit it by hand")
    expected = note.data()
    mutate(expected)
    if node.flow_style:
        close = text.rindex("]", 0, int(node.end_mark.index))
        text = _splice(text, close, close, f", {new}" if node.value else new)
    else:
        dash = int(node.start_mark.column)
        gap = max(int(node.value[0].start_mark.column) - dash - 1, 1)
        at = _content_end(text, node)
        text = _splice(text, at, at, f"{' ' * dash}-{' ' * gap}{new}{note.newline}")
    _commit_text(note, text, expected)
