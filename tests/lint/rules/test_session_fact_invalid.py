"""session-fact-invalid (CK412): a start, attendance, billing, duration, contact, group size
or ICF listing that a coaching log cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT, SESSION
from tests.lint.rules.common import E, Fires, Quiet, S, check, check_quiet, edit

RULE = "session-fact-invalid"

FIRING = [
    Fires(
        "session-fact-invalid (session)",
        {
            S: edit(
                SESSION,
                "date: 2026-02-05\n",
                "date: 2026-02-05\nstart: '25:00'\nattended: cancelled\nbilling: free\n",
            )
        },
        [
            (S, 4, 1, RULE, "error", "start '25:00' is not a time of day: use 00:00 to 23:59"),
            (
                S,
                5,
                1,
                RULE,
                "error",
                "attended must be held, no-show or late-cancel, not 'cancelled'",
            ),
            (S, 6, 1, RULE, "error", "billing must be paid, pro-bono or reciprocal, not 'free'"),
        ],
    ),
    Fires(
        "session-fact-invalid (engagement)",
        {
            E: edit(
                ENGAGEMENT,
                "phase: coaching\n",
                "phase: coaching\nbilling: barter\ncontact: Jordan Lee\ngroup_size: 16\n"
                "icf_listing: hidden\n",
            )
        },
        [
            (E, 8, 1, RULE, "error", "billing must be paid, pro-bono or reciprocal, not 'barter'"),
            (
                E,
                9,
                1,
                RULE,
                "error",
                "contact must be the client's e-mail address, not 'Jordan Lee'",
            ),
            (E, 10, 1, RULE, "error", "group_size must be 1 to 15 people, not 16"),
            (E, 11, 1, RULE, "error", "icf_listing must be listed or anonymous, not 'hidden'"),
        ],
    ),
]

QUIET = [
    Quiet(
        "session-fact-invalid (every fact well written)",
        RULE,
        {
            S: edit(
                SESSION,
                "date: 2026-02-05\n",
                'date: 2026-02-05\nstart: "9:30"\nduration: 30\nattended: no-show\n'
                "billing: pro-bono\nformat: video\n",
            ),
            E: edit(
                ENGAGEMENT,
                "phase: coaching\n",
                "phase: coaching\nbilling: reciprocal\ncontact: jordan@example.com\n"
                "group_size: 15\nicf_listing: anonymous\n",
            ),
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
