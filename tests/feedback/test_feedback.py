"""`coachkit feedback add|summary`, anonymity, and the feedback lint rules (`feedback import`
is tested in test_import.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachkit.engagement.practice import load_all
from coachkit.feedback.anonymity import OTHERS, partition, publishable
from coachkit.feedback.record import NewResponse, render_round
from coachkit.feedback.rounds import Response, read_round
from coachkit.lint.runner import lint_engagements
from coachkit.notes.reader import parse_note
from tests.helpers import build_file_tree, commits, committed_files, git, run

BASELINE = "feedback/2026-01-08-baseline-360.md"
SURVEY = "feedback/2026-03-15-mini-survey.md"
FOUR_RATINGS = (
    "--rating", "R1:manager:G1:2",
    "--rating", "R2:peer:G1:1",
    "--rating", "R3:direct-report:G1:2",
    "--rating", "R4:direct-report:G1:-1",
)  # fmt: skip


# The sample's baseline 360 as these tests expect it, whatever else the sample ships in feedback/.
BASELINE_TEXT = """\
---
kind: baseline
date: 2026-01-08
scale: [1, 5]
responses:
  - {rater: R1, group: manager, goal: G1, rating: 2}
  - {rater: R2, group: direct-report, goal: G1, rating: 2}
  - {rater: R3, group: direct-report, goal: G1, rating: 2}
  - {rater: R4, group: direct-report, goal: G1, rating: 3}
  - {rater: R5, group: peer, goal: G1, rating: 2}
  - {rater: R1, group: manager, goal: G2, rating: 2}
---
# Baseline 360, January 2026
"""
PINNED = "Pin the feedback for these tests"


@pytest.fixture
def sample(sample: Path) -> Path:
    """The sample engagement (goals G1 and G2) with only the baseline 360 in feedback/."""
    git(sample, "rm", "-q", "-r", "feedback")
    build_file_tree(sample, {BASELINE: BASELINE_TEXT})
    git(sample, "add", BASELINE)
    git(sample, "commit", "-q", "-m", PINNED)
    return sample


def add_survey(sample: Path, *extra: str) -> None:
    result = run(
        "feedback", "add", "--kind", "mini-survey", "--date", "2026-03-15", *FOUR_RATINGS, *extra,
        cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def feedback_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "feedback").iterdir())


# --- feedback add --------------------------------------------------------------------------------


def test_add_writes_the_round_and_commits_only_it(sample: Path) -> None:
    result = run(
        "feedback", "add", "--kind", "mini-survey", "--date", "2026-03-15", *FOUR_RATINGS,
        "--comment", "R2:G1:Hands over the budget review now", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{sample / SURVEY}\n"
    lines = result.stderr.splitlines()
    assert lines[0] == "date 2026-03-15 (Sun)"
    assert lines[1].startswith("committed ")
    assert lines[1].endswith(": Add mini-survey feedback (2026-03-15)")
    assert (sample / SURVEY).read_text(encoding="utf-8") == (
        "---\n"
        "kind: mini-survey\n"
        "date: 2026-03-15\n"
        "scale: [-3, 3]\n"
        "responses:\n"
        "  - {rater: R1, group: manager, goal: G1, rating: 2}\n"
        "  - {rater: R2, group: peer, goal: G1, rating: 1, comment: Hands over the budget review now}\n"
        "  - {rater: R3, group: direct-report, goal: G1, rating: 2}\n"
        "  - {rater: R4, group: direct-report, goal: G1, rating: -1}\n"
        "---\n"
        "# Mini-survey, 2026-03-15\n"
        "\n"
        "4 raters on G1, scale -3 to 3.\n"
        "Raters appear only as codes: keep names out of this file.\n"
    )
    assert commits(sample)[0] == "Add mini-survey feedback (2026-03-15)"
    assert committed_files(sample) == [SURVEY]
    assert git(sample, "status", "--porcelain") == ""


def test_add_defaults_the_scale_by_kind_and_numbers_a_second_round(sample: Path) -> None:
    for _ in range(2):
        result = run(
            "feedback", "add", "--kind", "360", "--date", "2026-03-15", "--no-commit",
            "--rating", "R1:Manager:g2:4", "--rating", "R2:Direct Reports:G2:3.5", cwd=sample,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines()[-1] == "not committed (--no-commit)"
    assert feedback_files(sample) == [
        "2026-01-08-baseline-360.md",
        "2026-03-15-360-2.md",
        "2026-03-15-360.md",
    ]
    text = (sample / "feedback/2026-03-15-360-2.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\nkind: '360'\ndate: 2026-03-15\nscale: [1, 5]\nresponses:\n"
        "  - {rater: R1, group: manager, goal: G2, rating: 4}\n"
        "  - {rater: R2, group: direct-report, goal: G2, rating: 3.5}\n---\n"
    )
    assert commits(sample)[0] == PINNED


def test_add_takes_an_explicit_scale(sample: Path) -> None:
    result = run(
        "feedback", "add", "--kind", "final", "--date", "2026-06-30", "--scale", "0,10",
        "--rating", "R1:self:G1:8", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "scale: [0, 10]\n" in (sample / "feedback/2026-06-30-final.md").read_text("utf-8")


# --- feedback summary ----------------------------------------------------------------------------


def test_summary_table(sample: Path) -> None:
    add_survey(sample)
    result = run("feedback", "summary", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "GOAL  KIND         DATE        SCALE    MEAN  RATERS  UP/DOWN  SELF  GAP\n"
        "G1    baseline     2026-01-08  [1, 5]   2.20  5       -        -     -\n"
        "G1    mini-survey  2026-03-15  [-3, 3]  1.00  4       75%/25%  -     -\n"
        "G2    baseline     2026-01-08  [1, 5]   -     1       -        -     -\n"
    )
    assert result.stderr == ""


def test_summary_json_and_csv(sample: Path) -> None:
    add_survey(sample)
    result = run("feedback", "summary", "--json", cwd=sample)
    assert result.exit_code == 0, result.output
    new = {"item": None, "declined_share": None, "reaches_plus_one": None, "gap": None}
    assert json.loads(result.stdout) == [
        {"goal": "G1", "kind": "baseline", "date": "2026-01-08", "scale": [1, 5], "mean": 2.2,
         "raters": 5, "improved_share": None, "self_rating": None, "path": str(sample / BASELINE),
         **new},
        {"goal": "G1", "kind": "mini-survey", "date": "2026-03-15", "scale": [-3, 3], "mean": 1.0,
         "raters": 4, "improved_share": 0.75, "self_rating": None, "path": str(sample / SURVEY),
         **new, "declined_share": 0.25, "reaches_plus_one": True},
        {"goal": "G2", "kind": "baseline", "date": "2026-01-08", "scale": [1, 5], "mean": None,
         "raters": 1, "improved_share": None, "self_rating": None, "path": str(sample / BASELINE),
         **new},
    ]  # fmt: skip
    csv_lines = run("feedback", "summary", "--format", "csv", cwd=sample).stdout.splitlines()
    assert csv_lines[0] == (
        "goal,item,kind,date,scale,mean,raters,improved_share,declined_share,"
        "reaches_plus_one,self_rating,gap,path"
    )
    assert csv_lines[2] == (
        f'G1,,mini-survey,2026-03-15,"[-3, 3]",1.0,4,0.75,0.25,true,,,{sample / SURVEY}'
    )


def test_summary_without_feedback(sample: Path) -> None:
    git(sample, "rm", "-q", BASELINE)
    assert run("feedback", "summary", cwd=sample).stdout == (
        "No feedback yet: record a round with `coachkit feedback add` or `feedback import`.\n"
    )
    assert run("feedback", "summary", "--json", cwd=sample).stdout == "[]\n"


def test_summary_prints_what_it_can_and_reports_the_rest(sample: Path) -> None:
    build_file_tree(sample, {"feedback/2026-03-15-mini-survey.md": (
        "---\nkind: mini-survey\ndate: 2026-03-15\nresponses:\n"
        "  - {rater: R1, group: peer, goal: G1, rating: 3}\n"
        "  - {rater: R2, group: peer, goal: G1, rating: 5}\n"
        "  - {rater: R3, group: manager, goal: G1, rating: 1}\n"
        "  - {rater: R4, group: other, goal: G1, rating: 2}\n"
        "---\n"
    )})  # fmt: skip
    result = run("feedback", "summary", cwd=sample)
    assert result.exit_code == 2
    assert (
        "G1    mini-survey  2026-03-15  [-3, 3]  2.00  3       100%/0%  -     -\n" in result.stdout
    )
    assert result.stderr == f"{sample / SURVEY}:6:40: rating 5 is outside the scale [-3, 3]\n"


# --- anonymity -----------------------------------------------------------------------------------


def response(rater: str, group: str, rating: float = 1) -> Response:
    return Response(rater, group, "G1", rating, None, 1)


def parts(responses: list[Response]) -> dict[str, list[str]]:
    found, _merged, _short = partition(responses)
    return {name: [r.rater for r in members] for name, members in found}


def test_small_groups_merge_into_others_and_self_stands_apart() -> None:
    responses = [
        response("R1", "direct-report"), response("R2", "direct-report"),
        response("R3", "direct-report"), response("R4", "manager"),
        response("R5", "peer"), response("R6", "peer"), response("R7", "self", 3),
    ]  # fmt: skip
    figures = publishable(responses, measures_change=True)
    assert [(g.name, g.raters) for g in figures.groups] == [("direct-report", 3), (OTHERS, 3)]
    assert (figures.stakeholders, figures.mean, figures.self_rating) == (6, 1.0, 3.0)
    assert figures.merged and not figures.regrouped


def test_a_short_others_takes_in_the_smallest_group() -> None:
    responses = [
        *(response(f"D{n}", "direct-report") for n in range(1, 5)),
        *(response(f"P{n}", "peer") for n in range(1, 4)),
        response("M1", "manager"),
    ]
    assert parts(responses) == {"direct-report": ["D1", "D2", "D3", "D4"],
                                OTHERS: ["M1", "P1", "P2", "P3"]}  # fmt: skip
    assert publishable(responses, measures_change=False).regrouped


def test_no_breakdown_when_it_would_only_repeat_the_mean() -> None:
    three_and_two = [response(f"D{n}", "direct-report") for n in range(1, 4)] + [
        response("M1", "manager"), response("P1", "peer"),
    ]  # fmt: skip
    assert parts(three_and_two) == {}
    assert parts([response(f"D{n}", "direct-report") for n in range(1, 4)]) == {}
    # one rater rating twice is still one person
    assert parts([response("R1", "peer"), response("R1", "peer"), response("R2", "peer")]) == {}


def test_fewer_than_three_stakeholders_withhold_the_figures() -> None:
    figures = publishable(
        [response("R1", "manager"), response("R2", "peer"), response("S1", "self", -2)], True
    )
    assert figures.withheld and figures.improved_share is None and figures.groups == ()
    assert (figures.stakeholders, figures.self_rating) == (2, -2.0)


def test_other_never_shows_beside_others() -> None:
    responses = [response(f"R{n}", "other") for n in range(1, 4)] + [
        response(f"P{n}", "peer") for n in range(1, 4)
    ]
    assert list(parts(responses)) == ["peer", OTHERS]


# --- bad input: one line, exit 2, nothing written ------------------------------------------------

BAD_ADD = [
    pytest.param(
        ["--rating", "R1:manager:G1:4"],
        "coachkit: --rating R1:manager:G1:4: rating 4 is outside the scale [-3, 3]",
        id="rating outside the scale",
    ),
    pytest.param(
        ["--rating", "R1:manager:G9:1"],
        "coachkit: --rating R1:manager:G9:1: response names goal 'G9', which does not exist (goals: G1, G2)",
        id="unknown goal",
    ),
    pytest.param(
        ["--rating", "R1:boss:G1:1"],
        "coachkit: --rating R1:boss:G1:1: group must be one of self, manager, peer, direct-report, other, not 'boss'",
        id="unknown group",
    ),
    pytest.param(
        ["--rating", "R1:manager:G1"],
        "coachkit: --rating R1:manager:G1: expected RATER:GROUP:GOAL:VALUE, e.g. --rating R1:manager:G1:2",
        id="bad --rating syntax",
    ),
    pytest.param(
        ["--rating", "R1:manager:G1:two"],
        "coachkit: --rating R1:manager:G1:two: rating must be a number, not 'two'",
        id="rating not a number",
    ),
    pytest.param(
        ["--rating", "Priya:peer:G1:1"],
        "coachkit: --rating Priya:peer:G1:1: rater 'Priya' is not a code; use R1, R2… (a feedback file never names a rater)",
        id="a name as rater",
    ),
    pytest.param(
        ["--rating", "R1:peer:G1:1", "--rating", "R1:manager:G1:2"],
        "coachkit: --rating R1:manager:G1:2: R1 already rated G1 (--rating R1:peer:G1:1); keep one rating per rater and goal",
        id="one rater twice on a goal",
    ),
    pytest.param(
        ["--rating", "R1:peer:G1:1", "--comment", "R2:G1:Good"],
        "coachkit: --comment R2:G1:Good: no --rating R2:GROUP:G1:VALUE to attach the comment to",
        id="comment without rating",
    ),
    pytest.param(
        ["--scale", "3,-3", "--rating", "R1:peer:G1:1"],
        "coachkit: --scale 3,-3: the lowest rating comes first, e.g. -3,3",
        id="scale upside down",
    ),
    pytest.param(
        ["--scale", "1-5", "--rating", "R1:peer:G1:1"],
        "coachkit: --scale 1-5: expected LOW,HIGH, e.g. 1,5 or -3,3",
        id="bad scale",
    ),
    pytest.param(
        [],
        "coachkit: a round needs at least one rating or theme, e.g. --rating R1:manager:G1:2 "
        "or --strength 'peer:Calm under pressure'",
        id="no rating",
    ),
    pytest.param(
        ["--rating", "R1:manager:G1:nan"],
        "coachkit: --rating R1:manager:G1:nan: rating must be a finite number, not 'nan'",
        id="rating nan",
    ),
    pytest.param(
        ["--rating", "R1:manager:G1:1e308"],
        "coachkit: --rating R1:manager:G1:1e308: rating 1e+308 is outside the scale [-3, 3]",
        id="rating 1e308",
    ),
    pytest.param(
        ["--rating", "R1:manager:G1:1" + "0" * 400],
        "coachkit: --rating R1:manager:G1:1"
        + "0" * 400
        + ": rating 100000… (401 digits) is outside the scale [-3, 3]",
        id="rating of 401 digits",
    ),
    pytest.param(
        ["--scale", "-inf,inf", "--rating", "R1:peer:G1:1"],
        "coachkit: --scale -inf,inf: expected LOW,HIGH, e.g. 1,5 or -3,3",
        id="scale infinite",
    ),
    pytest.param(
        ["--scale", "0,1e308", "--rating", "R1:peer:G1:1e308", "--rating", "R2:peer:G1:1e308"],
        "coachkit: --scale 0,1e308: each bound must be from -100 to 100, e.g. 1,5 or -3,3",
        id="scale too wide",
    ),
]


def assert_nothing_written(sample: Path, result_stderr: str, expected: str) -> None:
    assert result_stderr == expected + "\n"
    assert feedback_files(sample) == ["2026-01-08-baseline-360.md"]
    assert git(sample, "status", "--porcelain", "--untracked-files=all") == ""
    assert commits(sample)[0] == PINNED


@pytest.mark.parametrize(("args", "message"), BAD_ADD)
def test_bad_add_is_one_line_and_writes_nothing(
    sample: Path, args: list[str], message: str
) -> None:
    result = run("feedback", "add", "--kind", "mini-survey", *args, cwd=sample)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert_nothing_written(sample, result.stderr, message)


def test_an_unknown_kind_is_refused(sample: Path) -> None:
    result = run("feedback", "add", "--kind", "pulse", "--rating", "R1:peer:G1:1", cwd=sample)
    assert result.exit_code == 2
    assert_nothing_written(
        sample,
        result.stderr,
        "coachkit: kind must be one of baseline, 360, interview, mini-survey, mid-point, final, not 'pulse'",
    )


def test_an_engagement_without_goals_is_told_to_add_them(sample: Path) -> None:
    git(sample, "rm", "-q", "-r", "goals")
    result = run("feedback", "add", "--kind", "final", "--rating", "R1:peer:G1:4", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        "coachkit: --rating R1:peer:G1:4: response names goal 'G1', but the engagement has no "
        "goals yet; rate a named item instead, or add the goal with `coachkit goal add`\n"
    )
    assert feedback_files(sample) == ["2026-01-08-baseline-360.md"]


def test_the_kind_option_lists_every_kind() -> None:
    from coachkit.cli.feedback_cmd import KIND_HELP
    from coachkit.vocabulary import FEEDBACK_KINDS

    assert all(kind in KIND_HELP for kind in FEEDBACK_KINDS)


# --- the written file reads back exactly ---------------------------------------------------------

COMMENT_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda text: text.strip() == text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(comment=COMMENT_TEXT, rating=st.integers(-3, 3))
def test_any_comment_reads_back_as_written(comment: str, rating: int) -> None:
    path = Path("feedback/2026-03-15-mini-survey.md")
    written = [NewResponse("R1", "peer", "G1", rating, comment)]
    data = render_round("mini-survey", dt.date(2026, 3, 15), (-3.0, 3.0), written)
    found, problems = read_round(parse_note(path, data).meta, path, {"G1"})
    assert problems == []
    assert found is not None
    assert [(r.rater, r.rating, r.comment) for r in found.responses] == [("R1", rating, comment)]


# --- lint ----------------------------------------------------------------------------------------


def test_lint_reports_broken_feedback(sample: Path) -> None:
    build_file_tree(sample, {"feedback/2026-03-15-mini-survey.md": (
        "---\n"
        "kind: mini-survey\n"
        "date: 2026-03-15\n"
        "scale: [-3, 3]\n"
        "responses:\n"
        "  - {rater: R1, group: peer, goal: G1, rating: 4}\n"
        "  - {rater: R2, group: peer, goal: G3, rating: 1}\n"
        "  - {rater: R3, group: boss, goal: G1, rating: 1}\n"
        "  - {group: peer, goal: G1, rating: 1}\n"
        "  - {rater: R1, group: peer, goal: G2, rating: 1}\n"
        "  - {rater: R1, group: peer, goal: G2, rating: 2}\n"
        "---\n"
    )})  # fmt: skip
    engagements, _ = load_all([sample])
    findings = [
        (f.line, f.column, f.code, f.rule, f.severity, f.message)
        for f in lint_engagements(engagements, dt.date(2026, 3, 16)).findings
        if f.code.startswith("CK5")
    ]
    assert findings == [
        (6, 40, "CK502", "feedback-rating-out-of-scale", "error",
         "rating 4 is outside the scale [-3, 3]"),
        (7, 30, "CK503", "feedback-unknown-goal", "error",
         "response names goal 'G3', which does not exist (goals: G1, G2)"),
        (8, 17, "CK501", "feedback-invalid", "error",
         "group must be one of self, manager, peer, direct-report, other, not 'boss'"),
        (9, 5, "CK501", "feedback-invalid", "error", "response has no rater code (e.g. rater: R1)"),
        (11, 6, "CK501", "feedback-invalid", "error",
         "rater R1 already rated G2 in this round (line 10); keep one rating per rater and goal"),
    ]  # fmt: skip


def test_lint_reports_a_round_without_a_usable_scale(sample: Path) -> None:
    build_file_tree(sample, {"feedback/2026-03-15-360.md": (
        "---\nkind: 360\ndate: 2026-03-15\nscale: [5, 1]\nresponses: []\n---\n"
    )})  # fmt: skip
    engagements, _ = load_all([sample])
    findings = [
        (f.line, f.column, f.rule, f.message)
        for f in lint_engagements(engagements, dt.date(2026, 3, 16)).findings
        if f.code.startswith("CK5")
    ]
    assert findings == [
        (4, 1, "feedback-invalid", "scale must be [lowest, highest], e.g. [1, 5] or [-3, 3]")
    ]


UNBOUNDED = [
    pytest.param("[-.inf, .inf]", "rating: 1", 4, 1, "feedback-invalid",
                 "scale [-.inf, .inf]: each bound must be a finite number from -100 to 100, "
                 "e.g. [1, 5] or [-3, 3]", id="infinite scale"),
    pytest.param("[0, 1e308]", "rating: 1e308", 4, 1, "feedback-invalid",
                 "scale [0, 1e+308]: each bound must be a finite number from -100 to 100, "
                 "e.g. [1, 5] or [-3, 3]", id="scale too wide"),
    pytest.param("[0, .nan]", "rating: 1", 4, 1, "feedback-invalid",
                 "scale [0, .nan]: each bound must be a finite number from -100 to 100, "
                 "e.g. [1, 5] or [-3, 3]", id="scale nan"),
    pytest.param("[1, 5]", "rating: .nan", 6, 40, "feedback-invalid",
                 "rating must be a finite number, not .nan", id="rating nan"),
    pytest.param("[1, 5]", "rating: -.inf", 6, 40, "feedback-invalid",
                 "rating must be a finite number, not -.inf", id="rating infinite"),
    pytest.param("[1, 5]", "rating: 1e308", 6, 40, "feedback-rating-out-of-scale",
                 "rating 1e+308 is outside the scale [1, 5]", id="rating 1e308"),
    pytest.param("[1, 5]", "rating: 1" + "0" * 400, 6, 40, "feedback-rating-out-of-scale",
                 "rating 100000… (401 digits) is outside the scale [1, 5]",
                 id="rating of 401 digits"),
]  # fmt: skip


@pytest.mark.parametrize(("scale", "rating", "line", "column", "rule", "message"), UNBOUNDED)
def test_scales_and_ratings_are_finite_and_bounded_everywhere(
    sample: Path, scale: str, rating: str, line: int, column: int, rule: str, message: str
) -> None:
    """summary, report and lint agree: one located line, never an overflow or a NaN chart."""
    build_file_tree(sample, {SURVEY_360: (
        f"---\nkind: 360\ndate: 2026-03-15\nscale: {scale}\nresponses:\n"
        f"  - {{rater: R1, group: peer, goal: G1, {rating}}}\n"
        "  - {rater: R2, group: peer, goal: G1, rating: 1}\n"
        "  - {rater: R3, group: peer, goal: G1, rating: 1}\n"
        "---\n"
    )})  # fmt: skip
    where = f"{sample / SURVEY_360}:{line}:{column}: {message}\n"
    summary = run("feedback", "summary", "--json", cwd=sample)
    assert (summary.exit_code, summary.stderr) == (2, where)
    report = run("report", "--format", "html", "--no-commit", cwd=sample)
    assert (report.exit_code, report.stdout, report.stderr) == (2, "", where)
    assert not (sample / "reports").exists()
    engagements, _ = load_all([sample])
    findings = [
        (f.line, f.column, f.rule, f.message)
        for f in lint_engagements(engagements, dt.date(2026, 3, 16)).findings
        if f.code.startswith("CK5")
    ]
    assert findings == [(line, column, rule, message)]


SURVEY_360 = "feedback/2026-03-15-360.md"


def test_the_sponsor_sees_self_ratings_only_where_the_agreement_says_so(sample: Path) -> None:
    build_file_tree(sample, {SURVEY_360: (
        "---\nkind: 360\ndate: 2026-03-15\nscale: [1, 5]\nresponses:\n"
        + "".join(f"  - {{rater: R{n}, group: peer, goal: G1, rating: 3}}\n" for n in (1, 2, 3))
        + "  - {rater: S1, group: self, goal: G1, rating: 5}\n---\n"
    )})  # fmt: skip
    git(sample, "add", SURVEY_360)
    git(sample, "commit", "-qm", "Round")
    summary = json.loads(run("feedback", "summary", "--json", cwd=sample).stdout)
    assert [(r["mean"], r["raters"], r["self_rating"]) for r in summary if r["goal"] == "G1"] == [
        (2.2, 5, None),
        (3.0, 3, 5.0),  # self never pools with the stakeholders
    ]

    def report(audience: str) -> str:
        result = run("report", "--for", audience, "-o", f"{audience}.md", "--force", cwd=sample)
        assert result.exit_code == 0, result.output
        return (sample / f"{audience}.md").read_text(encoding="utf-8")

    row = "| Final (360) | 2026-03-15 | 1 to 5 | 3.0 | {}3 | - |"
    assert row.format("5.0 | +2.0 | ") in report("client")  # self, and the gap
    assert row.format("") in report("sponsor")
    engagement = (sample / "engagement.md").read_text(encoding="utf-8")
    (sample / "engagement.md").write_text(
        engagement.replace("phase:", "share_self_rating_with_sponsor: true\nphase:", 1),
        encoding="utf-8",
    )
    assert row.format("5.0 | +2.0 | ") in report("sponsor")
    lint = run("lint", "--select", "unknown-key", cwd=sample)
    assert "share_self_rating_with_sponsor" not in lint.stdout
