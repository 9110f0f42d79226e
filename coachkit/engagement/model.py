"""The engagement model: typed objects built from notes, each knowing its file and line.

Two kinds of engagement share one reading interface, :class:`EngagementView`:

- :class:`Engagement`, loaded from its notes (:func:`coachkit.engagement.loader.load_engagement`):
  it also holds every parsed note (``notes``) and each action item's mapping with the
  position of every key (:attr:`ActionItem.raw`). Lint, reports and the writers that edit
  notes ask for this type.
- :class:`coachkit.cache.codec.CachedEngagement`, read from the parse cache: its lists are
  built when first used, and it has neither notes nor raw mappings (its items are
  :class:`ActionRecord`). Listings, status and ``session new`` accept it.

Their queries (filters, the one order of action items, cadence) are written once, here.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from coachkit.errors import CoachkitError, InvalidDate, NoteError, UnknownId
from coachkit.vocabulary import HELD, PAID

if TYPE_CHECKING:
    from coachkit.notes.reader import Note


@dataclass
class ActionRecord:
    """One action item agreed in a note's ``actions:`` list: its values and where it starts."""

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

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def days_overdue(self, as_of: dt.date) -> int:
        """Whole days past due (a date is due at the end of that day); 0 if not overdue."""
        if not self.is_open or self.due is None:
            return 0
        return max((as_of - self.due).days, 0)


@dataclass
class ActionItem(ActionRecord):
    """An action item read from its note, with the mapping it was read from
    (``raw``: every key as written, with its position)."""

    raw: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


Due = TypeVar("Due", dt.date, int)


def action_matches(
    status: str, due: Due | None, statuses: tuple[str, ...], due_until: Due | None
) -> bool:
    """Whether an item with ``status`` and ``due`` has one of ``statuses`` and, given
    ``due_until``, is due on or before it.

    ``due`` and ``due_until`` are dates, or both date ordinals (as the parse cache
    keeps them, to test an item before building it).
    """
    return status in statuses and (due_until is None or (due is not None and due <= due_until))


def action_order(
    item: ActionRecord, days_overdue: int = 0, engagement: str = ""
) -> tuple[int, bool, dt.date, str, str]:
    """The one order of action items: most overdue first (given ``days_overdue``), then
    soonest due, undated last, then by engagement name (given) and id."""
    due = item.due
    return (-days_overdue, due is None, due or dt.date.max, engagement, item.id)


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
    # "session" (counted against the contract) or "follow-up" (after closure, not counted).
    kind: str = "session"
    # The facts a coaching log needs (docs/format.md): the local start time "HH:MM",
    # whether the session was held (held, no-show or late-cancel), and its billing
    # (paid, pro-bono or reciprocal; None: the engagement's, see EngagementView.billing_of).
    start: str | None = None
    attended: str = HELD
    billing: str | None = None
    format: str | None = None

    @property
    def is_follow_up(self) -> bool:
        return self.kind == "follow-up"

    @property
    def is_held(self) -> bool:
        """Whether the session took place: a no-show or a late cancellation did not."""
        return self.attended == HELD


@dataclass
class FeedbackRound:
    """A file of stakeholder feedback from ``feedback/``."""

    kind: str | None
    date: dt.date | None
    meta: dict[str, Any]
    path: Path


class EngagementView(Protocol):
    """What every engagement offers its readers, loaded or cached.

    ``problems`` holds every file-level error met while loading: a broken file does
    not hide the rest. Ask for this type where a cached engagement may come; ask for
    :class:`Engagement` where the notes themselves are needed.
    """

    root: Path
    meta: dict[str, Any]
    goals: Sequence[Goal]
    sessions: Sequence[Session]
    feedback: Sequence[FeedbackRound]
    actions: Sequence[ActionRecord]
    problems: list[NoteError]

    @property
    def client(self) -> str:
        return str(self.meta.get("client") or self.root.name)

    @functools.cached_property
    def name(self) -> str:
        return self.root.name

    @property
    def billing(self) -> str:
        """The engagement's ``billing:`` (paid, pro-bono or reciprocal); paid when missing."""
        value = self.meta.get("billing")
        return value if isinstance(value, str) and value else PAID

    def billing_of(self, session: Session) -> str:
        """How ``session`` was billed: its own ``billing:``, else the engagement's."""
        return session.billing or self.billing

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

    def next_after(self, day: dt.date) -> dt.date | None:
        """The date one cadence after ``day``, when the engagement has a usable cadence."""
        from coachkit.dates import shift

        step = self.cadence_step()
        try:
            return shift(day, *step) if step else None
        except InvalidDate:  # a session at the calendar's end has no next one
            return None

    def raise_for_problems(self) -> None:
        """Raise the first problem, so a writing command never acts on a half-read engagement."""
        if self.problems:
            raise self.problems[0]

    def actions_where(
        self, statuses: tuple[str, ...], due_until: dt.date | None = None
    ) -> list[ActionRecord]:
        """Items with one of ``statuses`` and, given ``due_until``, due on or before it,
        in the order of the notes."""
        return [
            item
            for item in self.actions
            if action_matches(item.status, item.due, statuses, due_until)
        ]

    def open_actions(self) -> list[ActionRecord]:
        """Open action items in :func:`action_order`: soonest due first, undated last."""
        return sorted_actions(self.actions_where(("open",)))

    def open_counts(self, as_of: dt.date) -> tuple[int, int]:
        """How many items are open, and how many of those are overdue on ``as_of``."""
        items = self.actions_where(("open",))
        return len(items), sum(1 for item in items if item.days_overdue(as_of) > 0)

    def active_goals(self) -> list[Goal]:
        return [goal for goal in self.goals if goal.is_active]

    def latest_session(self) -> Session | None:
        return self.sessions[-1] if self.sessions else None

    def find_action(self, action_id: str) -> ActionRecord:
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


def sorted_actions(items: Iterable[ActionRecord]) -> list[ActionRecord]:
    """``items`` in :func:`action_order`."""
    return sorted(items, key=action_order)


@dataclass
class Engagement(EngagementView):
    """One engagement folder with everything read from it, its notes included."""

    root: Path
    meta: dict[str, Any]
    goals: list[Goal] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    feedback: list[FeedbackRound] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    problems: list[NoteError] = field(default_factory=list)
    notes: dict[Path, Note] = field(default_factory=dict, repr=False)
