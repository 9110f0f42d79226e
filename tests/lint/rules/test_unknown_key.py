"""unknown-key (CK105): a front-matter key that coachkit does not know, often a misspelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT, FEEDBACK, GOAL, SESSION
from tests.lint.rules.common import E, F, Fires, G, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "unknown-key (misspelt owner in an action item)",
        {S: edit(SESSION, "owner: Jordan", "owenr: Jordan")},
        [
            (S, 5, 5, "action-missing-owner", "error", "action k7m2 has no owner"),
            (S, 7, 5, "unknown-key", "warning", "unknown key 'owenr' (did you mean 'owner'?)"),
        ],
    ),
    Fires(
        "unknown-key (per kind of note)",
        {
            E: edit(ENGAGEMENT, "phase: coaching\n", "phase: coaching\nsponser: Sam\n"),
            G: edit(GOAL, "status: active\n", "status: active\nnext_session: 2026-02-19\n"),
            S: edit(SESSION, "date: 2026-02-05\n", "date: 2026-02-05\nmood: tired\n"),
            F: edit(FEEDBACK, "goal: G1, rating: 2}", "goal: G1, ratting: 2}"),
        },
        [
            (E, 8, 1, "unknown-key", "warning", "unknown key 'sponser' (did you mean 'sponsor'?)"),
            (F, 6, 5, "feedback-invalid", "error", "response has no rating (e.g. rating: 2)"),
            (
                F,
                6,
                43,
                "unknown-key",
                "warning",
                "unknown key 'ratting' (did you mean 'rating'?)",
            ),
            (
                G,
                5,
                1,
                "unknown-key",
                "warning",
                "unknown key 'next_session' (coachkit does not read it; known keys: id, title, status, "
                "competency, measure, baseline, target, target_date, stakeholders, items, outcome, "
                "share, actions)",
            ),
            (
                S,
                4,
                1,
                "unknown-key",
                "warning",
                "unknown key 'mood' (coachkit does not read it; known keys: session, date, kind, "
                "start, duration, attended, billing, format, goals, next_session, actions)",
            ),
        ],
    ),
    Fires(
        "unknown-key (actions in a feedback file)",
        {F: FEEDBACK.replace("---\n#", "actions:\n  - id: b3cd\n---\n#")},
        [
            (
                F,
                7,
                1,
                "unknown-key",
                "warning",
                "unknown key 'actions' (action items in a feedback file are not read; "
                "record them in a session note or engagement.md)",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "unknown-key",
        "unknown-key",
        {
            E: edit(
                ENGAGEMENT,
                "phase: coaching\n",
                "phase: coaching\nrole: VP\nhr: Dana\nfollow_up: []\n",
            ),
            S: edit(
                SESSION, "date: 2026-02-05\n", "date: 2026-02-05\nformat: video\ngoals: [G1]\n"
            ),
        },
    ),
    Quiet(
        "unknown-key (the keys coachkit writes: outcome, share, kind, rescheduled, reason)",
        "unknown-key",
        {
            G: edit(
                GOAL, "status: active\n", "status: active\noutcome: Done well\nshare: sponsor\n"
            ),
            S: edit(
                SESSION,
                "    accountability: Reviewed together in session 2\n",
                "    accountability: Reviewed together in session 2\n"
                "    share: coach\n    rescheduled: [2026-02-13]\n    reason: Not needed\n",
            ).replace("date: 2026-02-05\n", "date: 2026-02-05\nkind: follow-up\n"),
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
