"""action-invalid-status (CK209): an action item's status is not open, done or dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "action-invalid-status",
        {S: edit(SESSION, "status: open", "status: finished")},
        [
            (
                S,
                9,
                5,
                "action-invalid-status",
                "error",
                "status must be open, done or dropped, not 'finished'",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "action-invalid-status (missing means open)",
        "action-invalid-status",
        {S: edit(SESSION, "    status: open\n", "")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
