"""feedback-unknown-goal (CK503): a feedback response rates a goal that the engagement does not have."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import FEEDBACK, GOAL
from tests.lint.rules.common import F, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "feedback-unknown-goal",
        {F: edit(FEEDBACK, "goal: G1,", "goal: G3,")},
        [
            (
                F,
                6,
                33,
                "feedback-unknown-goal",
                "error",
                "response names goal 'G3', which does not exist (goals: G1)",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "feedback-unknown-goal",
        "feedback-unknown-goal",
        {
            F: edit(
                FEEDBACK,
                "rating: 2}",
                "rating: 2}\n  - {rater: R1, group: manager, goal: G2, rating: 3}",
            ),
            "goals/G2-board.md": edit(GOAL, "id: G1", "id: G2"),
        },
    ),
    Quiet(
        "feedback-unknown-goal (an item no goal names is fine)",
        "feedback-unknown-goal",
        {F: edit(FEEDBACK, "goal: G1,", "item: 'Delegates decisions with clear authority',")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
