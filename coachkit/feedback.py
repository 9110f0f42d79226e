"""Stakeholder feedback: rounds of ratings per goal, summaries, and anonymity.

A feedback file's ``responses`` each hold ``rater`` (an anonymous code),
``group`` (self, manager, peer, direct-report, other), ``goal``, ``rating``
(within the file's ``scale``) and an optional ``comment``. No report ever shows a
rater code; a group with fewer than three raters is merged into "others".
Writing rounds (``coachkit feedback add`` and ``import``) is in
:mod:`coachkit.feedback_record`.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.engagement_loader import load_engagement
from coachkit.errors import NoteError
from coachkit.ids import goal_sort_key
from coachkit.model import Engagement

KINDS = ("baseline", "360", "interview", "mini-survey", "mid-point", "final")
GROUPS = ("self", "manager", "peer", "direct-report", "other")
MIN_GROUP_SIZE = 3
OTHERS = "others"
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
    """How one goal was rated in one round."""

    goal: str
    kind: str
    date: dt.date
    scale: tuple[float, float]
    mean: float
    raters: int
    improved_share: float | None  # share rating >= +1; only on a scale centred on 0
    path: Path

    def as_dict(self) -> dict[str, object]:
        """The stable JSON record (documented in docs/json.md)."""
        return {
            "goal": self.goal,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "scale": [_whole(v) for v in self.scale],
            "mean": round(self.mean, 2),
            "raters": self.raters,
            "improved_share": None
            if self.improved_share is None
            else round(self.improved_share, 2),
            "path": str(self.path),
        }


def _whole(value: float) -> float | int:
    """``5.0`` as ``5``: a scale reads as the file wrote it."""
    return int(value) if value.is_integer() else value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def read_round(meta: Any, path: Path, goal_ids: set[str]) -> tuple[Round | None, list[NoteError]]:
    """Validate one feedback file's front matter into a :class:`Round`."""
    problems: list[NoteError] = []

    def problem(where: Any, key: str | None, message: str, rule: str) -> None:
        line, column = (
            where.position_of(key)
            if key and hasattr(where, "position_of")
            else (
                getattr(where, "line", 1),
                getattr(where, "column", 1),
            )
        )
        problems.append(NoteError(path, line, column, message, rule))

    kind = meta.get("kind")
    if isinstance(kind, int) and not isinstance(kind, bool):
        kind = str(kind)  # `kind: 360` is read as a number
    if not isinstance(kind, str) or not kind:
        problem(
            meta,
            "kind",
            f"kind must be a word such as {', '.join(KINDS)}"
            if kind is not None
            else "feedback file has no kind (e.g. kind: mini-survey)",
            "feedback-invalid",
        )
        kind = "feedback"
    day = meta.get("date")
    if not isinstance(day, dt.date):
        # A value that is not a date is the loader's invalid-date problem already.
        problem(
            meta,
            "date",
            "date must be a date written YYYY-MM-DD"
            if day is not None
            else "feedback file has no date (e.g. date: 2026-03-15)",
            "invalid-date" if day is not None else "feedback-invalid",
        )
        return None, problems
    raw_scale = meta.get("scale", DEFAULT_SCALES.get(kind))
    scale: tuple[float, float] | None = None
    if isinstance(raw_scale, (list, tuple)) and len(raw_scale) == 2:
        low, high = _number(raw_scale[0]), _number(raw_scale[1])
        if low is not None and high is not None and low < high:
            scale = (low, high)
    if scale is None:
        problem(
            meta,
            "scale",
            "scale must be [lowest, highest], e.g. [1, 5] or [-3, 3]",
            "feedback-invalid",
        )
        return None, problems
    feedback = Round(path, kind, day, scale)
    entries = meta.get("responses") or []
    if not isinstance(entries, list):
        problem(
            meta,
            "responses",
            "responses must be a list of {rater, group, goal, rating}",
            "feedback-invalid",
        )
        return feedback, problems
    first_seen: dict[tuple[str, str], tuple[int, int]] = {}
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problem(
                meta,
                "responses",
                "each response must be a mapping {rater, group, goal, rating}",
                "feedback-invalid",
            )
            continue
        rating = _number(entry.get("rating"))
        goal = str(entry.get("goal") or "")
        group = str(entry.get("group") or "other")
        rater = str(entry.get("rater") or "")
        if rating is None:
            message = (
                f"rating must be a number, not {entry['rating']!r}"
                if entry.get("rating") is not None
                else "response has no rating (e.g. rating: 2)"
            )
            problem(entry, "rating", message, "feedback-invalid")
            continue
        if not scale[0] <= rating <= scale[1]:
            problem(
                entry,
                "rating",
                f"rating {entry.get('rating')} is outside the scale {_scale_text(scale)}",
                "feedback-rating-out-of-scale",
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
                "feedback-unknown-goal",
            )
            continue
        if group not in GROUPS:
            problem(
                entry,
                "group",
                f"group must be one of {', '.join(GROUPS)}, not {group!r}",
                "feedback-invalid",
            )
            continue
        if not rater:
            problem(entry, None, "response has no rater code (e.g. rater: R1)", "feedback-invalid")
            continue
        line = getattr(entry, "line", 1)
        earlier, earlier_line = first_seen.setdefault((rater, goal), (index, line))
        if earlier != index:
            problem(
                entry,
                "rater",
                f"rater {rater} already rated {goal} in this round (line {earlier_line}); "
                "keep one rating per rater and goal",
                "feedback-invalid",
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
    return "[" + ", ".join(f"{v:g}" for v in scale) + "]"


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
    """Per goal and round: the mean rating, the number of raters, the share who saw improvement."""
    summaries: list[GoalRoundSummary] = []
    for feedback in rounds:
        goals = sorted({r.goal for r in feedback.responses}, key=goal_sort_key)
        for goal in goals:
            ratings = [r.rating for r in feedback.responses if r.goal == goal]
            raters = len({r.rater for r in feedback.responses if r.goal == goal})
            improved = (
                sum(1 for v in ratings if v >= 1) / len(ratings)
                if feedback.measures_change
                else None
            )
            summaries.append(
                GoalRoundSummary(
                    goal,
                    feedback.kind,
                    feedback.date,
                    feedback.scale,
                    statistics.fmean(ratings),
                    raters,
                    improved,
                    feedback.path,
                )
            )
    summaries.sort(key=lambda s: (goal_sort_key(s.goal), s.date))
    return summaries


def anonymous_groups(responses: Sequence[Response]) -> dict[str, list[Response]]:
    """Responses by group, with every group of fewer than three raters merged into "others".

    The "other" group always goes into "others", so a breakdown never shows both.
    If "others" itself has fewer than three raters it is dropped from the breakdown
    (its ratings still count in the overall figures), so no group can point at a person.
    """
    by_group: dict[str, list[Response]] = {}
    for response in responses:
        by_group.setdefault(response.group, []).append(response)
    merged: dict[str, list[Response]] = {}
    others: list[Response] = []
    for group in GROUPS:
        members = by_group.get(group, [])
        if not members:
            continue
        if group != "other" and len({r.rater for r in members}) >= MIN_GROUP_SIZE:
            merged[group] = members
        else:
            others.extend(members)
    if len({r.rater for r in others}) >= MIN_GROUP_SIZE:
        merged[OTHERS] = others
    return merged


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
