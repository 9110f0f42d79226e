"""front-matter-missing (CK104): a note in goals/, sessions/ or feedback/ (or engagement.md) has no front matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.rules.common import F, Fires, Quiet, check, check_quiet

FIRING = [
    Fires(
        "front-matter-missing",
        {F: "# Baseline 360\n\nNo front matter here.\n"},
        [
            (
                F,
                1,
                1,
                "front-matter-missing",
                "error",
                "no front matter: a note starts with a '---' line, its keys, and '---'",
            )
        ],
    ),
]

QUIET = [
    Quiet("front-matter-missing", "front-matter-missing", {F: "---\n---\n# Nothing to say yet\n"}),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
