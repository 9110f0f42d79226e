"""One line of status per engagement: sessions, next date, open and overdue work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachkit.engagement.model import EngagementView
from coachkit.vocabulary import CLOSED_PHASES

_UNIT_DAYS = {"d": 1, "w": 7, "mo": 30}


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
            "last_session": self.last_session.isoformat() if self.last_session else None,
            "next_session": self.next_session.isoformat() if self.next_session else None,
            "open_actions": self.open_actions,
            "overdue_actions": self.overdue_actions,
            "days_since_last_session": self.days_since_last_session,
            "quiet": self.quiet,
            "path": str(self.engagement.root),
        }


def cadence_days(engagement: EngagementView) -> int | None:
    """The cadence in days (a month counts 30), or None without a usable cadence."""
    step = engagement.cadence_step()
    return step[0] * _UNIT_DAYS[step[1]] if step else None


def engagement_status(engagement: EngagementView, as_of: dt.date) -> EngagementStatus:
    """Status of ``engagement`` on ``as_of``; quiet means no session in twice the cadence."""
    held = [s for s in engagement.sessions if s.date <= as_of]
    last = held[-1] if held else None
    next_date = None
    if last is not None:
        next_date = last.next_session or engagement.next_after(last.date)
    later = [s.date for s in engagement.sessions if s.date > as_of]
    if later:
        next_date = min(later)
    start = engagement.meta.get("start")
    since_date = last.date if last else (start if isinstance(start, dt.date) else None)
    since = (as_of - since_date).days if since_date else None
    phase = engagement.meta.get("phase")
    cadence = cadence_days(engagement)
    quiet = bool(
        cadence
        and since is not None
        and since > 2 * cadence
        and not later
        and phase not in CLOSED_PHASES
    )
    open_items = engagement.open_actions()
    planned = engagement.meta.get("sessions_planned")
    return EngagementStatus(
        engagement=engagement,
        phase=str(phase) if phase else None,
        sessions_held=len(held),
        sessions_planned=planned
        if isinstance(planned, int) and not isinstance(planned, bool)
        else None,
        last_session=last.date if last else None,
        next_session=next_date,
        open_actions=len(open_items),
        overdue_actions=sum(1 for item in open_items if item.days_overdue(as_of) > 0),
        days_since_last_session=(as_of - last.date).days if last else None,
        quiet=quiet,
    )
