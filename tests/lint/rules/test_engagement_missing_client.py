"""engagement-missing-client (CK403): engagement.md does not name the client."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT
from tests.lint.rules.common import E, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "engagement-missing-client",
        {E: edit(ENGAGEMENT, "client: Jordan Lee\n", "")},
        [
            (
                E,
                2,
                1,
                "engagement-missing-client",
                "error",
                "engagement.md has no client: add a line 'client: NAME'",
            )
        ],
    ),
]

QUIET = [
    Quiet("engagement-missing-client", "engagement-missing-client", {}),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
