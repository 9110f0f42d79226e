"""Errors keep their message, their place and their kind through pickling."""

from __future__ import annotations

import pickle
from pathlib import Path

from coachkit.errors import NoteError, PrivateTextRefused, ProblemKind


def test_a_note_error_says_where_and_what() -> None:
    error = NoteError(Path("goals/G1.md"), 3, 5, "duplicate key 'id'", ProblemKind.DUPLICATE_KEY)
    assert str(error) == "goals/G1.md:3:5: duplicate key 'id'"
    assert (error.line, error.column, error.problem) == (3, 5, "duplicate key 'id'")
    assert error.kind is ProblemKind.DUPLICATE_KEY


def test_a_problem_without_a_kind_is_an_unreadable_file() -> None:
    assert NoteError("a.md", 1, 1, "not valid UTF-8").kind is ProblemKind.UNREADABLE


def test_note_errors_survive_pickling() -> None:
    for error in (
        NoteError(Path("s.md"), 9, 10, "invalid date '2026-02-30'", ProblemKind.INVALID_DATE),
        PrivateTextRefused(Path("s.md"), 4, 1, "a private marker would survive"),
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert str(copy) == str(error)
        assert (copy.path, copy.line, copy.column, copy.problem, copy.kind) == (
            error.path,
            error.line,
            error.column,
            error.problem,
            error.kind,
        )
