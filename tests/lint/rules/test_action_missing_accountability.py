"""action-missing-accountability (CK203): an open action item says nobody checks that it happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit, with_item

FIRING = [
    Fires(
        "action-missing-accountability",
        {S: edit(SESSION, "    accountability: Reviewed together in session 2\n", "")},
        [
            (
                S,
                5,
                5,
                "action-missing-accountability",
                "error",
                "action k7m2 has no accountability: who or what checks it happened?",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "action-missing-accountability (done item)",
        "action-missing-accountability",
        {S: with_item("  - id: m8pq\n    title: Read\n    status: done\n    done: 2026-02-06\n")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
