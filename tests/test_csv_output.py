"""Spreadsheet-safe cells: OWASP's CSV injection prefixes, number-like text kept as text."""

from __future__ import annotations

import datetime as dt

import pytest

from coachkit.csv_output import safe_cell


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
        ("012", "'012"),  # an id or owner a spreadsheet would turn into 12
        ("2.10", "'2.10"),
        ("G1", "G1"),
        (12, 12),
        ("", ""),
        (-1.5, -1.5),  # numbers are numbers
        (dt.date(2026, 1, 2), dt.date(2026, 1, 2)),
        (None, None),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected
