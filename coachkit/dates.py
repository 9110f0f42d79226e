"""Dates as a coach types them: ISO, words, weekdays and offsets.

Grammar (case-insensitive): ``YYYY-MM-DD``, ``today``, ``tomorrow``, ``yesterday``,
a weekday name or its first three letters (the next one after today), ``+3d``,
``-2d``, ``+2w``, ``+1mo`` (calendar months), ``eow`` (this week's Friday, or next
week's once the weekend has begun) and ``eom`` (the month's last day).
``COACHKIT_TODAY=YYYY-MM-DD`` fixes "today" for tests and scripts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re

from coachkit.errors import InvalidDate

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_OFFSET_RE = re.compile(r"^([+-]?)(\d+)(d|w|mo|m|y)$")
_ISO_RE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
GRAMMAR_HINT = "use YYYY-MM-DD, today, tomorrow, yesterday, a weekday, +3d, +2w, +1mo, eow or eom"


def date_problem(text: str) -> str | None:
    """Why ``text`` (already shaped like YYYY-MM-DD) is not a real date, or None."""
    match = DATE_RE.match(text)
    if not match:
        return f"invalid date {text!r}: write dates as YYYY-MM-DD"
    year, month, day = (int(g) for g in match.groups())
    if year < 1:
        return f"invalid date {text!r}: there is no year 0"
    if not 1 <= month <= 12:
        return f"invalid date {text!r}: there is no month {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        return f"invalid date {text!r}: {name} {year} has {last} days"
    return None


def today() -> dt.date:
    """Today, or the date in ``COACHKIT_TODAY`` when it is set."""
    fixed = os.environ.get("COACHKIT_TODAY")
    if fixed:
        problem = date_problem(fixed) if _ISO_RE.match(fixed) else "it is not YYYY-MM-DD"
        if problem:
            raise InvalidDate(f"COACHKIT_TODAY={fixed!r} is not a date: {problem}")
        return dt.date.fromisoformat(_pad(fixed))
    return dt.date.today()


def _pad(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def add_months(start: dt.date, months: int) -> dt.date:
    """``start`` moved by whole calendar months, clamped to the month's last day."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last))


def shift(start: dt.date, amount: int, unit: str) -> dt.date:
    """``start`` moved by ``amount`` days (d), weeks (w), months (mo) or years (y).

    Raises :class:`InvalidDate` when that falls outside years 1 to 9999.
    """
    try:
        if unit == "d":
            return start + dt.timedelta(days=amount)
        if unit == "w":
            return start + dt.timedelta(weeks=amount)
        if unit == "mo":
            return add_months(start, amount)
        return add_months(start, 12 * amount)
    except (OverflowError, ValueError):
        raise InvalidDate(
            f"{start.isoformat()} moved by {amount}{unit} is out of range: "
            "dates run from 0001-01-01 to 9999-12-31"
        ) from None


def parse_date(text: str, base: dt.date | None = None) -> dt.date:
    """Resolve a date typed on the command line; raises :class:`InvalidDate`."""
    base = base or today()
    try:
        return _resolve(text, base)
    except OverflowError:
        raise InvalidDate(
            f"{text.strip()!r} from {base.isoformat()} is out of range: "
            "dates run from 0001-01-01 to 9999-12-31"
        ) from None


def _resolve(text: str, base: dt.date) -> dt.date:
    word = text.strip().lower()
    if _ISO_RE.match(word):
        problem = date_problem(word)
        if problem:
            raise InvalidDate(problem)
        return dt.date.fromisoformat(_pad(word))
    simple = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if word in simple:
        return base + dt.timedelta(days=simple[word])
    for index, name in enumerate(WEEKDAYS):
        if word in (name, name[:3]):
            ahead = (index - base.weekday()) % 7 or 7
            return base + dt.timedelta(days=ahead)
    if word == "eow":
        ahead = (4 - base.weekday()) % 7
        return base + dt.timedelta(days=ahead)
    if word == "eom":
        return base.replace(day=calendar.monthrange(base.year, base.month)[1])
    offset = _OFFSET_RE.match(word)
    if offset:
        sign, amount, unit = offset.groups()
        if unit == "m":
            raise InvalidDate(f"{text!r} is ambiguous: write {sign or '+'}{amount}mo for months")
        try:
            return shift(base, -int(amount) if sign == "-" else int(amount), unit)
        except InvalidDate:
            raise InvalidDate(
                f"{text!r} is out of range: dates run from 0001-01-01 to 9999-12-31"
            ) from None
    raise InvalidDate(f"{text!r} is not a date: {GRAMMAR_HINT}")


_CADENCE_RE = re.compile(r"^(\d+)\s*(d|w|mo)$")


def parse_cadence(text: str) -> tuple[int, str]:
    """A cadence such as ``2w``, ``10d`` or ``1mo`` as (amount, unit)."""
    match = _CADENCE_RE.match(str(text).strip().lower())
    if not match or int(match.group(1)) == 0:
        raise InvalidDate(f"cadence {text!r} is not understood: use e.g. 1w, 2w, 10d or 1mo")
    return int(match.group(1)), match.group(2)


def describe(day: dt.date) -> str:
    """``2026-03-13 (Fri)``: how a resolved date is echoed."""
    return f"{day.isoformat()} ({day.strftime('%a')})"


_CLOCK_RE = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")


def clock_problem(value: object) -> str | None:
    """Why ``value`` is not a local time of day written ``HH:MM`` (00:00 to 23:59), or None.

    Session notes keep their start this way; the calendar and the coaching log read it.
    """
    match = _CLOCK_RE.match(value) if isinstance(value, str) else None
    if match is None:
        return f"must be a time written HH:MM, e.g. 09:30, not {value!r}"
    if int(match.group(1)) > 23 or int(match.group(2)) > 59:
        return f"{value!r} is not a time of day: use 00:00 to 23:59"
    return None


def normal_clock(text: str) -> str:
    """A valid ``H:MM`` or ``HH:MM`` as ``HH:MM``."""
    hours, minutes = text.split(":")
    return f"{int(hours):02d}:{minutes}"
