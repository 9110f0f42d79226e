"""`coachkit overdue` and `coachkit status` across a practice of engagements."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, run

ACTIONS = """\
actions:
  - id: a2b3
    title: Due yesterday
    owner: Riley
    due: 2026-02-11
    status: open
  - id: c4d5
    title: Due today
    owner: riley
    due: 2026-02-12
    status: open
  - id: e6f7
    title: Due in three days
    owner: Sam
    due: 2026-02-15
    status: open
  - id: g8h9
    title: Long done
    owner: Riley
    due: 2026-01-01
    status: done
    done: 2026-01-02
"""


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    root = tmp_path / "practice"
    run("sample", str(root / "clients" / "acme-jordan-lee"), "--no-commit")
    build_file_tree(
        root / "clients" / "globex-riley-chen",
        {
            "engagement.md": "---\nclient: Riley Chen\norganization: Globex\nphase: coaching\ncadence: 2w\n"
            "sessions_planned: 6\nstart: 2025-11-01\n---\n",
            "sessions/01-2025-12-01.md": "---\nsession: 1\ndate: 2025-12-01\n"
            + ACTIONS
            + "---\n# Notes\n",
        },
    )
    return root


def test_overdue_across_the_practice(practice: Path) -> None:
    result = run("overdue", str(practice))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "ENGAGEMENT         ID    DUE         LATE  OWNER   TITLE\n"
        "acme-jordan-lee    t9hc  2026-02-10  2d    Jordan  Hand the Q3 capacity plan to…\n"
        "globex-riley-chen  a2b3  2026-02-11  1d    Riley   Due yesterday\n"
    )


def test_json_fields_and_due_today_is_not_overdue(practice: Path) -> None:
    rows = json.loads(run("overdue", str(practice), "--format", "json").stdout)
    assert [(r["id"], r["days_overdue"]) for r in rows] == [("t9hc", 2), ("a2b3", 1)]
    assert rows[1] == {
        "id": "a2b3",
        "title": "Due yesterday",
        "owner": "Riley",
        "due": "2026-02-11",
        "status": "open",
        "days_overdue": 1,
        "due_soon": False,
        "done": None,
        "goal": None,
        "accountability": None,
        "engagement": "globex-riley-chen",
        "client": "Riley Chen",
        "path": str(practice / "clients" / "globex-riley-chen" / "sessions" / "01-2025-12-01.md"),
        "line": 5,
    }


def test_within_adds_items_due_soon(practice: Path) -> None:
    rows = json.loads(run("overdue", str(practice), "--within", "3", "--json").stdout)
    assert [(r["id"], r["days_overdue"], r["due_soon"]) for r in rows] == [
        ("t9hc", 2, False),
        ("a2b3", 1, False),
        ("c4d5", 0, True),
        ("e6f7", 0, True),
    ]
    table = run("overdue", str(practice), "--within", "3").stdout
    assert "c4d5  2026-02-12  today" in table
    assert "e6f7  2026-02-15  in 3d" in table


def test_owner_is_case_insensitive_and_unknown_owner_is_an_error(practice: Path) -> None:
    rows = json.loads(
        run("overdue", str(practice), "--owner", "RILEY", "--within", "1", "--json").stdout
    )
    assert [r["id"] for r in rows] == ["a2b3", "c4d5"]
    unknown = run("overdue", str(practice), "--owner", "Nobody")
    assert unknown.exit_code == 2
    assert unknown.stderr == (
        "coachkit: no action item is owned by 'Nobody'; owners are matched ignoring case, check the spelling\n"
    )


def test_csv_has_a_header_row(practice: Path) -> None:
    result = run("overdue", str(practice), "--format", "csv")
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in records] == ["t9hc", "a2b3"]
    assert records[0]["client"] == "Jordan Lee"
    assert records[0]["due_soon"] == "false"
    assert result.stdout.splitlines()[0].startswith("id,title,owner,due,status,days_overdue,")


def test_check_exits_1_only_when_something_is_overdue(practice: Path) -> None:
    assert run("overdue", str(practice), "--check").exit_code == 1
    calm = run("overdue", str(practice), "--check", "--as-of", "2026-02-01")
    assert calm.exit_code == 0
    assert calm.stdout == "Nothing overdue across 2 engagements (as of 2026-02-01).\n"


def test_as_of_must_be_a_date(practice: Path) -> None:
    result = run("overdue", str(practice), "--as-of", "soonish")
    assert result.exit_code == 2
    assert "'soonish' is not a date" in result.stderr


def test_without_paths_uses_the_current_engagement_or_all_below(practice: Path) -> None:
    inside = json.loads(
        run("overdue", "--json", cwd=practice / "clients" / "globex-riley-chen" / "sessions").stdout
    )
    assert [r["id"] for r in inside] == ["a2b3"]
    below = json.loads(run("overdue", "--json", cwd=practice).stdout)
    assert [r["id"] for r in below] == ["t9hc", "a2b3"]


def test_a_broken_file_hides_nothing_else(practice: Path) -> None:
    broken = practice / "clients" / "acme-jordan-lee" / "sessions" / "01-2026-01-15.md"
    broken.write_text("---\nsession: 1\ndate: 2026-01-15\nactions: [\n---\n", encoding="utf-8")
    result = run("overdue", str(practice), "--json")
    assert result.exit_code == 2
    assert [r["id"] for r in json.loads(result.stdout)] == ["t9hc", "a2b3"]
    assert result.stderr.startswith(f"{broken}:5:1: invalid YAML")
    assert result.stderr.count("\n") == 1


def test_path_without_engagements(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("overdue", str(tmp_path / "empty"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"coachkit: no engagement (folder with engagement.md) at or below {tmp_path / 'empty'}\n"
    )
    missing = run("overdue", str(tmp_path / "nope"))
    assert missing.exit_code == 2
    assert missing.stderr == f"{tmp_path / 'nope'}: no such file or folder\n"


def test_no_colour_when_not_a_terminal(practice: Path) -> None:
    assert "\x1b[" not in run("overdue", str(practice), "--within", "3").stdout


def test_status_one_row_per_engagement(practice: Path) -> None:
    result = run("status", str(practice))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "ENGAGEMENT         PHASE     HELD  HOURS  NEXT        OPEN  LATE  FLAGS\n"
        "acme-jordan-lee    coaching  2/12  2/12   2026-02-12  2     1     -\n"
        "globex-riley-chen  coaching  1/6   -/?    2025-12-15  3     1     quiet 73d\n"
    )
    rows = json.loads(run("status", str(practice), "--json").stdout)
    assert rows[1] == {
        "engagement": "globex-riley-chen",
        "client": "Riley Chen",
        "organization": "Globex",
        "phase": "coaching",
        "sessions_held": 1,
        "sessions_planned": 6,
        "hours_used": None,
        "hours_planned": None,
        "follow_ups_held": 0,
        "follow_ups_planned": 0,
        "last_session": "2025-12-01",
        "next_session": "2025-12-15",
        "next_kind": "session",
        "open_actions": 3,
        "overdue_actions": 1,
        "days_since_last_session": 73,
        "quiet": True,
        "flags": ["quiet", "no-next-session"],
        "path": str(practice / "clients" / "globex-riley-chen"),
    }
    assert rows[0]["quiet"] is False


def test_action_list_filters_match_overdue(practice: Path) -> None:
    rows = json.loads(
        run("action", "list", str(practice), "--overdue", "--owner", "riley", "--json").stdout
    )
    assert [r["id"] for r in rows] == ["a2b3"]
    soon = json.loads(run("action", "list", str(practice), "--within", "3", "--json").stdout)
    assert [r["id"] for r in soon] == ["t9hc", "a2b3", "c4d5", "e6f7"]
