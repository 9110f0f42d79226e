"""feedback-rating-out-of-scale (CK502): a feedback rating lies outside the round's scale."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import FEEDBACK
from tests.lint.rules.common import F, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "feedback-rating-out-of-scale",
        {F: edit(FEEDBACK, "rating: 2}", "rating: 6}")},
        [
            (
                F,
                6,
                43,
                "feedback-rating-out-of-scale",
                "error",
                "rating 6 is outside the scale [1, 5]",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "feedback-rating-out-of-scale (the top of the scale)",
        "feedback-rating-out-of-scale",
        {F: edit(FEEDBACK, "rating: 2}", "rating: 5}")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
