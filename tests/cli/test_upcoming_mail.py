"""`coachkit upcoming --format mail`: the week's digest a cron job pipes to sendmail -t."""

from __future__ import annotations

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
            "end: 2025-12-19\nfollow_up: [2026-01-30, 2026-02-16]\n---\n",
            "sessions/01-2025-12-19.md": "---\nsession: 1\ndate: 2025-12-19\n---\n",
            "sessions/02-2026-01-30.md": "---\nsession: 2\nkind: follow-up\ndate: 2026-01-30\n"
            "actions:\n"
            "  - id: k7m2\n    title: Review the habits list\n    owner: Riley\n"
            "    due: 2026-02-13\n    status: open\n"
            "  - id: p4vt\n    title: Call Sam <!-- private -->about the reorg<!-- /private -->\n"
            "    owner: Riley\n    due: 2026-02-01\n    status: open\n"
            "  - id: late\n    title: Not in the window\n    owner: Riley\n"
            "    due: 2026-03-01\n    status: open\n---\n",
        },
    )
    return root


DIGEST = """\
Subject: Coaching week of 2026-02-12: 1 session, 1 follow-up, 1 due, 2 overdue

From Thu 2026-02-12 to Thu 2026-02-19, across 2 engagements.

Sessions (1)
  Thu 2026-02-12  today     Jordan Lee (acme): Session 3 (planned)

Follow-ups (1)
  Mon 2026-02-16  in 4d     Riley Chen (globex): Follow-up (planned)

Action items due (1)
  Fri 2026-02-13  in 1d     Riley Chen (globex): `k7m2` Review the habits list (Riley)

Overdue (2)
  Sun 2026-02-01  11d late  Riley Chen (globex): `p4vt` Call Sam (Riley)
  Tue 2026-02-10  2d late   Jordan Lee (acme): `t9hc` Hand the Q3 capacity plan to Priya, with the decision rights written down (Jordan)
"""
FOOTER = "\n-- \ncoachkit upcoming --format mail\n"


def test_the_weeks_digest(practice: Path) -> None:
    result = run("upcoming", str(practice), "--format", "mail")
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout == DIGEST + FOOTER
    assert result.stdout.splitlines()[0].isascii()
    assert "reorg" not in result.stdout  # the private span of p4vt's title


def test_within_widens_the_window_and_check_exits_1(practice: Path) -> None:
    result = run("upcoming", str(practice), "--format", "mail", "--within", "20", "--check")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "Subject: Coaching week of 2026-02-12: 1 session, 1 follow-up, 3 due, 2 overdue\n"
    )
    assert "`late` Not in the window (Riley)" in result.stdout


def test_nothing_due(tmp_path: Path) -> None:
    build_file_tree(tmp_path / "quiet", {"engagement.md": "---\nclient: Quinn\n---\n"})
    result = run("upcoming", str(tmp_path), "--format", "mail", "--check")
    assert result.exit_code == 0
    assert result.stdout == (
        "Subject: Coaching week of 2026-02-12: nothing due\n\n"
        "From Thu 2026-02-12 to Thu 2026-02-19, across 1 engagement.\n\n"
        "Nothing due, planned or overdue.\n" + FOOTER
    )


def test_a_broken_note_is_named_in_one_line_and_hides_nothing(practice: Path) -> None:
    broken = practice / "globex" / "sessions" / "01-2025-12-19.md"
    broken.write_text("---\nsession: 1\ndate: [oops\n---\n", encoding="utf-8")
    result = run("upcoming", str(practice), "--format", "mail")
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Subject: Coaching week of 2026-02-12: 1 session, 1 follow-up, 1 due, 2 overdue, "
        "1 unreadable note"
    )
    problem = result.stderr.strip()
    assert problem.startswith(f"{broken}:") and "\n" not in problem
    at = lines.index("Could not read (1)")
    assert lines[at + 1] == f"  {problem}"
    assert DIGEST.split("\n", 1)[1] in result.stdout  # everything else is still there
