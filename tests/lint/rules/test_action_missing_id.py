"""action-missing-id (CK208): an action item has no id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "action-missing-id",
        {S: edit(SESSION, "  - id: k7m2\n    title", "  - title")},
        [(S, 5, 5, "action-missing-id", "error", "action item has no id")],
    ),
]

QUIET = [
    Quiet("action-missing-id", "action-missing-id", {}),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
