"""The week's digest for cron: ``coachkit upcoming --format mail``.

A mail message a coach's cron job pipes to ``sendmail -t`` (or ``mail -t``): a first
line ``Subject: …`` with the counts, a blank line, and a plain-text body with the
sessions and follow-ups in the window (as ``coachkit upcoming`` lists them), the
action items due in it, and those overdue (as ``coachkit overdue --within`` lists them),
across every client. A note that could not be read is named in one line under
"Could not read" and everything else is still there: a broken note must not
silence the reminder about the rest.

The digest goes to the coach's own mailbox, so it names clients and shows action
item titles; each title passes :func:`coachkit.notes.privacy.disclose` first, and
one that cannot be disclosed safely is shown as withheld. The subject is plain
ASCII (counts and a date only), so no mail header needs encoding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from coachkit.engagement.model import ActionRecord, EngagementView
from coachkit.engagement.practice import ActionFilter, ActionRow, select_actions
from coachkit.engagement.upcoming import UpcomingRow, upcoming
from coachkit.errors import NoteError, PrivateTextRefused
from coachkit.notes.privacy import public_text
from coachkit.vocabulary import FOLLOW_UP_KIND, SESSION_KIND

DIGEST_WITHIN = 7  # a week: the digest's window unless --within says otherwise
WITHHELD = "(title withheld: it holds a private marker)"


@dataclass
class Digest:
    """What the week holds, across a practice, on ``as_of``."""

    as_of: dt.date
    until: dt.date
    engagements: int
    sessions: list[UpcomingRow]
    follow_ups: list[UpcomingRow]
    due: list[ActionRow]
    overdue: list[ActionRow]
    problems: list[NoteError]

    @property
    def empty(self) -> bool:
        """Whether nothing is listed (broken notes aside)."""
        return not (self.sessions or self.follow_ups or self.due or self.overdue)


def week_digest(
    engagements: Sequence[EngagementView],
    problems: Sequence[NoteError],
    as_of: dt.date,
    within: int = DIGEST_WITHIN,
) -> Digest:
    """The digest of ``engagements`` from ``as_of`` to ``within`` days after it."""
    rows = upcoming(engagements, as_of, within)
    items = select_actions(engagements, ActionFilter(as_of, overdue_only=True, within=within))
    try:
        until = as_of + dt.timedelta(days=within)
    except OverflowError:
        until = dt.date.max
    return Digest(
        as_of=as_of,
        until=until,
        engagements=len(engagements),
        sessions=[r for r in rows if r.kind == SESSION_KIND],
        follow_ups=[r for r in rows if r.kind == FOLLOW_UP_KIND],
        due=[r for r in items if not r.days_overdue],
        overdue=[r for r in items if r.days_overdue],
        problems=list(problems),
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def subject(digest: Digest) -> str:
    """``Coaching week of 2026-02-12: 1 session, 2 due, 1 overdue`` (ASCII only)."""
    parts = []
    if digest.sessions:
        parts.append(_plural(len(digest.sessions), "session"))
    if digest.follow_ups:
        parts.append(_plural(len(digest.follow_ups), "follow-up"))
    if digest.due:
        parts.append(f"{len(digest.due)} due")
    if digest.overdue:
        parts.append(f"{len(digest.overdue)} overdue")
    if digest.problems:
        parts.append(_plural(len(digest.problems), "unreadable note"))
    return f"Coaching week of {digest.as_of.isoformat()}: {', '.join(parts) or 'nothing due'}"


def _day(day: dt.date) -> str:
    return f"{day.strftime('%a')} {day.isoformat()}"


def _when(days: int) -> str:
    if days < 0:
        return f"{-days}d late"
    return "today" if days == 0 else f"in {days}d"


def _title(item: ActionRecord) -> str:
    try:
        text = public_text(item.title, item.path, first_line=item.line)
    except PrivateTextRefused:
        return WITHHELD
    return " ".join(text.split()) or WITHHELD


def _date_line(row: UpcomingRow, as_of: dt.date) -> str:
    return (
        f"  {_day(row.date)}  {_when(row.days(as_of)):<9} {row.engagement.client} "
        f"({row.engagement.name}): {row.title}"
    )


def _item_line(row: ActionRow, as_of: dt.date) -> str:
    item = row.item
    due = item.due or as_of
    late = row.days_overdue
    when = f"{late}d late" if late else _when((due - as_of).days)
    owner = f" ({item.owner})" if item.owner else ""
    where = f"{row.engagement.client} ({row.engagement.name})"
    return f"  {_day(due)}  {when:<9} {where}: `{item.id}` {_title(item)}{owner}"


def mail(digest: Digest) -> str:
    """The digest as a mail message: ``Subject:``, a blank line, the plain-text body."""
    as_of = digest.as_of
    lines = [
        f"Subject: {subject(digest)}",
        "",
        f"From {_day(as_of)} to {_day(digest.until)}, across "
        f"{_plural(digest.engagements, 'engagement')}.",
    ]
    sections: list[tuple[str, list[str]]] = [
        ("Sessions", [_date_line(r, as_of) for r in digest.sessions]),
        ("Follow-ups", [_date_line(r, as_of) for r in digest.follow_ups]),
        ("Action items due", [_item_line(r, as_of) for r in digest.due]),
        ("Overdue", [_item_line(r, as_of) for r in digest.overdue]),
        ("Could not read", [f"  {problem}" for problem in digest.problems]),
    ]
    for heading, body in sections:
        if body:
            lines += ["", f"{heading} ({len(body)})", *body]
    if digest.empty:
        lines += ["", "Nothing due, planned or overdue."]
    lines += ["", "-- ", "coachkit upcoming --format mail"]
    return "\n".join(lines) + "\n"
