"""goal-invalid-status (CK305): a goal's status is not one coachkit knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import GOAL
from tests.lint.rules.common import Fires, G, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "goal-invalid-status",
        {G: edit(GOAL, "status: active", "status: actve")},
        [
            (
                G,
                4,
                1,
                "goal-invalid-status",
                "error",
                "goal G1 has status 'actve'; use one of active, achieved, partially-achieved, "
                "not-achieved, dropped (did you mean 'active'?)",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "goal-invalid-status",
        "goal-invalid-status",
        {G: edit(GOAL, "status: active", "status: partially-achieved")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
