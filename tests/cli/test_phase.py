"""`coachkit phase [NAME]` through the CLI, against a real repository."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import commits, committed_files, git, run


def test_phase_without_name_shows_it_and_what_moves_it(sample: Path) -> None:
    result = run("phase", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == "coaching\n"
    assert result.stderr == "next: `coachkit close` at the end\n"


def test_phase_name_edits_one_line_and_commits_it(sample: Path) -> None:
    before = (sample / "engagement.md").read_text(encoding="utf-8")
    result = run("phase", "Closure", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{sample / 'engagement.md'}\n"
    assert "phase: coaching -> closure" in result.stderr
    after = (sample / "engagement.md").read_text(encoding="utf-8")
    assert after == before.replace("phase: coaching\n", "phase: closure\n")
    assert commits(sample)[0] == "Move the engagement to phase closure"
    assert committed_files(sample) == ["engagement.md"]
    assert run("phase", cwd=sample).stdout == "closure\n"


def test_phase_back_is_allowed_and_said(sample: Path) -> None:
    result = run("phase", "planning", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "moved back from coaching to planning" in result.stderr


def test_the_same_phase_changes_nothing(sample: Path) -> None:
    head = commits(sample)
    result = run("phase", "coaching", cwd=sample)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "phase is already coaching: nothing changed" in result.stderr
    assert commits(sample) == head


def test_unknown_phase_is_one_line_and_writes_nothing(sample: Path) -> None:
    result = run("phase", "coachng", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        "coachkit: unknown phase 'coachng': one of contracting, assessment, planning, coaching, "
        "closure, follow-up, completed (did you mean 'coaching'?)\n"
    )
    assert git(sample, "status", "--porcelain") == ""


def test_the_old_name_closed_is_read_but_not_written(sample: Path) -> None:
    result = run("phase", "closed", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        "coachkit: phase 'closed' is the old name of 'completed'; use `coachkit phase completed`\n"
    )
    engagement = sample / "engagement.md"
    engagement.write_text(
        engagement.read_text(encoding="utf-8").replace("phase: coaching", "phase: closed"),
        encoding="utf-8",
    )
    shown = run("phase", cwd=sample)
    assert shown.stdout == "closed\n"
    assert "'closed' is the old name of 'completed'" in shown.stderr


def test_a_missing_phase_is_added(sample: Path) -> None:
    engagement = sample / "engagement.md"
    engagement.write_text(
        engagement.read_text(encoding="utf-8").replace("phase: coaching\n", ""), encoding="utf-8"
    )
    shown = run("phase", cwd=sample)
    assert shown.stdout == ""
    assert "no phase in engagement.md" in shown.stderr
    assert run("phase", "coaching", "--no-commit", cwd=sample).exit_code == 0
    assert "phase: coaching\n" in engagement.read_text(encoding="utf-8")
