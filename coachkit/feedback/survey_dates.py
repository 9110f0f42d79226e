"""The round's date from an export's timestamps: the latest answer's day.

Tools write timestamps their own way: ``2026-03-14 10:05:12`` (Qualtrics),
``2026/03/14 10:05:12 AM GMT`` (Google Forms), ``3/14/2026 10:05:12`` (Google
Sheets, Microsoft Forms, SurveyMonkey in US English), ``14/03/2026 10:05`` (the
same in British English), ``14.03.2026`` (German). Day and month are told apart
over the whole column: a first number above 12 means day first, a second one
month first; when no value settles it, month first (the tools' default), and
the import says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["RoundDate", "latest_date"]

_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[\sT])")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:$|[\s,])")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|[\s,])")


@dataclass
class RoundDate:
    """The latest day found, a note on how it was read, and the values that were not dates."""

    day: dt.date | None = None
    note: str = ""
    problems: list[tuple[int, str]] = field(default_factory=list)


def latest_date(values: Sequence[tuple[int, str]]) -> RoundDate:
    """The latest date among ``values`` (line, text); unreadable ones are ``problems``."""
    found = RoundDate()
    slashed: list[tuple[int, int, int, int]] = []
    days: list[dt.date] = []
    for line, raw in values:
        text = raw.strip()
        parts = _YEAR_FIRST.match(text)
        if parts:
            day = _day(int(parts[1]), int(parts[2]), int(parts[3]))
        elif parts := _DOTTED.match(text):
            day = _day(int(parts[3]), int(parts[2]), int(parts[1]))
        elif parts := _SLASHED.match(text):
            year = int(parts[3]) + (2000 if len(parts[3]) == 2 else 0)
            slashed.append((line, int(parts[1]), int(parts[2]), year))
            continue
        else:
            day = None
        if day is None:
            found.problems.append((line, text))
        else:
            days.append(day)
    if slashed:
        day_first = any(a > 12 for _, a, _, _ in slashed)
        month_first = any(b > 12 for _, _, b, _ in slashed)
        if day_first and month_first:
            found.problems += [(line, f"{a}/{b}/{y}") for line, a, b, y in slashed]
        else:
            for line, a, b, year in slashed:
                day = _day(year, b, a) if day_first else _day(year, a, b)
                if day is None:
                    found.problems.append((line, f"{a}/{b}/{year}"))
                else:
                    days.append(day)
            if not day_first and not month_first:
                found.note = "timestamps read month first (3/4 is 4 March); give --date if not"
    found.day = max(days) if days else None
    return found


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
