"""The rule set as a whole: every rule registered, documented, tested firing and quiet.

Each rule's own cases live in tests/lint/rules/test_<rule>.py.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

import coachkit.lint.rules
from coachkit.lint.finding import SEVERITIES
from coachkit.lint.rules import RULE_MODULES, all_rules
from tests.helpers import run
from tests.lint.rules.common import (
    Fires,
    Quiet,
    S,
    findings_of,
    lint,
    rows,
    with_item,
)

RULES_PACKAGE = Path(coachkit.lint.rules.__file__).parent
RULE_TESTS = Path(__file__).parent / "rules"


def test_the_good_engagement_is_clean(tmp_path: Path) -> None:
    assert lint(tmp_path, {}) == []


def test_done_and_dropped_items_are_history(tmp_path: Path) -> None:
    done = "  - id: m8pq\n    title: Read a book\n    status: done\n    done: 2026-01-30\n"
    dropped = "  - id: n9rs\n    title: Shadow a lead\n    status: dropped\n    due: 2026-01-02\n"
    assert lint(tmp_path, {S: with_item(done + dropped)}) == []


def test_every_rule_is_shown_firing_and_quiet() -> None:
    names = {rule.name for rule in all_rules()}
    firing: list[Fires] = []
    quiet: list[Quiet] = []
    for name in RULE_MODULES:
        module = importlib.import_module(f"tests.lint.rules.test_{name}")
        firing += module.FIRING
        quiet += module.QUIET
    assert {row[3] for case in firing for row in case.expected} == names
    assert {case.rule for case in quiet} == names


def test_every_rule_module_is_registered_and_has_its_test_module() -> None:
    modules = {path.stem for path in RULES_PACKAGE.glob("*.py") if path.stem != "__init__"}
    assert set(RULE_MODULES) == modules
    assert len(RULE_MODULES) == len(modules)
    tests = {path.stem.removeprefix("test_") for path in RULE_TESTS.glob("test_*.py")}
    assert tests == modules


def test_the_shipped_sample_engagement_is_clean_but_for_its_overdue_item(sample: Path) -> None:
    # t9hc was due 2026-02-10 and is still open on 2026-02-12: the sample shows `overdue` at work.
    assert rows(findings_of(sample), sample) == [
        (
            "sessions/02-2026-01-29.md",
            9,
            5,
            "action-overdue",
            "warning",
            "action t9hc was due 2026-02-10: 2 days overdue",
        )
    ]


def test_every_rule_is_documented_named_and_numbered() -> None:
    rules = all_rules()
    assert len(rules) == len(RULE_MODULES)
    assert len({rule.code for rule in rules}) == len(rules)
    assert len({rule.name for rule in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"CK[1-9][0-9]{2}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)+", rule.name), rule.name
        assert rule.severity in SEVERITIES, rule.name
        lines = rule.doc.strip().splitlines()
        assert len(lines) >= 3 and lines[1] == "" and lines[0] == rule.summary, rule.name
        assert rule.summary.endswith("."), rule.name
        assert len(rule.summary) <= 100, rule.name
    for name in RULE_MODULES:
        module = importlib.import_module(f"coachkit.lint.rules.{name}")
        assert module.NAME.replace("-", "_") == name
        assert name == "unused_suppression" or callable(module.check)


def test_the_rules_the_issue_asks_for_exist_with_their_severities() -> None:
    wanted = {
        "yaml-invalid": "error",
        "duplicate-key": "error",
        "invalid-date": "error",
        "front-matter-missing": "error",
        "unknown-key": "warning",
        "action-missing-due": "error",
        "action-missing-owner": "error",
        "action-missing-accountability": "error",
        "action-unknown-goal": "error",
        "action-overdue": "warning",
        "action-done-without-date": "info",
        "duplicate-id": "error",
        "goal-missing-measure": "error",
        "goal-missing-target-date": "error",
        "goal-without-actions": "warning",
        "goal-target-after-engagement-end": "warning",
        "session-missing-next-steps": "warning",
        "engagement-missing-sponsor": "error",
        "agreement-missing-terms": "warning",
        "engagement-gone-quiet": "warning",
        "unused-suppression": "info",
    }
    have = {rule.name: rule.severity for rule in all_rules()}
    assert {name: have.get(name) for name in wanted} == wanted


def test_a_rule_that_crashes_is_a_finding_not_a_crash(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.lint.rules import goal_missing_measure

    def crash(ctx: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(goal_missing_measure, "check", crash)
    result = run("lint", "--no-cache", "--format", "json", cwd=sample)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    found = [f for f in json.loads(result.stdout) if f["rule"] == "goal-missing-measure"]
    assert [(f["path"], f["line"], f["message"]) for f in found] == [
        (
            str(sample / "engagement.md"),
            1,
            "rule goal-missing-measure failed on this engagement "
            "(ZeroDivisionError: division by zero); please report it",
        )
    ]
    assert any(f["rule"] == "action-overdue" for f in json.loads(result.stdout))  # the others ran
