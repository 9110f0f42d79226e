"""date-not-iso (CK106): a date written without zero padding, such as `due: 2026-3-5`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachkit.lint.finding import TextEdit
from coachkit.notes.reader import parse_note
from tests.fixtures import SESSION
from tests.lint.rules.common import (
    Fires,
    Quiet,
    S,
    check,
    check_quiet,
    edit,
    engagement_at,
    findings_of,
)

FIRING = [
    Fires(
        "date-not-iso",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-2-20")},
        [
            (
                S,
                8,
                10,
                "date-not-iso",
                "warning",
                "date '2026-2-20' is not written YYYY-MM-DD; --fix writes 2026-02-20",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "date-not-iso",
        "date-not-iso",
        {
            S: edit(
                SESSION,
                "title: Keep a decision log for a week\n",
                "title: Keep a decision log from 2026-2-1  # moved from 2026-2-2\n"
                '    note: "2026-2-3"\n    2026-2-4: a date as a key is not a value\n',
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


def test_date_not_iso_carries_a_safe_fix(tmp_path: Path) -> None:
    root = engagement_at(
        tmp_path / "acme",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-2-20\n    done: 2026-3-5")},
    )
    findings = [f for f in findings_of(root) if f.rule == "date-not-iso"]
    text = (root / S).read_text(encoding="utf-8")
    assert [f.edits for f in findings] == [
        (TextEdit(text.index("2026-2-20"), "2026-2-20", "2026-02-20"),),
        (TextEdit(text.index("2026-3-5"), "2026-3-5", "2026-03-05"),),
    ]
    for finding in reversed(findings):
        (change,) = finding.edits
        text = text[: change.offset] + change.new + text[change.offset + len(change.old) :]
    assert parse_note(root / S, text.encode()).meta["actions"][0]["due"] == dt.date(2026, 2, 20)
    assert "due: 2026-02-20\n    done: 2026-03-05\n" in text


def test_date_not_iso_offsets_count_characters_after_a_bom_and_crlf(tmp_path: Path) -> None:
    note = "\ufeff" + edit(SESSION, "date: 2026-02-05", "date: 2026-2-5  # é").replace("\n", "\r\n")
    root = engagement_at(tmp_path / "acme", {S: note.encode("utf-8")})
    (finding,) = findings_of(root)
    text = note[1:]
    assert (finding.rule, finding.line, finding.column) == ("date-not-iso", 3, 7)
    assert finding.edits == (TextEdit(text.index("2026-2-5"), "2026-2-5", "2026-02-05"),)
