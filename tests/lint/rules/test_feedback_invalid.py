"""feedback-invalid (CK501): a feedback file or one of its responses cannot be read as a round of ratings."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import FEEDBACK, GOAL
from tests.lint.rules.common import F, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "feedback-invalid",
        {F: edit(FEEDBACK, "group: manager", "group: boss")},
        [
            (
                F,
                6,
                17,
                "feedback-invalid",
                "error",
                "group must be one of self, manager, peer, direct-report, other, not 'boss'",
            )
        ],
    ),
    Fires(
        "feedback-invalid (a goal and an item in one response)",
        {F: edit(FEEDBACK, "goal: G1,", "goal: G1, item: Listens,")},
        [
            (
                F,
                6,
                43,
                "feedback-invalid",
                "error",
                "a response rates a goal or an item, not both; "
                "list the item under the goal's items: instead",
            )
        ],
    ),
    Fires(
        "feedback-invalid (themes of an unknown group)",
        {F: FEEDBACK.replace("---\n#", "themes:\n  boss: {needs: [Decides late]}\n---\n#")},
        [
            (
                F,
                8,
                3,
                "feedback-invalid",
                "error",
                "themes: group must be one of self, manager, peer, direct-report, other, not 'boss'",
            )
        ],
    ),
    Fires(
        "feedback-invalid (an item two goals name)",
        {
            "goals/G1-delegate.md": GOAL.replace(
                "status: active\n", "status: active\nitems: [Listens]\n"
            ),
            "goals/G2-board.md": edit(GOAL, "id: G1", "id: G2").replace(
                "status: active\n", "status: active\nitems: [listens]\n"
            ),
        },
        [
            (
                "goals/G2-board.md",
                2,
                1,
                "goal-without-actions",
                "warning",
                "goal G2 has no action item: no open or done item names goal: G2",
            ),
            (
                "goals/G2-board.md",
                5,
                1,
                "feedback-invalid",
                "error",
                "item 'listens' already measures G1; an item measures one goal",
            ),
        ],
    ),
]

QUIET = [
    Quiet(
        "feedback-invalid (comment, and no group means other)",
        "feedback-invalid",
        {
            F: edit(
                FEEDBACK,
                "rating: 2}",
                "rating: 2, comment: 'Asks first, then decides'}\n"
                "  - {rater: R2, goal: G1, rating: 3}",
            )
        },
    ),
    Quiet(
        "feedback-invalid (an interview: themes, no responses, no scale)",
        "feedback-invalid",
        {
            "feedback/2026-01-10-interview.md": "---\nkind: interview\ndate: 2026-01-10\n"
            "themes:\n  peer:\n    strengths: [Calm under pressure]\n"
            "    hidden_strengths: [Explains the why]\n    needs: [Shares plans late]\n---\n"
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
