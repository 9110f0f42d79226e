"""`session new`: sessions in date order, follow-ups after closure, and the phase they move."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import commits, committed_files, git, run


def _close(sample: Path) -> None:
    result = run(
        "close", "--end", "2026-07-10", "--goal", "G1=achieved", "--goal", "G2=achieved",
        "--follow-up", "2026-08-21", "--follow-up", "2026-10-02", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def _refused(sample: Path, *args: str) -> str:
    head = commits(sample)
    result = run("session", "new", *args, cwd=sample)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert commits(sample) == head
    assert git(sample, "status", "--porcelain") == ""
    return result.stderr


def test_a_date_before_the_latest_session_is_refused_without_backdate(sample: Path) -> None:
    assert _refused(sample, "--date", "2026-01-20") == (
        "coachkit: 2026-01-20 is before the latest session (sessions/02-2026-01-29.md, "
        "2026-01-29); pass --backdate to write an earlier session in date order\n"
    )


def test_a_second_session_on_one_date_needs_again(sample: Path) -> None:
    assert "pass --again" in _refused(sample, "--date", "2026-01-29")
    result = run("session", "new", "--date", "2026-01-29", "--again", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{sample / 'sessions' / '03-2026-01-29.md'}\n"


def test_a_date_before_the_start_is_refused(sample: Path) -> None:
    assert _refused(sample, "--date", "2026-01-05") == (
        "coachkit: 2026-01-05 is before the engagement started (2026-01-12); check --date\n"
    )


def test_backdate_never_takes_a_number_a_later_note_has(sample: Path) -> None:
    assert "would be number 2, which sessions/02-2026-01-29.md already has" in _refused(
        sample, "--date", "2026-01-20", "--backdate"
    )


def test_backdate_numbers_and_prefills_as_of_its_date(sample: Path) -> None:
    # Session 2 is renamed 3 by hand, leaving number 2 free for the forgotten session.
    git(sample, "mv", "sessions/02-2026-01-29.md", "sessions/03-2026-01-29.md")
    note = sample / "sessions" / "03-2026-01-29.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace("session: 2\n", "session: 3\n"), "utf-8"
    )
    git(sample, "commit", "-qam", "Renumber session 2 as 3")
    result = run("session", "new", "--date", "2026-01-22", "--backdate", cwd=sample)
    assert result.exit_code == 0, result.output
    path = sample / "sessions" / "02-2026-01-22.md"
    assert result.stdout == f"{path}\n"
    assert "back-dated: session 2 is prefilled with what was open on 2026-01-22" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert "From session 1 (2026-01-15)" in text
    # t9hc and w3fn were agreed in the session of 2026-01-29: not open yet on 2026-01-22.
    assert "t9hc" not in text and "w3fn" not in text


def test_prefill_lists_items_done_after_the_date_as_open_then() -> None:
    import datetime as dt

    from coachkit.engagement.model import ActionItem, Engagement, Session
    from coachkit.writers.sessions import open_on

    root = Path("/e")
    s1 = Session(1, dt.date(2026, 1, 15), None, None, root / "sessions/01.md", "", 1)
    s2 = Session(2, dt.date(2026, 1, 29), None, None, root / "sessions/02.md", "", 1)

    def item(id_: str, path: Path, status: str, done: dt.date | None) -> ActionItem:
        return ActionItem(id_, id_, "J", None, status, None, None, done, path, 1, 1)

    engagement = Engagement(root, {}, sessions=[s1, s2])
    engagement.actions = [
        item("done-after", s1.path, "done", dt.date(2026, 1, 25)),
        item("done-before", s1.path, "done", dt.date(2026, 1, 18)),
        item("later", s2.path, "open", None),
        item("agreed-outside", root / "engagement.md", "open", None),
    ]
    assert [i.id for i in open_on(engagement, dt.date(2026, 1, 20))] == [
        "agreed-outside",
        "done-after",
    ]


def test_first_session_while_contracting_says_how_to_move_on(sample: Path) -> None:
    assert run("phase", "contracting", cwd=sample).exit_code == 0
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "phase is contracting: `coachkit phase coaching` when coaching starts" in result.stderr
    assert committed_files(sample) == ["sessions/03-2026-02-12.md"]


def test_a_follow_up_after_closure_moves_the_phase_in_the_same_commit(sample: Path) -> None:
    _close(sample)
    result = run("session", "new", "--date", "2026-08-21", cwd=sample)
    assert result.exit_code == 0, result.output
    path = sample / "sessions" / "03-2026-08-21.md"
    assert result.stdout == f"{path}\n{sample / 'engagement.md'}\n"
    assert "follow-up 1 (session 3) on 2026-08-21" in result.stderr
    assert "not counted against the contract" in result.stderr
    assert "phase: closure -> follow-up" in result.stderr
    text = path.read_text(encoding="utf-8")
    assert "kind: follow-up" in text
    assert "# Follow-up 1 with Jordan Lee: 2026-08-21" in text
    assert "next_session: 2026-10-02\n" in text
    assert "## What held" in text and "## What slipped" in text
    assert commits(sample)[0] == "Add follow-up session 3 (2026-08-21); phase follow-up"
    assert sorted(committed_files(sample)) == ["engagement.md", "sessions/03-2026-08-21.md"]
    assert "phase: follow-up\n" in (sample / "engagement.md").read_text(encoding="utf-8")
    rows = json.loads(run("session", "list", "--json", cwd=sample).stdout)
    assert [r["kind"] for r in rows] == ["session", "session", "follow-up"]

    second = run("session", "new", "--date", "2026-10-02", cwd=sample)
    assert second.exit_code == 0, second.output
    assert second.stdout == f"{sample / 'sessions' / '04-2026-10-02.md'}\n"
    assert "follow-up 2 (session 4)" in second.stderr
    assert committed_files(sample) == ["sessions/04-2026-10-02.md"]


def test_a_follow_up_before_the_end_is_refused(sample: Path) -> None:
    assert _refused(sample, "--kind", "follow-up", "--date", "2026-03-01") == (
        "coachkit: a follow-up session comes after the engagement's end (2026-07-10), not on "
        "2026-03-01; leave out --kind follow-up for a coaching session\n"
    )
    _close(sample)
    assert "not on 2026-07-10" in _refused(sample, "--kind", "follow-up", "--date", "2026-07-10")


def test_a_closing_session_before_the_end_is_a_coaching_session(sample: Path) -> None:
    _close(sample)
    result = run("session", "new", "--date", "2026-07-09", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "kind: follow-up" not in Path(result.stdout.strip()).read_text(encoding="utf-8")


def test_a_session_past_the_end_while_coaching_says_so(sample: Path) -> None:
    result = run("session", "new", "--date", "2026-07-20", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "2026-07-20 is after the planned end (2026-07-10): counted as a coaching session" in (
        result.stderr
    )


def test_a_follow_up_template_must_write_its_kind(sample: Path) -> None:
    _close(sample)
    (sample / "templates").mkdir()
    (sample / "templates" / "follow-up.md.j2").write_text(
        "---\nsession: {{ session.number }}\n---\n# Mine\n", encoding="utf-8"
    )
    git(sample, "add", "templates")
    git(sample, "commit", "-qm", "A follow-up template without its kind")
    assert "does not write `kind: follow-up`" in _refused(sample, "--date", "2026-08-21")
