"""session-missing-date (CK402): a session note has no session number or no date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "session-missing-date",
        {"sessions/notes.md": "---\nformat: video\n---\n# Notes\n"},
        [
            (
                "sessions/notes.md",
                2,
                1,
                "session-missing-date",
                "error",
                "session note needs 'session: N' and 'date: YYYY-MM-DD'",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "session-missing-date (from the file name)",
        "session-missing-date",
        {S: edit(SESSION, "session: 1\ndate: 2026-02-05\n", "")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
