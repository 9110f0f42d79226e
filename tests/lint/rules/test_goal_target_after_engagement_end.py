"""goal-target-after-engagement-end (CK304): an active goal's target date falls after the engagement's planned end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import GOAL
from tests.lint.rules.common import Fires, G, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "goal-target-after-engagement-end",
        {G: edit(GOAL, "target_date: 2026-06-30", "target_date: 2026-08-01")},
        [
            (
                G,
                6,
                1,
                "goal-target-after-engagement-end",
                "warning",
                "goal G1 targets 2026-08-01, after the engagement ends on 2026-07-10",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "goal-target-after-engagement-end (on the last day)",
        "goal-target-after-engagement-end",
        {G: edit(GOAL, "target_date: 2026-06-30", "target_date: 2026-07-10")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
