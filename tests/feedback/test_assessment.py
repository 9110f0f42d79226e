"""Assessment before goals, themes, self beside others, trends and mini-survey scoring,
through the CLI on the sample engagement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, git, run

ITEM = "Delegates decisions with clear authority"
INTERVIEW = "feedback/2026-01-10-interview.md"
# A round of themes alone, as a coach writes it by hand: no scale, no responses.
INTERVIEW_TEXT = """\
---
kind: interview
date: 2026-01-10
themes:
  direct-report:
    strengths: [Calm under pressure]
    hidden_strengths: [Explains the why behind a decision]
    needs: [Hands decisions over late]
  peer: {needs: [Shares plans with other teams late]}
---
# Stakeholder interviews
"""


@pytest.fixture
def sample(sample: Path) -> Path:
    """The sample engagement with no goals and no feedback yet: the assessment comes first."""
    git(sample, "rm", "-q", "-r", "goals", "feedback")
    git(sample, "commit", "-q", "-m", "Start from the assessment")
    return sample


def add(sample: Path, *args: str) -> None:
    result = run("feedback", "add", *args, cwd=sample)
    assert result.exit_code == 0, result.output


def item_baseline(sample: Path) -> None:
    ratings = [
        ("R1", "manager", 2),
        ("R2", "peer", 2),
        ("R3", "direct-report", 3),
        ("S1", "self", 4),
    ]
    args = [f"R:{r}:{g}:{ITEM}:{v}"[2:] for r, g, v in ratings]
    add(
        sample, "--kind", "baseline", "--date", "2026-01-08",
        *[arg for text in args for arg in ("--item-rating", text)],
        "--item-rating", "R1:manager:Listens before deciding:3",
    )  # fmt: skip


def add_goal_measured_by_the_item(sample: Path) -> None:
    result = run("goal", "add", "Delegate strategic decisions", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status:", f'items: ["{ITEM.lower()}"]\nstatus:', 1), "utf-8")


def test_a_baseline_of_items_before_any_goal_becomes_the_goals_baseline(sample: Path) -> None:
    item_baseline(sample)
    text = (sample / "feedback/2026-01-08-baseline.md").read_text(encoding="utf-8")
    assert f"  - {{rater: R1, group: manager, item: {ITEM}, rating: 2}}\n" in text
    before = run("feedback", "summary", cwd=sample)
    assert before.exit_code == 0, before.output
    assert before.stdout == (
        "KIND      DATE        SCALE   MEAN  RATERS  SELF  GAP    ITEM\n"
        "baseline  2026-01-08  [1, 5]  2.33  3       4.00  +1.67  Delegates decisions wi…\n"
        "baseline  2026-01-08  [1, 5]  -     1       -     -      Listens before deciding\n"
    )
    add_goal_measured_by_the_item(sample)
    after = json.loads(run("feedback", "summary", "--json", cwd=sample).stdout)
    assert [(r["goal"], r["item"], r["mean"], r["self_rating"], r["gap"]) for r in after] == [
        ("G1", None, 2.33, 4.0, 1.67),
        (None, "Listens before deciding", None, None, None),
    ]
    lint = run("lint", "--select", "feedback-invalid,feedback-unknown-goal,unknown-key", cwd=sample)
    assert lint.exit_code == 0, lint.output


def test_a_rating_of_a_goal_that_does_not_exist_is_still_refused(sample: Path) -> None:
    result = run("feedback", "add", "--kind", "baseline", "--rating", "R1:peer:G1:4", cwd=sample)
    assert result.exit_code == 2
    assert "rate a named item instead" in result.stderr
    assert not (sample / "feedback").exists()


def test_an_item_rating_with_a_bad_shape_is_one_line(sample: Path) -> None:
    result = run("feedback", "add", "--kind", "baseline", "--item-rating", "R1:peer:4", cwd=sample)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "coachkit: --item-rating R1:peer:4: expected RATER:GROUP:ITEM:VALUE, "
        "e.g. --item-rating 'R1:manager:Delegates decisions with clear authority:3'\n"
    )


def test_an_interview_round_of_themes_is_recorded_from_the_shell(sample: Path) -> None:
    add(
        sample, "--kind", "interview", "--date", "2026-01-10",
        "--strength", "Direct reports:Calm under pressure",
        "--hidden-strength", "direct-report:Explains the why behind a decision",
        "--need", "direct-report:Hands decisions over late",
        "--need", "peer:Shares plans with other teams late",
    )  # fmt: skip
    text = (sample / INTERVIEW).read_text(encoding="utf-8")
    assert text.startswith(
        "---\nkind: interview\ndate: 2026-01-10\nthemes:\n  peer:\n"
        "    needs: [Shares plans with other teams late]\n  direct-report:\n"
        "    strengths: [Calm under pressure]\n"
        "    hidden_strengths: [Explains the why behind a decision]\n"
        "    needs: [Hands decisions over late]\n---\n"
    )
    assert git(sample, "log", "-1", "--format=%s").strip() == "Add interview feedback (2026-01-10)"


def test_a_theme_of_an_unknown_group_writes_nothing(sample: Path) -> None:
    result = run("feedback", "add", "--kind", "interview", "--need", "boss:Late", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        "coachkit: --need boss:Late: group must be one of self, manager, peer, direct-report, "
        "other, not 'boss'\n"
    )
    assert not (sample / "feedback").exists()


def test_a_round_of_themes_alone_breaks_neither_summary_nor_report(sample: Path) -> None:
    build_file_tree(sample, {INTERVIEW: INTERVIEW_TEXT})
    summary = run("feedback", "summary", cwd=sample)
    assert (summary.exit_code, summary.stderr) == (0, "")
    assert summary.stdout == (
        "No ratings yet: record a round with `coachkit feedback add` or `feedback import`.\n"
        "1 round holds themes: coachkit feedback summary --themes\n"
    )
    themes = json.loads(run("feedback", "summary", "--themes", "--json", cwd=sample).stdout)
    assert [(t["group"], t["theme"], t["text"]) for t in themes] == [
        ("peer", "needs", "Shares plans with other teams late"),  # groups in a fixed order
        ("direct-report", "strengths", "Calm under pressure"),
        ("direct-report", "hidden_strengths", "Explains the why behind a decision"),
        ("direct-report", "needs", "Hands decisions over late"),
    ]
    for kind in ("plan", "progress", "closure"):
        result = run("report", "--kind", kind, "-o", f"{kind}.md", cwd=sample)
        assert result.exit_code == 0, result.output


def report(sample: Path, kind: str, audience: str) -> str:
    result = run("report", "--kind", kind, "--for", audience, "-o", "out.md", "--force", cwd=sample)
    assert result.exit_code == 0, result.output
    return (sample / "out.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["plan", "closure"])
def test_the_client_sees_themes_and_the_sponsor_only_by_agreement(sample: Path, kind: str) -> None:
    build_file_tree(sample, {INTERVIEW: INTERVIEW_TEXT})
    shown = "- Strength Jordan Lee did not know: Explains the why behind a decision\n"
    assert shown in report(sample, kind, "client")
    assert "- Development need: Shares plans with other teams late\n" in report(
        sample, kind, "client"
    )
    sponsor = report(sample, kind, "sponsor")
    assert "Explains the why" not in sponsor
    assert "Themes from stakeholder interviews are shared with Jordan Lee only." in sponsor
    engagement = (sample / "engagement.md").read_text(encoding="utf-8")
    (sample / "engagement.md").write_text(
        engagement.replace("phase:", "share_themes_with_sponsor: true\nphase:", 1), "utf-8"
    )
    assert shown in report(sample, kind, "sponsor")
    dry = run("report", "--kind", kind, "--for", "sponsor", "--dry-run", cwd=sample)
    assert f"{INTERVIEW}: kind, date (interview, 2026-01-10); no ratings of a goal; themes of " in (
        dry.stdout
    )


def test_a_bad_share_themes_value_stops_the_report(sample: Path) -> None:
    engagement = (sample / "engagement.md").read_text(encoding="utf-8")
    (sample / "engagement.md").write_text(
        engagement.replace("phase:", "share_themes_with_sponsor: yes\nphase:", 1), "utf-8"
    )
    result = run("report", "--for", "sponsor", "-o", "out.md", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "engagement.md:13:1: share_themes_with_sponsor must be true or false, not 'yes'\n"
    )


def test_mini_surveys_are_scored_and_every_round_is_in_the_trend(sample: Path) -> None:
    item_baseline(sample)
    add_goal_measured_by_the_item(sample)
    rounds = [
        ("mid-point", "2026-03-01", ["R1:manager:G1:1", "R2:peer:G1:0", "R3:peer:G1:-1"]),
        ("mini-survey", "2026-04-01", ["R1:manager:G1:2", "R2:peer:G1:1", "R3:peer:G1:-2"]),
        (
            "final",
            "2026-06-01",
            ["R1:manager:G1:2", "R2:peer:G1:1", "R3:peer:G1:1", "S1:self:G1:1"],
        ),
    ]
    for kind, day, ratings in rounds:
        add(sample, "--kind", kind, "--date", day, "--scale", "-3,3",
            *[arg for text in ratings for arg in ("--rating", text)], "--no-commit")  # fmt: skip
    records = json.loads(run("feedback", "summary", "--json", cwd=sample).stdout)
    trend = [
        (r["kind"], r["mean"], r["improved_share"], r["declined_share"], r["reaches_plus_one"])
        for r in records
        if r["goal"] == "G1"
    ]
    assert trend == [
        ("baseline", 2.33, None, None, None),
        ("mid-point", 0.0, 0.33, 0.33, False),
        ("mini-survey", 0.33, 0.67, 0.33, False),
        ("final", 1.33, 1.0, 0.0, True),
    ]
    closure = report(sample, "closure", "client")
    assert "| Interim (mid-point) | 2026-03-01 | -3 to +3 | 0.0 | - | - | 3 | 33% | 33% | no |" in (
        closure
    )
    assert (
        "| Final (final) | 2026-06-01 | -3 to +3 | +1.3 | +1.0 | -0.3 | 3 | 100% | 0% | yes |"
        in (closure)
    )
