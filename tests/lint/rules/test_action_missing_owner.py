"""action-missing-owner (CK202): an open action item has no owner."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit, with_item

FIRING = [
    Fires(
        "action-missing-owner",
        {S: edit(SESSION, "    owner: Jordan\n", "")},
        [(S, 5, 5, "action-missing-owner", "error", "action k7m2 has no owner")],
    ),
    Fires(
        "action-missing-owner (empty)",
        {S: edit(SESSION, "owner: Jordan", "owner:")},
        [(S, 5, 5, "action-missing-owner", "error", "action k7m2 has no owner")],
    ),
]

QUIET = [
    Quiet(
        "action-missing-owner (dropped item)",
        "action-missing-owner",
        {S: with_item("  - id: m8pq\n    title: Read a book\n    status: dropped\n")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
