"""engagement-phase-mismatch (CK411): the phase is contradicted by the notes, or spelt the old way."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT, SESSION
from tests.lint.rules.common import E, Fires, Quiet, S, check, check_quiet, edit, lint

RULE = "engagement-phase-mismatch"
FOLLOW_UP = "sessions/02-2026-02-10.md"
FOLLOW_UP_NOTE = "---\nsession: 2\nkind: follow-up\ndate: 2026-02-10\n---\n# Follow-up 1\n"


def _phase(phase: str, end: str = "2026-07-10", follow_up: str = "") -> str:
    text = edit(ENGAGEMENT, "phase: coaching", f"phase: {phase}")
    text = edit(text, "end: 2026-07-10\n", f"end: {end}\n" if end else "")
    return text.replace("---\n#", f"follow_up: {follow_up}\n---\n#", 1) if follow_up else text


def _row(message: str) -> tuple[str, int, int, str, str, str]:
    return (E, 7, 1, RULE, "warning", message)


def _row_at(line: int, message: str) -> tuple[str, int, int, str, str, str]:
    return (E, line, 1, RULE, "warning", message)


FIRING = [
    Fires(
        "contracting with a session held",
        {E: _phase("contracting")},
        [
            _row(
                "phase is contracting, but session 1 was held on 2026-02-05: "
                "`coachkit phase coaching` (or assessment, planning)"
            )
        ],
    ),
    Fires(
        "coaching with a follow-up session",
        {E: ENGAGEMENT, FOLLOW_UP: FOLLOW_UP_NOTE},
        [
            _row(
                "phase is coaching, but sessions/02-2026-02-10.md is a follow-up: "
                "follow-ups come after closure"
            )
        ],
    ),
    Fires(
        "coaching past the end",
        {E: _phase("coaching", end="2026-02-01")},
        [
            _row(
                "phase is coaching, but the planned end (2026-02-01) has passed: "
                "`coachkit close`, or move end: if the engagement was extended"
            )
        ],
    ),
    Fires(
        "closure without an end",
        {E: _phase("closure", end="")},
        [
            _row_at(
                6,
                "phase is closure, but engagement.md has no end date: `coachkit close --end DATE`",
            )
        ],
    ),
    Fires(
        "follow-up without a follow-up session",
        {E: _phase("follow-up", end="2026-02-06")},
        [_row("phase is follow-up, but no follow-up session has been held")],
    ),
    Fires(
        "completed with a follow-up still planned",
        {
            E: _phase("completed", end="2026-02-06", follow_up="[2026-02-10, 2026-03-20]"),
            FOLLOW_UP: FOLLOW_UP_NOTE,
        },
        [
            _row(
                "phase is completed, but the follow-up planned for 2026-03-20 has not been "
                "held: hold it, or take it out of follow_up:"
            )
        ],
    ),
    Fires(
        "closed, the old name",
        {E: _phase("closed", end="2026-02-06"), FOLLOW_UP: FOLLOW_UP_NOTE},
        [_row("phase 'closed' is the old name of 'completed': write `phase: completed`")],
    ),
]

QUIET = [
    Quiet("coaching with sessions", RULE, {}),
    Quiet("contracting before any session", RULE, {E: _phase("contracting"), S: None}),
    Quiet(
        "contracting with a session booked ahead",
        RULE,
        {E: _phase("contracting"), S: edit(SESSION, "date: 2026-02-05", "date: 2026-02-19")},
    ),
    Quiet("closure with its end", RULE, {E: _phase("closure", end="2026-02-06")}),
    Quiet(
        "follow-up with a follow-up held",
        RULE,
        {E: _phase("follow-up", end="2026-02-06"), FOLLOW_UP: FOLLOW_UP_NOTE},
    ),
    Quiet(
        "completed with every follow-up held",
        RULE,
        {
            E: _phase("completed", end="2026-02-06", follow_up="[2026-02-10]"),
            FOLLOW_UP: FOLLOW_UP_NOTE,
        },
    ),
    Quiet("completed without follow-ups", RULE, {E: _phase("completed", end="2026-02-06")}),
    Quiet("an unknown phase is another rule's", RULE, {E: _phase("coachng", end="2026-01-01")}),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    # Only this rule's findings: a phase left behind often sets off others too (gone quiet…).
    assert [row for row in lint(tmp_path, case.changes) if row[3] == RULE] == case.expected


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)


def test_the_good_engagement_lints_clean(tmp_path: Path) -> None:
    check(tmp_path, {})
