"""duplicate-key (CK102): a mapping in the front matter has the same key twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import FEEDBACK
from tests.lint.rules.common import F, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "duplicate-key",
        {F: edit(FEEDBACK, "scale: [1, 5]\n", "scale: [1, 5]\ndate: 2026-01-09\n")},
        [
            (
                F,
                5,
                1,
                "duplicate-key",
                "error",
                "duplicate key 'date' (first on line 3); keep one of them",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "duplicate-key",
        "duplicate-key",
        {F: edit(FEEDBACK, "rating: 2}", "rating: 2}\n  - {rater: R1, goal: G1, rating: 3}")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
