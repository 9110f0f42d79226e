"""`coachkit init`, `goal add|list` and `templates list|show` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import build_file_tree, commits, committed_files, git, run


def test_init_creates_repository_engagement_and_commit(tmp_path: Path) -> None:
    folder = tmp_path / "acme-jordan-lee"
    result = run(
        "init", str(folder), "--client", "Jordan Lee", "--organization", "Acme", "--sponsor", "Sam Ortiz",
        "--hr", "Dana Wu", "--coach", "Alex Rivera", "--start", "2026-01-12", "--sessions", "12",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{folder / 'engagement.md'}\n{folder / '.gitattributes'}\n"
    assert result.stderr.splitlines()[0] == "start 2026-01-12 (Mon)"
    assert (folder / ".git").is_dir()
    assert commits(folder) == ["Start engagement with Jordan Lee (Acme)"]
    assert sorted(committed_files(folder)) == [".gitattributes", "engagement.md"]
    assert "merge-driver %O %A %B %P" in git(folder, "config", "merge.coachkit.driver")
    text = (folder / "engagement.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\nclient: Jordan Lee\nrole:\norganization: Acme\nsponsor: Sam Ortiz\nhr: Dana Wu\n"
        "coach: Alex Rivera\nstart: 2026-01-12\nend:\nsessions_planned: 12\n"
        "session_length: 60  # minutes\ncadence: 2w\n"
    )
    assert "## Confidentiality" in text
    assert "## Ending the engagement" in text


def test_init_inside_a_practice_repository_commits_only_its_file(tmp_path: Path) -> None:
    practice = tmp_path / "practice"
    practice.mkdir()
    git(practice, "init", "-q")
    build_file_tree(practice, {"notes.txt": "mine\n"})
    git(practice, "add", "notes.txt")
    result = run("init", "clients/jordan", "--client", "Jordan", cwd=practice)
    assert result.exit_code == 0, result.output
    assert not (practice / "clients" / "jordan" / ".git").exists()
    assert committed_files(practice) == ["clients/jordan/engagement.md"]
    assert git(practice, "status", "--porcelain") == "A  notes.txt\n"


def test_init_refuses_an_existing_engagement(sample: Path) -> None:
    before = (sample / "engagement.md").read_bytes()
    result = run("init", str(sample), "--client", "Someone Else")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{sample / 'engagement.md'}: already exists; this folder is an engagement already\n"
    )
    assert (sample / "engagement.md").read_bytes() == before


def test_init_quotes_values_yaml_would_misread(tmp_path: Path) -> None:
    folder = tmp_path / "e"
    result = run(
        "init", str(folder), "--client", "No", "--organization", "ACME: Europe", "--no-commit"
    )
    assert result.exit_code == 0, result.output
    text = (folder / "engagement.md").read_text(encoding="utf-8")
    assert "client: 'No'\nrole:\norganization: 'ACME: Europe'\n" in text


def test_init_bad_cadence(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "e"), "--client", "J", "--cadence", "fortnightly")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "coachkit: cadence 'fortnightly' is not understood: use e.g. 1w, 2w, 10d or 1mo\n"
    )
    assert not (tmp_path / "e" / "engagement.md").exists()


def test_goal_add_and_list(sample: Path) -> None:
    result = run(
        "goal", "add", "Run the staff meeting without solving", "--measure", "Leads rate it on the mini-survey",
        "--target-date", "2026-06-30", "--competency", "Coaching others", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = sample / "goals" / "G3-run-the-staff-meeting-without-solving.md"
    assert result.stdout == f"{path}\n"
    assert "target date 2026-06-30 (Tue)" in result.stderr
    assert path.read_text(encoding="utf-8").startswith(
        "---\nid: G3\ntitle: Run the staff meeting without solving\nstatus: active"
    )
    assert commits(sample)[0] == "Add goal G3: Run the staff meeting without solving"
    rows = json.loads(run("goal", "list", "--json", cwd=sample).stdout)
    assert [(r["id"], r["open_actions"]) for r in rows] == [("G1", 1), ("G2", 1), ("G3", 0)]
    table = run("goal", "list", cwd=sample).stdout.splitlines()
    assert table[0].split() == ["ID", "STATUS", "TARGET", "OPEN", "TITLE"]
    assert table[3].startswith("G3  active  2026-06-30  0     Run the staff meeting")


def test_templates_list_and_show_say_which_file_wins(
    sample: Path, isolated_environment: Path
) -> None:
    user = isolated_environment / ".config" / "coachkit" / "templates"
    build_file_tree(user, {"goal.md.j2": "user goal\n"})
    build_file_tree(sample, {"templates/session.md.j2": "engagement session\n"})
    rows = json.loads(run("templates", "list", "--json", cwd=sample).stdout)
    winners = {r["name"]: r["origin"] for r in rows if r["active"]}
    assert winners == {
        "session": "engagement",
        "goal": "user",
        "engagement": "built-in",
        "follow-up": "built-in",
        "report": "built-in",
        "report.html": "built-in",
        "report-plan": "built-in",
        "report-plan.html": "built-in",
        "report-progress": "built-in",
        "report-progress.html": "built-in",
    }
    shadowed = [(r["name"], r["origin"]) for r in rows if not r["active"]]
    assert sorted(shadowed) == [("goal", "built-in"), ("session", "built-in")]
    shown = run("templates", "show", "session", cwd=sample)
    assert shown.stdout == "engagement session\n"
    assert (
        shown.stderr == f"session: engagement template {sample / 'templates' / 'session.md.j2'}\n"
    )
    builtin = run("templates", "show", "engagement", cwd=sample)
    assert builtin.stderr == "engagement: built-in template coachkit.templates:engagement.md.j2\n"
    assert builtin.stdout.startswith("---\nclient:")


def test_practice_templates_are_found_above_the_engagement(tmp_path: Path) -> None:
    practice = tmp_path / "practice"
    build_file_tree(
        practice,
        {
            ".coachkit/templates/session.md.j2": "---\nsession: {{ session.number }}\n---\npractice\n"
        },
    )
    run("sample", str(practice / "acme"))
    result = run("session", "new", cwd=practice / "acme")
    assert result.exit_code == 0, result.output
    assert (
        Path(result.stdout.strip()).read_text(encoding="utf-8")
        == "---\nsession: 3\n---\npractice\n"
    )


def test_unknown_template(sample: Path) -> None:
    result = run("templates", "show", "nope", cwd=sample)
    assert result.exit_code == 2
    assert (
        result.stderr
        == "coachkit: no template named 'nope'; `coachkit templates list` shows them\n"
    )
