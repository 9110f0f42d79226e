"""duplicate-session-number (CK409): two session notes have the same session number."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "duplicate-session-number",
        {
            "sessions/01-2026-02-06.md": edit(
                SESSION, "date: 2026-02-05", "date: 2026-02-06"
            ).replace("k7m2", "m8pq")
        },
        [
            (
                "sessions/01-2026-02-06.md",
                2,
                1,
                "duplicate-session-number",
                "warning",
                "session number 1 is also used by sessions/01-2026-02-05.md",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "duplicate-session-number",
        "duplicate-session-number",
        {"sessions/02-2026-02-12.md": "---\nsession: 2\ndate: 2026-02-12\n---\n# Session 2\n"},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
