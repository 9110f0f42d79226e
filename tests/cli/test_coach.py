"""A team practice: --coach on overdue, status, upcoming and hours; team: true in .coachkit.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, git, run

BETA = """\
---
client: Ana Diaz
coach: sam okafor
start: 2026-01-05
phase: coaching
actions:
  - id: bbbb
    title: Send the draft charter to the board
    owner: Ana
    due: 2026-02-02
    status: open
  - id: cccc
    title: Book the three-way meeting
    owner: Ana
    due: 2026-02-16
    status: open
---
"""
GAMMA = "---\nclient: Lou Chen\nstart: 2026-01-05\nphase: coaching\n---\n"
BETA_SESSION = "---\nsession: 1\ndate: 2026-01-20\nduration: 60\n---\n"


@pytest.fixture
def team(tmp_path: Path) -> Path:
    """One practice repository: acme (Alex Rivera's), beta (Sam Okafor's), gamma (no coach)."""
    root = tmp_path / "practice"
    root.mkdir()
    git(root, "init", "-q")
    assert run("sample", "acme", cwd=root).exit_code == 0
    build_file_tree(
        root,
        {
            "beta/engagement.md": BETA,
            "beta/sessions/01-2026-01-20.md": BETA_SESSION,
            "gamma/engagement.md": GAMMA,
        },
    )
    return root


def engagements(*args: str, cwd: Path) -> list[str]:
    result = run(*args, "--json", cwd=cwd)
    assert result.exit_code in (0, 1), result.output
    return sorted({row["engagement"] for row in json.loads(result.stdout)})


@pytest.mark.parametrize("command", ["overdue", "status", "upcoming"])
def test_coach_lists_one_coachs_engagements(team: Path, command: str) -> None:
    everyone = engagements(command, cwd=team)
    assert {"acme", "beta"} <= set(everyone)
    assert engagements(command, "--coach", "ALEX rivera", cwd=team) == ["acme"]
    assert engagements(command, "--coach", "Sam Okafor", cwd=team) == ["beta"]
    assert engagements(command, "--coach", "all", cwd=team) == everyone


def test_hours_counts_one_coachs_clients(team: Path) -> None:
    result = run("hours", "--coach", "sam okafor", "--format", "json", cwd=team)
    assert result.exit_code == 0, result.output
    assert [row["client"] for row in json.loads(result.stdout)["clients"]] == ["anonymous client 1"]
    assert json.loads(result.stdout)["totals"]["hours"] == 1.0
    everyone = json.loads(run("hours", "--format", "json", cwd=team).stdout)
    assert everyone["totals"]["clients"] == 2


def test_an_unknown_coach_is_one_line_naming_the_coaches(team: Path) -> None:
    result = run("overdue", "--coach", "Alx Rivera", cwd=team)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "coachkit: no engagement has coach: 'Alx Rivera' (matched ignoring case); coaches: Alex Rivera, "
        "sam okafor; --coach all lists everyone\n"
    )


def test_team_true_defaults_to_the_git_identity(team: Path) -> None:
    (team / ".coachkit.yaml").write_text("team: true\n")
    git(team, "config", "user.name", "Sam Okafor")
    assert engagements("status", cwd=team) == ["beta"]
    assert engagements("overdue", cwd=team) == ["beta"]
    assert engagements("status", "--coach", "all", cwd=team) == ["acme", "beta", "gamma"]
    assert engagements("status", "--coach", "alex rivera", cwd=team) == ["acme"]
    git(team, "config", "user.name", "New Coach")  # no engagement yet: an empty list, no error
    result = run("status", cwd=team)
    assert (result.exit_code, result.stdout) == (0, "No engagements found.\n")


def test_team_applies_only_below_its_settings_file(team: Path) -> None:
    (team / "beta/.coachkit.yaml").write_text("team: true\n")
    git(team, "config", "user.name", "Alex Rivera")
    assert engagements("status", cwd=team) == ["acme", "gamma"]  # beta is Sam's


def test_team_needs_a_name(team: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (team / ".coachkit.yaml").write_text("team: true\n")
    empty = tmp_path / "empty.gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    result = run("upcoming", cwd=team)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "coachkit: git does not know your name, and with team: true in .coachkit.yaml only "
        "your own engagements are listed"
    )
    assert run("upcoming", "--coach", "all", cwd=team).exit_code == 0


def test_team_must_be_true_or_false(team: Path) -> None:
    (team / ".coachkit.yaml").write_text("# the practice\nteam: sometimes\n")
    result = run("status", cwd=team)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{team / '.coachkit.yaml'}:2:1: team must be true or false, not 'sometimes'\n"
    )


def test_a_broken_engagement_stays_visible(team: Path) -> None:
    (team / "gamma/engagement.md").write_text("---\nclient: [unclosed\n---\n")
    result = run("status", "--coach", "Sam Okafor", "--json", cwd=team)
    assert result.exit_code == 2
    assert sorted(row["engagement"] for row in json.loads(result.stdout)) == ["beta", "gamma"]
    assert "gamma/engagement.md" in result.stderr
