"""Mark a front-matter conflict around that field's lines only, the way git marks one.

A field both sides changed differently is left as ours by the merge; here its lines
become::

    <<<<<<< ours
        due: 2026-02-11
    =======
        due: 2026-02-12
    >>>>>>> theirs

(their lines indented to match ours). A field one side lacks has an empty side. A
field inside a one-line mapping (``- {rater: R1, …}``) marks that whole line. The
reader refuses a note with markers in its front matter, so nothing uses the note
until the coach picks a side.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, SequenceNode

from coachkit.merging.front_matter_merge import Conflict, compose, line_start, shift, with_newlines
from coachkit.merging.nodes import find_entry, node_at, value_node
from coachkit.merging.schema import Item, describe
from coachkit.notes.front_matter_edit import mapping_get, node_end

OURS_MARK, MIDDLE_MARK, THEIRS_MARK = "<<<<<<< ours", "=======", ">>>>>>> theirs"


@dataclass(frozen=True)
class _Region:
    start: int
    end: int
    indent: int  # the column the region's first line starts at (or would)


def _region(text: str, root: Node | None, conflict: Conflict) -> _Region | None:
    """Where the conflicting field (or entry) is in ``text``; None when that side has
    neither it nor the place it would go."""
    if conflict.key is None:
        step = conflict.path[-1]
        assert isinstance(step, Item)
        sequence = value_node(node_at(root, conflict.path[:-1]), step.list_key)
        entry = find_entry(sequence, step)
        if entry is not None:
            start = line_start(text, int(entry.start_mark.index))
            return _Region(start, node_end(text, entry), _indent(text, start))
        if isinstance(sequence, SequenceNode) and not sequence.flow_style and sequence.value:
            at = node_end(text, sequence)
            return _Region(at, at, int(sequence.start_mark.column))
        return None
    parent = node_at(root, conflict.path)
    if not isinstance(parent, MappingNode):
        return None
    if parent.flow_style:
        start = line_start(text, int(parent.start_mark.index))
        return _Region(start, node_end(text, parent), _indent(text, start))
    found = mapping_get(parent, conflict.key)
    if found is None:
        at = node_end(text, parent)
        column = int(parent.value[0][0].start_mark.column) if parent.value else 0
        return _Region(at, at, column)
    start = line_start(text, int(found[0].start_mark.index))
    return _Region(start, node_end(text, found[1]), int(found[0].start_mark.column))


def _indent(text: str, start: int) -> int:
    line = text[start : text.find("\n", start) if "\n" in text[start:] else len(text)]
    return len(line) - len(line.lstrip(" "))


def _lines(text: str, newline: str) -> str:
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return text


def mark_conflicts(
    ours_text: str, theirs_text: str, conflicts: list[Conflict], newline: str
) -> tuple[str, list[str]]:
    """``ours_text`` with each conflict's lines marked, and each conflict in words.

    Conflicts on the same lines (two fields of one flow mapping) share one mark.
    Raises ValueError when a conflict has no place in our text.
    """
    ours_root, theirs_root = compose(ours_text), compose(theirs_text)
    placed: list[tuple[_Region, str]] = []
    seen: set[tuple[int, int]] = set()
    words = []
    for conflict in conflicts:
        words.append(describe(conflict.path, conflict.key))
        ours = _region(ours_text, ours_root, conflict)
        if ours is None:
            raise ValueError(f"no place for {describe(conflict.path, conflict.key)}")
        if ours.start != ours.end and (ours.start, ours.end) in seen:
            continue
        seen.add((ours.start, ours.end))
        theirs = _region(theirs_text, theirs_root, conflict)
        their_lines = ""
        if theirs is not None and theirs.start != theirs.end:
            their_lines = with_newlines(theirs_text[theirs.start : theirs.end], newline)
            with contextlib.suppress(ValueError):  # else kept as they are: the coach reads them
                their_lines = shift(their_lines, ours.indent - theirs.indent)
        block = (
            f"{OURS_MARK}{newline}{_lines(ours_text[ours.start : ours.end], newline)}"
            f"{MIDDLE_MARK}{newline}{_lines(their_lines, newline)}{THEIRS_MARK}{newline}"
        )
        if ours.start == ours.end and ours.start > 0 and not ours_text[: ours.start].endswith("\n"):
            block = newline + block
        placed.append((ours, block))
    text = ours_text
    ordered = sorted(enumerate(placed), key=lambda pair: (pair[1][0].start, pair[0]), reverse=True)
    for _, (region, block) in ordered:
        text = text[: region.start] + block + text[region.end :]
    return text, words
