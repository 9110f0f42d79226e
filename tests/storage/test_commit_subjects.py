"""Commit subjects stay on one line of at most 72 characters; the body keeps the full title."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachkit.storage.commits import SUBJECT_LIMIT, commit_message
from tests.helpers import git, run

LONG = (
    "Hand the Q3 capacity plan to Priya, with the decision rights written down and "
    "agreed with the sponsor before the offsite"
)


def _last_commit(root: Path) -> tuple[str, str]:
    return git(root, "log", "-1", "--format=%s"), git(root, "log", "-1", "--format=%b").strip()


def test_a_long_title_is_cut_in_the_subject_and_kept_in_the_body(sample: Path) -> None:
    result = run(
        "action", "add", LONG, "--owner", "Jordan", "--due", "2026-03-01", cwd=sample,
        env={"COACHKIT_TODAY": "2026-02-12"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    subject, body = _last_commit(sample)
    subject = subject.rstrip("\n")
    assert len(subject) <= SUBJECT_LIMIT and subject.endswith("…")
    assert subject.startswith("Add action ") and "Hand the Q3 capacity plan" in subject
    assert body.endswith(LONG)
    assert f"committed {git(sample, 'rev-parse', '--short', 'HEAD').strip()}: {subject}\n" in (
        result.stderr
    )


def test_a_title_with_a_line_break_makes_a_one_line_subject(sample: Path) -> None:
    result = run("goal", "add", "Speak up\nin staff meetings", cwd=sample)
    assert result.exit_code == 0, result.output
    subject, body = _last_commit(sample)
    assert subject.endswith(": Speak up in staff meetings\n")
    assert body.endswith("Speak up\nin staff meetings")


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("Add session 3 (2026-02-12)", "Add session 3 (2026-02-12)"),
        ("a\r\nb", "a b"),
        ("x" * 80, "x" * 71 + "…"),
        ("word " * 20, ("word " * 14).rstrip() + "…"),
    ],
)
def test_commit_message(title: str, subject: str) -> None:
    got_subject, whole = commit_message(title)
    assert got_subject == subject and len(got_subject) <= SUBJECT_LIMIT
    assert whole == subject if subject == title else whole == f"{subject}\n\n{title.strip()}"
