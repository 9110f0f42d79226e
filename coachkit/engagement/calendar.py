"""The events of a coach's calendar: what ``coachkit calendar`` puts in its .ics file.

Three sources, across a practice, at any date (a calendar keeps the past too):

- **sessions**: every session note (held, or written ahead), at its ``start:`` when
  it has one, else all day; and the sessions and follow-ups planned but not yet
  written, as ``coachkit upcoming`` works them out (:func:`~coachkit.engagement.upcoming.planned`);
- **follow-ups**: follow-up session notes and the ``follow_up:`` dates not yet held;
- **action items**: each open item's due date, all day, with an alarm before it.

Events carry nothing but an allow-listed title (``Session 4 — Jordan Lee``,
``Follow-up — Jordan Lee``, ``Due: t9hc — Jordan Lee``; without the client's name when
anonymous), a date or a start and an end: never an action item's title, an owner,
a path or any text of a note. Their UIDs are a hash of the engagement's folder name
and the item (``session-4``, ``follow-up-1``, ``action-t9hc``), so a planned session
and the note later written for it are one event, and a subscribed calendar updates
an event instead of adding a second. Nothing here depends on the clock but through
``as_of``, so the same notes on the same day give the same events.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.model import EngagementView, Session
from coachkit.engagement.upcoming import ACTION_KIND, ROW_KINDS, planned
from coachkit.vocabulary import FOLLOW_UP_KIND, HELD, SESSION_KIND

DEFAULT_MINUTES = 60  # a timed session with neither duration: nor session_length:
UID_DOMAIN = "coachkit"


@dataclass(frozen=True)
class CalendarEvent:
    """One event: all day when ``start`` is None, else from ``start`` for ``minutes``.

    ``stamp`` is the date of the note the event comes from (its DTSTAMP), so that
    writing the calendar again with nothing changed gives the same bytes.
    """

    uid: str
    engagement: str  # the folder name: the order of events on one day, never written
    kind: str
    summary: str
    day: dt.date
    start: dt.time | None
    minutes: int
    stamp: dt.date
    alarm: bool = False


def event_uid(engagement: str, key: str) -> str:
    """A UID from the engagement's folder name and the item's key, e.g. ``action-t9hc``.

    Hashed, so no name in a folder's name reaches a shared calendar.
    """
    digest = hashlib.sha256(f"{engagement}\0{key}".encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def calendar_events(
    engagements: Iterable[EngagementView], as_of: dt.date, *, anonymous: bool = False
) -> list[CalendarEvent]:
    """Every event of ``engagements``, by date, start time (all day first), engagement,
    kind (sessions, follow-ups, due dates) and UID."""
    events: list[CalendarEvent] = []
    for engagement in engagements:
        events.extend(_EngagementEvents(engagement, as_of, anonymous).events())
    events.sort(
        key=lambda e: (
            e.day,
            e.start is not None,
            e.start or dt.time(),
            e.engagement,
            ROW_KINDS.index(e.kind),
            e.uid,
        )
    )
    return events


class _EngagementEvents:
    """The events of one engagement, each with a UID no other event of it has."""

    def __init__(self, engagement: EngagementView, as_of: dt.date, anonymous: bool) -> None:
        self.engagement = engagement
        self.as_of = as_of
        self.suffix = "" if anonymous else f" — {engagement.client}"
        self.keys: set[str] = set()
        self.note_dates: dict[Path, dt.date] = {s.path: s.date for s in engagement.sessions}
        start = engagement.meta.get("start")
        if isinstance(start, dt.date):
            self.note_dates[engagement.root / ENGAGEMENT_FILE] = start

    def events(self) -> list[CalendarEvent]:
        events = [self.session(s, n) for s, n in self.numbered_sessions()]
        events += self.planned()
        events += self.due_dates()
        return events

    def numbered_sessions(self) -> list[tuple[Session, int]]:
        """Each session note with its key number: its session number, or its place
        among the follow-ups (the n-th follow-up note holds the n-th follow_up: date)."""
        numbered = []
        follow_ups = 0
        for s in self.engagement.sessions:
            if s.is_follow_up:
                follow_ups += 1
                numbered.append((s, follow_ups))
            else:
                numbered.append((s, s.number))
        return numbered

    def uid(self, key: str) -> str:
        """The UID for ``key``, or for ``key`` with a counter when another event took it
        (two notes with one session number: lint reports it, the calendar keeps both)."""
        unique, count = key, 1
        while unique in self.keys:
            count += 1
            unique = f"{key}-{count}"
        self.keys.add(unique)
        return event_uid(self.engagement.name, unique)

    def session(self, s: Session, number: int) -> CalendarEvent:
        if s.is_follow_up:
            kind, key, name = FOLLOW_UP_KIND, f"follow-up-{number}", "Follow-up"
        else:
            kind, key, name = SESSION_KIND, f"session-{number}", f"Session {number}"
        if s.attended != HELD:
            name = f"{name} ({s.attended})"
        return CalendarEvent(
            engagement=self.engagement.name,
            uid=self.uid(key),
            kind=kind,
            summary=f"{name}{self.suffix}",
            day=s.date,
            start=_clock(s.start),
            minutes=self.minutes(s),
            stamp=s.date,
        )

    def minutes(self, s: Session) -> int:
        if s.duration:
            return s.duration
        length = self.engagement.meta.get("session_length")
        if isinstance(length, int) and not isinstance(length, bool) and length > 0:
            return length
        return DEFAULT_MINUTES

    def planned(self) -> list[CalendarEvent]:
        events = []
        for row in planned(self.engagement, self.as_of):
            if row.kind == FOLLOW_UP_KIND:
                key, name = f"follow-up-{row.place}", "Follow-up (planned)"
            else:
                key, name = f"session-{row.place}", row.title
            events.append(
                CalendarEvent(
                    engagement=self.engagement.name,
                    uid=self.uid(key),
                    kind=row.kind,
                    summary=f"{name}{self.suffix}",
                    day=row.date,
                    start=None,
                    minutes=0,
                    stamp=self.note_date(row.path, row.date),
                )
            )
        return events

    def due_dates(self) -> list[CalendarEvent]:
        return [
            CalendarEvent(
                engagement=self.engagement.name,
                uid=self.uid(f"action-{item.id}"),
                kind=ACTION_KIND,
                summary=f"Due: {item.id}{self.suffix}",
                day=item.due,
                start=None,
                minutes=0,
                stamp=self.note_date(item.path, item.due),
                alarm=True,
            )
            for item in self.engagement.actions_where(("open",))
            if item.due is not None
        ]

    def note_date(self, path: Path, default: dt.date) -> dt.date:
        """The date of the note at ``path``: a session's date, the engagement's start."""
        return self.note_dates.get(path) or default


def _clock(value: str | None) -> dt.time | None:
    """The loader's ``HH:MM`` as a time of day (None: all day)."""
    if value is None:
        return None
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))
