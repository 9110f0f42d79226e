"""The lossless writer: edits touch only the characters that must change.

Hand-written cases assert the exact bytes written; hypothesis checks that a no-op
save is byte-identical and that an edit changes or adds exactly one line. Also
``format_scalar`` and the atomic, refusing writes in ``safe_write``.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from coachkit.errors import NoteError, WriteRefused
from coachkit.notes.front_matter_edit import (
    EditableNote,
    append_to_list,
    format_scalar,
    mapping_get,
    open_for_edit,
    set_fields,
)
from coachkit.notes.reader import read_note
from coachkit.notes.strict_yaml import load_strict
from coachkit.storage.atomic_write import create_file, replace_file

BOM = b"\xef\xbb\xbf"
DONE = dt.date(2026, 2, 12)


def write(folder: Path, data: bytes, name: str = "note.md") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def action_locator(action_id: str) -> Callable[[MappingNode], MappingNode]:
    def locate(root: MappingNode) -> MappingNode:
        found = mapping_get(root, "actions")
        assert found is not None
        assert isinstance(found[1], SequenceNode)
        for node in found[1].value:
            pair = mapping_get(node, "id") if isinstance(node, MappingNode) else None
            if pair and isinstance(pair[1], ScalarNode) and pair[1].value == action_id:
                return node
        raise AssertionError(f"no action {action_id}")

    return locate


def action_mutator(action_id: str, changes: dict[str, Any]) -> Callable[[Any], None]:
    def mutate(data: Any) -> None:
        for entry in data["actions"]:
            if entry["id"] == action_id:
                entry.update(changes)

    return mutate


def set_action(path: Path, action_id: str, changes: dict[str, Any]) -> bool:
    note = open_for_edit(path)
    set_fields(note, action_locator(action_id), changes, action_mutator(action_id, changes))
    return note.save()


def append_action(path: Path, item: dict[str, Any], key: str = "actions") -> int:
    note = open_for_edit(path)
    line = append_to_list(note, key, item)
    assert note.save() is True
    return line


def leftovers(folder: Path) -> list[str]:
    """Anything in ``folder`` that looks like a temporary file."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp")


# --- set_fields: exact bytes ---------------------------------------------------------------

SESSION = b"""---
session: 2  # second session
date: 2026-01-29
goals: [G1, G2]
actions:
  # agreed in the session
  - id: t9hc
    title: 'Hand over the plan: all of it'
    owner: "Jordan"
    due: 2026-02-10
    status: open  # still open
  - id: w3fn
    title: Rewrite the board update
    owner: Jordan
    due: 2026-02-20
    status: 'open'
---
# Session 2

Notes with --- and: colons.
"""


def test_set_status_and_add_done_on_first_item(tmp_path: Path) -> None:
    path = write(tmp_path, SESSION)
    assert set_action(path, "t9hc", {"status": "done", "done": DONE}) is True
    assert path.read_bytes() == SESSION.replace(
        b"    status: open  # still open\n",
        b"    status: done  # still open\n    done: 2026-02-12\n",
    )


def test_set_status_on_last_item_replaces_quoted_value(tmp_path: Path) -> None:
    path = write(tmp_path, SESSION)
    assert set_action(path, "w3fn", {"status": "dropped"}) is True
    assert path.read_bytes() == SESSION.replace(b"    status: 'open'\n", b"    status: dropped\n")


def test_add_done_key_to_last_item_goes_after_its_last_line(tmp_path: Path) -> None:
    path = write(tmp_path, SESSION)
    set_action(path, "w3fn", {"done": DONE})
    assert path.read_bytes() == SESSION.replace(
        b"    status: 'open'\n---\n", b"    status: 'open'\n    done: 2026-02-12\n---\n"
    )


def test_set_fields_keeps_crlf_and_bom(tmp_path: Path) -> None:
    original = BOM + SESSION.replace(b"\n", b"\r\n")
    path = write(tmp_path, original)
    set_action(path, "t9hc", {"status": "done", "done": DONE})
    assert path.read_bytes() == original.replace(
        b"    status: open  # still open\r\n",
        b"    status: done  # still open\r\n    done: 2026-02-12\r\n",
    )


def test_set_fields_with_zero_indented_list(tmp_path: Path) -> None:
    original = b"---\nactions:\n- id: a1\n  status: open\n---\nbody"
    path = write(tmp_path, original)
    set_action(path, "a1", {"status": "done", "done": DONE})
    assert (
        path.read_bytes()
        == b"---\nactions:\n- id: a1\n  status: done\n  done: 2026-02-12\n---\nbody"
    )


def test_set_fields_fills_an_empty_value(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n  - id: a1\n    status:\n    owner: Sam\n---\n")
    set_action(path, "a1", {"status": "done"})
    assert (
        path.read_bytes() == b"---\nactions:\n  - id: a1\n    status: done\n    owner: Sam\n---\n"
    )


def test_set_fields_quotes_a_value_that_needs_it(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n  - id: a1\n    owner: Jordan\n    status: open\n---\n")
    set_action(path, "a1", {"owner": "no"})
    assert (
        path.read_bytes() == b"---\nactions:\n  - id: a1\n    owner: 'no'\n    status: open\n---\n"
    )
    assert read_note(path).meta["actions"][0]["owner"] == "no"


def test_set_fields_in_a_flow_mapping_item(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n  - {id: a1, status: open}  # flow\n---\n")
    set_action(path, "a1", {"status": "done", "done": DONE})
    assert (
        path.read_bytes()
        == b"---\nactions:\n  - {id: a1, status: done, done: 2026-02-12}  # flow\n---\n"
    )


def test_set_fields_replaces_a_block_scalar(tmp_path: Path) -> None:
    original = (
        b"---\nactions:\n  - id: a1\n    title: |\n      two\n      lines\n    status: open\n---\n"
    )
    path = write(tmp_path, original)
    set_action(path, "a1", {"title": "one line"})
    assert (
        path.read_bytes()
        == b"---\nactions:\n  - id: a1\n    title: one line\n    status: open\n---\n"
    )


def test_set_fields_after_a_nested_list_in_the_item(tmp_path: Path) -> None:
    original = b"---\nactions:\n  - id: a1\n    status: open\n    notes:\n      - first\n---\n"
    path = write(tmp_path, original)
    set_action(path, "a1", {"done": DONE})
    assert path.read_bytes() == original.replace(
        b"      - first\n", b"      - first\n    done: 2026-02-12\n"
    )


def test_set_fields_without_final_newline(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n  - id: a1\n    status: open\n---")
    set_action(path, "a1", {"done": DONE})
    assert (
        path.read_bytes()
        == b"---\nactions:\n  - id: a1\n    status: open\n    done: 2026-02-12\n---"
    )


def test_set_fields_refuses_to_overwrite_a_list(tmp_path: Path) -> None:
    original = b"---\nactions:\n  - id: a1\n    status:\n      - open\n---\n"
    path = write(tmp_path, original)
    with pytest.raises(WriteRefused) as caught:
        set_action(path, "a1", {"status": "done"})
    assert str(caught.value) == f"{path}:5: 'status' holds a list or mapping; edit it by hand"
    assert path.read_bytes() == original


def test_set_fields_refuses_an_edit_that_does_not_match_the_intent(tmp_path: Path) -> None:
    path = write(tmp_path, SESSION)
    note = open_for_edit(path)
    with pytest.raises(WriteRefused) as caught:
        # The text changes status; the "intended" data claims the owner changed instead.
        set_fields(
            note, action_locator("t9hc"), {"status": "done"}, action_mutator("t9hc", {"owner": "x"})
        )
    assert (
        str(caught.value)
        == f"{path}: the edit would change more than intended; nothing was written"
    )
    assert note.save() is False
    assert path.read_bytes() == SESSION


# --- append_to_list: exact bytes -------------------------------------------------------------

ITEM = {
    "id": "n3w1",
    "title": "Call: the CFO",
    "owner": "no",
    "due": dt.date(2026, 2, 19),
    "status": "open",
}
ITEM_LINES = b"  - id: n3w1\n    title: 'Call: the CFO'\n    owner: 'no'\n    due: 2026-02-19\n    status: open\n"


def test_append_to_an_existing_block_list(tmp_path: Path) -> None:
    path = write(tmp_path, SESSION)
    line = append_action(path, ITEM)
    assert path.read_bytes() == SESSION.replace(
        b"    status: 'open'\n---\n", b"    status: 'open'\n" + ITEM_LINES + b"---\n"
    )
    assert line == 17
    new = read_note(path).meta["actions"][-1]
    assert (new.line, new.column) == (17, 5)
    assert new == ITEM


def test_append_to_a_zero_indented_list_keeps_its_indent(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n- id: a1\n  title: x\n---\n")
    append_action(path, {"id": "b2", "title": "y"})
    assert path.read_bytes() == b"---\nactions:\n- id: a1\n  title: x\n- id: b2\n  title: y\n---\n"


def test_append_to_a_four_space_list_keeps_its_indent(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n    -   id: a1\n        title: x\n---\n")
    append_action(path, {"id": "b2", "title": "y"})
    assert path.read_bytes() == (
        b"---\nactions:\n    -   id: a1\n        title: x\n    -   id: b2\n        title: y\n---\n"
    )


def test_append_to_empty_flow_list(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nsession: 3\nactions: []\ngoals: [G1]\n---\nbody\n")
    line = append_action(path, ITEM)
    assert (
        path.read_bytes()
        == b"---\nsession: 3\nactions:\n" + ITEM_LINES + b"goals: [G1]\n---\nbody\n"
    )
    assert line == 4


def test_append_to_null_value_with_a_trailing_comment(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nsession: 3\nactions:  # none yet\ngoals: [G1]\n---\nbody\n")
    line = append_action(path, ITEM)
    assert path.read_bytes() == (
        b"---\nsession: 3\nactions:  # none yet\n" + ITEM_LINES + b"goals: [G1]\n---\nbody\n"
    )
    assert line == 4


@pytest.mark.parametrize("empty", [b"~", b"null", b"[]  # later"])
def test_append_to_other_empty_values(tmp_path: Path, empty: bytes) -> None:
    path = write(tmp_path, b"---\nsession: 3\nactions: " + empty + b"\n---\n")
    append_action(path, {"id": "a1", "title": "x"})
    comment = b"  # later" if b"#" in empty else b""
    assert (
        path.read_bytes()
        == b"---\nsession: 3\nactions:" + comment + b"\n  - id: a1\n    title: x\n---\n"
    )


def test_append_to_a_file_without_actions(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nsession: 3\n# last comment\n---\nbody\n")
    line = append_action(path, ITEM)
    assert (
        path.read_bytes()
        == b"---\nsession: 3\n# last comment\nactions:\n" + ITEM_LINES + b"---\nbody\n"
    )
    assert line == 5


def test_append_to_empty_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\n---\nbody\n")
    assert append_action(path, {"id": "a1"}) == 3
    assert path.read_bytes() == b"---\nactions:\n  - id: a1\n---\nbody\n"


def test_append_after_flow_style_items(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n  - {id: a1, title: x}\n  - {id: a2, title: y}\n---\n")
    assert append_action(path, {"id": "a3", "title": "z"}) == 5
    assert path.read_bytes() == (
        b"---\nactions:\n  - {id: a1, title: x}\n  - {id: a2, title: y}\n  - id: a3\n    title: z\n---\n"
    )


def test_append_after_a_block_scalar(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n  - id: a1\n    title: |\n      block\n---\n")
    append_action(path, {"id": "a2"})
    assert (
        path.read_bytes()
        == b"---\nactions:\n  - id: a1\n    title: |\n      block\n  - id: a2\n---\n"
    )


def test_append_with_crlf_and_bom(tmp_path: Path) -> None:
    original = BOM + b"---\r\nsession: 3\r\nactions: []  # later\r\n---\r\nbody\r\n"
    path = write(tmp_path, original)
    assert append_action(path, {"id": "a1", "done": None}) == 4
    assert (
        path.read_bytes()
        == BOM
        + b"---\r\nsession: 3\r\nactions:  # later\r\n  - id: a1\r\n    done:\r\n---\r\nbody\r\n"
    )


def test_append_refuses_a_flow_list_with_items(tmp_path: Path) -> None:
    original = b"---\nsession: 3\nactions: [{id: a1}]\n---\n"
    path = write(tmp_path, original)
    note = open_for_edit(path)
    with pytest.raises(WriteRefused) as caught:
        append_to_list(note, "actions", {"id": "a2"})
    assert str(caught.value) == (
        f"{path}:3: 'actions' is not a block list coachkit can add to; "
        "write it as one item per line ('- id: …')"
    )
    assert note.save() is False
    assert path.read_bytes() == original


def test_append_refuses_a_text_value(tmp_path: Path) -> None:
    original = b"---\nactions: later\n---\n"
    path = write(tmp_path, original)
    with pytest.raises(WriteRefused):
        append_action(path, {"id": "a1"})
    assert path.read_bytes() == original


# --- open_for_edit and save ---------------------------------------------------------------------


def test_noop_save_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, SESSION)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    inode = path.stat().st_ino
    note = open_for_edit(path)
    assert note.render() == SESSION
    assert note.save() is False
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert path.stat().st_ino == inode
    assert path.read_bytes() == SESSION
    assert leftovers(tmp_path) == []


def test_editable_note_parts(tmp_path: Path) -> None:
    path = write(tmp_path, BOM + b"---\r\nowner: no\r\n---\r\nbody\r\n")
    note = open_for_edit(path)
    assert (note.has_bom, note.before, note.yaml_text, note.after, note.newline) == (
        True,
        "---\r\n",
        "owner: no\r\n",
        "---\r\nbody\r\n",
        "\r\n",
    )
    assert note.data() == {"owner": "no"}


def test_open_for_edit_needs_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, b"# no front matter\n")
    with pytest.raises(NoteError) as caught:
        open_for_edit(path)
    assert (
        str(caught.value) == f"{path}:1:1: no front matter: the file must start with a line '---'"
    )


def test_open_for_edit_refuses_a_file_that_does_not_parse(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nowner: a\nowner: b\n---\n")
    with pytest.raises(NoteError) as caught:
        open_for_edit(path)
    assert (
        str(caught.value)
        == f"{path}:3:1: duplicate key 'owner' (first on line 2); keep one of them"
    )


def test_open_for_edit_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.md"
    with pytest.raises(NoteError) as caught:
        open_for_edit(path)
    assert str(caught.value) == f"{path}:1:1: file not found (was it moved or deleted?)"


def test_save_refuses_when_the_file_changed_after_opening(tmp_path: Path) -> None:
    path = write(tmp_path, SESSION)
    note = open_for_edit(path)
    set_fields(
        note, action_locator("w3fn"), {"status": "done"}, action_mutator("w3fn", {"status": "done"})
    )
    changed = SESSION.replace(b"# Session 2", b"# Session 2 (edited in the editor)")
    path.write_bytes(changed)
    with pytest.raises(WriteRefused) as caught:
        note.save()
    assert (
        str(caught.value)
        == f"{path}: changed while coachkit was editing it; nothing was written, run again"
    )
    assert path.read_bytes() == changed
    assert leftovers(tmp_path) == []


# --- hypothesis: round trips ----------------------------------------------------------------------

WORD = st.from_regex(r"\A[a-zA-Z][a-z0-9]{0,7}\Z")
TEXT = st.text(alphabet="abcXYZ019 :#'\"-,.?!&*[]{}|>@%`é→", min_size=0, max_size=16)
COMMENT = st.text(alphabet="abc XYZ:#'\"-é", max_size=12).map(lambda text: "# " + text)
VALUE_KIND = st.sampled_from(["plain", "single", "double", "word", "date", "number", "empty"])
TRICKY_WORD = st.sampled_from(
    ["no", "yes", "on", "off", "10:30", "012", "~", "null", "true", "0x1f"]
)
DATE = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
NUMBER = st.integers(min_value=-999, max_value=99999)
SPACES = st.sampled_from([" ", "  ", "   "])
TOP_KEYS = st.lists(st.sampled_from(["title", "owner", "time", "format"]), unique=True, max_size=3)
ITEM_KEYS = st.lists(st.sampled_from(["title", "owner", "due", "goal"]), unique=True, max_size=3)
KEY_QUOTE = st.sampled_from(["", "'", '"'])
BEFORE_ITEM = st.sampled_from(["", "comment", "blank"])
STATUS = st.sampled_from(["open", "'open'", '"open"', "done", "dropped"])
BLOCK_LINES = st.lists(WORD, min_size=1, max_size=2)
PRIORITY = st.integers(min_value=0, max_value=9)
BODY = st.text(alphabet="ab #-\r\n:é", max_size=30)


@st.composite
def yaml_value(draw: st.DrawFn) -> str:
    """A scalar written the way a person might write it: plain, quoted, tricky 1.1 words."""
    kind = draw(VALUE_KIND)
    if kind == "word":
        return draw(TRICKY_WORD)
    if kind == "date":
        return draw(DATE).isoformat()
    if kind == "number":
        return str(draw(NUMBER))
    if kind == "empty":
        return ""
    text = draw(TEXT)
    if kind == "single":
        return "'" + text.replace("'", "''") + "'"
    if kind == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    plain = format_scalar(text)
    return plain if plain == text else "'" + text.replace("'", "''") + "'"


VALUE = yaml_value()


def with_comment(draw: st.DrawFn, line: str) -> str:
    if draw(st.booleans()):
        return line + draw(SPACES) + draw(COMMENT)
    return line


@st.composite
def note_files(draw: st.DrawFn) -> tuple[bytes, list[str], int]:
    """(file bytes, action ids, key column): a session note with front matter and a body."""
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    dash = draw(st.sampled_from([0, 2, 4]))
    gap = draw(st.sampled_from([1, 3]))  # spaces after the dash
    inner = dash + 1 + gap
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(draw(COMMENT))
    lines.append(with_comment(draw, f"session: {draw(st.integers(1, 40))}"))
    for key in draw(TOP_KEYS):
        quote = draw(KEY_QUOTE)
        lines.append(with_comment(draw, f"{quote}{key}{quote}: {draw(VALUE)}".rstrip()))
    ids = draw(st.lists(WORD, min_size=1, max_size=4, unique_by=str.lower))
    lines.append(with_comment(draw, "actions:"))
    for action_id in ids:
        extra = draw(BEFORE_ITEM)
        if extra == "comment":
            lines.append(" " * dash + draw(COMMENT))
        elif extra == "blank":
            lines.append("")
        fields = [("status", draw(STATUS))]
        fields += [(key, draw(VALUE)) for key in draw(ITEM_KEYS)]
        if draw(st.booleans()):
            # A block scalar, whose lines end where the next key starts.
            words = draw(BLOCK_LINES)
            fields.append(
                ("notes", "|" + "".join(f"\n{' ' * (inner + 2)}{word}" for word in words))
            )
        fields.sort(key=lambda _: draw(PRIORITY))
        lines.append(" " * dash + "-" + " " * gap + f"id: {action_id}")
        for key, value in fields:
            first, *rest = value.split("\n")
            lines.append(with_comment(draw, (" " * inner + f"{key}: {first}").rstrip()))
            lines.extend(rest)
    if draw(st.booleans()):
        lines.append(draw(COMMENT))
    text = newline.join(["---", *lines, "---", ""]) + draw(BODY)
    prefix = BOM if draw(st.booleans()) else b""
    return prefix + text.encode("utf-8"), ids, inner


FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def fresh(folder: Path, data: bytes) -> Path:
    path = folder / "note.md"
    if path.exists():
        path.unlink()
    path.write_bytes(data)
    return path


def body_of(data: bytes) -> bytes:
    """Everything after the closing ``---`` line."""
    marker = data.index(b"\n---", 3)
    return data[data.index(b"\n", marker + 1) + 1 :]


@FAST
@given(generated=note_files())
def test_noop_round_trip_is_byte_identical(
    tmp_path: Path, generated: tuple[bytes, list[str], int]
) -> None:
    data, _, _ = generated
    path = fresh(tmp_path, data)
    note = open_for_edit(path)
    assert note.render() == data
    assert note.save() is False
    assert path.read_bytes() == data


@FAST
@given(
    generated=note_files(),
    pick=st.integers(min_value=0, max_value=3),
    status=st.sampled_from(["done", "dropped"]),
)
def test_setting_a_status_changes_exactly_one_line(
    tmp_path: Path, generated: tuple[bytes, list[str], int], pick: int, status: str
) -> None:
    data, ids, _ = generated
    action_id = ids[pick % len(ids)]
    path = fresh(tmp_path, data)
    before = read_note(path).meta["actions"][pick % len(ids)]
    set_action(path, action_id, {"status": status})
    after = path.read_bytes()
    old_lines, new_lines = data.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(new_lines) == len(old_lines)
    changed = [
        index
        for index, (old, new) in enumerate(zip(old_lines, new_lines, strict=True))
        if old != new
    ]
    if before["status"] == status:
        assert changed == []
    else:
        assert changed == [before.position_of("status")[0] - 1]
        assert new_lines[changed[0]].lstrip().startswith(b"status: " + status.encode())
    assert body_of(after) == body_of(data)
    assert after.startswith(BOM) == data.startswith(BOM)
    meta = read_note(path).meta
    assert meta["actions"][pick % len(ids)]["status"] == status
    assert leftovers(tmp_path) == []


@FAST
@given(generated=note_files(), pick=st.integers(min_value=0, max_value=3))
def test_adding_a_key_adds_exactly_one_line(
    tmp_path: Path, generated: tuple[bytes, list[str], int], pick: int
) -> None:
    data, ids, inner = generated
    action_id = ids[pick % len(ids)]
    path = fresh(tmp_path, data)
    set_action(path, action_id, {"done": DONE})
    after = path.read_bytes()
    newline = b"\r\n" if data.removeprefix(BOM).startswith(b"---\r\n") else b"\n"
    old_lines, new_lines = data.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(new_lines) == len(old_lines) + 1
    added = [
        index
        for index, line in enumerate(new_lines)
        if new_lines[:index] + new_lines[index + 1 :] == old_lines
    ]
    assert added
    assert new_lines[added[0]] == b" " * inner + b"done: 2026-02-12" + newline
    assert body_of(after) == body_of(data)
    item = read_note(path).meta["actions"][pick % len(ids)]
    assert item["done"] == DONE
    assert list(item)[-1] == "done"


@FAST
@given(generated=note_files())
def test_appending_an_item_adds_only_its_lines(
    tmp_path: Path, generated: tuple[bytes, list[str], int]
) -> None:
    data, ids, _ = generated
    path = fresh(tmp_path, data)
    line = append_action(path, {"id": "zz99", "title": "New: item", "status": "open"})
    after = path.read_bytes()
    old_lines, new_lines = data.splitlines(keepends=True), after.splitlines(keepends=True)
    assert new_lines[: line - 1] + new_lines[line + 2 :] == old_lines
    assert body_of(after) == body_of(data)
    actions = read_note(path).meta["actions"]
    assert [item["id"] for item in actions] == [*ids, "zz99"]
    assert actions[-1].line == line


# --- format_scalar ---------------------------------------------------------------------------------

TRICKY = [
    "no",
    "yes",
    "No",
    "on",
    "off",
    "y",
    "10:30",
    "012",
    "0x1f",
    "1_000",
    "1e3",
    "3",
    "true",
    "False",
    "null",
    "~",
    "2026-02-12",
    "2026-02-30",
    "a: b",
    "a:",
    "#x",
    "a #b",
    "it's",
    "'quoted'",
    '"double"',
    "",
    " leading",
    "trailing ",
    " both ",
    "two\nlines",
    "crlf\r\nline",
    "tab\there",
    "back\\slash",
    "- item",
    "[list]",
    "{map}",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "%",
    "@user",
    "`code`",
    "?",
    "---",
    "...",
    "<<",
    "=",
    "café",
    "emoji 👨‍👩‍👧",
    "bell\x07",
    "nel\x85",
    "line\u2028sep",
    "nul\x00",
    "del\x7f",
    "\ufffe",
]


@pytest.mark.parametrize("text", TRICKY)
def test_format_scalar_round_trips_through_both_loaders(text: str) -> None:
    written = f"v: {format_scalar(text)}\n"
    assert yaml.safe_load(written) == {"v": text}
    assert load_strict(written) == {"v": text}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain words", "plain words"),
        ("no", "'no'"),
        ("10:30", "'10:30'"),
        ("012", "'012'"),
        ("it's", "it's"),
        ("#x", "'#x'"),
        ("a: b", "'a: b'"),
        ("", "''"),
        (" x", "' x'"),
        ("it's: here", "'it''s: here'"),
        ("two\nlines", '"two\\nlines"'),
        ('say "hi"\n', '"say \\"hi\\"\\n"'),
        ("bell\x07", '"bell\\x07"'),
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, "3"),
        (1.5, "1.5"),
        (dt.date(2026, 2, 12), "2026-02-12"),
        (["G1", "no"], "[G1, 'no']"),
    ],
)
def test_format_scalar_exact_text(value: Any, expected: str) -> None:
    assert format_scalar(value) == expected


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=20))
def test_format_scalar_round_trips_any_text(text: str) -> None:
    written = f"v: {format_scalar(text)}\n"
    assert yaml.safe_load(written) == {"v": text}
    assert load_strict(written) == {"v": text}


@pytest.mark.parametrize(
    "text", ["no", "10:30", "012", "it's", "a: b", "#x", "", "two\nlines", " x "]
)
def test_format_scalar_through_a_real_edit(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, b"---\nactions:\n  - id: a1\n    title: old\n---\n")
    set_action(path, "a1", {"title": text})
    assert read_note(path).meta["actions"][0]["title"] == text
    assert (
        yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["actions"][0]["title"]
        == text
    )


# --- safe_write -------------------------------------------------------------------------------------


def test_create_file_writes_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "sessions" / "03-2026-02-12.md"
    create_file(path, b"---\nsession: 3\n---\n")
    assert path.read_bytes() == b"---\nsession: 3\n---\n"
    assert leftovers(path.parent) == []
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_create_file_refuses_an_existing_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"the coach's notes\n")
    with pytest.raises(WriteRefused) as caught:
        create_file(path, b"new")
    assert str(caught.value) == f"{path}: already exists; coachkit never overwrites a file"
    assert path.read_bytes() == b"the coach's notes\n"
    assert leftovers(tmp_path) == []


def test_create_file_refuses_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "note.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(WriteRefused):
        create_file(link, b"new")
    assert not (tmp_path / "nowhere.md").exists()
    assert leftovers(tmp_path) == []


def test_replace_file_replaces_atomically_and_keeps_the_mode(tmp_path: Path) -> None:
    path = write(tmp_path, b"old")
    path.chmod(0o640)
    replace_file(path, b"new", b"old")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_replace_file_refuses_a_read_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"old")
    path.chmod(0o444)
    try:
        with pytest.raises(WriteRefused) as caught:
            replace_file(path, b"new", b"old")
    finally:
        path.chmod(0o644)
    assert str(caught.value) == f"{path}: is read-only; make it writable (chmod u+w) and run again"
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_replace_file_refuses_a_symlink(tmp_path: Path) -> None:
    target = write(tmp_path, b"old", "target.md")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    with pytest.raises(WriteRefused) as caught:
        replace_file(link, b"new", b"old")
    assert str(caught.value) == f"{link}: is a symbolic link; coachkit does not write through links"
    assert target.read_bytes() == b"old"
    assert link.is_symlink()
    assert leftovers(tmp_path) == []


def test_replace_file_refuses_a_file_that_changed(tmp_path: Path) -> None:
    path = write(tmp_path, b"changed by the editor")
    with pytest.raises(WriteRefused) as caught:
        replace_file(path, b"new", b"old")
    assert (
        str(caught.value)
        == f"{path}: changed while coachkit was editing it; nothing was written, run again"
    )
    assert path.read_bytes() == b"changed by the editor"
    assert leftovers(tmp_path) == []


def test_replace_file_refuses_a_file_that_vanished(tmp_path: Path) -> None:
    path = tmp_path / "gone.md"
    with pytest.raises(WriteRefused) as caught:
        replace_file(path, b"new", b"old")
    assert (
        str(caught.value) == f"{path}: vanished while coachkit was editing it; nothing was written"
    )
    assert list(tmp_path.iterdir()) == []


def test_save_through_a_symlink_is_refused(tmp_path: Path) -> None:
    target = write(tmp_path, SESSION, "target.md")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    note: EditableNote = open_for_edit(link)
    set_fields(
        note, action_locator("w3fn"), {"status": "done"}, action_mutator("w3fn", {"status": "done"})
    )
    with pytest.raises(WriteRefused):
        note.save()
    assert target.read_bytes() == SESSION
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("follow_up: []  # none yet\n", "follow_up: [2026-03-01, 2026-04-12]  # none yet\n"),
        ("follow_up: [2026-01-01]\n", "follow_up: [2026-03-01, 2026-04-12]\n"),
        (
            "follow_up:\n  - 2026-01-01  # old\nz: 1\n",
            "follow_up:\n  - 2026-03-01\n  - 2026-04-12\nz: 1\n",
        ),
        ("follow_up:\n", "follow_up: [2026-03-01, 2026-04-12]\n"),
        ("z: 1\n", "z: 1\nfollow_up: [2026-03-01, 2026-04-12]\n"),
    ],
)
def test_set_scalar_list_keeps_the_lists_style(tmp_path: Path, before: str, after: str) -> None:
    from coachkit.notes.front_matter_edit import set_scalar_list

    path = tmp_path / "engagement.md"
    path.write_text(f"---\nclient: J\n{before}---\nBody\n", encoding="utf-8")
    note = open_for_edit(path)
    set_scalar_list(note, "follow_up", [dt.date(2026, 3, 1), dt.date(2026, 4, 12)])
    note.save()
    assert path.read_text(encoding="utf-8") == f"---\nclient: J\n{after}---\nBody\n"
