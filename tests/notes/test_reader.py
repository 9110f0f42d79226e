"""The strict reader: YAML 1.2 typing, positions counted in the file, one-line errors.

Every row of the "YAML pitfalls" table in facts.md has a test here, with the exact
``path:line:col: message`` a coach would see. Files are real files in ``tmp_path``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import frontmatter
import pytest

from coachkit.cli.error_handler import exit_code_for
from coachkit.errors import NoteError
from coachkit.notes.located_map import LocatedMap
from coachkit.notes.reader import frontmatter_handler, parse_note, read_note
from coachkit.notes.strict_yaml import load_strict

BOM = b"\xef\xbb\xbf"


def write(tmp_path: Path, data: bytes, name: str = "note.md") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read_error(path: Path) -> str:
    with pytest.raises(NoteError) as caught:
        read_note(path)
    return str(caught.value)


# --- YAML 1.2 core typing ---------------------------------------------------------------


def test_owner_no_stays_the_string_no(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nowner: no\n---\nbody\n")
    assert read_note(path).meta == {"owner": "no"}


@pytest.mark.parametrize("word", ["no", "No", "NO", "yes", "Yes", "on", "off", "y", "n", "Y", "N"])
def test_yaml_1_1_booleans_stay_strings(tmp_path: Path, word: str) -> None:
    path = write(tmp_path, f"---\nvalue: {word}\n---\n".encode())
    value = read_note(path).meta["value"]
    assert value == word
    assert type(value) is str


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False)],
)
def test_only_true_and_false_are_booleans(tmp_path: Path, text: str, expected: bool) -> None:
    path = write(tmp_path, f"---\nflag: {text}\n---\n".encode())
    assert read_note(path).meta["flag"] is expected


def test_time_stays_a_string(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\ntime: 10:30\nlong: 1:30:00\n---\n")
    assert read_note(path).meta == {"time": "10:30", "long": "1:30:00"}


def test_leading_zero_id_stays_a_string(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nid: 012\n---\n")
    meta = read_note(path).meta
    assert meta == {"id": "012"}
    assert type(meta["id"]) is str


def test_yaml_1_1_number_forms_stay_strings(tmp_path: Path) -> None:
    path = write(
        tmp_path, b"---\nhex: 0x1f\noctal: 0o17\nunderscored: 1_000\nsexagesimal: 190:20:30\n---\n"
    )
    assert read_note(path).meta == {
        "hex": "0x1f",
        "octal": "0o17",
        "underscored": "1_000",
        "sexagesimal": "190:20:30",
    }


def test_core_schema_numbers_nulls_and_dates(tmp_path: Path) -> None:
    text = (
        b"---\n"
        b"session: 3\nzero: 0\nnegative: -4\nratio: 1.5\nexp: 1e3\n"
        b"empty:\ntilde: ~\nnull_word: null\n"
        b"date: 2026-02-12\nshort_date: 2026-2-3\nquoted_date: '2026-02-12'\n"
        b"---\n"
    )
    meta = read_note(write(tmp_path, text)).meta
    assert meta == {
        "session": 3,
        "zero": 0,
        "negative": -4,
        "ratio": 1.5,
        "exp": 1000.0,
        "empty": None,
        "tilde": None,
        "null_word": None,
        "date": dt.date(2026, 2, 12),
        "short_date": dt.date(2026, 2, 3),
        "quoted_date": "2026-02-12",
    }
    assert type(meta["session"]) is int
    assert type(meta["exp"]) is float


# --- impossible dates -------------------------------------------------------------------


def test_impossible_date_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\ntitle: Weekly\ndue: 2026-02-30\n---\nbody\n")
    assert read_error(path) == f"{path}:3:6: invalid date '2026-02-30': February 2026 has 28 days"


def test_impossible_date_in_an_action_item(tmp_path: Path) -> None:
    text = b"---\nsession: 1\nactions:\n  - id: k7m2\n    title: Plan\n    due: 2026-13-01\n---\n"
    path = write(tmp_path, text)
    assert read_error(path) == f"{path}:6:10: invalid date '2026-13-01': there is no month 13"


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-02-29", "invalid date '2025-02-29': February 2025 has 28 days"),
        ("2026-04-31", "invalid date '2026-04-31': April 2026 has 30 days"),
        ("2026-00-10", "invalid date '2026-00-10': there is no month 0"),
        ("2026-01-00", "invalid date '2026-01-00': January 2026 has 31 days"),
        ("0000-01-01", "invalid date '0000-01-01': there is no year 0"),
    ],
)
def test_other_impossible_dates(tmp_path: Path, date: str, message: str) -> None:
    path = write(tmp_path, f"---\ndue: {date}\n---\n".encode())
    assert read_error(path) == f"{path}:2:6: {message}"


def test_leap_day_in_a_leap_year_is_a_date(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\ndue: 2024-02-29\n---\n")
    assert read_note(path).meta == {"due": dt.date(2024, 2, 29)}


def test_quoted_impossible_date_is_just_text(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\ndue: '2026-02-30'\n---\n")
    assert read_note(path).meta == {"due": "2026-02-30"}


# --- duplicate keys ---------------------------------------------------------------------


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nowner: Jordan\ntitle: Plan\nowner: Priya\n---\n")
    assert (
        read_error(path) == f"{path}:4:1: duplicate key 'owner' (first on line 2); keep one of them"
    )


def test_duplicate_key_inside_an_action_item(tmp_path: Path) -> None:
    text = b"---\nactions:\n  - id: a1\n    status: open\n    status: done\n---\n"
    path = write(tmp_path, text)
    assert (
        read_error(path)
        == f"{path}:5:5: duplicate key 'status' (first on line 4); keep one of them"
    )


def test_same_key_in_two_items_is_not_a_duplicate(tmp_path: Path) -> None:
    text = b"---\nactions:\n  - id: a1\n  - id: a2\n---\n"
    assert read_note(write(tmp_path, text)).meta == {"actions": [{"id": "a1"}, {"id": "a2"}]}


def test_list_as_a_key_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nowner: a\n[a, b]: 1\n---\n")
    assert read_error(path) == f"{path}:3:1: a key must be a plain value, not a list or mapping"


# --- BOM and CRLF -----------------------------------------------------------------------


def test_bom_at_file_start_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, BOM + b"---\nowner: no\ndue: 2026-02-20\n---\n# Notes\n")
    note = read_note(path)
    assert note.has_bom is True
    assert note.has_front_matter is True
    assert note.meta == {"owner": "no", "due": dt.date(2026, 2, 20)}
    assert note.position_of("due") == (3, 1)
    assert note.body == "# Notes\n"
    assert note.body_line == 5


def test_bom_file_errors_count_lines_in_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, BOM + b"---\ntitle: x\ndue: 2026-02-30\n---\n")
    assert read_error(path) == f"{path}:3:6: invalid date '2026-02-30': February 2026 has 28 days"


def test_crlf_is_accepted(tmp_path: Path) -> None:
    data = b"---\r\nowner: no\r\ntime: 10:30\r\ntitle: 'Plan'\r\n---\r\n# Notes\r\nline two\r\n"
    note = read_note(write(tmp_path, data))
    assert note.meta == {"owner": "no", "time": "10:30", "title": "Plan"}
    assert note.newline == "\r\n"
    assert note.has_bom is False
    assert note.body == "# Notes\r\nline two\r\n"
    assert note.body_line == 6
    assert note.position_of("title") == (4, 1)


def test_crlf_with_bom_is_accepted(tmp_path: Path) -> None:
    note = read_note(write(tmp_path, BOM + b"---\r\nowner: a\r\n---\r\nbody\r\n"))
    assert (note.meta, note.newline, note.has_bom, note.body) == (
        {"owner": "a"},
        "\r\n",
        True,
        "body\r\n",
    )


def test_crlf_errors_count_lines_in_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\r\nowner: a\r\nowner: b\r\n---\r\n")
    assert (
        read_error(path) == f"{path}:3:1: duplicate key 'owner' (first on line 2); keep one of them"
    )


def test_lf_note_reports_lf(tmp_path: Path) -> None:
    note = read_note(write(tmp_path, b"---\nowner: a\n---\nbody\n"))
    assert note.newline == "\n"
    assert note.has_bom is False


# --- the block itself ---------------------------------------------------------------------


def test_closing_dashes_missing(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nowner: Jordan\ndue: 2026-02-20\n# Session notes\n")
    assert read_error(path) == f"{path}:1:1: front matter never closed: add a line '---' after it"


@pytest.mark.parametrize("data", [b"---", b"---\n", b"---\r\n", b"---\nowner: a"])
def test_closing_dashes_missing_short_files(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    assert read_error(path) == f"{path}:1:1: front matter never closed: add a line '---' after it"


def test_dots_close_the_front_matter(tmp_path: Path) -> None:
    note = read_note(write(tmp_path, b"---\nowner: a\n...\nbody\n"))
    assert (note.meta, note.body, note.body_line) == ({"owner": "a"}, "body\n", 4)


def test_body_may_contain_dashes(tmp_path: Path) -> None:
    note = read_note(write(tmp_path, b"---\nowner: a\n---\nintro\n---\nowner: b\n---\n"))
    assert note.meta == {"owner": "a"}
    assert note.body == "intro\n---\nowner: b\n---\n"


def test_empty_front_matter_is_an_empty_mapping(tmp_path: Path) -> None:
    note = read_note(write(tmp_path, b"---\n---\nbody\n"))
    assert note.meta == {}
    assert isinstance(note.meta, LocatedMap)
    assert (note.meta.line, note.meta.column) == (2, 1)
    assert note.has_front_matter is True
    assert note.body == "body\n"
    assert note.body_line == 3


def test_note_without_front_matter(tmp_path: Path) -> None:
    note = read_note(write(tmp_path, b"# Just notes\n\nowner: no\n"))
    assert note.has_front_matter is False
    assert note.meta == {}
    assert note.body == "# Just notes\n\nowner: no\n"
    assert note.body_line == 1
    assert note.position_of("owner") == (1, 1)


def test_empty_file_has_no_front_matter(tmp_path: Path) -> None:
    note = read_note(write(tmp_path, b""))
    assert (note.has_front_matter, note.meta, note.body) == (False, {}, "")


def test_four_dashes_is_not_front_matter(tmp_path: Path) -> None:
    note = read_note(write(tmp_path, b"----\nowner: a\n----\n"))
    assert note.has_front_matter is False
    assert note.body == "----\nowner: a\n----\n"


# --- non-UTF-8 bytes ---------------------------------------------------------------------


def test_latin1_byte_in_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nowner: Jordan\ntitle: caf\xe9 chat\n---\n")
    assert read_error(path) == f"{path}:3:11: not valid UTF-8 (byte 0xe9); save the file as UTF-8"


def test_bad_byte_in_body_counts_characters_before_it(tmp_path: Path) -> None:
    # Line 5 is "  é" then 0xff: the column counts characters, not bytes.
    path = write(tmp_path, b"---\nowner: a\n---\nfirst\n  \xc3\xa9\xff\n")
    assert read_error(path) == f"{path}:5:4: not valid UTF-8 (byte 0xff); save the file as UTF-8"


def test_bad_byte_in_crlf_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\r\nowner: a\r\ntitle: \x92quoted\r\n---\r\n")
    assert read_error(path) == f"{path}:3:8: not valid UTF-8 (byte 0x92); save the file as UTF-8"


def test_bad_byte_on_first_line_after_a_bom(tmp_path: Path) -> None:
    path = write(tmp_path, BOM + b"ab\xff\n")
    assert read_error(path) == f"{path}:1:3: not valid UTF-8 (byte 0xff); save the file as UTF-8"


# --- not a mapping -------------------------------------------------------------------------


def test_front_matter_that_is_a_list(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\n- owner: a\n- owner: b\n---\n")
    assert read_error(path) == (
        f"{path}:2:1: front matter must be a mapping of keys to values, found a list"
    )


@pytest.mark.parametrize("scalar", [b"just a sentence", b"42", b"'quoted'"])
def test_front_matter_that_is_a_scalar(tmp_path: Path, scalar: bytes) -> None:
    path = write(tmp_path, b"---\n" + scalar + b"\n---\n")
    assert read_error(path) == (
        f"{path}:2:1: front matter must be a mapping of keys to values, found a single value"
    )


# --- positions ------------------------------------------------------------------------------


SESSION = b"""---
session: 2
date: 2026-01-29
actions:
  - id: t9hc
    title: Hand over the plan
    due: 2026-02-10
  -   id: w3fn
      due: 2026-02-20
  - {id: f1x2, title: flow}
- not: part of actions
---
"""


def test_positions_of_top_level_keys(tmp_path: Path) -> None:
    text = SESSION.replace(b"- not: part of actions\n", b"")
    note = read_note(write(tmp_path, text))
    assert (note.meta.line, note.meta.column) == (2, 1)
    assert note.meta.key_positions == {"session": (2, 1), "date": (3, 1), "actions": (4, 1)}
    assert note.position_of("actions") == (4, 1)
    assert note.position_of("missing") == (2, 1)


def test_positions_of_nested_action_items(tmp_path: Path) -> None:
    text = SESSION.replace(b"- not: part of actions\n", b"")
    actions = read_note(write(tmp_path, text)).meta["actions"]
    first, second, flow = actions
    assert all(isinstance(item, LocatedMap) for item in actions)
    assert (first.line, first.column) == (5, 5)
    assert first.key_positions == {"id": (5, 5), "title": (6, 5), "due": (7, 5)}
    assert (second.line, second.column) == (8, 7)
    assert second.position_of("due") == (9, 7)
    assert second.position_of("status") == (8, 7)
    assert (flow.line, flow.column) == (10, 5)
    assert flow.key_positions == {"id": (10, 6), "title": (10, 16)}
    assert first == {"id": "t9hc", "title": "Hand over the plan", "due": dt.date(2026, 2, 10)}


def test_positions_after_a_bom_and_crlf(tmp_path: Path) -> None:
    text = BOM + SESSION.replace(b"- not: part of actions\n", b"").replace(b"\n", b"\r\n")
    actions = read_note(write(tmp_path, text)).meta["actions"]
    assert [(item.line, item.column) for item in actions] == [(5, 5), (8, 7), (10, 5)]


def test_load_strict_counts_from_first_line() -> None:
    data = load_strict("a: 1\nb:\n  c: 2\n", first_line=10)
    assert (data.line, data.column) == (10, 1)
    assert data["b"].key_positions == {"c": (12, 3)}


# --- YAML syntax errors and merge conflicts --------------------------------------------------


def test_syntax_error_reports_the_file_line(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nowner: a\n  bad: indent\n---\n")
    assert (
        read_error(path)
        == f"{path}:3:6: invalid YAML: mapping values are not allowed in this context"
    )


def test_syntax_error_deeper_in_the_block(tmp_path: Path) -> None:
    text = b'---\nsession: 1\ndate: 2026-01-15\nactions:\n  - id: a1\n    title: "unclosed\n---\n'
    path = write(tmp_path, text)
    assert read_error(path) == (f"{path}:7:1: invalid YAML: found unexpected end of stream")


def test_syntax_error_in_crlf_file_reports_the_same_line(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\r\nowner: a\r\n  bad: indent\r\n---\r\n")
    assert (
        read_error(path)
        == f"{path}:3:6: invalid YAML: mapping values are not allowed in this context"
    )


def test_tab_indentation_is_a_located_error(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\nactions:\n\t- id: a1\n---\n")
    assert read_error(path) == (
        f"{path}:3:1: invalid YAML: found character that cannot start any token"
    )


CONFLICT_MESSAGE = "merge conflict markers: resolve the conflict, then remove them"


def test_merge_conflict_markers_in_front_matter(tmp_path: Path) -> None:
    text = (
        b"---\nsession: 2\n"
        b"<<<<<<< HEAD\nstatus: open\n=======\nstatus: done\n>>>>>>> feature\n"
        b"---\nbody\n"
    )
    path = write(tmp_path, text)
    assert read_error(path) == f"{path}:3:1: {CONFLICT_MESSAGE}"


def test_merge_conflict_inside_an_action_item(tmp_path: Path) -> None:
    text = (
        b"---\nactions:\n  - id: a1\n"
        b"<<<<<<< HEAD\n    status: open\n=======\n    status: done\n>>>>>>> theirs\n"
        b"---\n"
    )
    path = write(tmp_path, text)
    assert read_error(path) == f"{path}:4:1: {CONFLICT_MESSAGE}"


def test_merge_conflict_in_crlf_file(tmp_path: Path) -> None:
    text = b"---\r\nowner: a\r\n<<<<<<< HEAD\r\nx: 1\r\n=======\r\nx: 2\r\n>>>>>>> b\r\n---\r\n"
    path = write(tmp_path, text)
    assert read_error(path) == f"{path}:3:1: {CONFLICT_MESSAGE}"


def test_merge_conflict_in_body_only_is_not_a_front_matter_error(tmp_path: Path) -> None:
    text = b"---\nowner: a\n---\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> b\n"
    note = read_note(write(tmp_path, text))
    assert note.meta == {"owner": "a"}
    assert note.body.startswith("<<<<<<< HEAD\n")


# --- the error object and file problems ------------------------------------------------------


def test_note_error_carries_its_parts(tmp_path: Path) -> None:
    path = write(tmp_path, b"---\ntitle: x\ndue: 2026-02-30\n---\n")
    with pytest.raises(NoteError) as caught:
        read_note(path)
    error = caught.value
    assert (error.path, error.line, error.column) == (path, 3, 6)
    assert error.problem == "invalid date '2026-02-30': February 2026 has 28 days"
    assert exit_code_for(error) == 2


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.md"
    assert read_error(path) == f"{path}:1:1: file not found (was it moved or deleted?)"


def test_folder_instead_of_a_note(tmp_path: Path) -> None:
    path = tmp_path / "sessions"
    path.mkdir()
    assert read_error(path) == f"{path}:1:1: is a folder, not a note"


def test_parse_note_from_bytes_uses_the_given_path() -> None:
    note = parse_note(Path("sessions/01.md"), b"---\nowner: no\n---\n")
    assert note.path == Path("sessions/01.md")
    assert note.meta == {"owner": "no"}
    with pytest.raises(NoteError) as caught:
        parse_note(Path("sessions/01.md"), b"---\nowner: a\nowner: b\n---\n")
    assert str(caught.value) == (
        "sessions/01.md:3:1: duplicate key 'owner' (first on line 2); keep one of them"
    )


# --- python-frontmatter with coachkit's handler ------------------------------------------------


PITFALLS = "---\nowner: no\ntime: 10:30\nid: 012\ndue: 2026-02-12\n---\n\nBody text\n"


def test_python_frontmatter_default_uses_yaml_1_1() -> None:
    # The reason the handler exists: the default reading of the same text.
    assert frontmatter.loads(PITFALLS).metadata == {
        "owner": False,
        "time": 630,
        "id": 10,
        "due": dt.date(2026, 2, 12),
    }


def test_frontmatter_handler_gives_yaml_1_2_typing() -> None:
    post = frontmatter.loads(PITFALLS, handler=frontmatter_handler())
    assert post.metadata == {
        "owner": "no",
        "time": "10:30",
        "id": "012",
        "due": dt.date(2026, 2, 12),
    }
    assert post.content == "Body text"


def test_frontmatter_handler_with_crlf() -> None:
    post = frontmatter.loads(PITFALLS.replace("\n", "\r\n"), handler=frontmatter_handler())
    assert post.metadata == {
        "owner": "no",
        "time": "10:30",
        "id": "012",
        "due": dt.date(2026, 2, 12),
    }


def test_frontmatter_handler_rejects_duplicates_at_the_file_line() -> None:
    with pytest.raises(NoteError) as caught:
        frontmatter.loads("---\nowner: a\nowner: b\n---\n", handler=frontmatter_handler())
    assert str(caught.value) == (
        "<front matter>:3:1: duplicate key 'owner' (first on line 2); keep one of them"
    )


def test_frontmatter_handler_counts_blank_lines_after_the_dashes() -> None:
    with pytest.raises(NoteError) as caught:
        frontmatter.loads(
            "---\n\n\ntitle: x\ndue: 2026-02-30\n---\n", handler=frontmatter_handler()
        )
    assert str(caught.value) == (
        "<front matter>:5:6: invalid date '2026-02-30': February 2026 has 28 days"
    )


def test_frontmatter_handler_refuses_an_unclosed_block() -> None:
    with pytest.raises(NoteError) as caught:
        frontmatter.loads("---\nowner: a\n", handler=frontmatter_handler())
    assert (
        str(caught.value)
        == "<front matter>:1:1: front matter never closed: add a line '---' after it"
    )


def test_frontmatter_handler_without_front_matter() -> None:
    post = frontmatter.loads("# Notes\n\nowner: no\n", handler=frontmatter_handler())
    assert post.metadata == {}
    assert post.content == "# Notes\n\nowner: no"


def test_an_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    import time

    lines = ["---", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = tmp_path / "bomb.md"
    path.write_text("\n".join([*lines, "---", ""]), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(NoteError) as caught:
        read_note(path)
    assert time.perf_counter() - start < 1
    assert str(caught.value) == (
        f"{path}:2:5: anchors and aliases (&name, *name) are not allowed in front matter; "
        "write the value out"
    )


def test_a_repeated_plain_value_is_still_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text("---\nowner: &o Jordan\nsponsor: *o\n---\n", encoding="utf-8")
    assert dict(read_note(path).meta) == {"owner": "Jordan", "sponsor": "Jordan"}


def test_a_control_character_is_named_with_its_place(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(b"---\nid: G1\ntitle: a\x02b\n---\n")
    with pytest.raises(NoteError) as caught:
        read_note(path)
    assert (
        str(caught.value)
        == f"{path}:3:9: character U+0002 is not allowed in front matter; delete it"
    )
