"""`coachkit action add|done|drop|list` through the CLI, against a real repository."""

from __future__ import annotations

import difflib
import json
import re
import stat
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, commits, committed_files, git, run

SESSION_2 = Path("sessions/02-2026-01-29.md")


def _diff_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and lines added, as a line diff sees them."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_action_add_appends_to_latest_session_and_commits_only_it(sample: Path) -> None:
    note = sample / SESSION_2
    before = note.read_text(encoding="utf-8")
    result = run(
        "action", "add", "Book a skip-level with Tom's team", "--owner", "Jordan", "--due", "fri",
        "--goal", "g1", "--accountability", "Tom hears it from his team", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{note}\n"
    assert "due 2026-02-13 (Fri)" in result.stderr
    added_id = re.search(r"added ([a-z0-9]{4}): Book a skip-level", result.stderr)
    assert added_id, result.stderr
    item_id = added_id.group(1)
    after = note.read_text(encoding="utf-8")
    removed, added = _diff_lines(before, after)
    assert removed == []
    assert added == [
        f"  - id: {item_id}",
        "    title: Book a skip-level with Tom's team",
        "    owner: Jordan",
        "    due: 2026-02-13",
        "    status: open",
        "    goal: G1",
        "    accountability: Tom hears it from his team",
    ]
    assert after.endswith(before.split("---\n", 2)[2])  # body untouched
    assert commits(sample)[0] == f"Add action {item_id}: Book a skip-level with Tom's team"
    assert committed_files(sample) == [str(SESSION_2)]


def test_action_add_to_new_session_replaces_the_empty_list(sample: Path) -> None:
    path = Path(run("session", "new", cwd=sample).stdout.strip())
    result = run(
        "action",
        "add",
        "Draft the delegation contract",
        "--owner",
        "Jordan",
        "--due",
        "+1w",
        cwd=sample,
    )
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert "actions:\n  - id: " in text
    assert (
        "    title: Draft the delegation contract\n    owner: Jordan\n    due: 2026-02-19\n" in text
    )


def test_action_done_changes_only_its_lines(sample: Path) -> None:
    note = sample / SESSION_2
    before = note.read_text(encoding="utf-8")
    result = run("action", "done", "T9HC", "--date", "yesterday", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{note}\n"
    assert "done 2026-02-11 (Wed)" in result.stderr
    removed, added = _diff_lines(before, note.read_text(encoding="utf-8"))
    assert removed == ["    status: open"]
    assert added == ["    status: done", "    done: 2026-02-11"]
    assert commits(sample)[0].startswith("Mark action t9hc done: Hand the Q3 capacity plan")


def test_action_done_twice_changes_nothing(sample: Path) -> None:
    assert run("action", "done", "t9hc", cwd=sample).exit_code == 0
    head = git(sample, "rev-parse", "HEAD")
    result = run("action", "done", "t9hc", cwd=sample)
    assert result.exit_code == 0
    assert "t9hc is already done (2026-02-12); nothing changed" in result.stderr
    assert git(sample, "rev-parse", "HEAD") == head


def test_action_drop(sample: Path) -> None:
    result = run("action", "drop", "w3fn", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "    status: dropped\n" in (sample / SESSION_2).read_text(encoding="utf-8")
    assert (
        commits(sample)[0]
        == "Drop action w3fn: Rewrite the board update as three headlines and one…"
    )


def test_unknown_id_is_one_line_exit_2(sample: Path) -> None:
    result = run("action", "done", "zzzz", cwd=sample)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"coachkit: no action item 'zzzz' in {sample}; `coachkit action list` shows the ids\n"
    )


def test_id_that_matches_twice_names_both_places(sample: Path) -> None:
    note = sample / "sessions" / "01-2026-01-15.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace("id: p4xq", "id: t9hc"), encoding="utf-8"
    )
    result = run("action", "done", "t9hc", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f"coachkit: action id 't9hc' is used twice ({note}:17, {sample / SESSION_2}:9); "
        "give one of them a new id\n"
    )


def test_unknown_goal_is_refused(sample: Path) -> None:
    result = run(
        "action", "add", "X", "--owner", "Jordan", "--due", "fri", "--goal", "G9", cwd=sample
    )
    assert result.exit_code == 2
    assert result.stderr == "coachkit: no goal 'G9' in this engagement (goals: G1, G2)\n"


@pytest.mark.parametrize(
    ("due", "message"),
    [
        ("2026-02-30", "invalid date '2026-02-30': February 2026 has 28 days"),
        ("+1m", "'+1m' is ambiguous: write +1mo for months"),
        ("someday", "'someday' is not a date"),
    ],
)
def test_bad_due_date_is_a_usage_error(sample: Path, due: str, message: str) -> None:
    before = (sample / SESSION_2).read_bytes()
    result = run("action", "add", "X", "--owner", "Jordan", "--due", due, cwd=sample)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert (sample / SESSION_2).read_bytes() == before


def test_read_only_note_is_refused_not_changed(sample: Path) -> None:
    note = sample / SESSION_2
    note.chmod(stat.S_IRUSR)
    before = note.read_bytes()
    result = run("action", "done", "t9hc", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == f"{note}: is read-only; make it writable (chmod u+w) and run again\n"
    assert note.read_bytes() == before


def test_add_in_file_outside_engagement_is_refused(sample: Path, tmp_path: Path) -> None:
    outside = build_file_tree(tmp_path, {"elsewhere.md": "---\nx: 1\n---\n"}) / "elsewhere.md"
    result = run(
        "action", "add", "X", "--owner", "J", "--due", "fri", "--in", str(outside), cwd=sample
    )
    assert result.exit_code == 2
    assert f"{outside}: is outside the engagement {sample}" in result.stderr
    assert outside.read_text(encoding="utf-8") == "---\nx: 1\n---\n"


def test_add_in_engagement_md(sample: Path) -> None:
    result = run(
        "action", "add", "Agree the mid-point review date", "--owner", "Coach", "--due", "eom",
        "--in", "engagement.md", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (sample / "engagement.md").read_text(encoding="utf-8")
    assert "follow_up: []\nactions:\n  - id: " in text
    assert "    due: 2026-02-28\n" in text


def test_action_list_table_and_json(sample: Path) -> None:
    table = run("action", "list", cwd=sample)
    assert table.exit_code == 0
    assert table.stdout == (
        "ID    DUE         LATE  OWNER   TITLE\n"
        "t9hc  2026-02-10  2d    Jordan  Hand the Q3 capacity plan to Priya, with the de…\n"
        "w3fn  2026-02-20        Jordan  Rewrite the board update as three headlines and…\n"
    )
    rows = json.loads(run("action", "list", "--status", "all", "--json", cwd=sample).stdout)
    assert [r["id"] for r in rows] == ["t9hc", "k7m2", "p4xq", "w3fn"]
    assert rows[0] == {
        "id": "t9hc",
        "title": "Hand the Q3 capacity plan to Priya, with the decision rights written down",
        "owner": "Jordan",
        "due": "2026-02-10",
        "status": "open",
        "days_overdue": 2,
        "due_soon": False,
        "done": None,
        "goal": "G1",
        "accountability": "Priya presents the plan at the staff meeting",
        "engagement": "acme-jordan-lee",
        "client": "Jordan Lee",
        "path": str(sample / SESSION_2),
        "line": 9,
    }
    assert rows[1]["done"] == "2026-01-21"
