"""goal-without-actions (CK303): an active goal has no action item serving it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import GOAL, SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "goal-without-actions",
        {"goals/G2-board.md": edit(GOAL, "id: G1", "id: G2")},
        [
            (
                "goals/G2-board.md",
                2,
                1,
                "goal-without-actions",
                "warning",
                "goal G2 has no action item: no open or done item names goal: G2",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "goal-without-actions (served by a done item)",
        "goal-without-actions",
        {S: edit(SESSION, "status: open", "status: done\n    done: 2026-02-06")},
    ),
    Quiet(
        "goal-without-actions (dropped goal)",
        "goal-without-actions",
        {"goals/G2-board.md": edit(GOAL, "id: G1\n", "id: G2\n").replace("active", "dropped")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
