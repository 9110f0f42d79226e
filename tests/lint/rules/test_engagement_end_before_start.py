"""engagement-end-before-start (CK408): engagement.md's planned end is before its start."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT
from tests.lint.rules.common import E, Fires, G, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "engagement-end-before-start",
        {E: edit(ENGAGEMENT, "end: 2026-07-10", "end: 2026-01-10")},
        [
            (
                E,
                5,
                1,
                "engagement-end-before-start",
                "error",
                "the engagement ends (2026-01-10) before it starts (2026-01-12)",
            ),
            (
                E,
                7,
                1,
                "engagement-phase-mismatch",
                "warning",
                "phase is coaching, but the planned end (2026-01-10) has passed: "
                "`coachkit close`, or move end: if the engagement was extended",
            ),
            (
                G,
                6,
                1,
                "goal-target-after-engagement-end",
                "warning",
                "goal G1 targets 2026-06-30, after the engagement ends on 2026-01-10",
            ),
        ],
    ),
]

QUIET = [
    Quiet(
        "engagement-end-before-start (same day)",
        "engagement-end-before-start",
        {E: edit(ENGAGEMENT, "start: 2026-01-12", "start: 2026-07-10")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
