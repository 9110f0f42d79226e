"""Listings' CSV as a spreadsheet opens it: no formula runs, ids stay text, --excel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from coachkit.cli import cli
from tests.helpers import build_file_tree, run

SESSION = """\
---
session: 1
date: 2026-01-05
actions:
  - id: "012"
    title: '=HYPERLINK("http://evil.test","click")'
    owner: "012"
    due: 2026-01-10
    status: open
  - id: b2c3
    title: "@SUM(A1) and -1"
    owner: Jordan
    due: 2026-01-11
    status: open
---
# Notes
"""


def _engagement(tmp_path: Path) -> Path:
    return build_file_tree(
        tmp_path / "acme",
        {
            "engagement.md": "---\nclient: Jordan Lee\nphase: coaching\nstart: 2026-01-01\n---\n",
            "sessions/01-2026-01-05.md": SESSION,
        },
    )


def test_formula_starts_and_number_like_text_are_neutralised(tmp_path: Path) -> None:
    root = _engagement(tmp_path)
    result = run("overdue", str(root), "--format", "csv", env={"COACHKIT_TODAY": "2026-02-01"})
    assert result.exit_code == 0, result.output
    records = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["title"], r["owner"]) for r in records] == [
        ("'012", '\'=HYPERLINK("http://evil.test","click")', "'012"),
        ("b2c3", "'@SUM(A1) and -1", "Jordan"),
    ]
    assert records[0]["days_overdue"] == "22"  # real numbers stay numbers
    assert "\r" not in result.stdout and not result.stdout.startswith("\ufeff")


def _bytes(*args: str) -> bytes:
    """Raw stdout: click's test runner would turn CRLF back into LF in ``stdout``."""
    result = CliRunner().invoke(cli, list(args), env={"COACHKIT_TODAY": "2026-02-01"})
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_excel_adds_a_bom_and_crlf(tmp_path: Path) -> None:
    root = str(_engagement(tmp_path))
    plain = _bytes("action", "list", root, "--format", "csv")
    excel = _bytes("action", "list", root, "--excel")
    assert excel == b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n")
    assert excel.count(b"\r\n") == 3 and b"\r\r" not in excel
    assert _bytes("action", "list", root, "--excel", "--format", "csv") == excel


def test_excel_refuses_another_format(tmp_path: Path) -> None:
    root = _engagement(tmp_path)
    for other in (("--json",), ("--format", "table")):
        result = run("overdue", str(root), "--excel", *other)
        assert result.exit_code == 2
        assert "--excel writes CSV" in result.stderr
        assert result.stdout == ""
