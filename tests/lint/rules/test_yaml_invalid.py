"""yaml-invalid (CK101): the front matter is not valid YAML, not UTF-8, never closed, or not a mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import FEEDBACK
from tests.lint.rules.common import F, Fires, Quiet, check, check_quiet, edit

FIRING = [
    Fires(
        "yaml-invalid",
        {F: edit(FEEDBACK, "kind: baseline", "kind: baseline: 360")},
        [
            (
                F,
                2,
                15,
                "yaml-invalid",
                "error",
                "invalid YAML: mapping values are not allowed in this context",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "yaml-invalid",
        "yaml-invalid",
        {F: edit(FEEDBACK, "kind: baseline", "kind: 'baseline: 360'")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
