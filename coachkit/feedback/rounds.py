"""Stakeholder feedback: rounds of ratings per goal, summaries, and anonymity.

A feedback file's ``responses`` each hold ``rater`` (an anonymous code),
``group`` (self, manager, peer, direct-report, other), ``goal``, ``rating``
(within the file's ``scale``) and an optional ``comment``. What may be published
about the ratings (never a rater code, never fewer than three stakeholders, self
apart) is decided in :mod:`coachkit.feedback.anonymity`. Scales and ratings are finite
numbers from -100 to 100, so no sum or mean can overflow. Writing rounds (``coachkit feedback add`` and ``import``) is in
:mod:`coachkit.feedback.record`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.engagement.ids import goal_sort_key
from coachkit.engagement.loader import load_engagement
from coachkit.engagement.model import Engagement
from coachkit.errors import NoteError, ProblemKind
from coachkit.feedback.anonymity import Figures, publishable
from coachkit.vocabulary import FEEDBACK_KINDS, OTHER, RATER_GROUPS

# A scale's bounds, and so every rating, lie within this range (docs/format.md).
RATING_LIMIT = 100.0
DEFAULT_SCALES = {"mini-survey": (-3.0, 3.0)}
STANDARD_SCALE = (1.0, 5.0)


def default_scale(kind: str) -> tuple[float, float]:
    """The scale a new round of ``kind`` gets: [-3, 3] for a mini-survey, [1, 5] otherwise."""
    return DEFAULT_SCALES.get(kind, STANDARD_SCALE)


@dataclass(frozen=True)
class Response:
    """One rater's rating of one goal in one round."""

    rater: str
    group: str
    goal: str
    rating: float
    comment: str | None
    line: int


@dataclass
class Round:
    """One feedback file: a round of ratings on a scale."""

    path: Path
    kind: str
    date: dt.date
    scale: tuple[float, float]
    responses: list[Response] = field(default_factory=list)

    @property
    def measures_change(self) -> bool:
        """True for a scale centred on 0 (a mini-survey's "how much has it improved")."""
        return self.scale[0] < 0 < self.scale[1]


@dataclass(frozen=True)
class GoalRoundSummary:
    """How one goal was rated in one round: the figures :mod:`coachkit.feedback.anonymity` allows."""

    goal: str
    kind: str
    date: dt.date
    scale: tuple[float, float]
    figures: Figures
    path: Path

    @property
    def raters(self) -> int:
        """Stakeholders who rated the goal (the client's self-rating is not counted)."""
        return self.figures.stakeholders

    def as_dict(self) -> dict[str, object]:
        """The stable JSON record (documented in docs/json.md)."""
        figures = self.figures
        return {
            "goal": self.goal,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "scale": [_whole(v) for v in self.scale],
            "mean": _rounded(figures.mean),
            "raters": figures.stakeholders,
            "improved_share": _rounded(figures.improved_share),
            "self_rating": _rounded(figures.self_rating),
            "path": str(self.path),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _whole(value: float) -> float | int:
    """``5.0`` as ``5``: a scale reads as the file wrote it."""
    return int(value) if value.is_integer() else value


def _number(value: Any) -> float | None:
    """``value`` as a float if it is a number (a bool is not); NaN and infinities included."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, int) and abs(value) > 10**300:
        return math.inf if value > 0 else -math.inf  # beyond a float, and far out of range
    return float(value)


def _in_range(value: float) -> bool:
    """A finite number from -100 to 100: a rating or a scale's bound may be no larger."""
    return math.isfinite(value) and -RATING_LIMIT <= value <= RATING_LIMIT


def read_round(meta: Any, path: Path, goal_ids: set[str]) -> tuple[Round | None, list[NoteError]]:
    """Validate one feedback file's front matter into a :class:`Round`."""
    problems: list[NoteError] = []

    def problem(where: Any, key: str | None, message: str, kind: ProblemKind) -> None:
        line, column = (
            where.position_of(key)
            if key and hasattr(where, "position_of")
            else (
                getattr(where, "line", 1),
                getattr(where, "column", 1),
            )
        )
        problems.append(NoteError(path, line, column, message, kind))

    kind = meta.get("kind")
    if isinstance(kind, int) and not isinstance(kind, bool):
        kind = str(kind)  # `kind: 360` is read as a number
    if not isinstance(kind, str) or not kind:
        problem(
            meta,
            "kind",
            f"kind must be a word such as {', '.join(FEEDBACK_KINDS)}"
            if kind is not None
            else "feedback file has no kind (e.g. kind: mini-survey)",
            ProblemKind.FEEDBACK_UNREADABLE,
        )
        kind = "feedback"
    day = meta.get("date")
    if not isinstance(day, dt.date):
        # A value that is not a date is the loader's INVALID_DATE problem already.
        problem(
            meta,
            "date",
            "date must be a date written YYYY-MM-DD"
            if day is not None
            else "feedback file has no date (e.g. date: 2026-03-15)",
            ProblemKind.INVALID_DATE if day is not None else ProblemKind.FEEDBACK_UNREADABLE,
        )
        return None, problems
    raw_scale = meta.get("scale", DEFAULT_SCALES.get(kind))
    scale: tuple[float, float] | None = None
    message = "scale must be [lowest, highest], e.g. [1, 5] or [-3, 3]"
    if isinstance(raw_scale, (list, tuple)) and len(raw_scale) == 2:
        low, high = _number(raw_scale[0]), _number(raw_scale[1])
        if low is not None and high is not None:
            if not (_in_range(low) and _in_range(high)):  # .nan, .inf or beyond 100
                message = (
                    f"scale {_scale_text((low, high))}: each bound must be a finite number "
                    f"from {-RATING_LIMIT:g} to {RATING_LIMIT:g}, e.g. [1, 5] or [-3, 3]"
                )
            elif low < high:
                scale = (low, high)
    if scale is None:
        problem(meta, "scale", message, ProblemKind.FEEDBACK_UNREADABLE)
        return None, problems
    feedback = Round(path, kind, day, scale)
    entries = meta.get("responses") or []
    if not isinstance(entries, list):
        problem(
            meta,
            "responses",
            "responses must be a list of {rater, group, goal, rating}",
            ProblemKind.FEEDBACK_UNREADABLE,
        )
        return feedback, problems
    first_seen: dict[tuple[str, str], tuple[int, int]] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problem(
                meta,
                "responses",
                "each response must be a mapping {rater, group, goal, rating}",
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        rating = _number(entry.get("rating"))
        goal = str(entry.get("goal") or "")
        group = str(entry.get("group") or OTHER)
        rater = str(entry.get("rater") or "")
        if rating is None:
            message = (
                f"rating must be a number, not {entry['rating']!r}"
                if entry.get("rating") is not None
                else "response has no rating (e.g. rating: 2)"
            )
            problem(entry, "rating", message, ProblemKind.FEEDBACK_UNREADABLE)
            continue
        if isinstance(entry.get("rating"), float) and not math.isfinite(rating):
            problem(
                entry,
                "rating",
                f"rating must be a finite number, not {_number_text(rating)}",
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        if not scale[0] <= rating <= scale[1]:
            problem(
                entry,
                "rating",
                f"rating {_number_text(entry.get('rating'))} is outside the scale "
                f"{_scale_text(scale)}",
                ProblemKind.RATING_OUT_OF_SCALE,
            )
            continue
        if goal not in goal_ids:
            known = ", ".join(sorted(goal_ids, key=goal_sort_key))
            problem(
                entry,
                "goal",
                f"response names goal {goal!r}, which does not exist (goals: {known})"
                if known
                else f"response names goal {goal!r}, but the engagement has no goals yet; "
                "add them with `coachkit goal add`",
                ProblemKind.FEEDBACK_GOAL_UNKNOWN,
            )
            continue
        if group not in RATER_GROUPS:
            problem(
                entry,
                "group",
                f"group must be one of {', '.join(RATER_GROUPS)}, not {group!r}",
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        if not rater:
            problem(
                entry,
                None,
                "response has no rater code (e.g. rater: R1)",
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        line = getattr(entry, "line", 1)
        earlier, earlier_line = first_seen.setdefault((rater, goal), (index, line))
        if earlier != index:
            problem(
                entry,
                "rater",
                f"rater {rater} already rated {goal} in this round (line {earlier_line}); "
                "keep one rating per rater and goal",
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        comment = entry.get("comment")
        feedback.responses.append(
            Response(
                rater,
                group,
                goal,
                rating,
                str(comment) if comment else None,
                line,
            )
        )
    return feedback, problems


def _scale_text(scale: tuple[float, float]) -> str:
    return "[" + ", ".join(f"{v:g}" if math.isfinite(v) else _number_text(v) for v in scale) + "]"


def _number_text(value: Any) -> str:
    """A number as YAML would write it (``.inf``, ``.nan``), a huge one cut short."""
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**15:
        digits = str(abs(value))
        return f"{'-' if value < 0 else ''}{digits[:6]}… ({len(digits)} digits)"
    return str(value)


def read_rounds(engagement: Engagement) -> tuple[list[Round], list[NoteError]]:
    """Every feedback round of ``engagement``, oldest first, with every problem found."""
    rounds: list[Round] = []
    problems: list[NoteError] = []
    goal_ids = engagement.goal_ids()
    for item in engagement.feedback:
        note = engagement.notes.get(item.path)
        meta = note.meta if note is not None else item.meta
        found, trouble = read_round(meta, item.path, goal_ids)
        problems.extend(trouble)
        if found is not None:
            rounds.append(found)
    rounds.sort(key=lambda r: (r.date, str(r.path)))
    return rounds, problems


def summarize(rounds: Iterable[Round]) -> list[GoalRoundSummary]:
    """Per goal and round, the figures :func:`coachkit.feedback.anonymity.publishable` allows."""
    summaries: list[GoalRoundSummary] = []
    for feedback in rounds:
        goals = sorted({r.goal for r in feedback.responses}, key=goal_sort_key)
        for goal in goals:
            responses = [r for r in feedback.responses if r.goal == goal]
            summaries.append(
                GoalRoundSummary(
                    goal,
                    feedback.kind,
                    feedback.date,
                    feedback.scale,
                    publishable(responses, feedback.measures_change),
                    feedback.path,
                )
            )
    summaries.sort(key=lambda s: (goal_sort_key(s.goal), s.date))
    return summaries


def summarize_engagement(root: Path) -> tuple[list[GoalRoundSummary], list[NoteError]]:
    """The summaries of every readable round of the engagement at ``root``, and every problem.

    Problems are the engagement's broken files and each response that could not be
    counted; the summaries cover everything else.
    """
    engagement = load_engagement(root)
    rounds, problems = read_rounds(engagement)
    seen = {(p.path, p.line, p.column) for p in engagement.problems}
    extra = [p for p in problems if (p.path, p.line, p.column) not in seen]
    return summarize(rounds), [*engagement.problems, *extra]
