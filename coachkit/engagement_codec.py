"""An engagement as plain values (``marshal``-able) and back, for the parse cache.

Decoding must be much cheaper than parsing YAML, so the encoding is flat tuples of
strings, numbers and ``None``; dates are ordinals; paths are relative to the
engagement and re-joined to the root the caller gave, so a listing prints the same
paths whether it was read from the notes or from the cache.

A decoded engagement has no ``notes`` and no ``raw`` action mappings (they hold
every key's position and are costly to rebuild); both are :data:`NOT_LOADED`
placeholders that fail loudly if used. Commands that need them (lint, writers,
report) read the notes themselves. Session bodies and feedback rounds are kept
in a second part, unpacked only when one of them is read.
"""

from __future__ import annotations

import datetime as dt
import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from coachkit.errors import NoteError
from coachkit.located_map import LocatedMap
from coachkit.model import ActionItem, Engagement, FeedbackRound, Goal, Session

T = TypeVar("T")
_DATE = "d"
_LOCATED = "m"
_DICT = "p"


class NotLoaded(dict[Any, Any]):
    """Stands in for data a cached engagement does not carry; any use is a bug."""

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(
            "this engagement came from the parse cache without its notes; load it with "
            "load_engagement() to use notes or raw action items"
        )

    __getitem__ = get = __iter__ = __len__ = __contains__ = keys = values = items = _refuse


NOT_LOADED: dict[Any, Any] = NotLoaded()


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


class _Heavy:
    """The session bodies and feedback of one cached engagement, unpacked on first use."""

    __slots__ = ("_blob", "_values")

    def __init__(self, blob: bytes | memoryview) -> None:
        self._blob = blob
        self._values: tuple[list[str], list[Any]] | None = None

    def part(self, number: int, index: int) -> Any:
        if self._values is None:
            self._values = marshal.loads(self._blob)
            self._blob = b""
        return self._values[number][index]


class _CachedSession(Session):
    """A cached session whose body is unpacked when first read."""

    body = _Unpacked()
    _source: tuple[_Heavy, int]

    def _unpack(self, name: str) -> str:
        heavy, index = self._source
        return str(heavy.part(0, index))


class _CachedFeedbackRound(FeedbackRound):
    """A cached feedback round whose front matter is unpacked when first read."""

    meta = _Unpacked()
    _source: tuple[_Heavy, int]

    def _unpack(self, name: str) -> dict[str, Any]:
        heavy, index = self._source
        return dict(thaw(heavy.part(1, index)))


def _new(cls: type[T], **attributes: Any) -> T:
    """An instance of a cached class with only ``attributes`` set; the rest unpack lazily."""
    obj = cls.__new__(cls)
    obj.__dict__.update(attributes)
    return obj


class _CachedEngagement(Engagement):
    """An engagement read from the cache: each list is built when first used.

    ``overdue`` never builds a session or a goal; ``actions_where`` builds only the
    items that can pass a filter.
    """

    goals = _Unpacked()
    sessions = _Unpacked()
    feedback = _Unpacked()
    actions = _Unpacked()
    _light: tuple[Any, ...]
    _heavy: _Heavy

    def _path(self, where: int | str) -> Path:
        if isinstance(where, int):
            paths: list[Path | None] = self.__dict__["_paths"]
            found = paths[where]
            if found is None:
                found = paths[where] = self.root / self._light[0][where]
            return found
        return Path(where)

    def _unpack(self, name: str) -> list[Any]:
        _, _, actions, goals, sessions, feedback, _ = self._light
        path = self._path
        if name == "actions":
            return [_action(a, path) for a in actions]
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
                    path=path(s[4]),
                    body_line=s[5],
                    _source=(self._heavy, number),
                )
                for number, s in enumerate(sessions)
            ]
        return [
            _new(
                _CachedFeedbackRound,
                kind=f[0],
                date=_day(f[1]),
                path=path(f[2]),
                _source=(self._heavy, number),
            )
            for number, f in enumerate(feedback)
        ]

    def actions_where(
        self, statuses: tuple[str, ...], due_until: dt.date | None = None
    ) -> list[ActionItem]:
        if "actions" in self.__dict__:
            return super().actions_where(statuses, due_until)
        last = None if due_until is None else due_until.toordinal()
        path = self._path
        return [
            _action(a, path)
            for a in self._light[2]
            if a[4] in statuses and (last is None or (a[3] is not None and a[3] <= last))
        ]


def _action(a: tuple[Any, ...], path: Callable[[int | str], Path]) -> ActionItem:
    fromordinal = dt.date.fromordinal
    return ActionItem(
        a[0],
        a[1],
        a[2],
        None if a[3] is None else fromordinal(a[3]),
        a[4],
        a[5],
        a[6],
        None if a[7] is None else fromordinal(a[7]),
        path(a[8]),
        a[9],
        a[10],
        {} if a[11] is None else thaw(a[11]),
        NOT_LOADED,
    )


def encode(engagement: Engagement, names: list[str]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """``engagement`` as plain values, in two parts: what every listing needs, and the
    session bodies and feedback (read lazily). ``names`` are its notes relative to its root.
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
        )
        for a in engagement.actions
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
        )
        for s in engagement.sessions
    ]
    feedback = [(f.kind, _ordinal(f.date), where(f.path)) for f in engagement.feedback]
    problems = [(where(p.path), p.line, p.column, p.problem, p.rule) for p in engagement.problems]
    light = (names, freeze(engagement.meta), actions, goals, sessions, feedback, problems)
    heavy = ([s.body for s in engagement.sessions], [freeze(f.meta) for f in engagement.feedback])
    return light, heavy


def decode(root: Path, light: tuple[Any, ...], heavy: bytes | memoryview) -> Engagement:
    """The engagement :func:`encode` wrote, its paths joined to ``root``.

    Its lists are built when first used; ``heavy`` (the second part, still
    marshalled) is unpacked only if a session body or a feedback round's front
    matter is read.
    """
    engagement = _new(
        _CachedEngagement,
        root=root,
        meta=thaw(light[1]),
        notes=NOT_LOADED,
        _light=light,
        _heavy=_Heavy(heavy),
        _paths=[None] * len(light[0]),
    )
    path = engagement._path
    engagement.problems = [NoteError(path(p[0]), p[1], p[2], p[3], p[4]) for p in light[6]]
    return engagement
