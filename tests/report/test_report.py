"""`coachkit report` through the CLI, against the sample in a real repository.

The privacy tests plant canary strings in every place a note can hold text and
check that none reaches any report, for any audience and format.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coachkit.errors import CoachkitError
from coachkit.report.pdf import find_browser
from coachkit.storage.commits import commit_message
from tests.golden_files import assert_golden
from tests.helpers import build_file_tree, commits, committed_files, git, run

SUSTAINMENT = """
## Sustainment plan
Monthly decision review with Priya and Tom; Sam checks the board update outline each quarter.

### Private
CANARY-SUSTAIN-PRIVATE: worried the CFO will undo this.
"""


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def closed(sample: Path) -> Path:
    """The sample with a sustainment plan, closed with a status and outcome for each goal."""
    _append(sample / "engagement.md", SUSTAINMENT)
    git(sample, "commit", "-qam", "Sustainment plan")
    result = run(
        "close", "--end", "2026-02-12",
        "--goal", "G1=achieved", "--outcome", "G1=Priya and Tom bring decisions already made",
        "--goal", "G2=partially-achieved", "--outcome", "G2=Board updates open with the ask",
        cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return sample


@pytest.mark.parametrize("audience", ["client", "sponsor"])
def test_markdown_report_matches_its_golden_file_and_is_committed(
    closed: Path, audience: str
) -> None:
    result = run("report", "--for", audience, cwd=closed)
    assert result.exit_code == 0, result.output
    path = closed / "reports" / f"2026-02-12-{audience}-report.md"
    assert result.stdout == f"{path}\n"
    assert_golden(f"report-{audience}.md", path.read_text(encoding="utf-8"))
    # the subject is at most 72 characters; the body holds the whole message
    assert (
        commits(closed)[0]
        == commit_message(f"Add the {audience} closure report for Jordan Lee ({path.name})")[0]
    )
    assert committed_files(closed) == [f"reports/{path.name}"]
    assert git(closed, "status", "--porcelain") == ""


def test_a_second_report_the_same_day_gets_a_new_name(closed: Path) -> None:
    first = run("report", "--for", "sponsor", "--format", "html", cwd=closed)
    second = run("report", "--for", "sponsor", "--format", "html", cwd=closed)
    assert first.exit_code == second.exit_code == 0, second.output
    assert Path(first.stdout.strip()).name == "2026-02-12-sponsor-report.html"
    assert Path(second.stdout.strip()).name == "2026-02-12-sponsor-report-2.html"
    assert first.stdout != second.stdout


def test_output_file_is_written_not_committed_and_never_overwritten_unless_forced(
    closed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "jordan.html"
    head = commits(closed)[0]
    result = run("report", "--for", "sponsor", "-o", str(out), cwd=closed)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")  # format from suffix
    assert commits(closed)[0] == head
    out.write_text("keep me", encoding="utf-8")
    refused = run("report", "-o", str(out), cwd=closed)
    assert refused.exit_code == 2
    assert refused.stderr == f"{out}: already exists; pass --force to replace it\n"
    assert out.read_text(encoding="utf-8") == "keep me"
    forced = run(
        "report", "--for", "client", "--format", "md", "-o", str(out), "--force", cwd=closed
    )
    assert forced.exit_code == 0, forced.output
    assert out.read_text(encoding="utf-8").startswith("# Coaching report: Jordan Lee")
    assert not (closed / "reports").exists()


def test_html_report_is_self_contained_and_escapes_what_the_coach_typed(
    sample: Path, tmp_path: Path
) -> None:
    goal = sample / "goals" / "G2-executive-presence-with-the-board.md"
    text = goal.read_text(encoding="utf-8")
    goal.write_text(
        text.replace(
            "title: Executive presence with the board",
            "title: 'Board <script>alert(1)</script> & \"presence\"'",
        ),
        encoding="utf-8",
    )
    result = run("report", "--format", "html", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    page = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "Board &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;presence&#34;" in page
    assert "<script" not in page.lower()
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert page.count("<svg") == 2
    assert "@media print" in page and "break-inside: avoid" in page
    assert '<meta name="viewport"' in page
    markdown = run("report", "-o", str(tmp_path / "r.md"), cwd=sample)
    assert markdown.exit_code == 0, markdown.output
    # Markdown has no autoescape: the typed tag is shown as text (see test_markdown_safe.py).
    assert '&lt;script>alert(1)&lt;/script> & "presence"' in (tmp_path / "r.md").read_text(
        encoding="utf-8"
    )


def test_dry_run_lists_what_would_be_disclosed_and_writes_nothing(closed: Path) -> None:
    head = commits(closed)[0]
    sponsor = run("report", "--for", "sponsor", "--dry-run", cwd=closed)
    assert sponsor.exit_code == 0, sponsor.output
    assert sponsor.stdout.splitlines() == [
        "engagement.md: client, role, organization, sponsor, hr, coach, start, end, phase, "
        "sessions_planned, follow_up",
        "engagement.md: section 'Sustainment plan' (public text)",
        "goals/G1-delegate-strategic-decisions.md: id, title, status, measure, baseline, target, "
        "target_date, outcome",
        "goals/G2-executive-presence-with-the-board.md: id, title, status, measure, baseline, "
        "target, target_date, outcome",
        "sessions/01-2026-01-15.md: session, date, duration",
        "sessions/02-2026-01-29.md: session, date, duration",
        "feedback/2026-01-08-baseline-360.md: kind, date, scale; per goal (G1) the "
        "stakeholders' mean rating, number of raters; no group means",
        "feedback/2026-02-05-mini-survey.md: kind, date, scale; per goal (G1, G2) the "
        "stakeholders' mean rating, number of raters and shares who saw improvement and decline; group "
        "means for direct-report, others (groups of at least 3 raters; smaller ones merged "
        "into 'others')",
        "action items in every note: counts only (agreed, done, dropped, open), overall and per goal",
        "private text left out of: engagement.md (body)",
        "never disclosed: private sections and <!-- private --> spans (in every text shown), "
        "rater codes, goal and feedback file bodies, session front matter other than number, "
        "date and duration, action item titles",
    ]
    assert sponsor.stderr == "The sponsor report (md) would disclose:\ndry run: nothing written\n"
    client = run("report", "--for", "client", "--format", "html", "--dry-run", cwd=closed)
    assert client.exit_code == 0, client.output
    lines = client.stdout.splitlines()
    assert (
        "sessions/01-2026-01-15.md: session, date, duration; section 'Reflection' (public text)"
        in lines
    )
    assert lines[7].endswith("; 1 comment (public text)")
    assert commits(closed)[0] == head
    assert not (closed / "reports").exists()
    assert git(closed, "status", "--porcelain") == ""


def test_a_template_marks_more_sections_shareable(sample: Path) -> None:
    from coachkit.templating.lookup import find_template, template_text

    builtin = template_text(find_template("report", None))
    assert '{% set shareable_sections = ["reflection"] %}' in builtin
    build_file_tree(
        sample,
        {
            "templates/report.md.j2": builtin.replace(
                '["reflection"]', '["reflection", "Skill building"]'
            )
        },
    )
    dry = run("report", "--dry-run", cwd=sample)
    assert (
        "sessions/02-2026-01-29.md: session, date, duration; section 'Reflection' (public text); "
        "section 'Skill building' (public text)"
    ) in dry.stdout.splitlines()
    result = run("report", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "### Skill building" in text
    assert "> Delegation contract: outcome, constraints, decision rights, check-in points." in text
    sponsor = run("report", "--for", "sponsor", "--no-commit", cwd=sample)
    assert "Delegation contract" not in Path(sponsor.stdout.strip()).read_text(encoding="utf-8")


# --- privacy -------------------------------------------------------------------------------

# Text that must never reach any report, for any audience, in any format.
NEVER = [
    "CANARY-PRIVATE-SECTION",
    "CANARY-PRIVATE-SUBSECTION",
    "CANARY-SPAN-INLINE",
    "CANARY-SPAN-MULTILINE",
    "CANARY-SPAN-UNCLOSED",
    "CANARY-FENCE-IN-PRIVATE",
    "CANARY-FRONT-MATTER-KEY",
    "CANARY-ACTION-TITLE",
    "CANARY-ACTION-ACCOUNTABILITY",
    "CANARY-CHECK-IN",
    "CANARY-RATER",
    "CANARY-COMMENT-PRIVATE",
    "CANARY-FEEDBACK-BODY",
    "CANARY-ENGAGEMENT-PRIVATE",
    "CANARY-ENGAGEMENT-SPAN",
    "CANARY-SUSTAIN-PRIVATE",
    "CANARY-GOAL-PRIVATE",
    "CANARY-GOAL-BODY",
]
# Text only the client's report may show.
CLIENT_ONLY = ["REFLECTION-PUBLIC-MARK", "COMMENT-PUBLIC-MARK"]

SESSION_3 = """---
session: 3
date: 2026-02-10
duration: 45
format: video
mood: CANARY-FRONT-MATTER-KEY
goals: [G1]
actions:
  - id: q8rz
    title: CANARY-ACTION-TITLE
    owner: Jordan
    due: 2026-02-20
    status: done
    goal: G1
    accountability: CANARY-ACTION-ACCOUNTABILITY
    done: 2026-02-11
---
# Session 3 with Jordan Lee: 2026-02-10

## Check-in
CANARY-CHECK-IN: tired again.

## Reflection
REFLECTION-PUBLIC-MARK: deciding less is a skill.
Said <!-- private -->CANARY-SPAN-INLINE<!-- /private --> about the CFO.
<!-- Private -->
CANARY-SPAN-MULTILINE
spans two lines
<!-- /private -->

### Private
CANARY-PRIVATE-SUBSECTION

### What changed
Asks the leads first.

## Private
Sleep still poor. CANARY-PRIVATE-SECTION

```text
## Reflection
CANARY-FENCE-IN-PRIVATE
```

## Homework
Keep the log. <!-- private --> CANARY-SPAN-UNCLOSED and nothing closes it
## Reflection
still inside the unclosed span
"""

FINAL_FEEDBACK = """---
kind: final
date: 2026-02-11
scale: [1, 5]
responses:
  - {rater: CANARY-RATER-1, group: direct-report, goal: G1, rating: 4, comment: "COMMENT-PUBLIC-MARK: decisions come to me made. <!-- private -->CANARY-COMMENT-PRIVATE<!-- /private -->"}
  - {rater: CANARY-RATER-2, group: direct-report, goal: G1, rating: 3}
  - {rater: CANARY-RATER-3, group: direct-report, goal: G1, rating: 4}
  - {rater: CANARY-RATER-4, group: manager, goal: G1, rating: 4}
  - {rater: CANARY-RATER-4, group: manager, goal: G2, rating: 3}
---
CANARY-FEEDBACK-BODY: themes from the final interviews.
"""

ENGAGEMENT_PRIVATE = """
## Private
CANARY-ENGAGEMENT-PRIVATE: the sponsor is leaving in June.
<!-- private -->CANARY-ENGAGEMENT-SPAN<!-- /private -->
"""
ENGAGEMENT_TAIL = ENGAGEMENT_PRIVATE + SUSTAINMENT

GOAL_TAIL = """
CANARY-GOAL-BODY: why this matters to Jordan.

## Private
CANARY-GOAL-PRIVATE: Sam doubts this will stick.
"""


@pytest.fixture
def planted(sample: Path) -> Path:
    """The sample with a canary in every place a note can hold text."""
    build_file_tree(
        sample,
        {"sessions/03-2026-02-10.md": SESSION_3, "feedback/2026-02-11-final.md": FINAL_FEEDBACK},
    )
    _append(sample / "engagement.md", ENGAGEMENT_TAIL)
    _append(sample / "goals" / "G1-delegate-strategic-decisions.md", GOAL_TAIL)
    git(sample, "add", "-A")
    git(sample, "commit", "-qm", "Canaries")
    return sample


def _pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def _browser() -> str | None:
    try:
        return find_browser()
    except CoachkitError:
        return None


def _formats() -> list[object]:
    pdf_reason = None
    if _browser() is None:
        pdf_reason = "no Chromium: `apt-get install chromium` to check the PDF"
    elif shutil.which("pdftotext") is None:
        pdf_reason = "no pdftotext: `apt-get install poppler-utils` to read the PDF's text"
    if pdf_reason and os.environ.get("COACHKIT_REQUIRE_BROWSER") == "1":
        pdf_reason = None  # fail rather than skip when CI promised a browser
    pdf = pytest.param("pdf", marks=pytest.mark.skipif(bool(pdf_reason), reason=pdf_reason or ""))
    return ["md", "html", pdf]


def _report_text(root: Path, audience: str, fmt: str) -> str:
    result = run("report", "--for", audience, "--format", fmt, "--no-commit", cwd=root)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    path = Path(result.stdout.strip())
    if fmt == "pdf":
        assert path.read_bytes().startswith(b"%PDF")
        return " ".join(_pdf_text(path).split())
    text = path.read_text(encoding="utf-8")
    return " ".join(html.unescape(text).split()) if fmt == "html" else text


def _session_lines(root: Path) -> list[str]:
    """Every line of text in the session notes' bodies, as a reader would quote it."""
    lines = []
    for note in sorted((root / "sessions").glob("*.md")):
        body = note.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for line in body.splitlines():
            text = re.sub(r"<!--.*?-->", "", line).strip("#->` \t")
            if len(text) >= 12:
                lines.append(" ".join(text.split()))
    return lines


@pytest.mark.parametrize("fmt", _formats())
@pytest.mark.parametrize("audience", ["client", "sponsor"])
def test_no_canary_reaches_any_report(planted: Path, audience: str, fmt: str) -> None:
    text = _report_text(planted, audience, fmt)
    leaked = [canary for canary in NEVER if canary in text]
    assert not leaked, f"{audience} {fmt} report leaks {leaked}"
    if audience == "client":
        for mark in CLIENT_ONLY:
            assert mark in text, f"the client's {fmt} report should show {mark}"
        assert "Asks the leads first." in text
    else:
        assert not [mark for mark in CLIENT_ONLY if mark in text]
        flat = " ".join(text.split())
        quoted = [line for line in _session_lines(planted) if line in flat]
        assert not quoted, f"the sponsor's {fmt} report quotes session notes: {quoted}"
        assert "Jordan now asks what we would decide" not in flat  # the sample's comment


def test_dry_run_never_names_a_canary(planted: Path) -> None:
    for audience in ("client", "sponsor"):
        result = run("report", "--for", audience, "--dry-run", cwd=planted)
        assert result.exit_code == 0, result.output
        assert not [c for c in NEVER + CLIENT_ONLY if c in result.output]
        assert ("comment (public text)" in result.stdout) == (audience == "client")


def test_a_private_heading_after_an_unclosed_code_fence_is_refused(sample: Path) -> None:
    """Under an unclosed fence the heading is code: the report refuses rather than show it."""
    build_file_tree(
        sample,
        {
            "sessions/03-2026-02-10.md": "---\nsession: 3\ndate: 2026-02-10\n---\n"
            "## Reflection\nA sketch:\n```\nboxes and arrows\n\n### Private\nCANARY-AFTER-FENCE\n"
        },
    )
    result = run("report", "--no-commit", cwd=sample)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(
        f"{sample / 'sessions/03-2026-02-10.md'}:10:1: a line that reads"
    )
    assert "CANARY-AFTER-FENCE" not in result.output
    assert not (sample / "reports").exists()


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--for", "boss"], "coachkit: unknown audience 'boss': use --for client or --for sponsor"),
        (["--format", "docx"], "coachkit: unknown format 'docx': use --format md, html or pdf"),
    ],
)
def test_unknown_audience_or_format_is_one_line_exit_2(
    sample: Path, args: list[str], message: str
) -> None:
    result = run("report", *args, cwd=sample)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")
    assert not (sample / "reports").exists()


def test_rating_outside_its_scale_is_one_line_exit_2_and_no_file(sample: Path) -> None:
    path = sample / "feedback" / "2026-02-05-mini-survey.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("goal: G2, rating: 0}", "goal: G2, rating: 5}"),
        encoding="utf-8",
    )
    result = run("report", "--format", "html", cwd=sample)
    assert result.exit_code == 2
    assert re.fullmatch(
        re.escape(f"{path}:13:") + r"\d+: rating 5 is outside the scale \[-3, 3\]\n", result.stderr
    ), result.stderr
    assert not (sample / "reports").exists()


def test_feedback_naming_a_goal_that_does_not_exist_is_one_line_exit_2(sample: Path) -> None:
    shutil.rmtree(sample / "goals")
    result = run("report", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{sample / 'feedback' / '2026-01-08-baseline-360.md'}:6:")
    assert "response names goal 'G1'" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not (sample / "reports").exists()


def test_a_report_says_what_is_missing(sample: Path) -> None:
    for folder in ("goals", "sessions", "feedback"):
        shutil.rmtree(sample / folder)
    result = run("report", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    for line in (
        "No sessions have been held yet (12 planned).",
        "No goals were recorded for this engagement.",
        "No stakeholder feedback was recorded.",
        "No action items were recorded.",
        "No reflections were shared from the session notes.",
        "No sustainment plan was recorded.",
        "No follow-up dates were set.",
    ):
        assert line in text
    assert "the report says: No goals were recorded for this engagement." in result.stderr
    html_result = run("report", "--format", "html", "--for", "sponsor", "--no-commit", cwd=sample)
    assert html_result.exit_code == 0, html_result.output
    page = Path(html_result.stdout.strip()).read_text(encoding="utf-8")
    assert "<p>No goals were recorded for this engagement.</p>" in page


def test_a_broken_report_template_writes_nothing(sample: Path) -> None:
    build_file_tree(sample, {"templates/report.html.j2": "<p>{{ report.nope }}</p>\n"})
    result = run("report", "--format", "html", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{sample / 'templates' / 'report.html.j2'}:1: template error:")
    assert len(result.stderr.splitlines()) == 1
    assert not (sample / "reports").exists()


def test_pdf_without_chromium_says_what_to_install_and_writes_nothing(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("COACHKIT_CHROMIUM", raising=False)
    result = run("report", "--format", "pdf", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        "coachkit: --format pdf needs Chromium to print the HTML report: install it "
        "(Debian/Ubuntu: `apt-get install chromium`) or set COACHKIT_CHROMIUM to a Chromium or "
        "Chrome executable; or use --format html and print from a browser\n"
    )
    assert not (sample / "reports").exists()
    out = run("report", "-o", str(tmp_path / "r.pdf"), cwd=sample)
    assert out.exit_code == 2
    assert not (tmp_path / "r.pdf").exists()


def test_a_chromium_that_fails_leaves_no_file(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("COACHKIT_CHROMIUM", str(fake))
    result = run("report", "--format", "pdf", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f"coachkit: {fake} could not print the PDF (cannot open display); nothing was written\n"
    )
    assert not (sample / "reports").exists()


def test_hours_fall_back_to_the_session_length_and_dry_run_says_so(sample: Path) -> None:
    note = sample / "sessions" / "02-2026-01-29.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace("duration: 60  # minutes\n", ""),
        encoding="utf-8",
    )
    dry = run("report", "--for", "sponsor", "--dry-run", cwd=sample)
    assert dry.stdout.splitlines()[0].endswith(", sessions_planned, session_length")
    assert "sessions/02-2026-01-29.md: session, date\n" in dry.stdout
    result = run("report", "--for", "sponsor", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "2 of 12 planned sessions held, 2 hours in total." in Path(
        result.stdout.strip()
    ).read_text(encoding="utf-8")
    assert (
        "the engagement is not closed (phase: coaching); `coachkit close` records the end date "
        "and each goal's final status"
    ) in result.stderr.splitlines()


def test_an_html_override_is_escaped_too(sample: Path) -> None:
    goal = sample / "goals" / "G1-delegate-strategic-decisions.md"
    goal.write_text(
        goal.read_text(encoding="utf-8").replace(
            "title: Delegate strategic decisions to the platform leads", "title: <b>bold</b>"
        ),
        encoding="utf-8",
    )
    build_file_tree(sample, {"templates/report.html.j2": "<p>{{ report.goals[0].title }}</p>\n"})
    result = run("report", "--format", "html", "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()).read_text(encoding="utf-8") == (
        "<p>&lt;b&gt;bold&lt;/b&gt;</p>\n"
    )
