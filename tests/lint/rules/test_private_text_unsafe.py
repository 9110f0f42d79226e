"""private-text-unsafe (CK410): private text that no report or carried-over note could leave out safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "private-text-unsafe",
        {
            S: edit(
                SESSION,
                "Bring the decision log to session 2.\n",
                "Bring the decision log to session 2.\n\n```\nsketch\n## Private\nTired.\n",
            )
        },
        [
            (
                S,
                21,
                1,
                "private-text-unsafe",
                "error",
                "a line that reads as a 'Private' heading (in a code block or raw HTML, or "
                "under an unclosed code fence) would be disclosed; close the fence before it "
                "or mark the text with <!-- private --> … <!-- /private -->",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "private-text-unsafe (a Private heading after a closed fence)",
        "private-text-unsafe",
        {
            S: edit(
                SESSION,
                "Bring the decision log to session 2.\n",
                "Bring the decision log to session 2.\n\n```\nsketch\n```\n## Private\nTired.\n",
            )
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
