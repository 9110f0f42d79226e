"""Property: nothing coachkit publishes lets anyone work out one or two stakeholders' ratings.

Random engagements (raters in groups, the client's self-ratings among them, several
goals and rounds, the same raters across rounds) are written as files and read the
way the commands read them. Everything published is collected: the report's data
for the client and for the sponsor (with and without
``share_self_rating_with_sponsor``) and ``feedback summary --json``. Each figure
becomes a linear equation: a mean times its number of raters is the sum of the
ratings of the raters it covers; an improved share times its raters is the sum
of their "improved" indicators; a self-rating is the client's own rating.

Responses rate goals and named items; G1's ``items:`` names one item, so a
rater's G1 figure is the mean of what they gave G1 and that item, and the other
item is summarised on its own. The unknowns are every rater's rating of every goal
and item in every round (and, apart, every "improved" and "declined" indicator of
a rater's figure for a goal or an item no goal names). Exact Gaussian elimination over fractions then
checks that no nonzero combination of one or two stakeholders' unknowns lies in
the row space of the published equations: no rating, no total or difference of
two ratings, and no one's "improved" answer can be derived, whatever a reader
adds or subtracts. Before a figure becomes an equation the test checks that it
is what it claims to be (its count and its mean, recomputed from the data), so
the equations describe what was really published.
"""

from __future__ import annotations

import datetime as dt
import itertools
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachkit.engagement.loader import load_engagement
from coachkit.errors import NoteError
from coachkit.feedback.anonymity import MIN_GROUP_SIZE, OTHERS, partition, publishable
from coachkit.feedback.rounds import Response, summarize_engagement
from coachkit.report.build import build_report
from coachkit.report.model import RoundRating
from coachkit.vocabulary import NAMED_GROUPS, OTHER, SELF
from tests.hypothesis_strategies import examples

ANONYMITY_SETTINGS = settings(
    max_examples=examples(300),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
SCALES = [(1, 5), (-3, 3), (0, 10)]
GOALS = ["G1", "G2"]
# What each published unit covers: a goal and the items its items: name, or an item alone.
UNITS = {"G1": ("G1", "Item A"), "G2": ("G2",), "Item B": ("Item B",)}
SUBJECTS = ["G1", "G2", "Item A", "Item B"]
STAKEHOLDER_GROUPS = [*NAMED_GROUPS, OTHER]

Key = tuple[int, str, str]  # (round, goal, rater): one unknown
Equation = dict[Key, Fraction]


# --- random engagements ------------------------------------------------------------------


@dataclass(frozen=True)
class Rating:
    rater: str
    group: str
    goal: str
    value: Fraction


@dataclass(frozen=True)
class Survey:
    """One round as written to feedback/: its scale and ratings."""

    day: dt.date
    scale: tuple[int, int]
    ratings: tuple[Rating, ...]


@st.composite
def surveys(draw: st.DrawFn) -> list[Survey]:
    """One to three rounds over a shared pool of raters, each with a stable group."""
    pool = draw(st.integers(min_value=1, max_value=14))
    groups = draw(st.lists(st.sampled_from(STAKEHOLDER_GROUPS), min_size=pool, max_size=pool))
    raters = [(f"R{n + 1}", group) for n, group in enumerate(groups)]
    rounds = []
    for index in range(draw(st.integers(min_value=1, max_value=3))):
        low, high = draw(st.sampled_from(SCALES))
        value = st.integers(min_value=2 * low, max_value=2 * high).map(lambda v: Fraction(v, 2))
        ratings = []
        who = [*raters, ("S1", SELF)]
        for goal in SUBJECTS:
            for rater, group in who:
                if draw(st.integers(min_value=0, max_value=4)):  # most raters rate each goal
                    ratings.append(Rating(rater, group, goal, draw(value)))
        rounds.append(Survey(dt.date(2026, 1 + index, 10), (low, high), tuple(ratings)))
    return rounds


def _number(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def write_engagement(root: Path, rounds: Sequence[Survey], share_self: bool) -> None:
    (root / "goals").mkdir(parents=True)
    (root / "feedback").mkdir()
    share = "share_self_rating_with_sponsor: true\n" if share_self else ""
    (root / "engagement.md").write_text(
        f"---\nclient: Jordan Lee\nsponsor: Sam Ortiz\nstart: 2026-01-05\n{share}---\n",
        encoding="utf-8",
    )
    for goal in GOALS:
        items = "items: [Item A]\n" if goal == "G1" else ""
        (root / "goals" / f"{goal}-goal.md").write_text(
            f"---\nid: {goal}\ntitle: Goal {goal}\nstatus: active\n{items}---\n",
            encoding="utf-8",
        )
    for survey in rounds:
        lines = [
            "---",
            "kind: 360",
            f"date: {survey.day.isoformat()}",
            f"scale: [{survey.scale[0]}, {survey.scale[1]}]",
            "responses:",
        ]
        lines += [
            f"  - {{rater: {r.rater}, group: {r.group}, "
            f"{'goal' if r.goal in GOALS else 'item'}: {r.goal}, rating: {_number(r.value)}}}"
            for r in survey.ratings
        ]
        (root / "feedback" / f"{survey.day.isoformat()}-360.md").write_text(
            "\n".join([*lines, "---", ""]), encoding="utf-8"
        )


# --- what was published, as equations ---------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One published figure: the raters it claims to cover, its count, mean and share."""

    round: int
    goal: str  # the unit: a goal, or an item no goal names
    covers: frozenset[str]
    raters: int
    mean: float | None
    improved: float | None = None
    declined: float | None = None


class Published:
    """The equations a reader of everything published could write down."""

    def __init__(self, rounds: Sequence[Survey]) -> None:
        self.rounds = rounds
        self.ratings: list[Equation] = []
        self.improved: list[Equation] = []
        self.declined: list[Equation] = []

    def ratings_of(self, index: int, unit: str, covers: Iterable[str]) -> list[Rating]:
        wanted = set(covers)
        return [
            r for r in self.rounds[index].ratings if r.goal in UNITS[unit] and r.rater in wanted
        ]

    def per_rater(self, index: int, unit: str, covers: Iterable[str]) -> dict[str, list[Rating]]:
        """Each covered rater's ratings of the unit's goal and items (their figure is the mean)."""
        found: dict[str, list[Rating]] = {}
        for r in self.ratings_of(index, unit, covers):
            found.setdefault(r.rater, []).append(r)
        return found

    def add(self, figure: Figure) -> None:
        """Check that ``figure`` is what it claims, then add its equations."""
        found = self.per_rater(figure.round, figure.goal, figure.covers)
        assert figure.raters == len(found), figure
        assert figure.raters >= MIN_GROUP_SIZE, f"published for fewer than 3 raters: {figure}"
        groups = {r.group for own in found.values() for r in own}
        assert SELF not in groups, f"self pooled with stakeholders: {figure}"
        values = [sum((r.value for r in own), Fraction(0)) / len(own) for own in found.values()]
        exact = sum(values, Fraction(0)) / len(values)
        assert figure.mean is not None and abs(figure.mean - float(exact)) < 0.051, figure
        self.ratings.append(
            {
                (figure.round, r.goal, r.rater): Fraction(1, len(own))
                for own in found.values()
                for r in own
            }
        )
        indicators = {(figure.round, figure.goal, rater): Fraction(1) for rater in found}
        if figure.improved is not None:
            share = sum(1 for v in values if v >= 1) / len(values)
            assert abs(figure.improved - share) < 0.006, figure
            self.improved.append(indicators)
        if figure.declined is not None:
            share = sum(1 for v in values if v <= -1) / len(values)
            assert abs(figure.declined - share) < 0.006, figure
            self.declined.append(indicators)

    def add_self(self, index: int, unit: str, value: float) -> None:
        own = [r for r in self.ratings_of(index, unit, {"S1"}) if r.group == SELF]
        mean = sum((r.value for r in own), Fraction(0)) / max(len(own), 1)
        assert own and abs(float(mean) - value) < 0.006, (index, unit, value)
        self.ratings.append({(index, r.goal, r.rater): Fraction(1, len(own)) for r in own})

    def round_of(self, path: Path) -> int:
        return [s.day.isoformat() for s in self.rounds].index(path.name[:10])

    def stakeholders(self, index: int, unit: str) -> frozenset[str]:
        return frozenset(
            r.rater
            for r in self.ratings_of(index, unit, _all(self.rounds[index]))
            if r.group != SELF
        )


def _all(survey: Survey) -> set[str]:
    return {r.rater for r in survey.ratings}


def collect_summary(published: Published, root: Path) -> None:
    summaries, problems = summarize_engagement(root)
    assert not problems, problems
    for summary in summaries:
        record = summary.as_dict()
        index = published.round_of(Path(str(record["path"])))
        goal = str(record["goal"] if record["goal"] is not None else record["item"])
        assert goal != "Item A", "an item a goal names is summarised on its own"
        covers = published.stakeholders(index, goal)
        assert record["raters"] == len(covers)
        if record["mean"] is not None:
            improved, declined = record["improved_share"], record["declined_share"]
            published.add(
                Figure(
                    index,
                    goal,
                    covers,
                    len(covers),
                    float(str(record["mean"])),
                    None if improved is None else float(str(improved)),
                    None if declined is None else float(str(declined)),
                )
            )
        else:
            assert record["improved_share"] is None and record["declined_share"] is None
            assert record["gap"] is None
            assert len(covers) < MIN_GROUP_SIZE
        if record["self_rating"] is not None:
            published.add_self(index, goal, float(str(record["self_rating"])))


def collect_report(published: Published, root: Path, audience: str, share_self: bool) -> None:
    for kind in ("plan", "closure"):
        report = build_report(
            load_engagement(root), audience, as_of=dt.date(2026, 12, 31), kind=kind
        )
        units = [(goal.id, goal.rounds) for goal in report.goals]
        units += [(item.item, item.rounds) for item in report.assessment_items]
        assert audience == "client" or not report.assessment_items
        for unit, rounds in units:
            collect_rounds(published, unit, rounds, audience, share_self)


def collect_rounds(
    published: Published, unit: str, rounds: Sequence[RoundRating], audience: str, share_self: bool
) -> None:
    for found in rounds:
        index = published.round_of(found.path)
        everyone = published.stakeholders(index, unit)
        published.add(
            Figure(
                index,
                unit,
                everyone,
                found.raters,
                found.mean,
                found.improved_share,
                found.declined_share,
            )
        )
        named = {g.group for g in found.groups} - {OTHERS}
        for group in found.groups:
            covers = frozenset(
                r.rater
                for r in published.ratings_of(index, unit, everyone)
                if (r.group not in named if group.group == OTHERS else r.group == group.group)
            )
            published.add(Figure(index, unit, covers, group.raters, group.mean))
        if found.self_rating is not None:
            assert audience == "client" or share_self, "self-rating shown to the sponsor"
            published.add_self(index, unit, found.self_rating)


# --- exact linear algebra -----------------------------------------------------------------------


def row_reduce(equations: Sequence[Equation], unknowns: Sequence[Key]) -> dict[Key, Equation]:
    """The reduced row echelon form of ``equations``: each row by its pivot unknown, with
    a 1 there and no other row holding that unknown."""
    rows = [dict(e) for e in equations if e]
    reduced: dict[Key, Equation] = {}
    for column in unknowns:
        pivot = next((row for row in rows if row.get(column)), None)
        if pivot is None:
            continue
        rows.remove(pivot)
        scale = pivot[column]
        pivot = {k: v / scale for k, v in pivot.items()}
        for other in [*rows, *reduced.values()]:
            factor = other.get(column)
            if factor:
                for key, value in pivot.items():
                    other[key] = other.get(key, Fraction(0)) - factor * value
                    if not other[key]:
                        del other[key]
        reduced[column] = pivot
    return reduced


def small_combinations_derivable(
    equations: Sequence[Equation], unknowns: Sequence[Key]
) -> list[tuple[Key, ...]]:
    """Every unknown, or pair of unknowns, some nonzero combination of which the equations give.

    In reduced form, the part of a unit vector outside the row space is what is left
    after subtracting the row whose pivot it is (a unit vector of a non-pivot unknown
    is all outside). One unknown is derivable when that residue is zero; a
    combination of two is when their residues are parallel.
    """
    reduced = row_reduce(equations, unknowns)
    residue: dict[Key, Equation] = {}
    for key in unknowns:
        row = reduced.get(key)
        residue[key] = {key: Fraction(1)} if row is None else {
            k: -v for k, v in row.items() if k != key
        }  # fmt: skip
    found: list[tuple[Key, ...]] = [(key,) for key in unknowns if not residue[key]]
    for a, b in itertools.combinations(unknowns, 2):
        if residue[a] and residue[b] and _parallel(residue[a], residue[b]):
            found.append((a, b))
    return found


def _parallel(a: Equation, b: Equation) -> bool:
    if a.keys() != b.keys():
        return False
    first = next(iter(a))
    ratio = a[first] / b[first]
    return all(a[k] == ratio * b[k] for k in a)


def components(equations: Sequence[Equation]) -> list[list[Key]]:
    """The unknowns in groups that no equation connects (each is solved on its own)."""
    parent: dict[Key, Key] = {}

    def find(key: Key) -> Key:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for equation in equations:
        keys = list(equation)
        for key in keys[1:]:
            parent[find(key)] = find(keys[0])
        find(keys[0])
    groups: dict[Key, list[Key]] = {}
    for key in sorted(parent):
        groups.setdefault(find(key), []).append(key)
    return list(groups.values())


def leaks(equations: Sequence[Equation], protected: set[Key]) -> list[tuple[Key, ...]]:
    """Combinations of one or two protected unknowns the equations give away.

    Unknowns in different components cannot be combined usefully: a combination of
    two is derivable only if each of its parts is, which the singles already catch.
    """
    found: list[tuple[Key, ...]] = []
    for unknowns in components(equations):
        related = [e for e in equations if next(iter(e)) in set(unknowns)]
        for combination in small_combinations_derivable(related, unknowns):
            if all(key in protected for key in combination):
                found.append(combination)
    return found


# --- the property -------------------------------------------------------------------------------


def check_rounds(rounds: list[Survey], share_self: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "engagement"
        write_engagement(root, rounds, share_self)
        published = Published(rounds)
        collect_summary(published, root)
        for audience in ("client", "sponsor"):
            collect_report(published, root, audience, share_self)
    protected = {
        (index, r.goal, r.rater)
        for index, survey in enumerate(rounds)
        for r in survey.ratings
        if r.group != SELF
    }
    assert not leaks(published.ratings, protected), "ratings derivable"
    indicators = {
        (index, unit, r.rater)
        for index, survey in enumerate(rounds)
        for r in survey.ratings
        for unit, subjects in UNITS.items()
        if r.goal in subjects and r.group != SELF
    }
    assert not leaks(published.improved, indicators), "improved answers derivable"
    assert not leaks(published.declined, indicators), "declined answers derivable"


@ANONYMITY_SETTINGS
@given(surveys(), st.booleans())
def test_no_one_or_two_stakeholders_ratings_can_be_derived(
    rounds: list[Survey], share_self: bool
) -> None:
    check_rounds(rounds, share_self)


def test_the_checker_finds_the_old_leak() -> None:
    """The old rule (a small group hidden, its raters still in the overall) leaks, and the
    checker says so: overall 5 raters, direct reports 3, so the other two's total is known."""
    rows = [{(0, "G1", f"R{n}"): Fraction(1) for n in range(1, 6)}]
    rows.append({(0, "G1", f"R{n}"): Fraction(1) for n in range(1, 4)})
    protected = {(0, "G1", f"R{n}") for n in range(1, 6)}
    assert leaks(rows, protected) == [((0, "G1", "R4"), (0, "G1", "R5"))]
    # A rater's rating alone: the total of two, and one of them.
    pair = {(0, "G1", "R1"): Fraction(1), (0, "G1", "R2"): Fraction(1)}
    assert ((0, "G1", "R1"),) in leaks([pair, {(0, "G1", "R2"): Fraction(1)}], protected)
    # A difference of two is a leak too (it says who rated higher).
    both = {(0, "G1", f"R{n}"): Fraction(1) for n in range(1, 4)}
    other = {(0, "G1", "R1"): Fraction(1), (0, "G1", "R3"): Fraction(1), (0, "G1", "R4"): 1}
    assert leaks([both, {k: Fraction(v) for k, v in other.items()}], protected)


def test_the_sample_breakdowns_are_partitions() -> None:
    """The shipped sample's baseline (3 direct reports, a manager and a peer) shows no breakdown."""
    baseline = [
        Response("R1", "manager", "G1", 2, None, 1),
        Response("R2", "direct-report", "G1", 2, None, 1),
        Response("R3", "direct-report", "G1", 2, None, 1),
        Response("R4", "direct-report", "G1", 3, None, 1),
        Response("R5", "peer", "G1", 2, None, 1),
        Response("S1", "self", "G1", 3, None, 1),
    ]
    figures = publishable(baseline, measures_change=False)
    assert (figures.stakeholders, figures.mean, figures.groups) == (5, 2.2, ())
    assert figures.self_rating == 3 and figures.regrouped
    assert partition([r for r in baseline if r.group != SELF])[0] == []


@pytest.mark.parametrize(
    "value", ["yes", "1", "'true'", "[true]"], ids=["yes", "one", "quoted", "list"]
)
def test_share_self_rating_must_be_true_or_false(value: str) -> None:
    rounds = [
        Survey(
            dt.date(2026, 1, 10),
            (1, 5),
            tuple(Rating(f"R{n}", "peer", "G1", Fraction(3)) for n in range(1, 4)),
        )
    ]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "engagement"
        write_engagement(root, rounds, share_self=False)
        text = (root / "engagement.md").read_text(encoding="utf-8")
        (root / "engagement.md").write_text(
            text.replace("start:", f"share_self_rating_with_sponsor: {value}\nstart:"),
            encoding="utf-8",
        )
        with pytest.raises(NoteError) as caught:
            build_report(load_engagement(root), "sponsor", as_of=dt.date(2026, 12, 31))
    assert str(caught.value) == (
        f"{root / 'engagement.md'}:4:1: share_self_rating_with_sponsor must be true or false, "
        f"not {load_value(value)!r}"
    )


def load_value(text: str) -> object:
    return {"yes": "yes", "1": 1, "'true'": "true", "[true]": [True]}[text]
