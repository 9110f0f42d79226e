"""The practice view: engagements found under paths, their action items and status."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from coachkit.cache.codec import CachedEngagement
from coachkit.cache.parse_cache import EngagementCache
from coachkit.cache.two_processes import share_misses
from coachkit.engagement.listing import Scan, engagement_roots
from coachkit.engagement.loader import load_engagement
from coachkit.engagement.model import ActionRecord, Engagement, EngagementView, action_order
from coachkit.errors import CoachkitError, EngagementNotFound, NoteError
from coachkit.storage.settings import team_practice
from coachkit.vocabulary import ALL_COACHES


def resolve_engagements(paths: Sequence[Path], cwd: Path) -> list[Path]:
    """Engagement folders for PATHs; with none, the current engagement or all below ``cwd``."""
    found = engagement_roots([os.fspath(path) for path in paths], os.fspath(cwd))
    if isinstance(found, str):
        raise EngagementNotFound(f"{found}: no such file or folder")
    if not found and paths:
        names = ", ".join(str(p) for p in paths)
        raise EngagementNotFound(f"no engagement (folder with engagement.md) at or below {names}")
    if not found:
        raise EngagementNotFound(
            f"no engagement.md in {cwd}, above it or below it; cd into an engagement, pass a PATH, "
            "or create one with `coachkit init PATH --client NAME`"
        )
    return [Path(folder) for folder in found]


@overload
def load_all(
    roots: Iterable[Path], cache: None = None
) -> tuple[list[Engagement], list[NoteError]]: ...
@overload
def load_all(
    roots: Iterable[Path], cache: EngagementCache
) -> tuple[list[EngagementView], list[NoteError]]: ...
def load_all(
    roots: Iterable[Path], cache: EngagementCache | None = None
) -> tuple[list[Engagement], list[NoteError]] | tuple[list[EngagementView], list[NoteError]]:
    """Load every engagement; problems are collected so a broken file hides nothing else.

    Without a ``cache``, each is loaded with its notes (:class:`Engagement`). With
    one, an engagement none of whose notes changed is taken from it (without its
    notes: see :mod:`coachkit.cache.codec`), and when many notes must be read, a
    forked child reads about half of them (:mod:`coachkit.cache.two_processes`).
    """
    roots = list(roots)
    if cache is None:
        loaded = [load_engagement(root) for root in roots]
        return loaded, _problems(loaded)
    engagements = _load_through(cache, roots)
    return engagements, _problems(engagements)


def _problems(engagements: Iterable[EngagementView]) -> list[NoteError]:
    return [problem for engagement in engagements for problem in engagement.problems]


def _load_through(cache: EngagementCache, roots: list[Path]) -> list[EngagementView]:
    loaded: dict[int, EngagementView] = {}
    misses: dict[int, Scan] = {}
    for index, root in enumerate(roots):
        item = cache.lookup(root)
        if isinstance(item, CachedEngagement):
            loaded[index] = item
        else:
            misses[index] = item
    # Each miss is parsed and let go at once (parse keeps the lean cached view), its scan too.
    done, theirs = share_misses(
        list(misses),
        lambda i: cache.will_store(misses[i]),
        lambda i: len(misses[i][0]),
        lambda i: cache.parse(roots[i], misses.pop(i)),
    )
    loaded.update(done)
    for index in theirs:
        loaded[index] = cache.load(roots[index])  # a hit, unless the child failed
    return [loaded[index] for index in range(len(roots))]


def load_practice(
    paths: Sequence[Path], cwd: Path, use_cache: bool = True, coach: CoachChoice | None = None
) -> tuple[list[EngagementView], list[NoteError]]:
    """The engagements PATHs name (see :func:`resolve_engagements`), through the parse cache;
    with ``coach``, only that coach's (see :func:`for_coach`)."""
    cache = EngagementCache.default() if use_cache else None
    roots = resolve_engagements(paths, cwd)
    if cache is not None:
        loaded, problems = load_all(roots, cache)
    else:
        engagements, problems = load_all(roots)
        loaded = [*engagements]
    if coach is None:
        return loaded, problems
    kept = for_coach(loaded, coach)
    return kept, _problems(kept)


@dataclass(frozen=True)
class CoachChoice:
    """``--coach`` as given: a name, ``all``, or None for the default.

    The default is everyone, except in a team practice (``team: true`` in
    ``.coachkit.yaml``): there it is the git identity's name (``git config
    user.name``), read once, for the engagements the setting covers.
    """

    name: str | None = None


def coach_of(engagement: EngagementView) -> str | None:
    """The engagement's ``coach:``, or None when it names none."""
    value = engagement.meta.get("coach")
    if value is None:
        return None
    return str(value).strip() or None


def for_coach(engagements: Sequence[EngagementView], choice: CoachChoice) -> list[EngagementView]:
    """The engagements whose ``coach:`` matches ``choice`` (ignoring case).

    An engagement whose engagement.md cannot be read is always kept: its coach is
    unknown, and hiding it would hide the problem. A name no engagement has is
    refused, naming the coaches there are, as ``--owner`` does.
    """
    if choice.name is not None and choice.name.strip().casefold() == ALL_COACHES:
        return list(engagements)
    if choice.name is not None:
        wanted = choice.name.strip().casefold()
        kept = [e for e in engagements if _is_coached_by(e, wanted)]
        known = sorted({c for e in engagements if (c := coach_of(e))}, key=str.casefold)
        if engagements and not any(coach_of(e) for e in kept):
            names = ", ".join(known) if known else "no engagement has coach: set"
            raise CoachkitError(
                f"no engagement has coach: {choice.name!r} (matched ignoring case); coaches: {names}; "
                f"--coach {ALL_COACHES} lists everyone"
            )
        return kept
    team = [e for e in engagements if team_practice(e.root)]
    if not team:
        return list(engagements)
    from coachkit.storage.git_calls import identity_name  # a git process, in a team only

    me = identity_name(team[0].root)
    if me is None:
        raise CoachkitError(
            "git does not know your name, and with team: true in .coachkit.yaml only your own "
            'engagements are listed: run `git config --global user.name "Your Name"` (as in '
            f"engagements' coach:), or pass --coach NAME or --coach {ALL_COACHES}"
        )
    in_team = {id(e) for e in team}
    wanted = me.casefold()
    return [e for e in engagements if id(e) not in in_team or _is_coached_by(e, wanted)]


def _is_coached_by(engagement: EngagementView, wanted: str) -> bool:
    coach = coach_of(engagement)
    if coach is None:
        return _unreadable(engagement)
    return coach.casefold() == wanted


def _unreadable(engagement: EngagementView) -> bool:
    """Whether engagement.md itself could not be read (so its coach is unknown)."""
    from coachkit.engagement.listing import ENGAGEMENT_FILE

    note = engagement.root / ENGAGEMENT_FILE
    return any(problem.path == note for problem in engagement.problems) and not engagement.meta


@dataclass
class ActionRow:
    """An action item with its engagement, as listings show it.

    ``late`` is as-of minus due in days (negative: due in the future; None: no due date).
    """

    item: ActionRecord
    engagement: EngagementView
    late: int | None
    due_soon: bool = False

    @property
    def days_overdue(self) -> int:
        """Whole days past due for an open item; 0 otherwise (a date is due at its end)."""
        if self.item.status != "open" or self.late is None:
            return 0
        return max(self.late, 0)

    def as_dict(self) -> dict[str, object]:
        """The stable JSON/CSV record (documented in docs/json.md)."""
        item = self.item
        return {
            "id": item.id,
            "title": item.title,
            "owner": item.owner,
            "due": item.due.isoformat() if item.due else None,
            "status": item.status,
            "days_overdue": self.days_overdue,
            "due_soon": self.due_soon,
            "done": item.done.isoformat() if item.done else None,
            "goal": item.goal,
            "accountability": item.accountability,
            "engagement": self.engagement.name,
            "client": self.engagement.client,
            "path": str(item.path),
            "line": item.line,
        }


@dataclass(frozen=True)
class ActionFilter:
    """Which action items a listing shows.

    ``overdue_only`` keeps open items past due; ``within`` adds (or, without
    ``overdue_only``, limits to) open items due in the next N days.
    """

    as_of: dt.date
    statuses: tuple[str, ...] = ("open",)
    overdue_only: bool = False
    within: int | None = None
    owner: str | None = None

    def due_until(self) -> dt.date | None:
        """The latest due date an item can have and still pass (None: any, or undated)."""
        try:
            if self.within is not None:
                return self.as_of + dt.timedelta(days=self.within)
            if self.overdue_only:
                return self.as_of - dt.timedelta(days=1)
        except OverflowError:  # past the calendar's ends: every date, or none
            return dt.date.max if self.within is not None else dt.date.min
        return None

    def row(self, item: ActionRecord, engagement: EngagementView) -> ActionRow | None:
        """The row for ``item`` when it passes the filter, else None."""
        if item.status not in self.statuses:
            return None
        if self.owner is not None and (item.owner or "").casefold() != self.owner.casefold():
            return None
        late = (self.as_of - item.due).days if item.due else None
        is_open = item.status == "open"
        soon = (
            is_open and self.within is not None and late is not None and -self.within <= late <= 0
        )
        if self.overdue_only and not (is_open and late is not None and late > 0) and not soon:
            return None
        if (
            not self.overdue_only
            and self.within is not None
            and not (soon or (late is not None and late > 0))
        ):
            return None
        return ActionRow(item, engagement, late, soon)


def select_actions(engagements: Iterable[EngagementView], wanted: ActionFilter) -> list[ActionRow]:
    """Rows for every item that passes ``wanted``, in :func:`action_order`: most overdue
    first, then soonest due."""
    keyed: list[tuple[tuple[int, bool, dt.date, str, str], ActionRow]] = []
    known_owners: set[str] = set()
    by_owner = wanted.owner is not None
    due_until = wanted.due_until()
    for engagement in engagements:
        name = engagement.name
        if by_owner:
            known_owners.update(i.owner.casefold() for i in engagement.actions if i.owner)
        for item in engagement.actions_where(wanted.statuses, due_until):
            row = wanted.row(item, engagement)
            if row is not None:
                keyed.append((action_order(item, row.days_overdue, name), row))
    check_owner(wanted.owner, known_owners)
    keyed.sort(key=lambda k: k[0])
    return [k[1] for k in keyed]


def check_owner(owner: str | None, known: set[str]) -> None:
    """Refuse an ``--owner`` that owns nothing: ``known`` holds every owner, casefolded."""
    if owner is not None and owner.casefold() not in known:
        raise CoachkitError(
            f"no action item is owned by {owner!r}; owners are matched ignoring case, check the spelling"
        )


def action_records(engagements: Sequence[EngagementView], wanted: ActionFilter) -> list[str] | None:
    """``action list``'s JSON records (no ``--within``), in :func:`select_actions`' order,
    when every engagement came from the parse cache; None otherwise.

    Each cached engagement hands over its records pre-encoded
    (:meth:`~coachkit.cache.codec.CachedEngagement.action_records`), so no item, row or
    dict is built; the bytes are those :func:`select_actions` and its rows would print.
    """
    cached = [e for e in engagements if isinstance(e, CachedEngagement)]
    if wanted.within is not None or len(cached) != len(engagements):
        return None
    keyed: list[tuple[tuple[int, bool, int, str, str, int], int, str]] = []
    known_owners: set[str] = set()
    asked = (wanted.statuses, wanted.overdue_only, wanted.owner)
    for number, engagement in enumerate(cached):
        if wanted.owner is not None:
            known_owners.update(engagement.action_owners())
        keyed.extend(
            (key, number, text) for key, text in engagement.action_records(wanted.as_of, asked)
        )
    check_owner(wanted.owner, known_owners)
    # Ties (an id twice) keep the order of the engagements and of their notes.
    keyed.sort(key=lambda k: (k[0][:5], k[1], k[0][5]))
    return [k[2] for k in keyed]


def overdue_records(
    engagements: Sequence[EngagementView], as_of: dt.date, owner: str | None
) -> list[str]:
    """``overdue``'s JSON records (no ``--within``), in :func:`select_actions`' order.

    Overdue items sort by due date, engagement name and id alone (days overdue
    only mirror the due date), so each cached engagement hands over its records
    pre-encoded and already in that order, cut at ``as_of``; an engagement that was
    just read is encoded here as the listing would. Same bytes either way.
    """
    from coachkit.json_output import json_text

    wanted = ActionFilter(as_of, overdue_only=True, owner=owner)
    keyed: list[tuple[int, str, str, str]] = []
    known_owners: set[str] = set()
    for engagement in engagements:
        name = engagement.name
        if isinstance(engagement, CachedEngagement):
            if owner is not None:
                known_owners.update(engagement.action_owners())
            keyed.extend(
                (due, name, id_, text)
                for due, id_, text in engagement.overdue_records(as_of, owner)
            )
            continue
        if owner is not None:
            known_owners.update(i.owner.casefold() for i in engagement.actions if i.owner)
        for item in engagement.actions_where(wanted.statuses, wanted.due_until()):
            row = wanted.row(item, engagement)
            if row is not None and item.due is not None:
                keyed.append(
                    (item.due.toordinal(), name, item.id, json_text([row.as_dict()])[2:-2])
                )
    check_owner(owner, known_owners)
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed]
