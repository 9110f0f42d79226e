"""agreement-missing-terms (CK405): the coaching agreement says nothing about confidentiality, logistics or ending it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT
from tests.lint.rules.common import E, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "agreement-missing-terms (one topic)",
        {
            E: edit(
                ENGAGEMENT,
                "## Confidentiality\nWhat Jordan says stays between Jordan and the coach.\n\n",
                "",
            )
        },
        [
            (
                E,
                2,
                1,
                "agreement-missing-terms",
                "warning",
                "the coaching agreement says nothing about confidentiality; add a '## Confidentiality' section",
            )
        ],
    ),
    Fires(
        "agreement-missing-terms (empty body, private text does not count)",
        {
            E: ENGAGEMENT.split("# Coaching", maxsplit=1)[0]
            + "## Private\nConfidential: schedule ends soon.\n"
        },
        [
            (
                E,
                2,
                1,
                "agreement-missing-terms",
                "warning",
                "the coaching agreement says nothing about confidentiality; add a '## Confidentiality' section",
            ),
            (
                E,
                2,
                1,
                "agreement-missing-terms",
                "warning",
                "the coaching agreement says nothing about logistics; add a '## Logistics' section",
            ),
            (
                E,
                2,
                1,
                "agreement-missing-terms",
                "warning",
                "the coaching agreement says nothing about ending the engagement; "
                "add a '## Ending the engagement' section",
            ),
        ],
    ),
]

QUIET = [
    Quiet(
        "agreement-missing-terms (other words)",
        "agreement-missing-terms",
        {
            E: ENGAGEMENT.split("# Coaching", maxsplit=1)[0]
            + "We reschedule with 48 hours' notice. Nothing is disclosed to Sam.\n"
            + "Either of us may terminate the agreement.\n"
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
