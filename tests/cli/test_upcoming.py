"""`coachkit upcoming` across a practice: sessions, follow-ups and action items by date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, run


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    root = tmp_path / "practice"
    assert run("sample", str(root / "acme"), "--no-commit").exit_code == 0
    build_file_tree(
        root / "globex",
        {
            "engagement.md": "---\nclient: Riley Chen\nphase: follow-up\nstart: 2025-06-01\n"
            "end: 2025-12-19\nfollow_up: [2026-01-30, 2026-02-20, 2026-03-20]\n---\n",
            "sessions/01-2025-12-19.md": "---\nsession: 1\ndate: 2025-12-19\n---\n",
            "sessions/02-2026-01-30.md": "---\nsession: 2\nkind: follow-up\ndate: 2026-01-30\n"
            "actions:\n  - id: k7m2\n    title: Review the habits list\n    owner: Riley\n"
            "    due: 2026-02-13\n    status: open\n---\n",
        },
    )
    build_file_tree(
        root / "initech",
        {
            "engagement.md": "---\nclient: Sam Poe\nphase: closure\nstart: 2025-06-01\n"
            "end: 2026-01-09\nfollow_up: [2026-02-06]\n---\n",
        },
    )
    return root


def test_rows_in_date_order_with_engagement_and_kind(practice: Path) -> None:
    result = run("upcoming", str(practice), "--within", "10")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "DATE        WHEN     KIND       ENGAGEMENT  WHAT\n"
        "2026-02-06  6d late  follow-up  initech     Follow-up (planned)\n"
        "2026-02-12  today    session    acme        Session 3 (planned)\n"
        "2026-02-13  in 1d    action     globex      `k7m2` Review the habits list\n"
        "2026-02-20  in 8d    action     acme        `w3fn` Rewrite the board update as …\n"
        "2026-02-20  in 8d    follow-up  globex      Follow-up (planned)\n"
    )


def test_json_fields_and_the_window(practice: Path) -> None:
    result = run("upcoming", str(practice), "--within", "40", "--json")
    rows = json.loads(result.stdout)
    assert [(r["date"], r["kind"], r["engagement"]) for r in rows][-1] == (
        "2026-03-20",
        "follow-up",
        "globex",
    )
    action = next(r for r in rows if r["kind"] == "action" and r["engagement"] == "globex")
    assert action == {
        "date": "2026-02-13",
        "days": 1,
        "kind": "action",
        "engagement": "globex",
        "client": "Riley Chen",
        "title": "Review the habits list",
        "booked": False,
        "session": None,
        "id": "k7m2",
        "owner": "Riley",
        "path": str(practice / "globex" / "sessions" / "02-2026-01-30.md"),
    }
    # t9hc is overdue: `coachkit overdue` lists it, upcoming does not.
    assert all(r["id"] != "t9hc" for r in rows)


def test_a_note_written_ahead_is_listed_and_holds_its_follow_up(practice: Path) -> None:
    build_file_tree(
        practice / "initech",
        {"sessions/01-2026-02-16.md": "---\nsession: 1\nkind: follow-up\ndate: 2026-02-16\n---\n"},
    )
    rows = json.loads(run("upcoming", str(practice / "initech"), "--json").stdout)
    assert [(r["date"], r["kind"], r["booked"], r["session"]) for r in rows] == [
        ("2026-02-16", "follow-up", True, 1)
    ]


def test_a_planned_session_that_passed_is_listed_as_late(practice: Path) -> None:
    result = run("upcoming", str(practice / "acme"), "--as-of", "2026-03-30", "--within", "0")
    assert result.stdout.splitlines()[1:] == [
        "2026-02-12  46d late  session  acme        Session 3 (planned)"
    ]


def test_as_of_and_check(practice: Path) -> None:
    acme = str(practice / "acme")
    quiet = run("upcoming", acme, "--as-of", "2026-01-01", "--within", "0", "--check")
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout == "Nothing in the next 0 days across 1 engagement (as of 2026-01-01).\n"
    assert run("upcoming", str(practice), "--check").exit_code == 1


def test_csv_and_bad_input(practice: Path) -> None:
    csv = run("upcoming", str(practice), "--format", "csv").stdout.splitlines()
    assert csv[0] == "date,days,kind,engagement,client,title,booked,session,id,owner,path"
    bad = run("upcoming", str(practice), "--within", "-1")
    assert bad.exit_code == 2


def test_a_follow_up_note_is_named_in_its_own_series(sample: Path) -> None:
    closed = run("close", "--end", "2026-07-09", "--open-actions", "keep", cwd=sample)
    assert closed.exit_code == 0, closed.output
    made = run("session", "new", "--date", "2026-08-20", cwd=sample)
    assert made.exit_code == 0, made.output
    result = run("upcoming", "--within", "120", "--as-of", "2026-08-01", "--json", cwd=sample)
    assert result.exit_code == 0, result.output
    titles = [row["title"] for row in json.loads(result.stdout)]
    assert titles == ["Follow-up 1 (note written)", "Follow-up (planned)"]
