"""`coachkit close --open-actions keep|drop|carry`, and what close does without it."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import commits, committed_files, git, run

SESSION_2 = Path("sessions/02-2026-01-29.md")


def test_without_the_option_and_no_terminal_close_keeps_them_and_says_so(sample: Path) -> None:
    before = (sample / SESSION_2).read_text(encoding="utf-8")
    result = run("close", cwd=sample)
    assert result.exit_code == 0, result.output
    assert (
        "2 open action items left open (the default; --open-actions drop or carry to change "
        "that): t9hc, w3fn"
    ) in result.stderr.splitlines()
    assert (sample / SESSION_2).read_text(encoding="utf-8") == before
    assert committed_files(sample) == ["engagement.md"]


def test_keep(sample: Path) -> None:
    result = run("close", "--open-actions", "keep", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "2 open action items left open: t9hc, w3fn" in result.stderr.splitlines()
    assert commits(sample)[0] == "Close the engagement with Jordan Lee"


def test_drop_gives_each_the_reason(sample: Path) -> None:
    result = run("close", "--open-actions", "drop", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "dropped 2 open action items (engagement closed): t9hc, w3fn" in result.stderr
    text = (sample / SESSION_2).read_text(encoding="utf-8")
    assert text.count("    status: dropped\n    goal:") == 2
    assert text.count("    reason: engagement closed\n") == 2
    assert commits(sample)[0] == "Close the engagement with Jordan Lee; drop 2 open action items"
    assert sorted(committed_files(sample)) == ["engagement.md", str(SESSION_2)]
    listed = run("action", "list", cwd=sample)
    assert "No open action items." in listed.output


def test_carry_moves_items_due_before_the_first_follow_up_to_it(sample: Path) -> None:
    result = run(
        "close", "--open-actions", "carry", "--follow-up", "2026-02-18", "--follow-up",
        "2026-04-01", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "carried into the follow-up period, still open: t9hc due 2026-02-18 (was 2026-02-10), "
        "w3fn due 2026-02-20"
    ) in result.stderr.splitlines()
    text = (sample / SESSION_2).read_text(encoding="utf-8")
    assert "    due: 2026-02-18\n" in text
    assert "    rescheduled: [2026-02-10]\n" in text
    assert "    due: 2026-02-20\n" in text
    assert commits(sample)[0] == (  # the subject, at most 72 characters
        "Close the engagement with Jordan Lee; carry 2 open action items into…"
    )
    assert git(sample, "log", "-1", "--format=%b").strip() == (
        "Close the engagement with Jordan Lee; carry 2 open action items into the follow-up period"
    )
    overdue = run("overdue", cwd=sample)
    assert "Nothing overdue" in overdue.output


def test_an_unknown_choice_is_refused(sample: Path) -> None:
    result = run("close", "--open-actions", "forget", cwd=sample)
    assert result.exit_code == 2
    assert "Invalid value for '--open-actions'" in result.stderr
    assert commits(sample)[0].startswith("Add the sample engagement")
