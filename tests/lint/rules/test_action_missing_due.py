"""action-missing-due (CK201): an open action item has no due date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit, with_item

FIRING = [
    Fires(
        "action-missing-due",
        {S: edit(SESSION, "    due: 2026-02-20\n", "")},
        [(S, 5, 5, "action-missing-due", "error", "action k7m2 has no due date")],
    ),
]

QUIET = [
    Quiet(
        "action-missing-due (done item)",
        "action-missing-due",
        {S: with_item("  - id: m8pq\n    title: Read\n    status: done\n    done: 2026-02-06\n")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
