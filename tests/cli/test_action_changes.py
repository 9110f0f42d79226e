"""`coachkit action edit|reschedule|reopen|drop --reason` through the CLI, on the sample."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.helpers import commits, committed_files, git, run

SESSION_2 = Path("sessions/02-2026-01-29.md")


def _changed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def _step(sample: Path, *args: str) -> tuple[list[str], list[str]]:
    """Run ``coachkit ARGS``; the lines it removed from and added to session 2."""
    note = sample / SESSION_2
    before = note.read_text(encoding="utf-8")
    result = run(*args, cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{note}\n"
    assert committed_files(sample) == [str(SESSION_2)]
    return _changed(before, note.read_text(encoding="utf-8"))


def test_reschedule_keeps_each_earlier_due_date(sample: Path) -> None:
    removed, added = _step(sample, "action", "reschedule", "t9hc", "fri")
    assert (removed, added) == (
        ["    due: 2026-02-10"],
        ["    due: 2026-02-13", "    rescheduled: [2026-02-10]"],
    )
    assert commits(sample)[0].startswith("Reschedule action t9hc to 2026-02-13 (was 2026-02-10)")
    result = run("action", "reschedule", "T9HC", "+2w", cwd=sample)
    assert "due 2026-02-26 (Thu)" in result.stderr
    assert "t9hc was due 2026-02-13; rescheduled twice" in result.stderr
    text = (sample / SESSION_2).read_text(encoding="utf-8")
    assert "    due: 2026-02-26\n" in text
    assert "    rescheduled: [2026-02-10, 2026-02-13]\n" in text


def test_reschedule_appends_to_a_block_list(sample: Path) -> None:
    note = sample / SESSION_2
    text = note.read_text(encoding="utf-8").replace(
        "    accountability: Priya presents the plan at the staff meeting\n",
        "    accountability: Priya presents the plan at the staff meeting\n"
        "    rescheduled:\n      - 2026-02-03\n",
    )
    note.write_text(text, encoding="utf-8")
    git(sample, "commit", "-qam", "by hand")
    _removed, added = _step(sample, "action", "reschedule", "t9hc", "2026-02-20")
    assert added == ["    due: 2026-02-20", "      - 2026-02-10"]


def test_edit_changes_only_the_given_lines(sample: Path) -> None:
    removed, added = _step(
        sample, "action", "edit", "w3fn", "--owner", "Sam", "--goal", "g1", "--share", "coach",
        "--due", "2026-02-27",
    )  # fmt: skip
    assert removed == [
        "    owner: Jordan",
        "    due: 2026-02-20",
        "    goal: G2",
        "    share: sponsor",
    ]
    assert added == ["    owner: Sam", "    due: 2026-02-27", "    goal: G1", "    share: coach"]
    assert commits(sample)[0].startswith("Edit action w3fn (owner, due, goal, share): Rewrite")
    assert "rescheduled" not in (sample / SESSION_2).read_text(encoding="utf-8")


def test_drop_with_a_reason_then_reopen(sample: Path) -> None:
    removed, added = _step(
        sample, "action", "drop", "t9hc", "--reason", "Priya owns the capacity plan now"
    )
    assert removed == ["    status: open"]
    assert added == ["    status: dropped", "    reason: Priya owns the capacity plan now"]
    removed, added = _step(sample, "action", "reopen", "t9hc")
    assert removed == ["    status: dropped", "    reason: Priya owns the capacity plan now"]
    assert added == ["    status: open"]
    assert commits(sample)[0].startswith("Reopen action t9hc:")


def test_reopen_a_done_item_removes_its_done_date(sample: Path) -> None:
    before = (sample / SESSION_2).read_text(encoding="utf-8")
    assert run("action", "done", "t9hc", cwd=sample).exit_code == 0
    _step(sample, "action", "reopen", "t9hc")
    assert (sample / SESSION_2).read_text(encoding="utf-8") == before


def test_nothing_to_change_writes_nothing(sample: Path) -> None:
    head = git(sample, "rev-parse", "HEAD")
    for args in (
        ("action", "reopen", "t9hc"),
        ("action", "edit", "t9hc", "--owner", "Jordan"),
        ("action", "reschedule", "t9hc", "2026-02-10"),
    ):
        result = run(*args, cwd=sample)
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
        assert "nothing changed" in result.stderr
    assert git(sample, "rev-parse", "HEAD") == head


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("action", "edit", "zzzz", "--owner", "Sam"), "no action item 'zzzz'"),
        (("action", "reschedule", "zzzz", "fri"), "no action item 'zzzz'"),
        (("action", "reopen", "zzzz"), "no action item 'zzzz'"),
        (("action", "drop", "zzzz", "--reason", "x"), "no action item 'zzzz'"),
        (("action", "edit", "t9hc"), "nothing to change: give at least one of --title"),
        (("action", "edit", "t9hc", "--goal", "G7"), "no goal 'G7' in this engagement"),
        (("action", "edit", "t9hc", "--owner", " "), "--owner must not be empty"),
        (("action", "drop", "t9hc", "--reason", ""), "--reason must not be empty"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    sample: Path, args: tuple[str, ...], message: str
) -> None:
    before = (sample / SESSION_2).read_bytes()
    result = run(*args, cwd=sample)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert (sample / SESSION_2).read_bytes() == before


def test_reschedule_refuses_a_closed_item(sample: Path) -> None:
    assert run("action", "done", "t9hc", cwd=sample).exit_code == 0
    result = run("action", "reschedule", "t9hc", "fri", cwd=sample)
    assert result.exit_code == 2
    assert "action t9hc is done; reopen it first with `coachkit action reopen t9hc`" in (
        result.stderr
    )
