"""Lint configuration in .coachkit.yaml: what is ignored, which severity wins, which file wins."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachkit.engagement.practice import load_all
from coachkit.errors import CoachkitError
from coachkit.lint.runner import Selection, lint_engagements
from tests.fixtures import GOAL, SESSION
from tests.helpers import build_file_tree
from tests.lint.rules.common import Changes, S, edit, engagement_at, findings_of


def test_coachkit_yaml_ignores_and_sets_severity_closest_file_wins(tmp_path: Path) -> None:
    changes: Changes = {
        S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-10"),
        "goals/G2-board.md": edit(GOAL, "id: G1", "id: G2"),
    }
    practice = tmp_path / "practice"
    build_file_tree(practice, {".coachkit.yaml": "lint:\n  ignore: [goal-without-actions]\n"})
    own = engagement_at(practice / "own", dict(changes))
    build_file_tree(
        own,
        {
            ".coachkit.yaml": "lint: {ignore: [action-overdue], severity: {goal-without-actions: error}}\n"
        },
    )
    inherits = engagement_at(practice / "inherits", dict(changes))
    unconfigured = engagement_at(tmp_path / "alone", dict(changes))
    findings = findings_of(own, inherits, unconfigured)
    assert [(f.path.relative_to(tmp_path).as_posix(), f.rule, f.severity) for f in findings] == [
        ("alone/goals/G2-board.md", "goal-without-actions", "warning"),
        ("alone/sessions/01-2026-02-05.md", "action-overdue", "warning"),
        ("practice/inherits/sessions/01-2026-02-05.md", "action-overdue", "warning"),
        ("practice/own/goals/G2-board.md", "goal-without-actions", "error"),
    ]


def test_config_is_found_above_a_relative_engagement_path(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (sample.parent / ".coachkit.yaml").write_text(
        "lint:\n  ignore: [action-overdue]\n", encoding="utf-8"
    )
    monkeypatch.chdir(sample)
    engagements, _ = load_all([Path(".")])
    assert lint_engagements(engagements, dt.date(2026, 2, 12)).findings == []


def test_the_most_specific_severity_wins(sample: Path) -> None:
    (sample / ".coachkit.yaml").write_text(
        "lint:\n  severity: {CK2: info, action-overdue: error}\n", encoding="utf-8"
    )
    engagements, _ = load_all([sample])
    findings = lint_engagements(engagements, dt.date(2026, 2, 12)).findings
    assert [(f.rule, f.severity) for f in findings] == [("action-overdue", "error")]


def test_a_lone_letter_is_not_a_code_prefix(sample: Path) -> None:
    engagements, _ = load_all([sample])
    with pytest.raises(CoachkitError, match="unknown rule 'c'"):
        lint_engagements(engagements, dt.date(2026, 2, 12), Selection(ignore=("c",)))
