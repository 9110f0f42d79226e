"""Find engagements and load them into the model.

An engagement is a folder holding ``engagement.md``. Engagement commands find
theirs by walking up from the current folder; practice commands find every
engagement below the paths they are given.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachkit.dates import clock_problem, normal_clock
from coachkit.engagement.ids import goal_sort_key
from coachkit.engagement.listing import (
    ENGAGEMENT_FILE,
    engagement_above,
    note_listing,
)
from coachkit.engagement.model import (
    ActionItem,
    Engagement,
    FeedbackRound,
    Goal,
    Session,
)
from coachkit.errors import EngagementNotFound, NoteError, ProblemKind
from coachkit.notes.located_map import LocatedMap
from coachkit.vocabulary import (
    ACTION_STATUSES,
    ATTENDANCE,
    BILLING,
    GROUP_SIZE_MAX,
    GROUP_SIZE_MIN,
    HELD,
    ICF_LISTINGS,
    SHARE_LEVELS,
    one_of,
)

if TYPE_CHECKING:
    from coachkit.notes.reader import Note

FACT_INVALID = ProblemKind.FACT_INVALID
# One address, no spaces: enough to catch a name typed where the e-mail belongs.
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SESSION_NAME_RE = re.compile(r"^(\d+)-(\d{4}-\d{2}-\d{2})")
ACTION_KEYS = ("id", "title", "owner", "due", "status", "goal", "accountability", "done")


def find_engagement_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` that holds ``engagement.md``."""
    found = engagement_above(os.fspath(start))
    if found is None:
        raise EngagementNotFound(
            f"no {ENGAGEMENT_FILE} in {start.resolve()} or any folder above it; cd into an "
            "engagement, pass -C PATH, or create one with `coachkit init PATH --client NAME`"
        )
    return Path(found)


class _Builder:
    """Collects objects and problems while an engagement's notes are read."""

    def __init__(self, root: Path) -> None:
        self.engagement = Engagement(root=root, meta={})

    def problem(
        self,
        note: Note,
        key: str | None,
        message: str,
        mapping: LocatedMap | None = None,
        kind: ProblemKind = ProblemKind.WRONG_TYPE,
    ) -> None:
        where = mapping if mapping is not None else note.meta
        line, column = where.position_of(key) if key else (where.line, where.column)
        self.engagement.problems.append(NoteError(note.path, line, column, message, kind))

    def text(self, note: Note, mapping: LocatedMap, key: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            self.problem(note, key, f"{key} must be text, not a list or mapping", mapping)
            return None
        return str(value)

    def date(self, note: Note, mapping: LocatedMap, key: str) -> dt.date | None:
        value = mapping.get(key)
        if value is None or isinstance(value, dt.date):
            return value
        self.problem(
            note,
            key,
            f"{key} must be a date written YYYY-MM-DD, not {value!r}",
            mapping,
            ProblemKind.INVALID_DATE,
        )
        return None

    def integer(self, note: Note, mapping: LocatedMap, key: str) -> int | None:
        value = mapping.get(key)
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.problem(note, key, f"{key} must be a whole number, not {value!r}", mapping)
        return None

    def share(self, note: Note, mapping: LocatedMap) -> None:
        """Flag a ``share:`` that is not coach, client or sponsor (reports hide such an item)."""
        value = mapping.get("share")
        if value is not None and value not in SHARE_LEVELS:
            self.problem(
                note, "share", f"share must be {one_of(SHARE_LEVELS)}, not {value!r}", mapping
            )

    def choice(self, note: Note, key: str, words: tuple[str, ...]) -> str | None:
        """The text at ``key``, flagged unless it is one of ``words`` (kept as written)."""
        value = self.text(note, note.meta, key)
        if value is not None and value not in words:
            self.problem(
                note, key, f"{key} must be {one_of(words)}, not {value!r}", kind=FACT_INVALID
            )
        return value

    def clock(self, note: Note, key: str) -> str | None:
        """A local time ``HH:MM`` (normalised to two digits for the hour); None when bad."""
        value = note.meta.get(key)
        if value is None:
            return None
        problem = clock_problem(value)
        if problem:
            self.problem(note, key, f"{key} {problem}", kind=FACT_INVALID)
            return None
        return normal_clock(value)

    def minutes(self, note: Note, key: str) -> int | None:
        value = self.integer(note, note.meta, key)
        if value is not None and value <= 0:
            self.problem(
                note, key, f"{key} must be minutes above 0, not {value!r}", kind=FACT_INVALID
            )
            return None
        return value

    def engagement_facts(self, note: Note) -> None:
        """Flag a billing, contact, group size, ICF listing or reciprocal balance a coaching
        log cannot use."""
        self.choice(note, "billing", BILLING)
        self.choice(note, "icf_listing", ICF_LISTINGS)
        contact = self.text(note, note.meta, "contact")
        if contact is not None and not EMAIL_RE.match(contact):
            self.problem(
                note,
                "contact",
                f"contact must be the client's e-mail address, not {contact!r}",
                kind=FACT_INVALID,
            )
        received = note.meta.get("reciprocal_received")
        if received is not None and (
            isinstance(received, bool) or not isinstance(received, (int, float)) or received < 0
        ):
            self.problem(
                note,
                "reciprocal_received",
                f"reciprocal_received must be the hours of coaching received in return, "
                f"a number of 0 or more, not {received!r}",
                kind=FACT_INVALID,
            )
        size = self.integer(note, note.meta, "group_size")
        if size is not None and not GROUP_SIZE_MIN <= size <= GROUP_SIZE_MAX:
            self.problem(
                note,
                "group_size",
                f"group_size must be {GROUP_SIZE_MIN} to {GROUP_SIZE_MAX} people, not {size}",
                kind=FACT_INVALID,
            )

    def read(self, path: Path) -> Note | None:
        from coachkit.notes.reader import read_note  # not at the top: cached reads need no YAML

        try:
            note = read_note(path)
        except NoteError as exc:
            self.engagement.problems.append(exc)
            return None
        self.engagement.notes[path] = note
        if not note.has_front_matter:
            self.engagement.problems.append(
                NoteError(
                    path,
                    1,
                    1,
                    "no front matter: a note starts with a '---' line, its keys, and '---'",
                    ProblemKind.NO_FRONT_MATTER,
                )
            )
            return None
        return note

    def actions(self, note: Note) -> None:
        items = note.meta.get("actions")
        if items is None:
            return
        if not isinstance(items, list):
            self.problem(note, "actions", "actions must be a list of items ('- id: …')")
            return
        for raw in items:
            if not isinstance(raw, LocatedMap):
                self.problem(
                    note, "actions", "each action item must be a mapping with id, title, owner, due"
                )
                continue
            self.action(note, raw)

    def action(self, note: Note, raw: LocatedMap) -> None:
        self.share(note, raw)
        status = self.text(note, raw, "status") or "open"
        if status not in ACTION_STATUSES:
            self.problem(
                note,
                "status",
                f"status must be {one_of(ACTION_STATUSES)}, not {status!r}",
                raw,
                ProblemKind.ACTION_STATUS_UNKNOWN,
            )
        item_id = self.text(note, raw, "id")
        if not item_id:
            self.problem(note, None, "action item has no id", raw, ProblemKind.ACTION_WITHOUT_ID)
        self.engagement.actions.append(
            ActionItem(
                id=item_id or "",
                title=self.text(note, raw, "title") or "",
                owner=self.text(note, raw, "owner"),
                due=self.date(note, raw, "due"),
                status=status,
                goal=self.text(note, raw, "goal"),
                accountability=self.text(note, raw, "accountability"),
                done=self.date(note, raw, "done"),
                path=note.path,
                line=raw.line,
                column=raw.column,
                extra={k: v for k, v in raw.items() if k not in ACTION_KEYS},
                raw=raw,
            )
        )

    def engagement_note(self, note: Note) -> None:
        self.engagement.meta = dict(note.meta)
        if not note.meta.get("client"):
            self.problem(
                note,
                None,
                "engagement.md has no client: add a line 'client: NAME'",
                kind=ProblemKind.ENGAGEMENT_WITHOUT_CLIENT,
            )
        for key in ("start", "end"):
            self.date(note, note.meta, key)
        self.engagement_facts(note)
        follow_up = note.meta.get("follow_up")
        if follow_up is not None and not (
            isinstance(follow_up, list) and all(isinstance(d, dt.date) for d in follow_up)
        ):
            self.problem(
                note,
                "follow_up",
                "follow_up must be a list of dates YYYY-MM-DD",
                kind=ProblemKind.INVALID_DATE,
            )
        self.actions(note)

    def goal_note(self, note: Note) -> None:
        meta = note.meta
        goal_id = self.text(note, meta, "id") or note.path.stem.split("-", 1)[0]
        stakeholders: Any = meta.get("stakeholders") or []
        self.share(note, meta)
        self.engagement.goals.append(
            Goal(
                id=goal_id,
                title=self.text(note, meta, "title") or note.path.stem,
                status=self.text(note, meta, "status") or "active",
                measure=self.text(note, meta, "measure"),
                baseline=self.text(note, meta, "baseline"),
                target=self.text(note, meta, "target"),
                target_date=self.date(note, meta, "target_date"),
                competency=self.text(note, meta, "competency"),
                stakeholders=[str(s) for s in stakeholders]
                if isinstance(stakeholders, list)
                else [str(stakeholders)],
                path=note.path,
                line=meta.line,
            )
        )
        self.actions(note)

    def session_note(self, note: Note) -> None:
        meta = note.meta
        match = SESSION_NAME_RE.match(note.path.name)
        number = self.integer(note, meta, "session")
        if number is None and match:
            number = int(match.group(1))
        when = self.date(note, meta, "date")
        if when is None and match:
            try:
                when = dt.date.fromisoformat(match.group(2))
            except ValueError:
                when = None
        if number is None or when is None:
            self.problem(
                note,
                None,
                "session note needs 'session: N' and 'date: YYYY-MM-DD'",
                kind=ProblemKind.SESSION_WITHOUT_DATE,
            )
            self.actions(note)
            return
        self.engagement.sessions.append(
            Session(
                number=number,
                date=when,
                duration=self.minutes(note, "duration"),
                next_session=self.date(note, meta, "next_session"),
                path=note.path,
                body=note.body,
                body_line=note.body_line,
                kind="follow-up" if meta.get("kind") == "follow-up" else "session",
                start=self.clock(note, "start"),
                attended=self.choice(note, "attended", ATTENDANCE) or HELD,
                billing=self.choice(note, "billing", BILLING),
                format=self.text(note, meta, "format"),
            )
        )
        self.actions(note)

    def feedback_note(self, note: Note) -> None:
        meta = note.meta
        kind = self.text(note, meta, "kind")
        self.engagement.feedback.append(
            FeedbackRound(kind, self.date(note, meta, "date"), dict(meta), note.path)
        )


def load_engagement(root: Path, listing: list[tuple[str, Path]] | None = None) -> Engagement:
    """Read every note of the engagement at ``root``; problems are collected, not raised.

    ``listing`` is :func:`note_listing`'s answer when the caller already has it.
    """
    builder = _Builder(root)
    readers = {
        "engagement": builder.engagement_note,
        "goals": builder.goal_note,
        "sessions": builder.session_note,
        "feedback": builder.feedback_note,
    }
    for kind, path in note_listing(root) if listing is None else listing:
        if (note := builder.read(path)) is not None:
            readers[kind](note)
    engagement = builder.engagement
    engagement.sessions.sort(key=lambda s: (s.date, s.number))
    engagement.goals.sort(key=lambda g: goal_sort_key(g.id))
    return engagement
