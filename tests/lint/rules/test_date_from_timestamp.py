"""date-from-timestamp (CK107): a date saved by another tool as a midnight-UTC timestamp."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.helpers import commits, committed_files, git, run
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

RULE = "date-from-timestamp"
# What gray-matter (js-yaml) writes for the session's dates when a Node tool saves the note.
GRAY_MATTER = edit(
    edit(SESSION, "date: 2026-02-05", "date: 2026-02-05T00:00:00.000Z"),
    "due: 2026-02-20",
    "due: 2026-02-20T00:00:00+00:00",
)

FIRING = [
    Fires(
        RULE,
        {S: GRAY_MATTER},
        [
            (
                S,
                3,
                7,
                RULE,
                "warning",
                "date '2026-02-05T00:00:00.000Z' is written as a timestamp; --fix writes 2026-02-05",
            ),
            (
                S,
                8,
                10,
                RULE,
                "warning",
                "date '2026-02-20T00:00:00+00:00' is written as a timestamp; --fix writes 2026-02-20",
            ),
        ],
    ),
    Fires(
        "another time of day is no date",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-20T10:00:00.000Z")},
        [
            (
                S,
                8,
                5,
                "invalid-date",
                "error",
                "due must be a date written YYYY-MM-DD, not '2026-02-20T10:00:00.000Z'",
            ),
            (
                S,
                8,
                10,
                "portable-value",
                "warning",
                "'2026-02-20T10:00:00.000Z' is text to coachkit but a date-time to YAML 1.1 tools"
                " (PyYAML, python-frontmatter, Pandoc) and a date-time to YAML 1.2 tools"
                " (ruamel.yaml, js-yaml); --fix writes '2026-02-20T10:00:00.000Z'",
            ),
        ],
    ),
]

QUIET = [
    Quiet(
        "quoted text and keys",
        RULE,
        {
            S: edit(
                SESSION,
                "title: Keep a decision log for a week\n",
                'title: Keep a decision log for a week\n    note: "2026-02-03T00:00:00Z"\n',
            )
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)


def test_a_note_saved_by_gray_matter_reads_and_fixes_back(sample: Path) -> None:
    note = sample / "sessions/02-2026-01-29.md"
    typed = note.read_text(encoding="utf-8")
    assert "date: 2026-01-29\n" in typed
    note.write_text(
        typed.replace("date: 2026-01-29\n", "date: 2026-01-29T00:00:00.000Z\n"), encoding="utf-8"
    )
    git(sample, "commit", "-q", "-am", "Saved by a Node tool")

    listed = run("session", "list", "--json", cwd=sample)
    assert listed.exit_code == 0, listed.output
    assert "2026-01-29" in listed.stdout
    found = run("lint", "--select", RULE, cwd=sample)
    assert found.exit_code == 0, found.output
    assert "warning date-from-timestamp date '2026-01-29T00:00:00.000Z'" in found.stdout

    fixed = run("lint", "--fix", "--select", RULE, cwd=sample)

    assert fixed.exit_code == 0, fixed.output
    assert note.read_text(encoding="utf-8") == typed
    assert commits(sample)[0] == f"Fix lint findings: {RULE}"
    assert committed_files(sample) == ["sessions/02-2026-01-29.md"]
