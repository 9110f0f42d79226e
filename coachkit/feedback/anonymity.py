"""Which rating figures may be published without giving away one or two raters' ratings.

A mean published with its number of raters is a total (mean times raters), and a
reader can add and subtract totals. Hiding a small group is therefore not
enough: if the overall total and every other group's total are shown, the small
group's total is their difference. The same holds for shares: the share who saw
improvement times the raters is a count of "improved" answers, and the same for the
share who saw a decline.

The rule, applied to one goal in one round (the only unit any figure covers):

1. **Self-ratings stand apart.** The client's own ratings (group ``self``) never
   count in a mean, a number of raters or a share; the client's self-rating is
   shown beside the stakeholders' mean, to the sponsor only where the agreement
   says so (``share_self_rating_with_sponsor: true`` in engagement.md).
2. **Three stakeholders or nothing.** The mean, the number of raters and the shares
   who saw improvement and decline are published only when at least three
   stakeholders rated the goal in the round. An item no goal names is a unit like a
   goal; a rater who rated a goal and items that measure it counts once, with the
   mean of those ratings (:func:`coachkit.feedback.rounds.goal_responses`).
3. **Groups partition the raters, each group with three or more.** Manager, peer
   and direct-report with three or more raters stand on their own; smaller groups
   and ``other`` go into "others". If "others" then has one or two raters, the
   smallest group standing on its own joins it. A breakdown left with a single
   group (which would only repeat the overall mean) is not shown. Groups show a
   mean and a number of raters, never a share.

Why that is enough: every published total is a sum over one group, or over all
the stakeholders, which is the union of the groups. Any sum or difference of
such totals therefore gives every rater of a group the same weight, so the
total of a set of raters can be worked out only if the set is a whole number of
groups: three raters or more. The only counts published are the overall
"improved" and "declined" counts, over three raters or more. Figures never combine goals or
rounds, and each rater's rating of each goal in each round is a separate
unknown, so no combination across goals or rounds can do better.
docs/report.md works an example through; tests/feedback/test_anonymity.py checks the
property with exact linear algebra over random rounds.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from coachkit.errors import NoteError, ProblemKind
from coachkit.vocabulary import NAMED_GROUPS, SELF

MIN_GROUP_SIZE = 3
OTHERS = "others"
SHARE_SELF_KEY = "share_self_rating_with_sponsor"

R = TypeVar("R", bound="Rated")


class Rated(Protocol):
    """One rater's rating (a :class:`coachkit.feedback.rounds.Response` is one)."""

    @property
    def rater(self) -> str: ...

    @property
    def group(self) -> str: ...

    @property
    def rating(self) -> float: ...


@dataclass(frozen=True)
class GroupFigures:
    """A published group: its name ("others" for merged groups), mean and number of raters."""

    name: str
    mean: float
    raters: int


@dataclass(frozen=True)
class Figures:
    """What may be published about one goal in one round.

    ``mean`` and ``improved_share`` are None when fewer than three stakeholders
    rated the goal (the round is withheld); ``improved_share`` is also None on a
    scale not centred on 0. ``merged`` says some stakeholders went into "others"
    (their group had fewer than three raters, or was ``other``); ``regrouped``
    says "others" would have held one or two raters, so a group of three or more
    joined it.
    ``declined_share`` is the share who saw a decline (a rating of -1 or less),
    published exactly where ``improved_share`` is.
    ``self_rating`` is the client's own rating, which no other figure includes;
    whether an audience sees it is the caller's decision.
    """

    stakeholders: int
    mean: float | None
    improved_share: float | None
    groups: tuple[GroupFigures, ...]
    self_rating: float | None
    merged: bool
    regrouped: bool
    declined_share: float | None = None

    @property
    def withheld(self) -> bool:
        return self.mean is None


def raters(responses: Iterable[Rated]) -> int:
    """How many different raters gave ``responses`` (one person rating twice is one)."""
    return len({r.rater for r in responses})


def publishable(responses: Sequence[Rated], measures_change: bool) -> Figures:
    """The figures the rule above allows for ``responses`` (one goal, one round)."""
    own = [r for r in responses if r.group == SELF]
    stakeholders = [r for r in responses if r.group != SELF]
    self_rating = statistics.fmean(r.rating for r in own) if own else None
    count = raters(stakeholders)
    if count < MIN_GROUP_SIZE:
        return Figures(count, None, None, (), self_rating, False, False)
    improved = (
        sum(1 for r in stakeholders if r.rating >= 1) / len(stakeholders)
        if measures_change
        else None
    )
    declined = (
        sum(1 for r in stakeholders if r.rating <= -1) / len(stakeholders)
        if measures_change
        else None
    )
    parts, merged, regrouped = partition(stakeholders)
    groups = tuple(
        GroupFigures(name, statistics.fmean(r.rating for r in members), raters(members))
        for name, members in parts
    )
    return Figures(
        count,
        statistics.fmean(r.rating for r in stakeholders),
        improved,
        groups,
        self_rating,
        merged,
        regrouped,
        declined,
    )


def partition(stakeholders: Sequence[R]) -> tuple[list[tuple[str, list[R]]], bool, bool]:
    """The breakdown of ``stakeholders`` into groups of three raters or more; whether any
    went into "others"; and whether "others" was short, so that a larger group joined it.

    The groups returned cover every stakeholder exactly once, or there are none (a
    single group would only repeat the overall figures).
    """
    by_group: dict[str, list[R]] = {}
    for response in stakeholders:
        by_group.setdefault(response.group, []).append(response)
    parts: list[tuple[str, list[R]]] = []
    others: list[R] = []
    for group in NAMED_GROUPS:
        members = by_group.pop(group, [])
        if raters(members) >= MIN_GROUP_SIZE:
            parts.append((group, members))
        else:
            others.extend(members)
    for members in by_group.values():  # "other", and any group no rule names
        others.extend(members)
    merged = bool(others)
    short = 0 < raters(others) < MIN_GROUP_SIZE
    if short and parts:
        # The smallest group (the last of equals) joins "others" and makes it big enough.
        smallest = min(reversed(range(len(parts))), key=lambda i: raters(parts[i][1]))
        others.extend(parts.pop(smallest)[1])
    if others:
        parts.append((OTHERS, others))
    return (parts if len(parts) >= 2 else []), merged, short


def self_rating_shared(meta: Any, path: Path) -> bool:
    """Whether engagement.md lets the sponsor see the client's self-ratings (default: no)."""
    return agreement_allows(meta, SHARE_SELF_KEY, path)


def agreement_allows(meta: Any, key: str, path: Path) -> bool:
    """Whether engagement.md's ``key`` is true (default: no, the sponsor sees less).

    Raises :class:`NoteError` at the key for a value that is not true or false:
    a guess either way could show the sponsor what the client did not agree to.
    """
    value = meta.get(key, False) if hasattr(meta, "get") else False
    if isinstance(value, bool):
        return value
    line, column = meta.position_of(key) if hasattr(meta, "position_of") else (1, 1)
    raise NoteError(
        path, line, column, f"{key} must be true or false, not {value!r}", ProblemKind.WRONG_TYPE
    )
