"""Dates as a coach types them, resolved against COACHKIT_TODAY=2026-02-12 (a Thursday)."""

from __future__ import annotations

import datetime as dt

import pytest

from coachkit.cli.error_handler import exit_code_for
from coachkit.dates import add_months, describe, parse_cadence, parse_date, shift, today
from coachkit.errors import InvalidDate

THURSDAY = dt.date(2026, 2, 12)
HINT = "use YYYY-MM-DD, today, tomorrow, yesterday, a weekday, +3d, +2w, +1mo, eow or eom"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def error_of(text: str, base: dt.date | None = None) -> str:
    with pytest.raises(InvalidDate) as caught:
        parse_date(text, base)
    return str(caught.value)


def test_conftest_fixes_today_on_a_thursday() -> None:
    assert today() == THURSDAY
    assert today().strftime("%A") == "Thursday"


# --- ISO ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-01", "2026-03-01"),
        ("2026-3-1", "2026-03-01"),
        ("2026-12-31", "2026-12-31"),
        ("2024-02-29", "2024-02-29"),
        ("  2026-02-20  ", "2026-02-20"),
        ("1999-01-01", "1999-01-01"),
    ],
)
def test_iso_dates(text: str, expected: str) -> None:
    assert parse_date(text) == d(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "invalid date '2026-02-30': February 2026 has 28 days"),
        ("2025-02-29", "invalid date '2025-02-29': February 2025 has 28 days"),
        ("2026-04-31", "invalid date '2026-04-31': April 2026 has 30 days"),
        ("2026-13-01", "invalid date '2026-13-01': there is no month 13"),
        ("2026-00-10", "invalid date '2026-00-10': there is no month 0"),
        ("2026-01-00", "invalid date '2026-01-00': January 2026 has 31 days"),
        ("0000-01-01", "invalid date '0000-01-01': there is no year 0"),
    ],
)
def test_impossible_iso_dates(text: str, message: str) -> None:
    assert error_of(text) == message


# --- words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-02-12"),
        ("tomorrow", "2026-02-13"),
        ("yesterday", "2026-02-11"),
        ("Today", "2026-02-12"),
        ("TOMORROW", "2026-02-13"),
        (" yesterday ", "2026-02-11"),
    ],
)
def test_relative_words(text: str, expected: str) -> None:
    assert parse_date(text) == d(expected)


def test_words_use_the_given_base() -> None:
    assert parse_date("tomorrow", d("2026-12-31")) == d("2027-01-01")
    assert parse_date("yesterday", d("2024-03-01")) == d("2024-02-29")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("monday", "2026-02-16"),
        ("tuesday", "2026-02-17"),
        ("wednesday", "2026-02-18"),
        ("thursday", "2026-02-19"),
        ("friday", "2026-02-13"),
        ("saturday", "2026-02-14"),
        ("sunday", "2026-02-15"),
    ],
)
def test_weekday_names_mean_the_next_one_after_today(name: str, expected: str) -> None:
    assert parse_date(name) == d(expected)
    assert parse_date(name[:3]) == d(expected)
    assert parse_date(name.upper()) == d(expected)
    assert parse_date(name[:3].title()) == d(expected)


def test_todays_weekday_is_a_week_later() -> None:
    assert parse_date("thu") == d("2026-02-19")
    assert parse_date("Thursday") == d("2026-02-19")
    assert parse_date("fri", d("2026-02-13")) == d("2026-02-20")


def test_weekday_names_across_a_month_end() -> None:
    assert parse_date("mon", d("2026-02-27")) == d("2026-03-02")


@pytest.mark.parametrize(
    "text", ["tues", "thurs", "weds", "mo", "th", "next monday", "monday next"]
)
def test_other_weekday_spellings_are_refused(text: str) -> None:
    assert error_of(text) == f"{text!r} is not a date: {HINT}"


# --- offsets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+3d", "2026-02-15"),
        ("3d", "2026-02-15"),
        ("-2d", "2026-02-10"),
        ("+0d", "2026-02-12"),
        ("+30d", "2026-03-14"),
        ("+2w", "2026-02-26"),
        ("-1w", "2026-02-05"),
        ("+1mo", "2026-03-12"),
        ("-1mo", "2026-01-12"),
        ("+12mo", "2027-02-12"),
        ("+1y", "2027-02-12"),
        ("-1y", "2025-02-12"),
        ("+3D", "2026-02-15"),
        ("+1MO", "2026-03-12"),
        (" +2W ", "2026-02-26"),
    ],
)
def test_offsets(text: str, expected: str) -> None:
    assert parse_date(text) == d(expected)


@pytest.mark.parametrize(
    ("base", "text", "expected"),
    [
        ("2026-01-31", "+1mo", "2026-02-28"),
        ("2024-01-31", "+1mo", "2024-02-29"),
        ("2026-03-31", "-1mo", "2026-02-28"),
        ("2026-01-31", "+3mo", "2026-04-30"),
        ("2026-01-31", "+13mo", "2027-02-28"),
        ("2026-12-15", "+1mo", "2027-01-15"),
        ("2026-01-15", "-1mo", "2025-12-15"),
        ("2024-02-29", "+1y", "2025-02-28"),
        ("2024-02-29", "+4y", "2028-02-29"),
        ("2026-08-31", "+6mo", "2027-02-28"),
    ],
)
def test_months_clamp_to_the_month_end(base: str, text: str, expected: str) -> None:
    assert parse_date(text, d(base)) == d(expected)


def test_add_months_and_shift_directly() -> None:
    assert add_months(d("2026-01-31"), 1) == d("2026-02-28")
    assert add_months(d("2026-05-31"), -3) == d("2026-02-28")
    assert add_months(d("2026-02-12"), -14) == d("2024-12-12")
    assert shift(d("2026-02-12"), 2, "w") == d("2026-02-26")
    assert shift(d("2026-02-12"), -1, "y") == d("2025-02-12")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("+1m", "'+1m' is ambiguous: write +1mo for months"),
        ("1m", "'1m' is ambiguous: write +1mo for months"),
        ("-3m", "'-3m' is ambiguous: write -3mo for months"),
        ("+2M", "'+2M' is ambiguous: write +2mo for months"),
    ],
)
def test_bare_m_is_refused_as_ambiguous(text: str, message: str) -> None:
    assert error_of(text) == message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "+99999999999d",
            "'+99999999999d' is out of range: dates run from 0001-01-01 to 9999-12-31",
        ),
        ("+10000y", "'+10000y' is out of range: dates run from 0001-01-01 to 9999-12-31"),
        ("-3000y", "'-3000y' is out of range: dates run from 0001-01-01 to 9999-12-31"),
    ],
)
def test_offsets_beyond_the_calendar_are_refused(text: str, message: str) -> None:
    assert error_of(text) == message


# --- eow / eom ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("2026-02-09", "2026-02-13"),  # Monday
        ("2026-02-12", "2026-02-13"),  # Thursday
        ("2026-02-13", "2026-02-13"),  # Friday: today
        ("2026-02-14", "2026-02-20"),  # Saturday: next week's Friday
        ("2026-02-15", "2026-02-20"),  # Sunday: next week's Friday
        ("2026-02-28", "2026-03-06"),  # Saturday across a month end
    ],
)
def test_eow_is_this_weeks_friday(base: str, expected: str) -> None:
    assert parse_date("eow", d(base)) == d(expected)


def test_eow_and_eom_against_today() -> None:
    assert parse_date("eow") == d("2026-02-13")
    assert parse_date("EOW") == d("2026-02-13")
    assert parse_date("eom") == d("2026-02-28")
    assert parse_date("EoM") == d("2026-02-28")


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("2024-02-10", "2024-02-29"),
        ("2026-04-30", "2026-04-30"),
        ("2026-12-05", "2026-12-31"),
        ("2026-01-01", "2026-01-31"),
    ],
)
def test_eom_is_the_months_last_day(base: str, expected: str) -> None:
    assert parse_date("eom", d(base)) == d(expected)


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "next week",
        "Next Week",
        "+1 d",
        "+1w2d",
        "26-02-12",
        "02026-01-01",
        "12/02/2026",
        "2026/02/12",
        "2026-02-12T10:00",
        "+d",
        "+1h",
        "eod",
        "\u22122d",  # a typographic minus
    ],
)
def test_bad_strings_name_the_grammar(text: str) -> None:
    assert error_of(text) == f"{text!r} is not a date: {HINT}"


def test_bad_string_message_in_full() -> None:
    assert error_of("next week") == (
        "'next week' is not a date: use YYYY-MM-DD, today, tomorrow, yesterday, "
        "a weekday, +3d, +2w, +1mo, eow or eom"
    )


def test_invalid_date_is_an_exit_2_error() -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_date("soon")
    assert exit_code_for(caught.value) == 2


# --- COACHKIT_TODAY -----------------------------------------------------------------------------


def test_coachkit_today_moves_every_relative_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHKIT_TODAY", "2026-02-14")  # a Saturday
    assert parse_date("today") == d("2026-02-14")
    assert parse_date("sat") == d("2026-02-21")
    assert parse_date("eow") == d("2026-02-20")
    assert parse_date("+1mo") == d("2026-03-14")


def test_coachkit_today_may_be_unpadded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHKIT_TODAY", "2026-2-3")
    assert today() == d("2026-02-03")


def test_without_coachkit_today_it_is_the_real_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COACHKIT_TODAY")
    assert today() == dt.date.today()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("tomorrow", "COACHKIT_TODAY='tomorrow' is not a date: it is not YYYY-MM-DD"),
        (
            "2026-02-30",
            "COACHKIT_TODAY='2026-02-30' is not a date: invalid date '2026-02-30': February 2026 has 28 days",
        ),
        (
            "0000-01-01",
            "COACHKIT_TODAY='0000-01-01' is not a date: invalid date '0000-01-01': there is no year 0",
        ),
    ],
)
def test_bad_coachkit_today(monkeypatch: pytest.MonkeyPatch, value: str, message: str) -> None:
    monkeypatch.setenv("COACHKIT_TODAY", value)
    with pytest.raises(InvalidDate) as caught:
        today()
    assert str(caught.value) == message
    with pytest.raises(InvalidDate):
        parse_date("tomorrow")


# --- cadence and echo ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1w", (1, "w")),
        ("2w", (2, "w")),
        ("10d", (10, "d")),
        ("1mo", (1, "mo")),
        (" 2W ", (2, "w")),
        ("2 w", (2, "w")),
        ("3MO", (3, "mo")),
    ],
)
def test_parse_cadence(text: str, expected: tuple[int, str]) -> None:
    assert parse_cadence(text) == expected


@pytest.mark.parametrize(
    "text", ["0w", "1m", "w", "1y", "-1w", "+2w", "", "3", "2 weeks", "biweekly"]
)
def test_bad_cadence(text: str) -> None:
    with pytest.raises(InvalidDate) as caught:
        parse_cadence(text)
    assert str(caught.value) == f"cadence {text!r} is not understood: use e.g. 1w, 2w, 10d or 1mo"


def test_describe_echoes_date_and_weekday() -> None:
    assert describe(d("2026-03-13")) == "2026-03-13 (Fri)"
    assert describe(parse_date("thu")) == "2026-02-19 (Thu)"
