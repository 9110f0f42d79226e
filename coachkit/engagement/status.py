"""One line of status per engagement: the contract used, the next date, open work and flags.

Read through the parse cache (any :class:`EngagementView`): sessions and their kind,
durations and engagement.md's keys are all in it, and the goals are asked for only when
the contract is used up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coachkit.engagement.model import EngagementView, Session
from coachkit.vocabulary import CLOSED_PHASES, CLOSURE, COACHING, FOLLOW_UP, FOLLOW_UP_KIND

_UNIT_DAYS = {"d": 1, "w": 7, "mo": 30}

# Flags, in the order shown (docs/json.md): each names something the coach should act on.
QUIET = "quiet"
NO_NEXT_SESSION = "no-next-session"
CONTRACT_USED_UP = "contract-used-up"
FOLLOW_UP_LATE = "follow-up-late"
READY_TO_COMPLETE = "ready-to-complete"


@dataclass
class EngagementStatus:
    """Where one engagement stands on ``as_of``."""

    engagement: EngagementView
    phase: str | None
    sessions_held: int
    sessions_planned: int | None
    last_session: dt.date | None
    next_session: dt.date | None
    open_actions: int
    overdue_actions: int
    days_since_last_session: int | None
    quiet: bool
    next_kind: str | None = None
    follow_ups_held: int = 0
    follow_ups_planned: int = 0
    minutes_used: int | None = None
    minutes_planned: int | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def hours_used(self) -> float | None:
        return _hours(self.minutes_used)

    @property
    def hours_planned(self) -> float | None:
        return _hours(self.minutes_planned)

    def as_dict(self) -> dict[str, object]:
        """The stable JSON record (documented in docs/json.md)."""
        meta = self.engagement.meta
        return {
            "engagement": self.engagement.name,
            "client": self.engagement.client,
            "organization": meta.get("organization"),
            "phase": self.phase,
            "sessions_held": self.sessions_held,
            "sessions_planned": self.sessions_planned,
            "hours_used": self.hours_used,
            "hours_planned": self.hours_planned,
            "follow_ups_held": self.follow_ups_held,
            "follow_ups_planned": self.follow_ups_planned,
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "next_session": self.next_session.isoformat() if self.next_session else None,
            "next_kind": self.next_kind,
            "open_actions": self.open_actions,
            "overdue_actions": self.overdue_actions,
            "days_since_last_session": self.days_since_last_session,
            "quiet": self.quiet,
            "flags": list(self.flags),
            "path": str(self.engagement.root),
        }


def _hours(minutes: int | None) -> float | None:
    if minutes is None:
        return None
    hours = round(minutes / 60, 2)
    return int(hours) if hours == int(hours) else hours


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def cadence_days(engagement: EngagementView) -> int | None:
    """The cadence in days (a month counts 30), or None without a usable cadence."""
    step = engagement.cadence_step()
    return step[0] * _UNIT_DAYS[step[1]] if step else None


def follow_up_dates(engagement: EngagementView) -> list[dt.date]:
    """engagement.md's ``follow_up:`` dates, in order (anything that is not a date left out)."""
    values = engagement.meta.get("follow_up") or []
    if not isinstance(values, list):
        values = [values]
    return sorted(day for day in values if isinstance(day, dt.date))


def pending_follow_ups(engagement: EngagementView, as_of: dt.date) -> list[dt.date]:
    """The planned follow-up dates not yet held: the n-th follow-up session held by
    ``as_of`` holds the n-th date, whatever day it fell on."""
    held = sum(1 for s in engagement.sessions if s.is_follow_up and s.date <= as_of)
    return follow_up_dates(engagement)[held:]


def minutes_used(engagement: EngagementView, sessions: list[Session]) -> int | None:
    """Minutes of ``sessions``: each one's ``duration``, else ``session_length``; None when
    no session's length is known (0 when there are none)."""
    default = _whole(engagement.meta.get("session_length"))
    lengths = [s.duration if s.duration is not None else default for s in sessions]
    known = [length for length in lengths if length is not None]
    return sum(known) if known or not sessions else None


def engagement_status(engagement: EngagementView, as_of: dt.date) -> EngagementStatus:
    """Status of ``engagement`` on ``as_of``.

    Quiet means no session in twice the cadence. Sessions held count the coaching
    sessions only; follow-ups are counted apart and never against the contract. After
    closure the next date is the next follow-up.
    """
    meta = engagement.meta
    sessions = list(engagement.sessions)
    held = [s for s in sessions if s.date <= as_of]
    coaching = [s for s in held if not s.is_follow_up]
    follow_ups = [s for s in held if s.is_follow_up]
    last = held[-1] if held else None
    later = [s for s in sessions if s.date > as_of]
    phase = meta.get("phase")
    closed = phase in CLOSED_PHASES
    pending = pending_follow_ups(engagement, as_of)
    next_date: dt.date | None = None
    next_kind: str | None = None
    if later:
        next_date, next_kind = later[0].date, later[0].kind
    elif closed:
        if pending:
            next_date, next_kind = pending[0], FOLLOW_UP_KIND
    elif last is not None:
        next_date = last.next_session or engagement.next_after(last.date)
        next_kind = last.kind if next_date else None
    start = meta.get("start")
    since_date = last.date if last else (start if isinstance(start, dt.date) else None)
    since = (as_of - since_date).days if since_date else None
    cadence = cadence_days(engagement)
    quiet = bool(cadence and since is not None and since > 2 * cadence and not later and not closed)
    open_count, overdue_count = engagement.open_counts(as_of)
    planned = _whole(meta.get("sessions_planned"))
    length = _whole(meta.get("session_length"))
    status = EngagementStatus(
        engagement=engagement,
        phase=str(phase) if phase else None,
        sessions_held=len(coaching),
        sessions_planned=planned,
        last_session=last.date if last else None,
        next_session=next_date,
        open_actions=open_count,
        overdue_actions=overdue_count,
        days_since_last_session=(as_of - last.date).days if last else None,
        quiet=quiet,
        next_kind=next_kind,
        follow_ups_held=len(follow_ups),
        follow_ups_planned=len(follow_up_dates(engagement)),
        minutes_used=minutes_used(engagement, coaching),
        minutes_planned=planned * length if planned is not None and length is not None else None,
    )
    status.flags = _flags(status, as_of, booked=bool(later) or _booked(last, as_of))
    return status


def _booked(last: Session | None, as_of: dt.date) -> bool:
    """Whether the last session's ``next_session:`` is a date still to come."""
    return last is not None and last.next_session is not None and last.next_session >= as_of


def _flags(status: EngagementStatus, as_of: dt.date, booked: bool) -> list[str]:
    flags: list[str] = []
    if status.quiet:
        flags.append(QUIET)
    if status.phase == COACHING and not booked:
        flags.append(NO_NEXT_SESSION)
    used_up = (
        status.sessions_planned is not None and status.sessions_held >= status.sessions_planned
    ) or (
        status.minutes_planned is not None
        and status.minutes_used is not None
        and status.minutes_used >= status.minutes_planned
    )
    if used_up and status.engagement.active_goals():
        flags.append(CONTRACT_USED_UP)
    in_follow_up = status.phase in (CLOSURE, FOLLOW_UP)
    if (
        in_follow_up
        and status.next_kind == FOLLOW_UP_KIND
        and status.next_session is not None
        and status.next_session < as_of
    ):
        flags.append(FOLLOW_UP_LATE)
    if in_follow_up and status.follow_ups_held >= max(status.follow_ups_planned, 1):
        flags.append(READY_TO_COMPLETE)
    return flags
