"""action-missing-title (CK210): an action item has no title."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "action-missing-title",
        {S: edit(SESSION, "    title: Keep a decision log for a week\n", "")},
        [(S, 5, 5, "action-missing-title", "error", "action k7m2 has no title")],
    ),
]

QUIET = [
    Quiet("action-missing-title", "action-missing-title", {}),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
