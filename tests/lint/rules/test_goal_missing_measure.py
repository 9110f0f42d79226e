"""goal-missing-measure (CK301): an active goal has no measure: nobody could tell whether it was reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import GOAL
from tests.lint.rules.common import Fires, G, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "goal-missing-measure (no key)",
        {G: edit(GOAL, "measure: Direct reports rate delegation on the 360\n", "")},
        [
            (
                G,
                2,
                1,
                "goal-missing-measure",
                "error",
                "goal G1 has no measure: how will others see progress?",
            )
        ],
    ),
    Fires(
        "goal-missing-measure (empty)",
        {G: edit(GOAL, "measure: Direct reports rate delegation on the 360", "measure:")},
        [
            (
                G,
                5,
                1,
                "goal-missing-measure",
                "error",
                "goal G1 has no measure: how will others see progress?",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "goal-missing-measure (achieved goal is history)",
        "goal-missing-measure",
        {
            G: edit(
                GOAL,
                "status: active\nmeasure: Direct reports rate delegation on the 360\n",
                "status: achieved\n",
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
