"""duplicate-id (CK207): two action items, or two goals, share one id in the engagement."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT, GOAL
from tests.lint.rules.common import (
    ITEM_K7M2,
    E,
    Fires,
    G,
    Quiet,
    S,
    check,
    check_quiet,
    edit,
    with_item,
)

FIRING = [
    Fires(
        "duplicate-id (action items, case ignored, across notes)",
        {
            E: edit(
                ENGAGEMENT,
                "phase: coaching\n",
                "phase: coaching\nactions:\n  - id: h4rt\n    title: Book the three-way\n    status: done\n"
                "    done: 2026-01-12\n",
            ),
            S: with_item(
                "  - id: H4RT\n" + ITEM_K7M2.replace("due: 2026-02-20", "due: 2026-02-27")
            ),
        },
        [
            (
                S,
                12,
                5,
                "duplicate-id",
                "error",
                "action id 'H4RT' is already used at engagement.md:9; give one of them a new id",
            )
        ],
    ),
    Fires(
        "duplicate-id (goals)",
        {"goals/G1-delegate-again.md": GOAL},
        [
            (
                G,
                2,
                1,
                "duplicate-id",
                "error",
                "goal id 'G1' is already used at goals/G1-delegate-again.md:2; give one of them a new id",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "duplicate-id (an item and a goal may share an id)",
        "duplicate-id",
        {S: with_item("  - id: G1\n" + ITEM_K7M2)},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
