"""Lint knows every key coachkit writes: every writing command, run through the real CLI on
the sample engagement, leaves notes that `lint --strict` finds nothing unexpected in.

Each test ends by comparing the findings, as (file, rule) pairs, with the ones the story
intends (an item left overdue, a goal that targets a date after the end…): an
`unknown-key` on a key coachkit itself wrote would show up here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.helpers import run

ADDED = re.compile(r"added ([a-z0-9]{4}): ")


def _ok(root: Path, *args: str, today: str | None = None) -> str:
    """Run a writing command in ``root``; its stderr (where new ids are named)."""
    env = {"COACHKIT_TODAY": today} if today else None
    result = run(*args, cwd=root, env=env)
    assert result.exit_code == 0, (args, result.output)
    assert result.stdout.strip(), (args, "a writing command prints what it wrote")
    return result.stderr


def _findings(root: Path, today: str) -> list[tuple[str, str]]:
    """`lint --strict` as (file relative to ``root``, rule) pairs, in lint's order."""
    result = run("lint", "--strict", "--format", "json", cwd=root, env={"COACHKIT_TODAY": today})
    assert result.exit_code in (0, 1), result.output
    return [
        (Path(f["path"]).relative_to(root).as_posix(), f["rule"]) for f in json.loads(result.stdout)
    ]


def _new_id(stderr: str) -> str:
    found = ADDED.search(stderr)
    assert found, stderr
    return found.group(1)


def test_every_writing_command_leaves_notes_lint_knows(sample: Path) -> None:
    root = sample
    _ok(
        root, "goal", "add", "Listen before deciding", "--measure",
        "Priya rates listening on the mini-survey", "--baseline", "2", "--target", "4",
        "--target-date", "2026-06-30", "--competency", "Listening",
        "--stakeholders", "Priya Nair, Tom Becker",
    )  # fmt: skip
    _ok(root, "goal", "edit", "G1", "--stakeholders", "Priya Nair", "--stakeholders", "Sam Ortiz")
    _ok(root, "goal", "edit", "G3", "--share", "client", "--competency", "Active listening")
    _ok(root, "session", "new")
    kept = _new_id(
        _ok(
            root,
            "action",
            "add",
            "Ask two questions before giving a view",
            "--owner",
            "Jordan",
            "--due",
            "fri",
            "--goal",
            "G3",
            "--accountability",
            "Priya notices it in staff meetings",
        )
    )
    dropped = _new_id(
        _ok(
            root,
            "action",
            "add",
            "Shadow the CFO at the board",
            "--owner",
            "Jordan",
            "--due",
            "+2w",
            "--goal",
            "G2",
            "--accountability",
            "Sam asks about it",
        )
    )
    _ok(root, "action", "edit", kept, "--share", "coach", "--title", "Ask two questions first")
    _ok(root, "action", "reschedule", "w3fn", "+1w")
    _ok(root, "action", "done", "t9hc")
    _ok(root, "action", "drop", dropped, "--reason", "Sam prefers a board pre-read")
    _ok(root, "action", "drop", kept)
    _ok(root, "action", "reopen", kept)
    _ok(
        root, "feedback", "add", "--kind", "mini-survey", "--rating", "R1:manager:G1:2",
        "--rating", "R2:peer:G1:1", "--rating", "R3:direct-report:G1:2",
    )  # fmt: skip
    for kind in ("plan", "progress", "closure"):
        _ok(root, "report", "--kind", kind)
    text = (root / "sessions/02-2026-01-29.md").read_text(encoding="utf-8")
    assert "    rescheduled: [2026-02-20]\n" in text
    assert "    reason: Sam prefers a board pre-read\n" in (
        root / "sessions/03-2026-02-12.md"
    ).read_text(encoding="utf-8")
    assert _findings(root, "2026-02-12") == []

    _ok(
        root, "close", "--open-actions", "keep", "--goal", "G1=achieved",
        "--outcome", "G1=Priya and Tom bring decisions already made", today="2026-03-05",
    )  # fmt: skip
    _ok(root, "session", "new", today="2026-04-20")  # a follow-up session: kind: follow-up
    assert "kind: follow-up" in (root / "sessions/04-2026-04-20.md").read_text(encoding="utf-8")
    assert _findings(root, "2026-04-20") == [
        ("goals/G2-executive-presence-with-the-board.md", "goal-target-after-engagement-end"),
        ("goals/G3-listen-before-deciding.md", "goal-target-after-engagement-end"),
        ("sessions/02-2026-01-29.md", "action-overdue"),
        ("sessions/03-2026-02-12.md", "action-overdue"),
        ("sessions/03-2026-02-12.md", "session-missing-next-steps"),
    ]


def test_close_drop_and_carry_write_keys_lint_knows(tmp_path: Path) -> None:
    for mode in ("drop", "carry"):
        root = tmp_path / mode
        assert run("sample", str(root)).exit_code == 0
        _ok(root, "close", "--open-actions", mode, "--goal", "G1=achieved", "--goal", "G2=dropped")
        text = (root / "sessions/02-2026-01-29.md").read_text(encoding="utf-8")
        key = "reason: engagement closed" if mode == "drop" else "rescheduled: [2026-02-10]"
        assert key in text
        assert _findings(root, "2026-02-12") == [], mode


def test_init_and_phase_write_keys_lint_knows(tmp_path: Path) -> None:
    root = tmp_path / "riley"
    assert run("init", str(root), "--client", "Riley Chen", "--sponsor", "Sam Ortiz").exit_code == 0
    _ok(root, "phase", "assessment")
    # The new agreement is visibly unfinished: one finding per term, and nothing else.
    assert _findings(root, "2026-02-12") == [("engagement.md", "agreement-missing-terms")] * 6
