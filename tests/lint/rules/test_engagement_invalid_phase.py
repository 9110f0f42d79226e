"""engagement-invalid-phase (CK407): engagement.md's phase is not one coachkit knows."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT
from tests.lint.rules.common import E, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "engagement-invalid-phase",
        {E: edit(ENGAGEMENT, "phase: coaching", "phase: coachng")},
        [
            (
                E,
                7,
                1,
                "engagement-invalid-phase",
                "error",
                "phase 'coachng' is not one of contracting, assessment, planning, coaching, closure, "
                "follow-up, completed (did you mean 'coaching'?)",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "engagement-invalid-phase (no phase)",
        "engagement-invalid-phase",
        {E: edit(ENGAGEMENT, "phase: coaching\n", "")},
    ),
    Quiet(
        "engagement-invalid-phase (closed, the old name of completed)",
        "engagement-invalid-phase",
        {E: edit(ENGAGEMENT, "phase: coaching", "phase: closed")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
