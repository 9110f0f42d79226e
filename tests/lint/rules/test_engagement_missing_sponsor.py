"""engagement-missing-sponsor (CK404): engagement.md does not name the sponsor."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT
from tests.lint.rules.common import E, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "engagement-missing-sponsor",
        {E: edit(ENGAGEMENT, "sponsor: Sam Ortiz  # CTO\n", "")},
        [
            (
                E,
                2,
                1,
                "engagement-missing-sponsor",
                "error",
                "engagement.md has no sponsor: add a line 'sponsor: NAME'",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "engagement-missing-sponsor (self-funded)",
        "engagement-missing-sponsor",
        {E: edit(ENGAGEMENT, "sponsor: Sam Ortiz", "sponsor: self")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
