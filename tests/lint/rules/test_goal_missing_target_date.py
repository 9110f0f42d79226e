"""goal-missing-target-date (CK302): an active goal has no target date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import GOAL
from tests.lint.rules.common import Fires, G, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "goal-missing-target-date",
        {G: edit(GOAL, "target_date: 2026-06-30\n", "")},
        [(G, 2, 1, "goal-missing-target-date", "error", "goal G1 has no target_date")],
    ),
]

QUIET = [
    Quiet(
        "goal-missing-target-date (dropped goal)",
        "goal-missing-target-date",
        {
            G: edit(GOAL, "status: active\n", "status: dropped\n").replace(
                "target_date: 2026-06-30\n", ""
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
