"""An engagement as plain values (``marshal``-able) and back, for the parse cache.

Decoding must be much cheaper than parsing YAML, so the encoding is flat tuples of
strings, numbers and ``None``; dates are ordinals; paths are relative to the
engagement and re-joined to the root the caller gave, so a listing prints the same
paths whether it was read from the notes or from the cache.

A decoded engagement is a :class:`CachedEngagement`: it has no ``notes`` and its
action items no ``raw`` mappings (they hold every key's position and are costly to
rebuild), so the type checker keeps it from code that needs them (lint, report,
writers that edit notes), which asks for a loaded
:class:`~coachkit.engagement.model.Engagement`. A session's body and a feedback
round's front matter are read from their note if they are ever used.
"""

from __future__ import annotations

import datetime as dt
import marshal
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from coachkit.cache.layout import (
    CORE,
    DUES,
    OPEN_ACTIONS,
    OTHER_ACTIONS,
    OTHER_RECORDS,
    OVERDUE_RECORDS,
    OWNERS,
    PACKED,
    action_texts,
    json_string,
    overdue_texts,
)
from coachkit.engagement.model import (
    ActionRecord,
    Engagement,
    EngagementView,
    FeedbackRound,
    Goal,
    Session,
    action_matches,
)
from coachkit.errors import NoteError, ProblemKind
from coachkit.notes.located_map import LocatedMap

T = TypeVar("T")
_DATE = "d"
_LOCATED = "m"
_DICT = "p"


def freeze(value: Any) -> Any:
    """A YAML value as plain values: dates and mappings become tagged tuples."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is list:
        return [freeze(item) for item in value]
    if kind is dt.date:
        return (_DATE, value.toordinal())
    if kind is LocatedMap:
        return (
            _LOCATED,
            value.line,
            value.column,
            {freeze(k): freeze(v) for k, v in value.items()},
            {freeze(k): p for k, p in value.key_positions.items()},
        )
    if isinstance(value, dict):
        return (_DICT, {freeze(k): freeze(v) for k, v in value.items()})
    raise TypeError(f"cannot cache a {kind.__name__}")


def thaw(value: Any) -> Any:
    """The inverse of :func:`freeze`."""
    kind = type(value)
    if kind is list:
        return [thaw(item) for item in value]
    if kind is not tuple:
        return value
    tag = value[0]
    if tag == _DATE:
        return dt.date.fromordinal(value[1])
    if tag == _DICT:
        return {thaw(k): thaw(v) for k, v in value[1].items()}
    located = LocatedMap()
    located.line, located.column = value[1], value[2]
    located.update((thaw(k), thaw(v)) for k, v in value[3].items())
    located.key_positions = {thaw(k): tuple(p) for k, p in value[4].items()}
    return located


def _ordinal(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def _day(ordinal: int | None) -> dt.date | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal)


class _Unpacked:
    """An attribute built from the cache entry the first time it is read.

    The owner's ``_unpack(name)`` builds it; assigning it works as for any attribute.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, objtype: type | None = None) -> Any:
        if obj is None:
            return self
        try:
            return obj.__dict__[self.name]
        except KeyError:
            value = obj.__dict__[self.name] = obj._unpack(self.name)
            return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.name] = value


class _Located:
    """A cached object whose ``path`` is joined to the engagement's root when first read:
    a listing that never prints a session's or an item's path builds no Path for it."""

    path = _Unpacked()
    _note: tuple[Callable[[int | str], Path], int | str]

    def _unpack(self, name: str) -> Any:
        join, where = self._note
        return join(where)


class _CachedSession(_Located, Session):
    """A cached session: its body is read from its note when first used."""

    body = _Unpacked()

    def _unpack(self, name: str) -> Any:
        if name == "path":
            return super()._unpack(name)
        from coachkit.notes.reader import read_body

        return read_body(self.path)


class _CachedAction(_Located, ActionRecord):
    """A cached action item (no ``raw``)."""


class _CachedFeedbackRound(FeedbackRound):
    """A cached feedback round: its front matter is read from its note when first used."""

    meta = _Unpacked()

    def _unpack(self, name: str) -> dict[str, Any]:
        from coachkit.notes.reader import read_note

        return dict(read_note(self.path).meta)


def _new(cls: type[T], **attributes: Any) -> T:
    """An instance of a cached class with only ``attributes`` set; the rest unpack lazily."""
    obj = cls.__new__(cls)
    obj.__dict__.update(attributes)
    return obj


class CachedEngagement(EngagementView):
    """An engagement read from the cache: each list is built when first used.

    It has no ``notes``, and its items are :class:`ActionRecord` (no ``raw``).
    ``overdue`` never builds a session or a goal, nor unpacks a done item;
    :meth:`actions_where` builds only the items that can pass its filter.
    """

    root: Path
    meta: dict[str, Any]
    problems: list[NoteError]
    goals = _Unpacked()
    sessions = _Unpacked()
    feedback = _Unpacked()
    actions = _Unpacked()
    _sections: list[Any]

    def _section(self, number: int) -> Any:
        value = self._sections[number]
        if isinstance(value, memoryview):
            value = self._sections[number] = self._peek(number)
        return value

    def _peek(self, number: int) -> Any:
        """Section ``number`` unpacked, without keeping it: what a listing reads once
        (its records, spliced into text it prints) need not stay in memory as objects."""
        value = self._sections[number]
        if not isinstance(value, memoryview):
            return value
        return marshal.loads(zlib.decompress(value) if number in PACKED else value)

    def _path(self, where: int | str) -> Path:
        if isinstance(where, int):
            paths: list[Path | None] = self.__dict__["_paths"]
            found = paths[where]
            if found is None:
                # Joining one plain name to a cached folder is the cheapest path to build.
                folder_name, _, name = self._section(CORE)[0][where].rpartition("/")
                folders: dict[str, Path] = self.__dict__.setdefault("_folders", {})
                folder = folders.get(folder_name)
                if folder is None:
                    folder = folders[folder_name] = (
                        self.root / folder_name if folder_name else self.root
                    )
                found = paths[where] = folder / name
            return found
        return Path(where)

    def _unpack(self, name: str) -> list[Any]:
        _, _, goals, sessions, feedback, _ = self._section(CORE)
        path = self._path
        if name == "actions":
            both = [*self._section(OPEN_ACTIONS), *self._section(OTHER_ACTIONS)]
            both.sort(key=lambda a: a[12])  # back in the order of the notes
            return [_action(a, path) for a in both]
        if name == "goals":
            return [
                Goal(g[0], g[1], g[2], g[3], g[4], g[5], _day(g[6]), g[7], g[8], path(g[9]), g[10])
                for g in goals
            ]
        if name == "sessions":
            return [
                _new(
                    _CachedSession,
                    number=s[0],
                    date=dt.date.fromordinal(s[1]),
                    duration=s[2],
                    next_session=_day(s[3]),
                    _note=(path, s[4]),
                    body_line=s[5],
                    kind=s[6],
                    start=s[7],
                    attended=s[8],
                    billing=s[9],
                    format=s[10],
                )
                for s in sessions
            ]
        return [
            _new(
                _CachedFeedbackRound,
                kind=f[0],
                date=_day(f[1]),
                path=path(f[2]),
            )
            for f in feedback
        ]

    def actions_where(
        self, statuses: tuple[str, ...], due_until: dt.date | None = None
    ) -> list[ActionRecord]:
        """As :meth:`EngagementView.actions_where`, testing each entry before building its item."""
        if "actions" in self.__dict__:
            return super().actions_where(statuses, due_until)
        last = None if due_until is None else due_until.toordinal()
        rows = self._section(OPEN_ACTIONS)
        if any(status != "open" for status in statuses):
            rows = sorted([*rows, *self._section(OTHER_ACTIONS)], key=lambda a: a[12])
        path = self._path
        return [_action(a, path) for a in rows if action_matches(a[4], a[3], statuses, last)]

    def overdue_records(self, as_of: dt.date, owner: str | None) -> list[tuple[int, str, str]]:
        """``(due ordinal, id, JSON record)`` for each open item due before ``as_of``
        (and owned by ``owner``, ignoring case), soonest due first: see :func:`overdue_texts`."""
        return overdue_texts(
            self._peek(OVERDUE_RECORDS), str(self.root), self.name, as_of.toordinal(), owner
        )

    def action_records(
        self, as_of: dt.date, wanted: tuple[tuple[str, ...], bool, str | None]
    ) -> list[tuple[tuple[int, bool, int, str, str, int], str]]:
        """``action list``'s records of this engagement with their sort keys: see
        :func:`~coachkit.cache.layout.action_texts`."""
        sections = (self._peek(OVERDUE_RECORDS), self._peek(OTHER_RECORDS))
        return action_texts(sections, str(self.root), self.name, as_of.toordinal(), wanted)

    def open_counts(self, as_of: dt.date) -> tuple[int, int]:
        """As :meth:`EngagementView.open_counts`, counted in the entry without building an
        item: the overdue records hold every open dated item, sorted by due date."""
        from bisect import bisect_left

        if "actions" in self.__dict__:
            return super().open_counts(as_of)
        dues = self._peek(OVERDUE_RECORDS)[DUES]
        return len(self._section(OPEN_ACTIONS)), bisect_left(dues, as_of.toordinal())

    def action_owners(self) -> set[str]:
        """Every action item's owner, casefolded (done and dropped items too)."""
        return set(self._section(OVERDUE_RECORDS)[OWNERS])


_DAYS_MARK = 987654321987654321
_DAYS_KEY = '"days_overdue": '
_ENGAGEMENT_KEY = ',\n    "engagement": '


def record_parts(engagement: Engagement, items: Sequence[ActionRecord]) -> list[tuple[str, str]]:
    """Each item's JSON record as the listings print it, cut around what changes with
    today and with the root: up to ``days_overdue``'s value, and from after it up to
    the engagement's name. Encoded by the same code as the listings, in one call
    (a literal line break only ever ends a line of the layout, never a string), so
    the bytes match.
    """
    if not items:
        return []
    from coachkit.engagement.practice import ActionRow
    from coachkit.json_output import json_text

    records = []
    for item in items:
        record = ActionRow(item, engagement, None).as_dict()
        record["days_overdue"] = _DAYS_MARK
        records.append(record)
    pieces = json_text(records)[2:-2].split(",\n  {\n")
    parts = []
    for k, piece in enumerate(pieces):
        head, rest = piece.split(f"{_DAYS_KEY}{_DAYS_MARK}", 1)
        mid = rest.split(_ENGAGEMENT_KEY, 1)[0]
        opening = "" if k == 0 else "  {\n"
        parts.append((f"{opening}{head}{_DAYS_KEY}", mid))
    if len(parts) != len(items):
        raise ValueError("a record was not cut where expected")
    return parts


def _action(a: tuple[Any, ...], path: Callable[[int | str], Path]) -> ActionRecord:
    fromordinal = dt.date.fromordinal
    return _new(
        _CachedAction,
        id=a[0],
        title=a[1],
        owner=a[2],
        due=None if a[3] is None else fromordinal(a[3]),
        status=a[4],
        goal=a[5],
        accountability=a[6],
        done=None if a[7] is None else fromordinal(a[7]),
        _note=(path, a[8]),
        line=a[9],
        column=a[10],
        extra={} if a[11] is None else thaw(a[11]),
    )


def encode(engagement: Engagement, names: list[str]) -> list[bytes]:
    """``engagement`` as marshalled sections (:data:`CORE`, :data:`OPEN_ACTIONS`,
    :data:`OTHER_ACTIONS`). ``names`` are its notes relative to its root.

    Session bodies and feedback rounds are not kept: they are most of the bytes and
    no listing reads them; a cached engagement reads them from the notes on demand.
    """
    root = engagement.root
    index = {root / name: number for number, name in enumerate(names)}

    def where(path: Path) -> int | str:
        found = index.get(path)
        return str(path) if found is None else found

    actions = [
        (
            a.id,
            a.title,
            a.owner,
            _ordinal(a.due),
            a.status,
            a.goal,
            a.accountability,
            _ordinal(a.done),
            where(a.path),
            a.line,
            a.column,
            freeze(a.extra) if a.extra else None,
            position,
        )
        for position, a in enumerate(engagement.actions)
    ]
    goals = [
        (
            g.id,
            g.title,
            g.status,
            g.measure,
            g.baseline,
            g.target,
            _ordinal(g.target_date),
            g.competency,
            g.stakeholders,
            where(g.path),
            g.line,
        )
        for g in engagement.goals
    ]
    sessions = [
        (
            s.number,
            s.date.toordinal(),
            s.duration,
            _ordinal(s.next_session),
            where(s.path),
            s.body_line,
            s.kind,
            s.start,
            s.attended,
            s.billing,
            s.format,
        )
        for s in engagement.sessions
    ]
    feedback = [(f.kind, _ordinal(f.date), where(f.path)) for f in engagement.feedback]
    problems = [
        (where(p.path), p.line, p.column, p.problem, p.kind.value) for p in engagement.problems
    ]
    core = (names, freeze(engagement.meta), goals, sessions, feedback, problems)
    overdue, other = _record_sections(engagement, names)
    return [
        marshal.dumps(core),
        marshal.dumps([a for a in actions if a[4] == "open"]),
        _packed(marshal.dumps([a for a in actions if a[4] != "open"])),
        marshal.dumps(overdue),
        _packed(marshal.dumps(other)),
    ]


def _packed(data: bytes) -> bytes:
    """A section few commands read, compressed (:data:`~coachkit.cache.layout.PACKED`)."""
    return zlib.compress(data, 1)


def _record_sections(
    engagement: Engagement, names: list[str]
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Every item's JSON record, as the listings print it, cut around what changes with
    today and with the root (:func:`~coachkit.cache.layout.overdue_texts`), as columns.

    OVERDUE_RECORDS holds the open dated items sorted by due date then id
    (``overdue``'s order within an engagement), then every owner, the client as
    written and the number of problems; OTHER_RECORDS holds the rest, with statuses.
    """
    from coachkit.path_text import path_text

    root = engagement.root
    index = {root / name: name for name in names}
    place = {id(a): k for k, a in enumerate(engagement.actions)}
    dated = [a for a in engagement.actions if a.status == "open" and a.due is not None]
    dated.sort(key=lambda a: (a.due, a.id))
    rest = [a for a in engagement.actions if a.status != "open" or a.due is None]
    columns = []
    for items in (dated, rest):
        parts = record_parts(engagement, items)
        tails = []
        outside = set()
        for k, a in enumerate(items):
            # A note of the engagement is printed below the root as given; any other whole.
            inside = index.get(a.path)
            if inside is None:
                outside.add(k)
            where = json_string(path_text(str(a.path)) if inside is None else inside)[1:]
            tails.append(f'{where},\n    "line": {a.line}\n  }}')
        columns.append(
            (
                [_ordinal(a.due) for a in items],
                [a.id for a in items],
                [(a.owner or "").casefold() for a in items],
                [head for head, _ in parts],
                [mid for _, mid in parts],
                tails,
                frozenset(outside),
                [place[id(a)] for a in items],
            )
        )
    client = engagement.meta.get("client")
    overdue = (
        *columns[0],
        sorted({a.owner.casefold() for a in engagement.actions if a.owner}),
        str(client) if client else None,
        len(engagement.problems),
    )
    return overdue, (*columns[1], [a.status for a in rest])


def decode(root: Path, sections: list[memoryview]) -> CachedEngagement:
    """The engagement :func:`encode` wrote, its paths joined to ``root``.

    ``sections`` are still marshalled; each is unpacked when first needed.
    """
    engagement = _new(CachedEngagement, root=root, _sections=list(sections))
    names, meta, _, _, _, problems = engagement._section(CORE)
    engagement.meta = thaw(meta)
    engagement.__dict__["_paths"] = [None] * len(names)
    path = engagement._path
    engagement.problems = [
        NoteError(path(p[0]), p[1], p[2], p[3], ProblemKind(p[4])) for p in problems
    ]
    return engagement
