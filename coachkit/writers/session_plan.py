"""What ``session new`` will write, decided before anything is: the kind, number and phase move.

The rules (docs/format.md, "Session order" and "Follow-up sessions"):

- a date before the engagement's ``start`` is refused;
- a date before the latest session is refused unless ``backdate``; then the note takes the
  number after the sessions dated up to it, and is refused if a later note holds that
  number (existing notes are never renamed or renumbered);
- a second session on the same date needs ``again``;
- after closure (phase ``closure`` or later) a date past ``end`` is a follow-up session, as
  is any date past ``end`` with ``kind="follow-up"``; a follow-up on or before ``end`` is
  refused. Follow-ups take the next session number but never count against the contract;
  the first one moves the phase to ``follow-up``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coachkit.engagement.ids import next_session_number
from coachkit.engagement.model import EngagementView, Session
from coachkit.errors import CoachkitError
from coachkit.vocabulary import (
    AFTER_CLOSURE_PHASES,
    CLOSED_PHASES,
    CONTRACTING,
    FOLLOW_UP,
    FOLLOW_UP_KIND,
    SESSION_KIND,
)


@dataclass
class SessionPlan:
    """The note ``session new`` will write."""

    number: int
    day: dt.date
    kind: str
    # The ordinal of a follow-up among the follow-ups (1 for the first), else None.
    follow_up_number: int | None = None
    # The phase engagement.md moves to in the same commit, or None.
    phase_move: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def is_follow_up(self) -> bool:
        return self.kind == FOLLOW_UP_KIND


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _where(engagement: EngagementView, session: Session) -> str:
    try:
        return session.path.relative_to(engagement.root).as_posix()
    except ValueError:
        return str(session.path)


def plan_session(
    engagement: EngagementView,
    day: dt.date,
    kind: str | None = None,
    *,
    backdate: bool = False,
    again: bool = False,
) -> SessionPlan:
    """The plan for a session note on ``day``; a one-line :class:`CoachkitError` when refused.

    ``kind`` None chooses by phase and date (see the module's rules).
    """
    meta = engagement.meta
    start, end = _date(meta.get("start")), _date(meta.get("end"))
    phase = meta.get("phase")
    if start is not None and day < start:
        raise CoachkitError(f"{day} is before the engagement started ({start}); check --date")
    chosen = kind or (
        FOLLOW_UP_KIND if phase in CLOSED_PHASES and end is not None and day > end else SESSION_KIND
    )
    notes: list[str] = []
    if chosen == FOLLOW_UP_KIND:
        if end is None:
            raise CoachkitError(
                "a follow-up session comes after the engagement's end, and engagement.md has "
                "no end: date; run `coachkit close` first"
            )
        if day <= end:
            raise CoachkitError(
                f"a follow-up session comes after the engagement's end ({end}), not on {day}; "
                "leave out --kind follow-up for a coaching session"
            )
    elif end is not None and day > end and phase not in CLOSED_PHASES:
        notes.append(
            f"{day} is after the planned end ({end}): counted as a coaching session; "
            "`coachkit close` first (or --kind follow-up) to hold a follow-up"
        )

    sessions = list(engagement.sessions)
    same = [s for s in sessions if s.date == day]
    if same and not again:
        raise CoachkitError(
            f"{_where(engagement, same[0])} is already a session on {day}; "
            "pass --again to add a second one that day"
        )
    later = [s for s in sessions if s.date > day]
    if later and not backdate:
        latest = max(sessions, key=lambda s: (s.date, s.number))
        raise CoachkitError(
            f"{day} is before the latest session ({_where(engagement, latest)}, {latest.date}); "
            "pass --backdate to write an earlier session in date order"
        )
    if later:
        number = next_session_number(s.number for s in sessions if s.date <= day)
        taken = [s for s in sessions if s.number == number]
        if taken:
            raise CoachkitError(
                f"a session on {day} would be number {number}, which "
                f"{_where(engagement, taken[0])} already has; coachkit never renumbers notes: "
                "renumber the later ones by hand (file name and session:) first"
            )
        notes.append(f"back-dated: session {number} is prefilled with what was open on {day}")
    else:
        number = next_session_number(s.number for s in sessions)

    plan = SessionPlan(number, day, chosen, notes=notes)
    if plan.is_follow_up:
        plan.follow_up_number = 1 + sum(1 for s in sessions if s.is_follow_up and s.date <= day)
        if phase in AFTER_CLOSURE_PHASES and phase != FOLLOW_UP:
            notes.append(f"phase stays {phase}")
        elif phase != FOLLOW_UP:
            plan.phase_move = FOLLOW_UP
            notes.append(f"phase: {phase or 'no phase'} -> {FOLLOW_UP}")
    elif phase == CONTRACTING:
        notes.append("phase is contracting: `coachkit phase coaching` when coaching starts")
    return plan
