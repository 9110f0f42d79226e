"""action-done-without-date (CK206): a done action item does not say when it was done."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "action-done-without-date",
        {S: edit(SESSION, "status: open", "status: done")},
        [
            (
                S,
                5,
                5,
                "action-done-without-date",
                "info",
                "action k7m2 is done but has no done: date",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "action-done-without-date",
        "action-done-without-date",
        {S: edit(SESSION, "status: open", "status: done\n    done: 2026-02-06")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
