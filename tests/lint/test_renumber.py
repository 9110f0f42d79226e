"""lint --fix renumbers a goal id or a session number added on both sides of a merge.

Two clones of one practice each add goal G3, an action for it and session 3;
sync merges them without a conflict (the files have different names), and lint
--fix renumbers the later side's goal and session with every reference to them,
in one commit that renames the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import git, run

A_GOAL = "acme/goals/G3-build-a-bench-of-successors.md"
B_GOAL = "acme/goals/G3-speak-up-in-the-qbr.md"


def ok(*args: str, cwd: Path) -> str:
    result = run(*args, cwd=cwd)
    assert result.exit_code == 0, result.output
    return result.stdout


def side(
    repo: Path, monkeypatch: pytest.MonkeyPatch, when: str, goal: str, action: str, date: str
) -> None:
    """One coach's work: a goal (G3 on each side), a session on ``date``, an action for G3."""
    monkeypatch.setenv("GIT_COMMITTER_DATE", when)
    acme = repo / "acme"
    ok(
        "goal",
        "add",
        goal,
        "--measure",
        "The board says so",
        "--target-date",
        "2026-06-01",
        cwd=acme,
    )
    ok("session", "new", "--date", date, cwd=acme)
    ok(
        "action",
        "add",
        action,
        "--owner",
        "Jordan",
        "--due",
        "2026-02-20",
        "--goal",
        "G3",
        cwd=acme,
    )


@pytest.fixture
def merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Clone b after both sides added G3 and session 3 and b synced (a merge commit)."""
    git(tmp_path, "init", "-q", "--bare", "remote.git")
    git(tmp_path, "clone", "-q", "remote.git", "a")
    a, b = tmp_path / "a", tmp_path / "b"
    ok("sample", "acme", cwd=a)
    git(a, "push", "-q", "-u", "origin", "main")
    git(tmp_path, "clone", "-q", "remote.git", "b")
    side(
        a,
        monkeypatch,
        "2026-02-12T10:00:00",
        "Build a bench of successors",
        "Name two successors",
        "2026-02-12",
    )
    assert run("sync", cwd=a).exit_code == 0
    side(
        b,
        monkeypatch,
        "2026-02-12T11:00:00",
        "Speak up in the QBR",
        "Open the QBR with the ask",
        "2026-02-13",
    )
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    assert run("sync", cwd=b).stdout == ".: pulled 3, merged, pushed 3\n"
    return b


def test_lint_reports_both_collisions(merged: Path) -> None:
    result = run("lint", "--select", "duplicate-id,duplicate-session-number", cwd=merged / "acme")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "goals/G3-speak-up-in-the-qbr.md:2:1: error duplicate-id goal id 'G3' is already used at "
        "goals/G3-build-a-bench-of-successors.md:2; give one of them a new id",
        "sessions/03-2026-02-13.md:2:1: warning duplicate-session-number session number 3 is "
        "also used by sessions/03-2026-02-12.md",
    ]


def test_fix_renumbers_the_later_goal_and_session_with_their_references(merged: Path) -> None:
    acme = merged / "acme"
    a_session = (acme / "sessions/03-2026-02-12.md").read_bytes()
    a_goal = (merged / A_GOAL).read_bytes()
    result = run("lint", "--fix", "--select", "duplicate-id,duplicate-session-number", cwd=acme)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:8] == [
        "fixed goals/G3-speak-up-in-the-qbr.md:2:5: duplicate-id: 'G3' -> 'G4'",
        "fixed goals/G3-speak-up-in-the-qbr.md:12:3: duplicate-id: 'G3' -> 'G4'",
        "fixed goals/G3-speak-up-in-the-qbr.md: renamed to goals/G4-speak-up-in-the-qbr.md",
        "fixed sessions/03-2026-02-13.md:6:17: duplicate-id: 'G3' -> 'G4'",
        "fixed sessions/03-2026-02-13.md:14:11: duplicate-id: 'G3' -> 'G4'",
        "fixed sessions/03-2026-02-13.md:2:10: duplicate-session-number: '3' -> '4'",
        "fixed sessions/03-2026-02-13.md:16:11: duplicate-session-number: '3' -> '4'",
        "fixed sessions/03-2026-02-13.md: renamed to sessions/04-2026-02-13.md",
    ]
    assert result.stdout.splitlines()[:2] == [
        str(acme / "goals/G4-speak-up-in-the-qbr.md"),
        str(acme / "sessions/04-2026-02-13.md"),
    ]
    # The earlier side is untouched, byte for byte.
    assert (acme / "sessions/03-2026-02-12.md").read_bytes() == a_session
    assert (merged / A_GOAL).read_bytes() == a_goal
    goal = (acme / "goals/G4-speak-up-in-the-qbr.md").read_text()
    assert "id: G4\n" in goal and "# G4: Speak up in the QBR" in goal
    session = (acme / "sessions/04-2026-02-13.md").read_text()
    assert "session: 4\n" in session and "goal: G4\n" in session
    assert "goals: [G1, G2, G4]" in session and "# Session 4 with Jordan Lee" in session
    assert not (merged / B_GOAL).exists()
    # One commit, with both files renamed, and nothing else.
    status = git(merged, "show", "-M", "--name-status", "--format=%s", "HEAD").split("\n")
    assert status[0] == "Fix lint findings: duplicate-id, duplicate-session-number"
    assert sorted(line.split("\t", 1)[1] for line in status[1:] if line.startswith("R")) == [
        f"{B_GOAL}\tacme/goals/G4-speak-up-in-the-qbr.md",
        "acme/sessions/03-2026-02-13.md\tacme/sessions/04-2026-02-13.md",
    ]
    assert git(merged, "status", "--porcelain") == ""
    after = run(
        "lint", "--select", "duplicate-id,duplicate-session-number,action-unknown-goal", cwd=acme
    )
    assert after.exit_code == 0, after.output
    listed = run("action", "list", "--json", cwd=acme).stdout
    assert '"goal": "G4"' in listed and '"goal": "G3"' in listed


def test_diff_shows_the_renames_and_writes_nothing(merged: Path) -> None:
    acme = merged / "acme"
    before = git(merged, "rev-parse", "HEAD")
    result = run("lint", "--diff", "--select", "duplicate-id,duplicate-session-number", cwd=acme)
    assert (
        "--- a/goals/G3-speak-up-in-the-qbr.md\n+++ b/goals/G4-speak-up-in-the-qbr.md\n"
        in result.stdout
    )
    assert "+++ b/sessions/04-2026-02-13.md\n" in result.stdout
    assert (merged / B_GOAL).exists() and git(merged, "rev-parse", "HEAD") == before


def test_a_reference_written_after_the_merge_is_left_and_named(merged: Path) -> None:
    acme = merged / "acme"
    ok(
        "action",
        "add",
        "Which goal is this?",
        "--owner",
        "Jordan",
        "--due",
        "2026-02-27",
        "--goal",
        "G3",
        cwd=acme,
    )
    result = run("lint", "--fix", "--select", "duplicate-id", cwd=acme)
    assert result.exit_code == 0, result.output
    left = [line for line in result.stderr.splitlines() if "left as G3" in line]
    assert left == [
        "sessions/03-2026-02-13.md:20:11: duplicate-id: left as G3: written when both goals G3 "
        "existed; if it means 'Speak up in the QBR', write G4"
    ]
