"""`coachkit goal add --stakeholders` and `coachkit goal edit` through the CLI, on the sample."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.helpers import commits, committed_files, git, run

G1 = Path("goals/G1-delegate-strategic-decisions.md")


def test_goal_add_takes_stakeholders_comma_separated_or_repeated(sample: Path) -> None:
    result = run(
        "goal", "add", "Listen before deciding", "--stakeholders", "Priya Nair (direct report), Tom",
        "--stakeholders", "Sam Ortiz", "--stakeholders", "Tom", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "stakeholders: [Priya Nair (direct report), Tom, Sam Ortiz]\n" in text
    goals = run("goal", "list", "--json", cwd=sample)
    assert goals.exit_code == 0


def test_goal_edit_changes_only_its_lines_and_commits(sample: Path) -> None:
    note = sample / G1
    before = note.read_text(encoding="utf-8")
    result = run(
        "goal", "edit", "g1", "--target", "4.0", "--baseline", "2.10", "--status", "achieved",
        "--stakeholders", "Priya Nair, Tom Becker", "--stakeholders", "Sam Ortiz",
        "--outcome", "Priya and Tom bring decisions already made", "--target-date", "eom",
        cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{note}\n"
    assert "target date 2026-02-28 (Sat)" in result.stderr
    diff = list(difflib.ndiff(before.splitlines(), note.read_text(encoding="utf-8").splitlines()))
    assert [d[2:] for d in diff if d.startswith("+ ")] == [
        "status: achieved",
        "baseline: '2.10'  # of 5, January 360",
        "target: 4.0",
        "target_date: 2026-02-28",
        "stakeholders: [Priya Nair, Tom Becker, Sam Ortiz]",
        "outcome: Priya and Tom bring decisions already made",
    ]
    assert len([d for d in diff if d.startswith("- ")]) == 5
    assert committed_files(sample) == [str(G1)]
    assert commits(sample)[0].startswith("Edit goal G1 (")


def test_goal_edit_title_keeps_the_file_name(sample: Path) -> None:
    result = run("goal", "edit", "G2", "--title", "Presence in the boardroom", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("goals/G2-executive-presence-with-the-board.md")
    assert commits(sample)[0] == "Edit goal G2 (title): Presence in the boardroom"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("goal", "edit", "G9", "--title", "x"), "no goal 'G9' in this engagement (goals: G1, G2)"),
        (("goal", "edit", "G1"), "nothing to change: give at least one of --title"),
        (("goal", "edit", "G1", "--measure", " "), "--measure must not be empty"),
        (("goal", "edit", "G1", "--status", "finished"), "Invalid value for '--status'"),
    ],
)
def test_goal_edit_bad_input_writes_nothing(
    sample: Path, args: tuple[str, ...], message: str
) -> None:
    head = git(sample, "rev-parse", "HEAD")
    before = (sample / G1).read_bytes()
    result = run(*args, cwd=sample)
    assert result.exit_code == 2
    assert message in result.stderr
    assert (sample / G1).read_bytes() == before
    assert git(sample, "rev-parse", "HEAD") == head


def test_goal_edit_with_the_same_values_changes_nothing(sample: Path) -> None:
    result = run("goal", "edit", "G1", "--target", "3.5", "--competency", "Delegation", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "G1 already has these values; nothing changed" in result.stderr
