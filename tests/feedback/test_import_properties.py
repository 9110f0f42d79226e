"""Properties of `feedback import`: the wide and the long form of one survey record the same
ratings, and nothing published from imported rounds gives away one or two stakeholders'
ratings (the anonymity property of test_anonymity.py, over rounds that came in as exports)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from coachkit.feedback.likert import LIKERT_WORDS, NOT_RATED
from coachkit.feedback.survey_import import import_survey, plan_import
from tests.feedback.test_anonymity import (
    Published,
    Survey,
    collect_report,
    collect_summary,
    leaks,
    surveys,
    write_engagement,
)
from tests.hypothesis_strategies import examples

GROUP_ANSWERS = {
    "self": ["Self", "Myself"],
    "manager": ["Line manager", "My line manager", "Manager"],
    "peer": ["Peer", "Colleague", "Peers"],
    "direct-report": ["Direct report", "Direct Reports", "Team member"],
    "other": ["Other", "", "Customer"],
}
ANSWER = st.one_of(
    st.none(),
    st.integers(-3, 3).map(str),
    st.sampled_from([w for words in LIKERT_WORDS.values() for w in words]),
    st.sampled_from([w.upper() for w in LIKERT_WORDS[1]] + ["n/a", "Not observed", NOT_RATED[0]]),
)
GOAL_HEADERS = {"G1": "G1 \u2013 How effective is Jordan now?", "G2": "G2: Board presence [G2]"}
SETTINGS = settings(
    max_examples=examples(60),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _engagement(folder: Path) -> Path:
    root = folder / "engagement"
    write_engagement(root, [], share_self=False)
    return root


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(GROUP_ANSWERS)).flatmap(
                lambda g: st.sampled_from(GROUP_ANSWERS[g])
            ),
            ANSWER,
            ANSWER,
        ),
        min_size=1,
        max_size=12,
    )
)
def test_wide_and_long_forms_record_the_same_ratings(
    respondents: list[tuple[str, str | None, str | None]],
) -> None:
    wide = [["Timestamp", "Respondent ID", "Your relationship to Jordan", *GOAL_HEADERS.values()]]
    long = [["respondent", "relationship", "goal", "rating"]]
    for n, (group, g1, g2) in enumerate(respondents, start=1):
        wide.append(["2026-03-14 10:00:00", f"resp-{n}", group, g1 or "", g2 or ""])
        long += [[f"resp-{n}", group, goal, a] for goal, a in (("G1", g1), ("G2", g2)) if a]
    assume(
        any(
            a and a.lower() not in ("n/a", "not observed", NOT_RATED[0])
            for _, *answers in respondents
            for a in answers
        )
    )
    with tempfile.TemporaryDirectory() as folder:
        root = _engagement(Path(folder))
        (root.parent / "wide.csv").write_text(_csv(wide), encoding="utf-8")
        (root.parent / "long.csv").write_text(_csv(long), encoding="utf-8")
        found = [
            plan_import(root, root.parent / name, "mini-survey", dt.date(2026, 3, 14), (-3, 3))
            for name in ("wide.csv", "long.csv")
        ]
    ratings = [[(r.rater, r.group, r.goal, r.rating) for r in plan.responses] for plan in found]
    assert ratings[0] == ratings[1]
    assert found[0].day == found[1].day


WORDS = {
    "self": "Self",
    "manager": "Line manager",
    "peer": "Peer",
    "direct-report": "Direct report",
    "other": "Other",
}


# A column per goal and per item, as a form's questions: the goals by id, the items as a grid's
# rows (Item A is one G1 lists under items:, Item B is read through `unmatched: item`).
COLUMNS = {
    "G1": "G1 \u2013 Goal G1",
    "G2": "G2 \u2014 Goal G2",
    "Item A": "Rate Jordan on each [Item A]",
    "Item B": "Rate Jordan on each [Item B]",
}


def _export(survey: Survey) -> str:
    """One round as a form tool's wide export: a row per rater, a column per goal or item."""
    raters: dict[str, dict[str, str]] = {}
    groups: dict[str, str] = {}
    for r in survey.ratings:
        value = str(r.value.numerator) if r.value.denominator == 1 else str(float(r.value))
        raters.setdefault(r.rater, {})[r.goal] = value
        groups[r.rater] = r.group
    rows = [["Respondent ID", "Relationship", *COLUMNS.values()]]
    for rater, answers in raters.items():
        rows.append([rater, WORDS[groups[rater]], *(answers.get(s, "") for s in COLUMNS)])
    return _csv(rows)


@SETTINGS
@given(surveys(), st.booleans())
def test_no_one_or_two_stakeholders_ratings_can_be_derived_from_imported_rounds(
    rounds: list[Survey], share_self: bool
) -> None:
    assume(all(survey.ratings for survey in rounds))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "engagement"
        write_engagement(root, [], share_self)
        mapping = Path(folder) / "map.yaml"
        mapping.write_text("unmatched: item\n", encoding="utf-8")
        for survey in rounds:
            export = Path(folder) / f"{survey.day.isoformat()}.csv"
            export.write_text(_export(survey), encoding="utf-8")
            scale = (float(survey.scale[0]), float(survey.scale[1]))
            import_survey(root, export, "360", survey.day, scale, mapping, commit=False)
        published = Published(rounds)
        collect_summary(published, root)
        for audience in ("client", "sponsor"):
            collect_report(published, root, audience, share_self)
    protected = {
        (index, r.goal, r.rater)
        for index, survey in enumerate(rounds)
        for r in survey.ratings
        if r.group != "self"
    }
    assert not leaks(published.ratings, protected), "ratings derivable"
    assert not leaks(published.improved, protected), "improved answers derivable"
