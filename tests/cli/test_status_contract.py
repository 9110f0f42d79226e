"""`coachkit status`: the contract in view, follow-ups after closure, and the flags."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.helpers import build_file_tree, run

ENGAGEMENT = (
    "---\nclient: Riley Chen\nphase: {phase}\ncadence: 2w\nsessions_planned: 2\n"
    "session_length: 90\nstart: 2026-01-05\nend: {end}\nfollow_up: {follow_up}\n---\n"
)
GOAL = "---\nid: G1\ntitle: Listen first\nstatus: {status}\n---\n"


def _session(number: int, day: str, extra: str = "") -> str:
    return f"---\nsession: {number}\ndate: {day}\n{extra}---\n# Notes\n"


def _status(root: Path, *args: str) -> dict[str, Any]:
    result = run("status", str(root), "--json", *args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows[0]


def _engagement(tmp_path: Path, files: dict[str, str], **meta: str) -> Path:
    values = {"phase": "coaching", "end": "2026-07-10", "follow_up": "[]", "status": "active"}
    values.update(meta)
    return build_file_tree(
        tmp_path / "globex",
        {
            "engagement.md": ENGAGEMENT.format(**values),
            "goals/G1-listen.md": GOAL.format(**values),
            **files,
        },
    )


def test_sessions_and_hours_against_the_contract(tmp_path: Path) -> None:
    root = _engagement(
        tmp_path,
        {
            "sessions/01-2026-01-15.md": _session(1, "2026-01-15", "duration: 60\n"),
            "sessions/02-2026-01-29.md": _session(2, "2026-01-29", "next_session: 2026-02-12\n"),
        },
    )
    row = _status(root)
    assert (row["sessions_held"], row["sessions_planned"]) == (2, 2)
    assert (row["hours_used"], row["hours_planned"]) == (2.5, 3)
    assert row["flags"] == ["contract-used-up"]
    table = run("status", str(root)).stdout.splitlines()[1]
    assert "2/2   2.5/3" in table and "used up" in table


def test_no_used_up_flag_once_the_goals_are_closed(tmp_path: Path) -> None:
    files = {
        "sessions/01-2026-01-15.md": _session(1, "2026-01-15", "next_session: 2026-02-12\n"),
        "sessions/02-2026-01-29.md": _session(2, "2026-01-29", "next_session: 2026-02-12\n"),
    }
    assert _status(_engagement(tmp_path, files, status="achieved"))["flags"] == []


def test_coaching_with_no_next_session_booked_is_flagged(tmp_path: Path) -> None:
    root = _engagement(
        tmp_path,
        {"sessions/01-2026-02-05.md": _session(1, "2026-02-05", "next_session: 2026-02-10\n")},
    )
    row = _status(root)
    assert row["flags"] == ["no-next-session"]
    assert row["next_session"] == "2026-02-10"
    (root / "sessions" / "02-2026-02-19.md").write_text(_session(2, "2026-02-19"), "utf-8")
    assert _status(root)["flags"] == []


def test_after_closure_next_is_the_follow_up_and_follow_ups_never_count(tmp_path: Path) -> None:
    files = {
        "sessions/01-2026-01-15.md": _session(1, "2026-01-15"),
        "sessions/02-2026-01-29.md": _session(2, "2026-01-29"),
        "sessions/03-2026-03-05.md": _session(3, "2026-03-05", "kind: follow-up\n"),
    }
    root = _engagement(
        tmp_path,
        files,
        phase="follow-up",
        end="2026-02-01",
        follow_up="[2026-03-05, 2026-04-16]",
        status="achieved",
    )
    row = _status(root, "--as-of", "2026-03-10")
    assert (row["sessions_held"], row["follow_ups_held"], row["follow_ups_planned"]) == (2, 1, 2)
    assert (row["next_session"], row["next_kind"]) == ("2026-04-16", "follow-up")
    assert row["flags"] == []
    assert _status(root, "--as-of", "2026-04-20")["flags"] == ["follow-up-late"]
    (root / "sessions" / "04-2026-04-20.md").write_text(
        _session(4, "2026-04-20", "kind: follow-up\n"), "utf-8"
    )
    done = _status(root, "--as-of", "2026-04-20")
    assert done["next_session"] is None
    assert done["flags"] == ["ready-to-complete"]
    assert "complete?" in run("status", str(root), "--as-of", "2026-04-20").stdout


def test_csv_joins_the_flags(tmp_path: Path) -> None:
    root = _engagement(tmp_path, {"sessions/01-2026-01-05.md": _session(1, "2026-01-05")})
    result = run("status", str(root), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert ",quiet;no-next-session," in result.stdout
