"""The coaching log: one row per client, counted from the session notes of a practice.

The rules (docs/hours.md, with their sources): a session counts when it was held
(not a no-show or a late cancellation), is dated on or before today and inside the
period asked for, and says its ``duration:``; one hour is 60 minutes, a shorter
session counts pro rata. Follow-up sessions are coaching and count. A session's
billing (its own ``billing:``, else the engagement's, else paid) makes it paid or
pro bono; reciprocal coaching counts as paid up to the hours the coach received in
return (the engagement's ``reciprocal_received:``, in hours), in date order, and
as pro bono beyond that. Clients are counted per person: a group counts its size.
A client not listed (``icf_listing: listed``) is counted but named "anonymous
client N".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from coachkit.dates import shift
from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.model import EngagementView, Session
from coachkit.errors import InvalidDate, NoteError
from coachkit.vocabulary import ICF_LISTED, PRO_BONO, RECIPROCAL

MINUTES_PER_HOUR = 60
RECIPROCAL_KEY = "reciprocal_received"


def hours(minutes: int) -> float:
    """Minutes as hours, pro rata, rounded to 2 decimals: 30 minutes are 0.5 hours."""
    return round(minutes / MINUTES_PER_HOUR, 2)


@dataclass
class ClientRow:
    """One line of the log: a client (a person, or a group of ``group_size``)."""

    client: str
    contact: str | None
    group_size: int  # 1 for an individual client
    listed: bool
    first: dt.date
    last: dt.date
    paid_minutes: int = 0
    pro_bono_minutes: int = 0

    @property
    def is_group(self) -> bool:
        return self.group_size > 1

    @property
    def minutes(self) -> int:
        return self.paid_minutes + self.pro_bono_minutes


@dataclass(frozen=True)
class CountedSession:
    """What one session adds to the log."""

    date: dt.date
    paid_minutes: int
    pro_bono_minutes: int

    @property
    def minutes(self) -> int:
        return self.paid_minutes + self.pro_bono_minutes


@dataclass
class HoursLog:
    """The counted log of a period: rows, the sessions behind them, and what was left out."""

    since: dt.date | None
    until: dt.date
    rows: list[ClientRow] = field(default_factory=list)
    sessions: list[CountedSession] = field(default_factory=list)
    # Held sessions in the period that could not be counted, as one line each.
    uncounted: list[str] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        return sum(row.minutes for row in self.rows)

    @property
    def paid_minutes(self) -> int:
        return sum(row.paid_minutes for row in self.rows)

    @property
    def pro_bono_minutes(self) -> int:
        return sum(row.pro_bono_minutes for row in self.rows)

    @property
    def clients(self) -> int:
        """People coached: a group counts each of its members."""
        return sum(row.group_size for row in self.rows)

    def recent(self, months: int) -> tuple[dt.date, float]:
        """The first day of the ``months`` before ``until``, and the hours held from then on."""
        first = shift(self.until, -months, "mo")
        return first, hours(sum(s.minutes for s in self.sessions if s.date >= first))


def problems_that_count(engagements: Iterable[EngagementView]) -> list[NoteError]:
    """The broken notes a log would be wrong without: engagement.md and session notes."""
    return [
        problem
        for engagement in engagements
        for problem in engagement.problems
        if problem.path.name == ENGAGEMENT_FILE or problem.path.parent.name == "sessions"
    ]


def count_hours(
    engagements: Sequence[EngagementView],
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> HoursLog:
    """The log of every session held from ``since`` to ``until`` (default today), never
    after ``today``."""
    until = until or today
    if since is not None and since > until:
        raise InvalidDate(
            f"--since {since.isoformat()} is after --until {until.isoformat()}: "
            "the period holds no day"
        )
    log = HoursLog(since, until)
    last_day = min(until, today)
    rows: dict[tuple[str, str, int, bool], ClientRow] = {}
    for engagement in engagements:
        for session, paid, pro_bono in _billed(engagement, today, log):
            if session.date > last_day or (since is not None and session.date < since):
                continue
            log.sessions.append(CountedSession(session.date, paid, pro_bono))
            row = _row_for(engagement, session.date, rows)
            row.first, row.last = min(row.first, session.date), max(row.last, session.date)
            row.paid_minutes += paid
            row.pro_bono_minutes += pro_bono
    log.rows = sorted(rows.values(), key=lambda r: (r.first, r.client.casefold(), r.last))
    number = 0
    for row in log.rows:
        if not row.listed:
            number += 1
            row.client, row.contact = f"anonymous client {number}", None
    log.sessions.sort(key=lambda s: s.date)
    return log


def _billed(
    engagement: EngagementView, today: dt.date, log: HoursLog
) -> Iterable[tuple[Session, int, int]]:
    """Each session of ``engagement`` held by ``today`` with its paid and pro bono minutes.

    Reciprocal minutes are paid while the hours received in return last, in date order,
    whatever the period, so that a session is paid or pro bono the same in every log.
    """
    received = _received_minutes(engagement)
    for session in engagement.sessions:
        if not session.is_held or session.date > today:
            continue
        if session.duration is None:
            if (log.since is None or session.date >= log.since) and session.date <= log.until:
                log.uncounted.append(
                    f"{session.path}: a held session without duration: is not counted; "
                    "add its length in minutes"
                )
            continue
        billing = engagement.billing_of(session)
        minutes = session.duration
        if billing == PRO_BONO:
            yield session, 0, minutes
        elif billing == RECIPROCAL:
            paid = min(minutes, received)
            received -= paid
            yield session, paid, minutes - paid
        else:  # paid: the loader reports any other value, and `hours` stops on it
            yield session, minutes, 0


def _received_minutes(engagement: EngagementView) -> int:
    value = engagement.meta.get(RECIPROCAL_KEY)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        return 0  # the loader reported a bad value; nothing received can be shown
    return round(value * MINUTES_PER_HOUR)


def _row_for(
    engagement: EngagementView, day: dt.date, rows: dict[tuple[str, str, int, bool], ClientRow]
) -> ClientRow:
    """The row of ``engagement``'s client: two engagements of one client share it."""
    meta = engagement.meta
    contact = meta.get("contact")
    contact = str(contact) if contact else None
    size = meta.get("group_size")
    size = size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else 1
    listed = meta.get("icf_listing") == ICF_LISTED
    key = (engagement.client.casefold(), (contact or "").casefold(), size, listed)
    row = rows.get(key)
    if row is None:
        row = rows[key] = ClientRow(engagement.client, contact, size, listed, day, day)
    return row
