"""The engagement model: typed objects built from notes, each knowing its file and line."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachkit.errors import CoachkitError, NoteError, UnknownId

if TYPE_CHECKING:
    from coachkit.notes.reader import Note

ACTION_STATUSES = ("open", "done", "dropped")
GOAL_STATUSES = ("active", "achieved", "partially-achieved", "not-achieved", "dropped")
PHASES = ("contracting", "assessment", "planning", "coaching", "closure", "follow-up", "closed")


@dataclass
class ActionItem:
    """One action item agreed in a note's ``actions:`` list."""

    id: str
    title: str
    owner: str | None
    due: dt.date | None
    status: str
    goal: str | None
    accountability: str | None
    done: dt.date | None
    path: Path
    line: int
    column: int
    extra: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def days_overdue(self, as_of: dt.date) -> int:
        """Whole days past due (a date is due at the end of that day); 0 if not overdue."""
        if not self.is_open or self.due is None:
            return 0
        return max((as_of - self.due).days, 0)


@dataclass
class Goal:
    """A coaching goal from ``goals/``."""

    id: str
    title: str
    status: str
    measure: str | None
    baseline: str | None
    target: str | None
    target_date: dt.date | None
    competency: str | None
    stakeholders: list[str]
    path: Path
    line: int

    @property
    def is_active(self) -> bool:
        return self.status == "active"


@dataclass
class Session:
    """A session note from ``sessions/``."""

    number: int
    date: dt.date
    duration: int | None
    next_session: dt.date | None
    path: Path
    body: str
    body_line: int


@dataclass
class FeedbackRound:
    """A file of stakeholder feedback from ``feedback/``."""

    kind: str | None
    date: dt.date | None
    meta: dict[str, Any]
    path: Path


@dataclass
class Engagement:
    """One engagement folder with everything read from it.

    ``problems`` holds every file-level error met while loading: a broken file
    does not hide the rest.
    """

    root: Path
    meta: dict[str, Any]
    goals: list[Goal] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    feedback: list[FeedbackRound] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    problems: list[NoteError] = field(default_factory=list)
    notes: dict[Path, Note] = field(default_factory=dict, repr=False)

    @property
    def client(self) -> str:
        return str(self.meta.get("client") or self.root.name)

    @functools.cached_property
    def name(self) -> str:
        return self.root.name

    @property
    def cadence(self) -> str | None:
        value = self.meta.get("cadence")
        return str(value) if value else None

    def cadence_step(self) -> tuple[int, str] | None:
        """The cadence as (amount, unit), e.g. (2, "w"); None when missing or not understood."""
        from coachkit.dates import parse_cadence

        if not self.cadence:
            return None
        try:
            return parse_cadence(self.cadence)
        except CoachkitError:
            return None

    def raise_for_problems(self) -> None:
        """Raise the first problem, so a writing command never acts on a half-read engagement."""
        if self.problems:
            raise self.problems[0]

    def actions_where(
        self, statuses: tuple[str, ...], due_until: dt.date | None = None
    ) -> list[ActionItem]:
        """Items with one of ``statuses`` and, given ``due_until``, due on or before it."""
        return [
            item
            for item in self.actions
            if item.status in statuses
            and (due_until is None or (item.due is not None and item.due <= due_until))
        ]

    def open_actions(self) -> list[ActionItem]:
        """Open action items, soonest due first (undated last)."""
        items = [item for item in self.actions if item.is_open]
        return sorted(items, key=lambda a: (a.due is None, a.due or dt.date.max, a.id))

    def active_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if goal.is_active]

    def latest_session(self) -> Session | None:
        return self.sessions[-1] if self.sessions else None

    def find_action(self, action_id: str) -> ActionItem:
        """The one item with ``action_id`` (case-insensitive); raises :class:`UnknownId`."""
        wanted = action_id.strip().lower()
        matches = [item for item in self.actions if item.id.lower() == wanted]
        if not matches:
            raise UnknownId(
                f"no action item {action_id!r} in {self.root}; `coachkit action list` shows the ids"
            )
        if len(matches) > 1:
            places = ", ".join(f"{m.path}:{m.line}" for m in matches)
            raise UnknownId(
                f"action id {action_id!r} is used twice ({places}); give one of them a new id"
            )
        return matches[0]

    def goal_ids(self) -> set[str]:
        return {goal.id for goal in self.goals}
