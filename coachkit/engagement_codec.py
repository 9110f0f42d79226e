"""An engagement as plain values (``marshal``-able) and back, for the parse cache.

Decoding must be much cheaper than parsing YAML, so the encoding is flat tuples of
strings, numbers and ``None``; dates are ordinals; paths are relative to the
engagement and re-joined to the root the caller gave, so a listing prints the same
paths whether it was read from the notes or from the cache.

A decoded engagement has no ``notes`` and no ``raw`` action mappings (they hold
every key's position and are costly to rebuild); both are :data:`NOT_LOADED`
placeholders that fail loudly if used. Commands that need them (lint, writers,
report) read the notes themselves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from coachkit.errors import NoteError
from coachkit.located_map import LocatedMap
from coachkit.model import ActionItem, Engagement, FeedbackRound, Goal, Session

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


def encode(engagement: Engagement, names: list[str]) -> tuple[Any, ...]:
    """``engagement`` as plain values; ``names`` are its notes relative to its root."""
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
            s.body,
            s.body_line,
        )
        for s in engagement.sessions
    ]
    feedback = [
        (f.kind, _ordinal(f.date), freeze(f.meta), where(f.path)) for f in engagement.feedback
    ]
    problems = [(where(p.path), p.line, p.column, p.problem, p.rule) for p in engagement.problems]
    return (names, freeze(engagement.meta), actions, goals, sessions, feedback, problems)


def decode(root: Path, data: tuple[Any, ...]) -> Engagement:
    """The engagement :func:`encode` wrote, its paths joined to ``root``."""
    names, meta, actions, goals, sessions, feedback, problems = data
    paths = [root / name for name in names]

    def path_of(where: int | str) -> Path:
        return paths[where] if isinstance(where, int) else Path(where)

    fromordinal = dt.date.fromordinal
    engagement = Engagement(root=root, meta=thaw(meta), notes=NOT_LOADED)
    engagement.actions = [
        ActionItem(
            id=a[0],
            title=a[1],
            owner=a[2],
            due=None if a[3] is None else fromordinal(a[3]),
            status=a[4],
            goal=a[5],
            accountability=a[6],
            done=None if a[7] is None else fromordinal(a[7]),
            path=path_of(a[8]),
            line=a[9],
            column=a[10],
            extra={} if a[11] is None else thaw(a[11]),
            raw=NOT_LOADED,
        )
        for a in actions
    ]
    engagement.goals = [
        Goal(
            id=g[0],
            title=g[1],
            status=g[2],
            measure=g[3],
            baseline=g[4],
            target=g[5],
            target_date=_day(g[6]),
            competency=g[7],
            stakeholders=g[8],
            path=path_of(g[9]),
            line=g[10],
        )
        for g in goals
    ]
    engagement.sessions = [
        Session(
            number=s[0],
            date=fromordinal(s[1]),
            duration=s[2],
            next_session=_day(s[3]),
            path=path_of(s[4]),
            body=s[5],
            body_line=s[6],
        )
        for s in sessions
    ]
    engagement.feedback = [
        FeedbackRound(f[0], _day(f[1]), thaw(f[2]), path_of(f[3])) for f in feedback
    ]
    engagement.problems = [NoteError(path_of(p[0]), p[1], p[2], p[3], p[4]) for p in problems]
    return engagement
