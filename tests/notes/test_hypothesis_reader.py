"""Property: the note reader turns any bytes into a Note or one NoteError, nothing else.

``parse_note(path, data)`` is where every file coachkit reads comes in. Whatever the
bytes (random, front matter built from YAML-ish fragments: keys, impossible dates,
anchors and aliases, tabs, conflict markers, deep nesting, a BOM, CRLF), it returns a
:class:`~coachkit.notes.reader.Note` or raises a :class:`~coachkit.errors.NoteError`
whose message is one line starting with the path, at a real position, and it never
hangs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from coachkit.errors import NoteError
from coachkit.notes.located_map import LocatedMap
from coachkit.notes.reader import Note, parse_note
from tests.hypothesis_strategies import examples, front_matter_notes, raw_notes, time_limit

PATH = Path("/home/coach/clients/acme jordan-lee/sessions/02-2026-01-29.md")

READER_SETTINGS = settings(
    max_examples=examples(400),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check_reader(data: bytes) -> None:
    """The property itself, for one input."""
    try:
        with time_limit(10):
            note = parse_note(PATH, data)
    except NoteError as error:
        message = str(error)
        assert message.startswith(f"{PATH}:{error.line}:{error.column}: "), message
        assert len(message.splitlines()) == 1, f"not one line: {message!r}"
        assert "\n" not in message and "\r" not in message, message
        assert error.problem.strip(), f"empty problem: {message!r}"
        # The position is in the file: a line that exists, a column from 1.
        assert error.line >= 1 and error.column >= 1, message
        assert error.line <= data.count(b"\n") + data.count(b"\r") + 1, (message, data[:200])
        return
    assert isinstance(note, Note)
    assert isinstance(note.meta, LocatedMap)
    assert isinstance(note.body, str)
    assert note.body_line >= 1


@READER_SETTINGS
@given(raw_notes)
@example(b"")
@example(b"---")
@example(b"---\n")
@example(b"---\n---")
@example(b"\xef\xbb\xbf---\r\na: 1\r\n---\r\n")
@example(b"---\na: \xff\n---\n")
@example(b"---\n" + b"[" * 5000 + b"\n---\n")
@example(b"---\n" + b"- " * 3000 + b"x\n---\n")
@example(b"---\na: &x [1, *x]\n---\n")
@example(b"---\na: \x00\n---\n")
def test_any_bytes_give_a_note_or_one_line_error(data: bytes) -> None:
    check_reader(data)


@READER_SETTINGS
@given(front_matter_notes())
@example(b"---\ndate: 2026-02-30\n---\n")
@example(b"---\ndate: 2026-13-01\n---\n")
@example(b"---\ndate: 0000-01-01\n---\n")
@example(b"---\ndate: 1\ndate: 2\n---\n")
@example(b"---\n<<<<<<< HEAD\ndate: 1\n=======\ndate: 2\n>>>>>>> b\n---\n")
@example(b"---\na: &a [1]\nb: *a\n---\n")
@example(b"---\n? [a, b]\n: c\n---\n")
@example(b"---\n\tkey: value\n---\n")
@example(b"---\r\nkey: value\r\n---\r\n")
@example(b"---\rkey: value\r---\r")
@example(b"\xef\xbb\xbf---\nkey: \xef\xbb\xbfvalue\n---\n")
@example(b"---\nkey: !!python/object:os.system x\n---\n")
@example(b"---\n" + b"{a: " * 2000 + b"x" + b"}" * 2000 + b"\n---\n")
def test_yamlish_front_matter_gives_a_note_or_one_line_error(data: bytes) -> None:
    check_reader(data)


@READER_SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["id", "due", "status", "title", "owner", "goal", "done", "x"]),
            st.sampled_from(
                [
                    "t9hc",
                    "2026-02-30",
                    "2026-13-01",
                    "2026-02-10",
                    "[1]",
                    "{a: b}",
                    "*a",
                    "&a x",
                    "open",
                    "",
                    "'",
                    "\t",
                ]
            ),
        ),
        max_size=8,
    ),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["", "  ", "\t", "    "]),
)
def test_action_lists_give_a_note_or_one_line_error(
    items: list[tuple[str, str]], newline: str, indent: str
) -> None:
    lines = ["---", "session: 2", "date: 2026-01-29", "actions:"]
    for number, (key, value) in enumerate(items):
        lead = "  - " if number % 2 == 0 else indent + "  "
        lines.append(f"{lead}{key}: {value}")
    lines += ["---", "# Session 2"]
    check_reader(newline.join(lines).encode("utf-8"))


@pytest.mark.parametrize(
    "data",
    [
        b"---\na: !!int x\n---\n",
        b"---\na: !!float x\n---\n",
        b"---\na: " + b"1" * 5000 + b"\n---\n",
    ],
    ids=["int-tag", "float-tag", "5000-digits"],
)
def test_found_value_error_is_a_note_error(data: bytes) -> None:
    check_reader(data)
