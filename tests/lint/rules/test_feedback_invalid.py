"""feedback-invalid (CK501): a feedback file or one of its responses cannot be read as a round of ratings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import FEEDBACK
from tests.lint.rules.common import F, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "feedback-invalid",
        {F: edit(FEEDBACK, "group: manager", "group: boss")},
        [
            (
                F,
                6,
                17,
                "feedback-invalid",
                "error",
                "group must be one of self, manager, peer, direct-report, other, not 'boss'",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "feedback-invalid (comment, and no group means other)",
        "feedback-invalid",
        {
            F: edit(
                FEEDBACK,
                "rating: 2}",
                "rating: 2, comment: 'Asks first, then decides'}\n"
                "  - {rater: R2, goal: G1, rating: 3}",
            )
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
