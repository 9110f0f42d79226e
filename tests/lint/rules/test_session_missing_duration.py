"""session-missing-duration (CK413): a session held before today without its minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

RULE = "session-missing-duration"
MESSAGE = (
    "session 1 (2026-02-05) was held but has no duration: add the minutes coached "
    "(duration: 60), or attended: no-show"
)

FIRING = [
    Fires(
        "session-missing-duration (no key)",
        {S: edit(SESSION, "duration: 60\n", "")},
        [(S, 2, 1, RULE, "warning", MESSAGE)],
    ),
    Fires(
        "session-missing-duration (empty, held said out loud)",
        {S: edit(SESSION, "duration: 60\n", "duration:\nattended: held\n")},
        [(S, 12, 1, RULE, "warning", MESSAGE)],
    ),
]

QUIET = [
    Quiet(
        "session-missing-duration (a no-show)",
        RULE,
        {S: edit(SESSION, "duration: 60\n", "attended: no-show\n")},
    ),
    Quiet(
        "session-missing-duration (a late cancellation)",
        RULE,
        {S: edit(SESSION, "duration: 60\n", "attended: late-cancel\n")},
    ),
    Quiet(
        "session-missing-duration (dated today: the note may come first)",
        RULE,
        {S: edit(SESSION, "duration: 60\n", "").replace("date: 2026-02-05", "date: 2026-02-12")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
