"""``coachkit calendar``: the events as an RFC 5545 (.ics) file, and where it may be written.

The file is built with the icalendar library (imported here only, when a calendar
is made). It must come out byte for byte the same when nothing changed, so that
a folder a calendar subscribes to sees no change and a synced copy is not
uploaded again: nothing in it comes from the clock. DTSTAMP, which RFC 5545
requires, is midnight UTC of the date of the note each event comes from (see
:class:`~coachkit.engagement.calendar.CalendarEvent`), and the events come in
one order.

A timed session is in floating local time (no time zone): notes keep ``start:``
as the coach's wall-clock time, and a floating time shows at that hour in
whichever zone the calendar is viewed. An event without a time is all day, and
an action item's due date is free time (TRANSP:TRANSPARENT) with a VALARM
``--alarm`` before its start (midnight of the due date).

``-o FILE`` is not a note and never committed: it is written atomically to a new
file, or over a file that already holds a calendar (re-publishing is the point),
and never over anything else (a note, a device, a FIFO, a link, another file).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coachkit.engagement.calendar import CalendarEvent
from coachkit.engagement.listing import read_as_note
from coachkit.errors import CoachkitError, WriteRefused
from coachkit.storage.atomic_write import create_file, replace_unchanged
from coachkit.storage.output_file import (
    first_line,
    holds_exactly,
    inspect_output,
    starts_with_front_matter,
)

if TYPE_CHECKING:
    from icalendar import Event

PRODID = "-//coachkit//coachkit calendar//EN"
CALENDAR_NAME = "Coaching"
DEFAULT_ALARM = "1d"
_ALARM_RE = re.compile(r"^([0-9]{1,4})([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
CALENDAR_LINE = b"BEGIN:VCALENDAR"


class AlarmNotUnderstood(CoachkitError):
    """An ``--alarm`` that is not an amount of minutes, hours, days or weeks."""


def parse_alarm(text: str) -> dt.timedelta | None:
    """``--alarm`` as how long before the due date it rings: ``1d``, ``15h``, ``2w``,
    ``90m``, ``0d`` (at midnight of the due date); ``none`` for no alarm (None)."""
    value = text.strip().lower()
    if value == "none":
        return None
    match = _ALARM_RE.match(value)
    if match is None:
        raise AlarmNotUnderstood(
            f"--alarm {text!r} is not understood: use an amount and a unit, e.g. 1d, 15h, "
            "2w or 90m, or none"
        )
    return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def calendar_bytes(events: Sequence[CalendarEvent], alarm: dt.timedelta | None) -> bytes:
    """The RFC 5545 text of ``events``, with an alarm ``alarm`` before each due date."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for event in events:
        calendar.add_component(_event(event, alarm))
    data: bytes = calendar.to_ical()
    return data


def _event(event: CalendarEvent, alarm: dt.timedelta | None) -> Event:
    from icalendar import Alarm, Event

    component = Event()
    component.add("uid", event.uid)
    component.add("dtstamp", dt.datetime.combine(event.stamp, dt.time(), dt.timezone.utc))
    if event.start is None:
        component.add("dtstart", event.day)
        _add_end(component, event.day, dt.timedelta(days=1))
        component.add("transp", "TRANSPARENT")
    else:
        start = dt.datetime.combine(event.day, event.start)  # floating local time
        component.add("dtstart", start)
        _add_end(component, start, dt.timedelta(minutes=event.minutes))
    component.add("summary", event.summary)
    component.add("categories", [event.kind])
    if event.alarm and alarm is not None:
        reminder = Alarm()
        reminder.add("action", "DISPLAY")
        reminder.add("description", event.summary)
        reminder.add("trigger", -alarm)
        component.add_component(reminder)
    return component


def _add_end(component: Event, start: dt.date, length: dt.timedelta) -> None:
    """DTEND ``length`` after ``start``; none at the calendar's last day (RFC 5545 then
    reads an all-day event as one day long, a timed one as an instant)."""
    with contextlib.suppress(OverflowError):
        component.add("dtend", start + length)


def write_calendar(given: Path, data: bytes) -> Path:
    """Write ``data`` to ``given`` atomically, new or over a calendar; the path written.

    A file that already holds exactly ``data`` is left alone (its time too).
    """
    target, seen = inspect_output(given, "calendar", "coaching.ics")
    why = read_as_note(target)
    if why is not None:
        raise WriteRefused(
            f"{given}: a calendar there would be read as a note ({why}); choose another name"
        )
    if seen is None:
        create_file(target, data)
        return target
    if starts_with_front_matter(target):
        raise WriteRefused(
            f"{given}: is a coachkit note (it starts with front matter); a calendar never "
            "replaces a note; choose another name"
        )
    if first_line(target) != CALENDAR_LINE and seen.st_size > 0:
        raise WriteRefused(
            f"{given}: exists and is not a calendar (it does not start with BEGIN:VCALENDAR); "
            "coachkit replaces only a calendar it can recognise; choose another name"
        )
    if seen.st_size == len(data) and holds_exactly(target, data):
        return target
    replace_unchanged(target, data, seen)
    return target
