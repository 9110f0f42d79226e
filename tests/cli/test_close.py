"""`coachkit close` through the CLI, against the sample in a real repository."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, commits, committed_files, git, run

ENGAGEMENT = Path("engagement.md")
G1 = Path("goals/G1-delegate-strategic-decisions.md")
G2 = Path("goals/G2-executive-presence-with-the-board.md")


def _diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and lines added, as a line diff sees them."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def _texts(root: Path, *paths: Path) -> dict[Path, str]:
    return {path: (root / path).read_text(encoding="utf-8") for path in paths}


def test_close_edits_only_the_intended_lines_and_commits_those_files(sample: Path) -> None:
    before = _texts(sample, ENGAGEMENT, G1, G2)
    result = run(
        "close", "--end", "2026-07-09",
        "--goal", "G1=achieved", "--outcome", "G1=Priya and Tom bring decisions already made",
        "--goal", "g2=partially-achieved", "--outcome", "G2=Board updates open with three headlines: Sam says 'clearer'",
        cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(sample / p) for p in (ENGAGEMENT, G1, G2)]
    after = _texts(sample, ENGAGEMENT, G1, G2)
    assert _diff_lines(before[ENGAGEMENT], after[ENGAGEMENT]) == (
        ["end: 2026-07-10", "phase: coaching", "follow_up: []"],
        ["end: 2026-07-09", "phase: closure", "follow_up: [2026-08-20, 2026-10-01]"],
    )
    assert _diff_lines(before[G1], after[G1]) == (
        ["status: active"],
        ["status: achieved", "outcome: Priya and Tom bring decisions already made"],
    )
    assert _diff_lines(before[G2], after[G2]) == (
        ["status: active"],
        [
            "status: partially-achieved",
            "outcome: 'Board updates open with three headlines: Sam says ''clearer'''",
        ],
    )
    # Everything else, comments and bodies included, is byte for byte the same.
    assert after[ENGAGEMENT].split("---\n", 2)[2] == before[ENGAGEMENT].split("---\n", 2)[2]
    assert "sponsor: Sam Ortiz  # CTO, Jordan's line manager\n" in after[ENGAGEMENT]
    assert commits(sample)[0] == "Close the engagement with Jordan Lee"
    assert sorted(committed_files(sample)) == sorted(str(p) for p in (ENGAGEMENT, G1, G2))
    assert git(sample, "status", "--porcelain") == ""
    assert "end 2026-07-09 (Thu)" in result.stderr
    assert "follow-up 2026-08-20 (Thu)" in result.stderr
    assert "still open" not in result.stderr


def test_goals_without_a_status_keep_theirs_and_are_listed_as_open(sample: Path) -> None:
    before = (sample / G2).read_bytes()
    result = run("close", "--goal", "G1=achieved", cwd=sample)
    assert result.exit_code == 0, result.output
    assert (sample / G2).read_bytes() == before
    assert (
        "still open: G2 Executive presence with the board; close it with --goal G2=STATUS "
        "(achieved, partially-achieved, not-achieved, dropped)"
    ) in result.stderr.splitlines()
    assert sorted(committed_files(sample)) == sorted([str(ENGAGEMENT), str(G1)])
    # --end defaults to today (COACHKIT_TODAY in the tests).
    assert "end: 2026-02-12\n" in (sample / ENGAGEMENT).read_text(encoding="utf-8")


def test_follow_up_dates_given_replace_the_list_and_existing_ones_are_kept(sample: Path) -> None:
    result = run(
        "close", "--follow-up", "2026-12-10", "--follow-up", "2026-09-10", "--no-commit",
        cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (sample / ENGAGEMENT).read_text(encoding="utf-8")
    assert "follow_up: [2026-09-10, 2026-12-10]\n" in text
    again = run("close", "--end", "2026-07-10", "--no-commit", cwd=sample)
    assert again.exit_code == 0, again.output
    assert "follow-up dates kept: 2026-09-10, 2026-12-10" in again.stderr
    assert "follow_up: [2026-09-10, 2026-12-10]\n" in (sample / ENGAGEMENT).read_text(
        encoding="utf-8"
    )


def test_a_block_list_of_follow_ups_keeps_its_style(sample: Path) -> None:
    path = sample / ENGAGEMENT
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("follow_up: []\n", "follow_up:\n  - 2026-08-01  # first check-in\n"),
        encoding="utf-8",
    )
    git(sample, "commit", "-qam", "follow-up by hand")
    result = run("close", "--follow-up", "2026-09-10", "--follow-up", "2026-12-10", cwd=sample)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert "follow_up:\n  - 2026-09-10\n  - 2026-12-10\n---\n" in after


def test_close_commits_only_its_files_and_leaves_other_changes_alone(sample: Path) -> None:
    session = sample / "sessions" / "02-2026-01-29.md"
    session.write_text(session.read_text(encoding="utf-8") + "\nmore notes\n", encoding="utf-8")
    result = run("close", "--goal", "G1=dropped", cwd=sample)
    assert result.exit_code == 0, result.output
    assert sorted(committed_files(sample)) == sorted([str(ENGAGEMENT), str(G1)])
    assert git(sample, "status", "--porcelain") == " M sessions/02-2026-01-29.md\n"


def test_no_commit_writes_but_does_not_commit(sample: Path) -> None:
    head = commits(sample)[0]
    result = run("close", "--goal", "G1=achieved", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    assert commits(sample)[0] == head
    assert "not committed (--no-commit)" in result.stderr
    assert "phase: closure" in (sample / ENGAGEMENT).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--goal", "G1=done"],
            "coachkit: --goal G1=done: the final status must be one of achieved, "
            "partially-achieved, not-achieved, dropped",
        ),
        (
            ["--goal", "G9=achieved"],
            "coachkit: --goal names goal 'G9', which does not exist (goals: G1, G2)",
        ),
        (
            ["--outcome", "G7=text"],
            "coachkit: --outcome names goal 'G7', which does not exist (goals: G1, G2)",
        ),
        (
            ["--goal", "G1"],
            "coachkit: --goal expects GOAL=VALUE, e.g. G1=achieved, not 'G1'",
        ),
        (
            ["--goal", "G1=achieved", "--goal", "G1=dropped"],
            "coachkit: --goal gives G1 twice ('achieved' and 'dropped')",
        ),
        (
            ["--end", "2025-12-01"],
            "coachkit: --end 2025-12-01 is before the engagement's start 2026-01-12",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    sample: Path, args: list[str], message: str
) -> None:
    head = commits(sample)[0]
    result = run("close", *args, cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == message + "\n"
    assert result.stdout == ""
    assert git(sample, "status", "--porcelain") == ""
    assert commits(sample)[0] == head


def test_close_refuses_a_broken_engagement(sample: Path) -> None:
    build_file_tree(sample, {"goals/G3-broken.md": "---\nid: G3\ndue: 2026-02-30\n---\n"})
    result = run("close", "--goal", "G1=achieved", cwd=sample)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "invalid date '2026-02-30'" in result.stderr
    assert "phase: coaching" in (sample / ENGAGEMENT).read_text(encoding="utf-8")


def test_closing_again_after_follow_up_keeps_the_later_phase(sample: Path) -> None:
    path = sample / ENGAGEMENT
    path.write_text(
        path.read_text(encoding="utf-8").replace("phase: coaching", "phase: follow-up"),
        encoding="utf-8",
    )
    result = run("close", "--goal", "G2=not-achieved", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "phase stays follow-up" in result.stderr
    assert "phase: follow-up\n" in path.read_text(encoding="utf-8")


def test_a_follow_up_on_or_before_the_end_is_refused(sample: Path) -> None:
    head = git(sample, "rev-parse", "HEAD")
    result = run("close", "--end", "2026-02-12", "--follow-up", "2026-02-01", cwd=sample)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        "coachkit: --follow-up 2026-02-01 is not after the end 2026-02-12: a follow-up comes "
        "after the engagement ends\n"
    )
    assert git(sample, "rev-parse", "HEAD") == head
    assert git(sample, "status", "--porcelain") == ""
