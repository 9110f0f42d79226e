"""invalid-date (CK103): a date that does not exist, or a value that should be a date and is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import FEEDBACK, SESSION
from tests.lint.rules.common import F, Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "invalid-date (impossible date)",
        {F: edit(FEEDBACK, "date: 2026-01-08", "date: 2026-02-30")},
        [
            (
                F,
                3,
                7,
                "invalid-date",
                "error",
                "invalid date '2026-02-30': February 2026 has 28 days",
            )
        ],
    ),
    Fires(
        "invalid-date (not a date)",
        {S: edit(SESSION, "due: 2026-02-20", "due: friday")},
        [(S, 8, 5, "invalid-date", "error", "due must be a date written YYYY-MM-DD, not 'friday'")],
    ),
]

QUIET = [
    Quiet(
        "invalid-date", "invalid-date", {F: edit(FEEDBACK, "date: 2026-01-08", "date: 2024-02-29")}
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
