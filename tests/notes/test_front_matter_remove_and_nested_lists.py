"""The editor's remove_fields and append_to_nested_list: exact bytes, and refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from coachkit.errors import WriteRefused
from coachkit.notes.front_matter_edit import append_to_nested_list, open_for_edit, remove_fields
from tests.notes.test_front_matter_edit import action_locator

NOTE = b"""---
session: 2
actions:
  - id: t9hc
    title: Plan
    status: dropped  # for now
    done: 2026-02-01
    reason: >
      Priya owns it
    owner: Jordan
  - {id: w3fn, title: Board, reason: later}
---
# Body stays
"""


def _entry(data: Any, action_id: str) -> Any:
    return next(entry for entry in data["actions"] if entry["id"] == action_id)


def _remove(path: Path, action_id: str, keys: list[str]) -> None:
    def mutate(data: Any) -> None:
        for key in keys:
            _entry(data, action_id).pop(key, None)

    note = open_for_edit(path)
    remove_fields(note, action_locator(action_id), keys, mutate)
    note.save()


def _append(path: Path, action_id: str, value: dt.date) -> None:
    def mutate(data: Any) -> None:
        entry = _entry(data, action_id)
        entry["rescheduled"] = [*(entry.get("rescheduled") or []), value]

    note = open_for_edit(path)
    append_to_nested_list(note, action_locator(action_id), "rescheduled", value, mutate)
    note.save()


def test_remove_fields_takes_whole_lines_and_leaves_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(NOTE)
    _remove(path, "t9hc", ["done", "reason", "missing"])
    assert path.read_bytes() == NOTE.replace(
        b"    done: 2026-02-01\n    reason: >\n      Priya owns it\n", b""
    )


def test_remove_fields_refuses_a_flow_mapping(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(NOTE)
    with pytest.raises(WriteRefused, match="remove it by hand"):
        _remove(path, "w3fn", ["reason"])
    assert path.read_bytes() == NOTE


def test_append_to_nested_list_creates_then_extends_a_flow_list(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(NOTE)
    _append(path, "t9hc", dt.date(2026, 2, 10))
    _append(path, "t9hc", dt.date(2026, 2, 13))
    assert path.read_bytes() == NOTE.replace(
        b"    owner: Jordan\n", b"    owner: Jordan\n    rescheduled: [2026-02-10, 2026-02-13]\n"
    )


def test_append_to_nested_list_extends_a_block_list(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    block = NOTE.replace(
        b"    owner: Jordan\n", b"    owner: Jordan\n    rescheduled:\n    -   2026-02-03\n"
    )
    path.write_bytes(block)
    _append(path, "t9hc", dt.date(2026, 2, 10))
    assert path.read_bytes() == block.replace(
        b"    -   2026-02-03\n", b"    -   2026-02-03\n    -   2026-02-10\n"
    )


def test_append_to_nested_list_refuses_a_text(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    text = NOTE.replace(b"    owner: Jordan\n", b"    owner: Jordan\n    rescheduled: often\n")
    path.write_bytes(text)
    with pytest.raises(WriteRefused, match="is not a list"):
        _append(path, "t9hc", dt.date(2026, 2, 10))
    assert path.read_bytes() == text
