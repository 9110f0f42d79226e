"""engagement-gone-quiet (CK406): an engagement in progress has had no session for more than twice its cadence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT, GOAL, SESSION
from tests.lint.rules.common import ITEM_K7M2, E, Fires, G, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "engagement-gone-quiet",
        {
            S: None,
            "sessions/01-2026-01-08.md": edit(SESSION, "date: 2026-02-05", "date: 2026-01-08"),
        },
        [
            (
                E,
                2,
                1,
                "engagement-gone-quiet",
                "warning",
                "engagement gone quiet: the last session was on 2026-01-08, 35 days ago, "
                "more than twice the cadence (2w)",
            )
        ],
    ),
    Fires(
        "engagement-gone-quiet (no session yet)",
        {
            E: edit(ENGAGEMENT, "start: 2026-01-12", "start: 2026-01-02"),
            S: None,
            G: GOAL.replace("---\n#", "actions:\n  - id: k7m2\n" + ITEM_K7M2 + "---\n#"),
        },
        [
            (
                E,
                2,
                1,
                "engagement-gone-quiet",
                "warning",
                "engagement gone quiet: no session since the start on 2026-01-02, 41 days ago, "
                "more than twice the cadence (2w)",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "engagement-gone-quiet (closure)",
        "engagement-gone-quiet",
        {E: edit(ENGAGEMENT, "phase: coaching", "phase: closure"), S: None},
    ),
    Quiet(
        "engagement-gone-quiet (next session booked)",
        "engagement-gone-quiet",
        {
            "sessions/01-2026-01-08.md": edit(SESSION, "date: 2026-02-05", "date: 2026-01-08"),
            S: None,
            "sessions/02-2026-02-19.md": "---\nsession: 2\ndate: 2026-02-19\n---\n# Session 2\n",
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
