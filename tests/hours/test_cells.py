"""Spreadsheet-safe cells: OWASP's CSV injection prefixes, and nothing else touched."""

from __future__ import annotations

import datetime as dt

import pytest

from coachkit.hours.cells import safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Jordan Lee", "Jordan Lee"),
        ("a=b", "a=b"),
        ("", ""),
        (-1.5, -1.5),  # numbers are numbers
        (dt.date(2026, 1, 2), dt.date(2026, 1, 2)),
        (None, None),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected
