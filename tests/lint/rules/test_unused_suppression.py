"""unused-suppression (CK901): a `# coachkit: ignore[rule]` comment suppresses nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachkit.engagement.practice import load_all
from coachkit.lint.runner import lint_engagements
from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit, lint

FIRING = [
    Fires(
        "unused-suppression",
        {
            S: edit(
                SESSION,
                "    owner: Jordan\n",
                "    owner: Jordan  # coachkit: ignore[action-missing-owner]\n",
            )
        },
        [
            (
                S,
                7,
                20,
                "unused-suppression",
                "info",
                "suppression of action-missing-owner matches no finding; remove it",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "unused-suppression (used)",
        "unused-suppression",
        {
            S: edit(SESSION, "    owner: Jordan\n", "").replace(
                "  - id: k7m2\n", "  - id: k7m2  # coachkit: ignore[action-missing-owner]\n"
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


@pytest.mark.parametrize(
    "comment_on",
    [pytest.param("item", id="on the item's line"), pytest.param("above", id="on the line above")],
)
def test_inline_suppression_hides_the_finding(tmp_path: Path, comment_on: str) -> None:
    session = edit(SESSION, "    owner: Jordan\n", "")
    mark = "# coachkit: ignore[action-missing-owner]"
    if comment_on == "item":
        session = edit(session, "  - id: k7m2\n", f"  - id: k7m2  {mark}\n")
    else:
        session = edit(session, "  - id: k7m2\n", f"  {mark}\n  - id: k7m2\n")
    assert lint(tmp_path, {S: session}) == []


def test_a_suppression_two_lines_above_does_not_reach(tmp_path: Path) -> None:
    session = edit(SESSION, "    owner: Jordan\n", "")
    session = edit(session, "actions:\n", "# coachkit: ignore[action-missing-owner]\n\nactions:\n")
    assert lint(tmp_path, {S: session}) == [
        (
            S,
            4,
            1,
            "unused-suppression",
            "info",
            "suppression of action-missing-owner matches no finding; remove it",
        ),
        (S, 7, 5, "action-missing-owner", "error", "action k7m2 has no owner"),
    ]


def test_a_suppression_of_an_unknown_rule_is_reported(tmp_path: Path) -> None:
    session = edit(
        SESSION, "  - id: k7m2\n", "  - id: k7m2  # coachkit: ignore[action-missing-ownr]\n"
    )
    assert lint(tmp_path, {S: session}) == [
        (
            S,
            5,
            15,
            "unused-suppression",
            "info",
            "suppression names unknown rule 'action-missing-ownr'; `coachkit lint --list-rules` lists them",
        )
    ]


def test_a_suppression_of_a_rule_the_config_turns_off_is_not_unused(sample: Path) -> None:
    (sample / ".coachkit.yaml").write_text("lint:\n  ignore: [action-overdue]\n", encoding="utf-8")
    note = sample / "sessions" / "02-2026-01-29.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(
        text.replace("  - id: t9hc\n", "  - id: t9hc  # coachkit: ignore[action-overdue]\n"),
        "utf-8",
    )
    engagements, _ = load_all([sample])
    assert lint_engagements(engagements, dt.date(2026, 2, 12)).findings == []
