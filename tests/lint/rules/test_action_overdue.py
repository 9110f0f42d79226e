"""action-overdue (CK205): an open action item is past its due date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "action-overdue",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-10")},
        [(S, 5, 5, "action-overdue", "warning", "action k7m2 was due 2026-02-10: 2 days overdue")],
    ),
    Fires(
        "action-overdue (one day)",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-11")},
        [(S, 5, 5, "action-overdue", "warning", "action k7m2 was due 2026-02-11: 1 day overdue")],
    ),
]

QUIET = [
    Quiet(
        "action-overdue (due today)",
        "action-overdue",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-12")},
    ),
    Quiet(
        "action-overdue (done late)",
        "action-overdue",
        {
            S: edit(
                SESSION,
                "due: 2026-02-20\n    status: open",
                "due: 2026-02-01\n    status: done\n    done: 2026-02-06",
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
