"""`coachkit feedback import`: real survey exports, the long form, --map, --dry-run, every
error at once. The sample exports are in tests/data/, written as each tool writes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, commits, committed_files, git, run

DATA = Path(__file__).parent.parent / "data"
BASELINE = "feedback/2026-01-08-baseline-360.md"
PINNED = "Pin the feedback for these tests"
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
# Everything a respondent is known by in the sample exports: none of it may reach a file.
PERSONAL = ["acme.example", "Ortiz", "Nair", "Becker", "Costa", "Wong", "Haddad", "Gomez",
            "114043892345", "R_3kVbX7yqZ1a2b3C", "203.0.113", "anonymous"]  # fmt: skip


@pytest.fixture
def sample(sample: Path) -> Path:
    """The sample engagement (goals G1 and G2) with only the baseline 360 in feedback/."""
    git(sample, "rm", "-q", "-r", "feedback")
    build_file_tree(sample, {BASELINE: BASELINE_TEXT})
    git(sample, "add", BASELINE)
    git(sample, "commit", "-q", "-m", PINNED)
    return sample


def feedback_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "feedback").iterdir())


def front_matter(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n")[1]


def assert_nothing_written(sample: Path) -> None:
    assert feedback_files(sample) == ["2026-01-08-baseline-360.md"]
    assert git(sample, "status", "--porcelain", "--untracked-files=all") == ""
    assert commits(sample)[0] == PINNED


# --- the four tools ------------------------------------------------------------------------------


def test_google_forms_one_rater_per_row_said_first(sample: Path) -> None:
    export = DATA / "google-forms-mini-survey.csv"
    result = run("feedback", "import", str(export), "--kind", "mini-survey", cwd=sample)
    assert result.exit_code == 0, result.output
    written = sample / "feedback/2026-03-14-mini-survey.md"
    assert result.stdout == f"{written}\n"
    assert result.stderr.splitlines() == [
        f"{export}: one rater per row, as the export has no rater or respondent column: "
        "8 raters, written as R1…R8",
        "date 2026-03-14 (Sat)",
        f'{export}: round date 2026-03-14, the latest in column 1 "Timestamp"',
        f"{export}: groups read as 'Line manager' → manager, 'Direct report' → "
        "direct-report, 'Peer' → peer, 'Self' → self",
        f"committed {git(sample, 'rev-parse', '--short', 'HEAD').strip()}: "
        "Add mini-survey feedback (2026-03-14)",
    ]
    assert front_matter(written) == (
        "kind: mini-survey\n"
        "date: 2026-03-14\n"
        "scale: [-3, 3]\n"
        "responses:\n"
        "  - {rater: R1, group: manager, goal: G1, rating: 1, comment: 'Handed the Q3 capacity plan to Priya, and stayed out of it'}\n"
        "  - {rater: R1, group: manager, goal: G2, rating: 1}\n"
        "  - {rater: R2, group: direct-report, goal: G1, rating: 2, comment: Asks \"what would you decide?\" before answering}\n"
        "  - {rater: R2, group: direct-report, goal: G2, rating: 0}\n"
        "  - {rater: R3, group: direct-report, goal: G1, rating: 3}\n"
        "  - {rater: R4, group: direct-report, goal: G1, rating: 1}\n"
        "  - {rater: R4, group: direct-report, goal: G2, rating: 1}\n"
        "  - {rater: R5, group: peer, goal: G1, rating: 0}\n"
        "  - {rater: R5, group: peer, goal: G2, rating: 2}\n"
        "  - {rater: R6, group: peer, goal: G1, rating: 1}\n"
        "  - {rater: R6, group: peer, goal: G2, rating: 1}\n"
        "  - {rater: R7, group: peer, goal: G1, rating: -1, comment: Still reopens decisions in the staff meeting}\n"
        "  - {rater: R7, group: peer, goal: G2, rating: 0}\n"
        "  - {rater: R8, group: self, goal: G1, rating: 2}\n"
        "  - {rater: R8, group: self, goal: G2, rating: 1}\n"
    )  # fmt: skip
    assert committed_files(sample) == ["feedback/2026-03-14-mini-survey.md"]
    text = written.read_text(encoding="utf-8")
    assert not [word for word in PERSONAL if word in text]
    assert "roadmap" not in text  # a free-text column that names no goal is not recorded


@pytest.mark.parametrize(
    ("export", "kind", "written", "raters", "ratings"),
    [
        ("microsoft-forms-mini-survey.csv", "mini-survey", "2026-03-18-mini-survey.md", 6, 10),
        ("surveymonkey-mini-survey.csv", "mini-survey", "2026-03-19-mini-survey.md", 7, 13),
        ("qualtrics-final.csv", "final", "2026-06-26-final.md", 7, 13),
    ],
)
def test_each_tool_export_is_read(
    sample: Path, export: str, kind: str, written: str, raters: int, ratings: int
) -> None:
    result = run("feedback", "import", str(DATA / export), "--kind", kind, cwd=sample)
    assert result.exit_code == 0, result.output
    path = sample / "feedback" / written
    assert result.stdout == f"{path}\n"
    assert f"{raters} raters, written as R1…R{raters} in order of first appearance (one per respondent)" in result.stderr.splitlines()[0]  # fmt: skip
    text = path.read_text(encoding="utf-8")
    assert "scale: [-3, 3]\n" in text
    assert text.count("  - {rater: ") == ratings
    assert not [word for word in PERSONAL if word in text]


def test_qualtrics_preview_rows_and_three_header_rows(sample: Path) -> None:
    export = DATA / "qualtrics-final.csv"
    result = run("feedback", "import", str(export), "--kind", "final", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    assert f"{export}: 1 survey preview row(s) left out" in result.stderr.splitlines()
    text = front_matter(sample / "feedback/2026-06-26-final.md")
    assert "  - {rater: R3, group: direct-report, goal: G1, rating: 2}\n" in text
    assert "goal: G2" in text and "rater: R8" not in text
    assert "test" not in text


def test_microsoft_forms_title_matching_and_my_line_manager(sample: Path) -> None:
    export = DATA / "microsoft-forms-mini-survey.csv"
    result = run(
        "feedback", "import", str(export), "--kind", "mini-survey", "--dry-run", cwd=sample
    )
    assert result.exit_code == 0, result.output
    out = result.stdout.splitlines()
    assert '  column 7 "How has Jordan changed at: Delegate strategic d…"  rating of G1: contains the title of G1' in out  # fmt: skip
    assert "group answers: \"I am Jordan's line manager\" → manager (1), 'Direct report' → direct-report (3), 'Peer' → peer (2)" in out  # fmt: skip
    assert "  G2: 4 (4 from stakeholders, 0 self)" in out  # two answered N/A: no rating


# --- the dry run ---------------------------------------------------------------------------------


def test_dry_run_says_how_each_column_was_understood_and_writes_nothing(sample: Path) -> None:
    export = DATA / "surveymonkey-mini-survey.csv"
    result = run(
        "feedback", "import", str(export), "--kind", "mini-survey", "--dry-run", cwd=sample
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f'{export}: raters told apart by column 1 "Respondent ID": 7 raters, written as R1…R7 in order of first appearance (one per respondent)',
        f"{export}: SurveyMonkey export, 2 header rows, one row per respondent",
        "columns:",
        '  column 1 "Respondent ID"                                      rater: tells raters apart; never written',
        '  column 2 "Collector ID"                                       ignored: a field of the survey tool (SurveyMonkey)',
        '  column 3 "Start Date"                                         ignored: another date column comes first',
        '  column 4 "End Date"                                           date: a timestamp',
        '  column 5 "IP Address"                                         private: personal data: never read or written',
        '  column 6 "Email Address"                                      private: personal data: never read or written',
        '  column 7 "First Name"                                         private: personal data: never read or written',
        '  column 8 "Last Name"                                          private: personal data: never read or written',
        '  column 9 "Custom Data 1"                                      ignored: a field of the survey tool (SurveyMonkey)',
        '  column 10 "What is your relationship to Jordan?"              group: its header names the relationship',
        '  column 11 "How has Jordan changed since January in each ar…"  rating of G1: contains the title of G1',
        '  column 12 "How has Jordan changed since January in each ar…"  rating of G2: contains the title of G2',
        '  column 13 "Is there anything else you would like to share?"   ignored: names no goal or item',
        "raters: 7 (direct-report 3, manager 1, peer 2, self 1)",
        "group answers: 'Line manager' → manager (1), 'Direct report' → direct-report (3), 'Peer' → peer (2), 'Self' → self (1)",
        "ratings:",
        "  G1: 7 (6 from stakeholders, 1 self)",
        "  G2: 6 (5 from stakeholders, 1 self)",
        "scale: [-3, 3], the answers' Likert words (-3…+3, docs/format.md)",
        'date: 2026-03-19 (Thu), the latest in column 4 "End Date"',
        "would write feedback/2026-03-19-mini-survey.md",
        "dry run: nothing written",
    ]  # fmt: skip
    assert_nothing_written(sample)


# --- rater identity, groups, the long form -------------------------------------------------------


def test_a_respondent_id_column_counts_people_not_rows(sample: Path, tmp_path: Path) -> None:
    """The issue's story: 8 people on two goals are 8 raters, not 16, and one person's
    rows are not a group of their own."""
    rows = ["Respondent ID,Relationship,Goal,Rating"]
    people = [("5501", "Line manager"), *[(f"55{n:02}", "Direct report") for n in range(2, 5)],
              *[(f"55{n:02}", "Peer") for n in range(5, 9)]]  # fmt: skip
    for goal in ("G1", "G2"):
        rows += [f"{who},{group},{goal},{1 if goal == 'G1' else 2}" for who, group in people]
    build_file_tree(tmp_path, {"long.csv": "\n".join(rows) + "\n"})
    result = run("feedback", "import", str(tmp_path / "long.csv"), "--kind", "mid-point",
                 "--scale", "-3,3", "--date", "2026-04-01", cwd=sample)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert '8 raters, written as R1…R8 in order of first appearance (one per respondent)' in result.stderr.splitlines()[0]  # fmt: skip
    summary = json.loads(run("feedback", "summary", "--json", cwd=sample).stdout)
    midpoint = [r for r in summary if r["kind"] == "mid-point"]
    assert [(r["goal"], r["raters"]) for r in midpoint] == [("G1", 8), ("G2", 8)]


def test_long_form_goal_cells_may_hold_a_title_and_items_a_text(
    sample: Path, tmp_path: Path
) -> None:
    build_file_tree(tmp_path, {
        "goals.csv": "rater,group,goal,rating\nR1,peer,Executive presence with the board,4\n"
        "R2,peer,g1,3\n",
        "items.csv": "rater,group,item,rating\nR1,peer,Delegates decisions with clear authority,4\n"
        "R2,manager,Delegates  decisions with clear authority,2\n",
    })  # fmt: skip
    first = run("feedback", "import", str(tmp_path / "goals.csv"), "--kind", "360",
                "--scale", "1,5", "--no-commit", cwd=sample)  # fmt: skip
    assert first.exit_code == 0, first.output
    text = front_matter(sample / "feedback/2026-02-12-360.md")
    assert "{rater: R1, group: peer, goal: G2, rating: 4}" in text
    assert "{rater: R2, group: peer, goal: G1, rating: 3}" in text
    second = run("feedback", "import", str(tmp_path / "items.csv"), "--kind", "baseline",
                 "--scale", "1,5", "--no-commit", cwd=sample)  # fmt: skip
    assert second.exit_code == 0, second.output
    text = front_matter(sample / "feedback/2026-02-12-baseline.md")
    assert (
        "{rater: R1, group: peer, item: Delegates decisions with clear authority, rating: 4}"
        in text
    )


def test_the_long_form_keeps_codes_and_quoted_comments(sample: Path, tmp_path: Path) -> None:
    survey = build_file_tree(tmp_path, {"survey.csv": (
        "rater,group,goal,rating,comment\r\n"
        "R1,manager,G1,2,\r\n"
        'R2,peer,G1,1,"Delegates more, says ""your call"" often"\r\n'
        "R3,direct-report,G1,3,\r\n"
        "R2,peer,G2,-1,Quieter in the board meeting\r\n"
    )}) / "survey.csv"  # fmt: skip
    result = run("feedback", "import", str(survey), "--kind", "mini-survey", "--date",
                 "2026-03-15", "--scale", "-3,3", cwd=sample)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "date 2026-03-15 (Sun)"
    assert "raters" not in result.stderr
    assert front_matter(sample / "feedback/2026-03-15-mini-survey.md") == (
        "kind: mini-survey\n"
        "date: 2026-03-15\n"
        "scale: [-3, 3]\n"
        "responses:\n"
        "  - {rater: R1, group: manager, goal: G1, rating: 2}\n"
        "  - {rater: R2, group: peer, goal: G1, rating: 1, comment: 'Delegates more, says \"your call\" often'}\n"
        "  - {rater: R3, group: direct-report, goal: G1, rating: 3}\n"
        "  - {rater: R2, group: peer, goal: G2, rating: -1, comment: Quieter in the board meeting}\n"
    )  # fmt: skip


def test_names_in_the_rater_column_are_replaced_by_codes(sample: Path, tmp_path: Path) -> None:
    survey = build_file_tree(tmp_path, {"names.csv": (
        "\ufeffRater,Group,Goal,Rating,Submitted\n"
        "Priya Shah,Peer,G1,2,2026-03-14\n"
        "Sam Ortiz,My line manager,G1,1,2026-03-14\n"
        "Priya Shah,Peers,G2,1,2026-03-14\n"
        "\n"
        "Dana Wu,Direct report,G1,3,2026-03-15\n"
    )}) / "names.csv"  # fmt: skip
    result = run("feedback", "import", str(survey), "--kind", "mid-point", "--scale", "-3,3",
                 cwd=sample)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        f'{survey}: raters told apart by column 1 "Rater": 3 raters, written as R1…R3 in order '
        "of first appearance (the rater column holds names, not codes; no name was written)"
    )
    text = (sample / "feedback/2026-03-15-mid-point.md").read_text(encoding="utf-8")
    for name in ("Priya", "Shah", "Sam", "Ortiz", "Dana", "Wu"):
        assert name not in text
    assert (
        "  - {rater: R1, group: peer, goal: G1, rating: 2}\n"
        "  - {rater: R2, group: manager, goal: G1, rating: 1}\n"
        "  - {rater: R1, group: peer, goal: G2, rating: 1}\n"
        "  - {rater: R3, group: direct-report, goal: G1, rating: 3}\n"
    ) in text


# --- scales --------------------------------------------------------------------------------------

FINAL = (
    "Timestamp,Your relationship to Jordan,G1 - How effective is Jordan now?\n"
    "2026/06/20 9:00:00 AM GMT,Peer,{a}\n"
    "2026/06/21 9:00:00 AM GMT,Peer,{b}\n"
    "2026/06/22 9:00:00 AM GMT,Direct report,{c}\n"
)


def test_a_kinds_default_scale_is_used_only_when_every_rating_fits_and_said(
    sample: Path, tmp_path: Path
) -> None:
    build_file_tree(tmp_path, {"fits.csv": FINAL.format(a=1, b=3, c=2),
                               "misfit.csv": FINAL.format(a=-2, b=3, c=2)})  # fmt: skip
    result = run("feedback", "import", str(tmp_path / "fits.csv"), "--kind", "final", cwd=sample)
    assert result.exit_code == 0, result.output
    assert (
        f"{tmp_path / 'fits.csv'}: scale [1, 5], the default for a final round, as every rating "
        "fits it; give --scale if the survey used another"
    ) in result.stderr.splitlines()
    assert "scale: [1, 5]\n" in (sample / "feedback/2026-06-22-final.md").read_text("utf-8")
    misfit = run("feedback", "import", str(tmp_path / "misfit.csv"), "--kind", "360", cwd=sample)
    assert misfit.exit_code == 2
    assert misfit.stderr == (
        f"{tmp_path / 'misfit.csv'}: no scale given, and the ratings from -2 to 3 do not fit "
        "[1, 5], the default for a 360 round; give --scale LOW,HIGH or scale: in --map\n"
    )


def test_a_mini_survey_follows_the_earlier_mini_surveys_scale(sample: Path, tmp_path: Path) -> None:
    earlier = run("feedback", "add", "--kind", "mini-survey", "--date", "2026-02-01",
                  "--scale", "-2,2", "--rating", "R1:peer:G1:1", cwd=sample)  # fmt: skip
    assert earlier.exit_code == 0, earlier.output
    build_file_tree(tmp_path, {"later.csv": FINAL.format(a=1, b=2, c=0)})
    result = run("feedback", "import", str(tmp_path / "later.csv"), "--kind", "mini-survey",
                 cwd=sample)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        f"{tmp_path / 'later.csv'}: scale [-2, 2], the earlier mini-survey round "
        "(feedback/2026-02-01-mini-survey.md)"
    ) in result.stderr.splitlines()


def test_a_scale_stated_in_the_question_or_given_wins(sample: Path, tmp_path: Path) -> None:
    stated = FINAL.replace("now?", "now on a scale of 0 to 10?").format(a=7, b=9, c=8)
    build_file_tree(tmp_path, {"stated.csv": stated})
    result = run("feedback", "import", str(tmp_path / "stated.csv"), "--kind", "final",
                 "--dry-run", cwd=sample)  # fmt: skip
    assert 'scale: [0, 10], stated in column 3 "G1 - How effective is Jordan now on a scale of…"' in result.stdout.splitlines()  # fmt: skip
    given = run("feedback", "import", str(tmp_path / "stated.csv"), "--kind", "final",
                "--scale", "0,100", "--dry-run", cwd=sample)  # fmt: skip
    assert "scale: [0, 100], given with --scale" in given.stdout.splitlines()


# --- the mapping file ----------------------------------------------------------------------------

CUSTOM = (
    "Submitted at,Who are you?,Participant,Delegation: how well does Jordan let the leads decide?,"
    "Board updates,Communicates a clear vision,Anything to add about delegation?\n"
    "2026-01-05 10:00,Boss,p-1,Exceeds expectations,Meets expectations,Meets expectations,Lets go more\n"
    "2026-01-05 11:00,Team,p-2,Meets expectations,Below expectations,Exceeds expectations,\n"
    "2026-01-06 09:30,Team,p-3,Meets expectations,,Meets expectations,\n"
    "2026-01-06 09:45,Team,p-2,,,,\n"
)
MAP = """\
# How this form maps to coachkit
rater: Participant
group: Who are you?
groups:
  Boss: manager
  Team: direct-report
questions:
  Delegation: G1          # the start of the header is enough
  5: G2                   # column 5, "Board updates"
  Communicates a clear vision: {item: Communicates a clear vision}
comments:
  Anything to add: G1
scale: [1, 3]
values:
  Below expectations: 1
  Meets expectations: 2
  Exceeds expectations: 3
"""


def test_a_mapping_file_says_what_the_import_cannot_work_out(sample: Path, tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"custom.csv": CUSTOM, "map.yaml": MAP})
    result = run("feedback", "import", str(tmp_path / "custom.csv"), "--map",
                 str(tmp_path / "map.yaml"), "--kind", "baseline", cwd=sample)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert front_matter(sample / "feedback/2026-01-06-baseline.md") == (
        "kind: baseline\n"
        "date: 2026-01-06\n"
        "scale: [1, 3]\n"
        "responses:\n"
        "  - {rater: R1, group: manager, goal: G1, rating: 3, comment: Lets go more}\n"
        "  - {rater: R1, group: manager, goal: G2, rating: 2}\n"
        "  - {rater: R1, group: manager, item: Communicates a clear vision, rating: 2}\n"
        "  - {rater: R2, group: direct-report, goal: G1, rating: 2}\n"
        "  - {rater: R2, group: direct-report, goal: G2, rating: 1}\n"
        "  - {rater: R2, group: direct-report, item: Communicates a clear vision, rating: 3}\n"
        "  - {rater: R3, group: direct-report, goal: G1, rating: 2}\n"
        "  - {rater: R3, group: direct-report, item: Communicates a clear vision, rating: 2}\n"
    )  # fmt: skip


def test_every_problem_in_a_mapping_file_is_listed_at_its_line(
    sample: Path, tmp_path: Path
) -> None:
    bad = "rater: [1, 2]\ngroups:\n  Boss: chief\nquestions:\n  Delegation: G9\ncolour: blue\n"
    build_file_tree(tmp_path, {"custom.csv": CUSTOM, "map.yaml": bad})
    name = tmp_path / "map.yaml"
    result = run("feedback", "import", str(tmp_path / "custom.csv"), "--map", str(name),
                 "--kind", "baseline", cwd=sample)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{name}:6:1: unknown key 'colour'; the keys are rater, group, date, groups, questions, comments, unmatched, scale or values",
        f"{name}:1:1: rater must name a column by its header or number",
        f"{name}:3:3: group must be one of self, manager, peer, direct-report or other, not 'chief'",
        f"coachkit: 3 problems in {name}; nothing was written",
    ]  # fmt: skip
    assert_nothing_written(sample)


def test_unmatched_questions_may_become_named_items(sample: Path, tmp_path: Path) -> None:
    """A 360 taken before the goals: each statement is a named item."""
    export = (
        "Timestamp,Relationship,Rate Jordan on each statement [Delegates decisions with clear authority],"
        "Rate Jordan on each statement [Listens before deciding]\n"
        "2026/01/05 9:00:00 AM GMT,Peer,4,3\n"
        "2026/01/05 9:30:00 AM GMT,Direct report,2,5\n"
    )  # fmt: skip
    build_file_tree(tmp_path, {"360.csv": export, "map.yaml": "unmatched: item\nscale: [1, 5]\n"})
    result = run("feedback", "import", str(tmp_path / "360.csv"), "--map", str(tmp_path / "map.yaml"),
                 "--kind", "baseline", "--no-commit", cwd=sample)  # fmt: skip
    assert result.exit_code == 0, result.output
    text = front_matter(sample / "feedback/2026-01-05-baseline.md")
    assert "  - {rater: R1, group: peer, item: Delegates decisions with clear authority, rating: 4}\n" in text  # fmt: skip
    assert "  - {rater: R2, group: direct-report, item: Listens before deciding, rating: 5}\n" in text  # fmt: skip


# --- every error at once -------------------------------------------------------------------------


def test_every_bad_row_is_listed_then_nothing_is_written(sample: Path, tmp_path: Path) -> None:
    export = (
        "Timestamp,Your relationship to Jordan,G1 - How effective is Jordan now?,G2 - And now?\n"
        "2026/03/12 9:00:00 AM GMT,Boss,Somewhat more effective,No change\n"
        "2026/03/12 9:10:00 AM GMT,Peer,Sort of better,No change\n"
        "2026/03/12 9:20:00 AM GMT,Peer,Much more effective,Loads\n"
        "sometime,Peer,No change,No change\n"
    )
    survey = build_file_tree(tmp_path, {"survey.csv": export}) / "survey.csv"
    result = run("feedback", "import", str(survey), "--kind", "mini-survey", cwd=sample)
    assert result.exit_code == 2
    assert result.stdout == ""
    expected = 'a number or a rating such as "Somewhat more effective" (docs/format.md)'
    assert result.stderr.splitlines() == [
        f'{survey}:2: column 2 "Your relationship to Jordan": \'Boss\' is not a group; expected '
        "self, manager, peer, direct-report or other (docs/format.md lists the answers read as "
        "each), or map it under groups: in --map",
        f'{survey}:3: column 3 "G1 - How effective is Jordan now?": expected {expected}, not \'Sort of better\'',
        f'{survey}:4: column 4 "G2 - And now?": expected {expected}, not \'Loads\'',
        f"coachkit: 3 problems in {survey}; nothing was written",
    ]  # fmt: skip
    assert_nothing_written(sample)


def test_a_bad_timestamp_is_an_error_unless_the_date_is_given(sample: Path, tmp_path: Path) -> None:
    export = "Timestamp,Relationship,G1 - How effective?\nsometime,Peer,No change\n"
    survey = build_file_tree(tmp_path, {"survey.csv": export}) / "survey.csv"
    result = run("feedback", "import", str(survey), "--kind", "mini-survey", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f'{survey}:2: column 1 "Timestamp": expected a timestamp such as 2026-03-14 10:05:12 '
        "or 3/14/2026 10:05:12, not 'sometime'; or give --date\n"
    )
    given = run("feedback", "import", str(survey), "--kind", "mini-survey", "--date",
                "2026-03-01", "--no-commit", cwd=sample)  # fmt: skip
    assert given.exit_code == 0, given.output


def test_the_list_stops_at_twenty(sample: Path, tmp_path: Path) -> None:
    rows = "".join(f"R{n},peer,G1,{n + 10}\n" for n in range(1, 31))
    survey = build_file_tree(tmp_path, {"big.csv": "rater,group,goal,rating\n" + rows}) / "big.csv"
    result = run("feedback", "import", str(survey), "--kind", "360", "--scale", "1,5", cwd=sample)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    assert lines[0] == f"{survey}:2: rating 11 is outside the scale [1, 5]"
    assert (
        lines[-1] == f"coachkit: 30 problems in {survey}, the first 20 shown; nothing was written"
    )
    assert_nothing_written(sample)


HEADER = "rater,group,goal,rating,comment\n"
BAD_CSV = [
    pytest.param(HEADER + "R1,peer,G1,1,\nR2,peer,G1,5,\n", "3: rating 5 is outside the scale [-3, 3]",
                 id="rating outside the scale"),
    pytest.param(HEADER + "R1,peer,G7,1,\n", "2: response names goal 'G7', which does not exist (goals: G1, G2)",
                 id="unknown goal"),
    pytest.param(HEADER + "R1,peer,G1,,\n", "2: the rating is empty; fill it in or remove the row",
                 id="empty rating"),
    pytest.param(HEADER + "R1,peer,,1,\n", "2: the goal is empty; name a goal id such as G1",
                 id="empty goal"),
    pytest.param(HEADER + "R1,peer,G1,-inf,\n",
                 '2: column 4 "rating": expected a number or a rating such as "Somewhat more effective" (docs/format.md), not \'-inf\'',
                 id="rating infinite"),
    pytest.param(HEADER + "R1,peer,G1,1,\nR2,peer,G1,1e308,\n",
                 "3: rating 1e+308 is outside the scale [-3, 3]", id="rating 1e308"),
    pytest.param(HEADER + "R1,peer,G1,1,Good, mostly\n",
                 '2: 6 fields but the header has 5; put a value that holds a comma in double quotes ("like, this")',
                 id="unquoted comma"),
    pytest.param(HEADER + 'R1,peer,G1,1,"Good\n', "2: not valid CSV: unexpected end of data",
                 id="unclosed quote"),
    pytest.param("", "1: no header row; the first line must name the columns", id="empty file"),
    pytest.param(HEADER, ": no answers below the header row", id="header only"),
    pytest.param("Timestamp,Relationship,How is Jordan doing?\n2026-03-01,Peer,3\n",
                 ": no question names a goal: begin its text with the goal's id (G1 - …) or use the goal's title, or map the questions with --map (docs/format.md)",
                 id="no question names a goal"),
    pytest.param(HEADER.encode() + b"R1,peer,G1,1,caf\xe9\n", "2: not UTF-8 text; export the CSV as UTF-8",
                 id="not UTF-8"),
    pytest.param(b"PK\x03\x04rest", ": an Excel workbook, not CSV; save it as CSV UTF-8 first",
                 id="a workbook"),
    pytest.param(HEADER + "R1,peer,G1,1,\n\nR1,peer,G1,2,\n",
                 "4: R1 already rated G1 ({csv}:2); keep one rating per rater and goal",
                 id="one rater twice on a goal"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "where"), BAD_CSV)
def test_bad_csv_names_file_and_line(
    sample: Path, tmp_path: Path, content: str | bytes, where: str
) -> None:
    survey = build_file_tree(tmp_path, {"survey.csv": content}) / "survey.csv"
    result = run("feedback", "import", str(survey), "--kind", "mini-survey", "--scale", "-3,3",
                 cwd=sample)  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout == ""
    separator = "" if where.startswith(":") else ":"
    assert result.stderr == f"{survey}{separator}{where}\n".replace("{csv}", str(survey))
    assert_nothing_written(sample)


def test_a_missing_csv_is_one_line(sample: Path, tmp_path: Path) -> None:
    result = run("feedback", "import", str(tmp_path / "nope.csv"), "--kind", "final", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'nope.csv'}: no such file\n"
    assert_nothing_written(sample)


def test_a_question_that_is_an_item_a_goal_lists_rates_that_item(
    sample: Path, tmp_path: Path
) -> None:
    """A 360 statement a goal names under items: is recognised without a mapping file."""
    goal = sample / "goals/G1-delegate-strategic-decisions.md"
    goal.write_text(
        goal.read_text(encoding="utf-8").replace(
            "status: active\n",
            'status: active\nitems: ["Delegates decisions with clear authority"]\n',
        ),
        encoding="utf-8",
    )
    git(sample, "commit", "-q", "-am", "G1 is measured by a 360 item")
    export = (
        "Timestamp,Relationship,Rate Jordan [delegates decisions  with clear authority],Rate Jordan [Other]\n"
        "2026/01/05 9:00:00 AM GMT,Peer,4,3\n"
    )  # fmt: skip
    build_file_tree(tmp_path, {"360.csv": export})
    result = run("feedback", "import", str(tmp_path / "360.csv"), "--kind", "baseline",
                 "--scale", "1,5", "--dry-run", cwd=sample)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (
        "rating of item 'Delegates decisions with clear authority': "
        "names an item G1 lists under items:"
    ) in result.stdout
    assert (
        "item 'Delegates decisions with clear authority': 1 (1 from stakeholders, 0 self)"
        in result.stdout
    )
