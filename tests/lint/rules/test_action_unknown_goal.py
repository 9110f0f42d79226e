"""action-unknown-goal (CK204): an action item's `goal:` names no goal of the engagement."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, G, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "action-unknown-goal",
        {S: edit(SESSION, "goal: G1", "goal: G3")},
        [
            (
                G,
                2,
                1,
                "goal-without-actions",
                "warning",
                "goal G1 has no action item: no open or done item names goal: G1",
            ),
            (
                S,
                10,
                5,
                "action-unknown-goal",
                "error",
                "action k7m2 serves goal 'G3', which is not a goal of this engagement (goals: G1)",
            ),
        ],
    ),
]

QUIET = [
    Quiet(
        "action-unknown-goal (case ignored)",
        "action-unknown-goal",
        {S: edit(SESSION, "goal: G1", "goal: g1")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
