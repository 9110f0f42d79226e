"""The progress report's on/off-track rule (coachkit/report/track.py), case by case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachkit.report.model import RoundRating
from coachkit.report.track import NO_DATA, OFF_TRACK, ON_TRACK, verdict

START, AIM = dt.date(2026, 1, 1), dt.date(2026, 7, 1)


def _round(
    day: dt.date, mean: float, scale: tuple[int, int], improved: float | None = None
) -> RoundRating:
    return RoundRating(
        "mini-survey" if scale[0] < 0 else "360",
        day, scale[0], scale[1], mean, 5, improved, [], [], Path("f.md"),
    )  # fmt: skip


def test_no_round_is_no_data() -> None:
    assert verdict([], "3.5", START, AIM)[0] == NO_DATA


def test_a_change_round_is_on_track_when_half_saw_improvement() -> None:
    assert verdict([_round(AIM, 0.4, (-3, 3), 0.5)], None, START, AIM)[0] == ON_TRACK
    assert verdict([_round(AIM, 0.2, (-3, 3), 0.4)], None, START, AIM)[0] == OFF_TRACK


def test_a_level_round_must_move_as_far_as_time_has_gone() -> None:
    base = _round(START, 2.0, (1, 5))
    halfway = dt.date(2026, 4, 1)  # 90 of 181 days: just under half the time
    assert verdict([base, _round(halfway, 2.75, (1, 5))], "3.5", START, AIM)[0] == ON_TRACK
    assert verdict([base, _round(halfway, 2.5, (1, 5))], "3.5", START, AIM)[0] == OFF_TRACK
    # A lower target (less of something) counts the other way.
    assert verdict([base, _round(halfway, 1.5, (1, 5))], "1.0", START, AIM)[0] == ON_TRACK


def test_one_level_round_or_a_target_in_words_is_no_data() -> None:
    base = _round(START, 2.0, (1, 5))
    assert verdict([base], "3.5", START, AIM)[0] == NO_DATA
    later = _round(AIM, 3.0, (1, 5))
    assert verdict([base, later], "clearly better", START, AIM)[0] == NO_DATA
    # A number with words after it still counts: "3.5 of 5".
    assert verdict([base, later], "3.5 of 5", START, AIM)[0] == OFF_TRACK


def test_without_dates_any_move_toward_the_target_is_on_track() -> None:
    base, later = _round(START, 2.0, (1, 5)), _round(AIM, 2.1, (1, 5))
    assert verdict([base, later], "3.5", None, None)[0] == ON_TRACK
    assert verdict([later, base], "3.5", None, None)[0] == OFF_TRACK
