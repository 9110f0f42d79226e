"""Stakeholder feedback: rounds of ratings per goal or item, themes, summaries, and anonymity.

A feedback file's ``responses`` each hold ``rater`` (an anonymous code),
``group`` (self, manager, peer, direct-report, other), either ``goal`` (a goal's
id) or ``item`` (a named competency or 360 statement, see
:mod:`coachkit.feedback.items`), ``rating`` (within the file's ``scale``) and an
optional ``comment``. A qualitative round holds ``themes`` per rater group
(:mod:`coachkit.feedback.themes`) and may have no responses, and then no scale. What may be published
about the ratings (never a rater code, never fewer than three stakeholders, self
apart) is decided in :mod:`coachkit.feedback.anonymity`. Scales and ratings are finite
numbers from -100 to 100, so no sum or mean can overflow. Writing rounds (``coachkit feedback add`` and ``import``) is in
:mod:`coachkit.feedback.record`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from coachkit.engagement.ids import goal_sort_key
from coachkit.engagement.loader import load_engagement
from coachkit.engagement.model import Engagement
from coachkit.errors import NoteError, ProblemKind
from coachkit.feedback.anonymity import Figures, publishable
from coachkit.feedback.items import goal_of_items, item_key
from coachkit.feedback.themes import THEME_KINDS, GroupThemes, read_themes
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
    """One rater's rating of one goal, or of one named item, in one round."""

    rater: str
    group: str
    goal: str | None
    rating: float
    comment: str | None
    line: int
    item: str | None = None
    # The goal whose ``items:`` name this response's item (set by read_rounds).
    measures: str | None = None

    @property
    def subject(self) -> str:
        """What was rated: the goal's id or the item's text."""
        return self.goal if self.goal is not None else self.item or ""

    @property
    def counts_for(self) -> str | None:
        """The goal this rating counts for: the goal it rates, or the goal its item measures."""
        return self.goal if self.goal is not None else self.measures


@dataclass
class Round:
    """One feedback file: a round of ratings on a scale, and themes per rater group.

    A round without responses has the scale its kind defaults to, which nothing shows.
    """

    path: Path
    kind: str
    date: dt.date
    scale: tuple[float, float]
    responses: list[Response] = field(default_factory=list)
    themes: list[GroupThemes] = field(default_factory=list)

    @property
    def measures_change(self) -> bool:
        """True for a scale centred on 0 (a mini-survey's "how much has it improved")."""
        return self.scale[0] < 0 < self.scale[1]


@dataclass(frozen=True)
class GoalRoundSummary:
    """How one goal, or one item no goal names, was rated in one round: the figures
    :mod:`coachkit.feedback.anonymity` allows."""

    goal: str | None
    kind: str
    date: dt.date
    scale: tuple[float, float]
    figures: Figures
    path: Path
    item: str | None = None

    @property
    def reaches_plus_one(self) -> bool | None:
        """On a scale centred on 0, whether the stakeholders' mean (net) score is +1 or more:
        the mark of a change others see (docs/report.md); None elsewhere or when withheld."""
        mean = self.figures.mean
        return None if mean is None or self.figures.improved_share is None else mean >= 1

    @property
    def gap(self) -> float | None:
        """The client's self-rating minus the stakeholders' mean, where both are known."""
        return _gap(self.figures)

    @property
    def raters(self) -> int:
        """Stakeholders who rated the goal (the client's self-rating is not counted)."""
        return self.figures.stakeholders

    def as_dict(self) -> dict[str, object]:
        """The stable JSON record (documented in docs/json.md)."""
        figures = self.figures
        return {
            "goal": self.goal,
            "item": self.item,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "scale": [_whole(v) for v in self.scale],
            "mean": _rounded(figures.mean),
            "raters": figures.stakeholders,
            "improved_share": _rounded(figures.improved_share),
            "declined_share": _rounded(figures.declined_share),
            "reaches_plus_one": self.reaches_plus_one,
            "self_rating": _rounded(figures.self_rating),
            "gap": _rounded(self.gap),
            "path": str(self.path),
        }


def _gap(figures: Figures) -> float | None:
    if figures.self_rating is None or figures.mean is None:
        return None
    return figures.self_rating - figures.mean


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
    entries = meta.get("responses") or []
    themes, trouble = read_themes(meta, path)
    problems.extend(trouble)
    # A round of themes alone needs no scale: nothing in it is rated.
    unrated = entries == [] and "scale" not in meta
    raw_scale = meta.get("scale", DEFAULT_SCALES.get(kind, STANDARD_SCALE if unrated else None))
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
    feedback = Round(path, kind, day, scale, themes=themes)
    if not isinstance(entries, list):
        problem(
            meta,
            "responses",
            "responses must be a list of {rater, group, goal or item, rating}",
            ProblemKind.FEEDBACK_UNREADABLE,
        )
        return feedback, problems
    first_seen: dict[tuple[str, str, str], tuple[int, int]] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problem(
                meta,
                "responses",
                "each response must be a mapping {rater, group, goal or item, rating}",
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        rating = _number(entry.get("rating"))
        goal = str(entry.get("goal") or "")
        raw_item = entry.get("item")
        item = " ".join(str(raw_item).split()) if raw_item is not None else ""
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
        if goal and item:
            problem(
                entry,
                "item",
                "a response rates a goal or an item, not both; "
                "list the item under the goal's items: instead",
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        if not goal and not item:
            problem(
                entry,
                None,
                'response names no goal or item (e.g. goal: G1, or item: "Delegates decisions")',
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        if goal and goal not in goal_ids:
            known = ", ".join(sorted(goal_ids, key=goal_sort_key))
            problem(
                entry,
                "goal",
                f"response names goal {goal!r}, which does not exist (goals: {known})"
                if known
                else f"response names goal {goal!r}, but the engagement has no goals yet; "
                "rate a named item instead, or add the goal with `coachkit goal add`",
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
        seen_as = ("goal", goal) if goal else ("item", item_key(item))
        earlier, earlier_line = first_seen.setdefault((rater, *seen_as), (index, line))
        if earlier != index:
            what = goal if goal else f"item {item!r}"
            problem(
                entry,
                "rater",
                f"rater {rater} already rated {what} in this round (line {earlier_line}); "
                f"keep one rating per rater and {seen_as[0]}",
                ProblemKind.FEEDBACK_UNREADABLE,
            )
            continue
        comment = entry.get("comment")
        feedback.responses.append(
            Response(
                rater,
                group,
                goal or None,
                rating,
                str(comment) if comment else None,
                line,
                item or None,
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
    """Every feedback round of ``engagement``, oldest first, with every problem found.

    A rating of an item that a goal names (its ``items:``) is marked as measuring
    that goal (:attr:`Response.measures`).
    """
    rounds: list[Round] = []
    goal_ids = engagement.goal_ids()
    measured, problems = goal_of_items(engagement)
    for entry in engagement.feedback:
        note = engagement.notes.get(entry.path)
        meta = note.meta if note is not None else entry.meta
        found, trouble = read_round(meta, entry.path, goal_ids)
        problems.extend(trouble)
        if found is not None:
            found.responses = [
                replace(r, measures=measured.get(item_key(r.item))) if r.item is not None else r
                for r in found.responses
            ]
            rounds.append(found)
    rounds.sort(key=lambda r: (r.date, str(r.path)))
    return rounds, problems


def goal_responses(feedback: Round, goal: str) -> list[Response]:
    """One rating per rater of ``goal`` in ``feedback``: what the rater gave the goal and
    the items that measure it, averaged when there are several.

    One figure per rater keeps the anonymity rule's unit (one rater, one goal, one
    round); the items a goal names are therefore never summarised on their own.
    """
    by_rater: dict[str, list[Response]] = {}
    for response in feedback.responses:
        if response.counts_for == goal:
            by_rater.setdefault(response.rater, []).append(response)
    combined = []
    for own in by_rater.values():
        first = own[0]
        if len(own) == 1:
            combined.append(first)
            continue
        combined.append(
            Response(
                first.rater,
                first.group,
                goal,
                math.fsum(r.rating for r in own) / len(own),
                None,
                first.line,
            )
        )
    return combined


def item_responses(feedback: Round, item: str) -> list[Response]:
    """The ratings of an item no goal names (``item`` as :func:`item_key` writes it)."""
    return [
        r
        for r in feedback.responses
        if r.item is not None and r.measures is None and item_key(r.item) == item
    ]


def summarize(rounds: Iterable[Round]) -> list[GoalRoundSummary]:
    """Per goal and round, then per item no goal names and round, the figures
    :func:`coachkit.feedback.anonymity.publishable` allows."""
    goal_rows: list[GoalRoundSummary] = []
    item_rows: list[GoalRoundSummary] = []
    for feedback in rounds:
        goals = sorted(
            {g for r in feedback.responses if (g := r.counts_for) is not None}, key=goal_sort_key
        )
        for goal in goals:
            goal_rows.append(
                GoalRoundSummary(
                    goal,
                    feedback.kind,
                    feedback.date,
                    feedback.scale,
                    publishable(goal_responses(feedback, goal), feedback.measures_change),
                    feedback.path,
                )
            )
        items: dict[str, str] = {}
        for r in feedback.responses:
            if r.item is not None and r.measures is None:
                items.setdefault(item_key(r.item), r.item)
        for key, text in items.items():
            item_rows.append(
                GoalRoundSummary(
                    None,
                    feedback.kind,
                    feedback.date,
                    feedback.scale,
                    publishable(item_responses(feedback, key), feedback.measures_change),
                    feedback.path,
                    text,
                )
            )
    goal_rows.sort(key=lambda s: (goal_sort_key(s.goal or ""), s.date))
    item_rows.sort(key=lambda s: (item_key(s.item or ""), s.date))
    return [*goal_rows, *item_rows]


def engagement_rounds(root: Path) -> tuple[list[Round], list[NoteError]]:
    """Every readable round of the engagement at ``root``, and every problem.

    Problems are the engagement's broken files and each response that could not be
    counted; the rounds hold everything else.
    """
    engagement = load_engagement(root)
    rounds, problems = read_rounds(engagement)
    seen = {(p.path, p.line, p.column) for p in engagement.problems}
    extra = [p for p in problems if (p.path, p.line, p.column) not in seen]
    return rounds, [*engagement.problems, *extra]


def summarize_engagement(root: Path) -> tuple[list[GoalRoundSummary], list[NoteError]]:
    """The summaries of :func:`engagement_rounds`, and every problem."""
    rounds, problems = engagement_rounds(root)
    return summarize(rounds), problems


def theme_records(rounds: Iterable[Round]) -> list[dict[str, object]]:
    """One record per theme of every round, oldest round first (docs/json.md)."""
    return [
        {
            "kind": feedback.kind,
            "date": feedback.date.isoformat(),
            "group": group.group,
            "theme": theme,
            "text": text,
            "path": str(feedback.path),
        }
        for feedback in rounds
        for group in feedback.themes
        for theme in THEME_KINDS
        for text in group.of(theme)
    ]
