"""`coachkit report --kind plan|progress|closure`: one engine, three reports, through the CLI.

Each kind for each audience in Markdown and HTML (and the plan as a PDF), the file
names and commit messages that name the kind, the golden files of the new kinds,
`share:` on goals and action items, follow-up sessions apart from the contract, every
round as a trend, and the sustainment plan's Markdown as HTML.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from coachkit.report.pdf import find_browser
from coachkit.storage.commits import commit_message
from tests.golden_files import assert_golden
from tests.helpers import build_file_tree, commits, committed_files, git, run

KINDS = ("plan", "progress", "closure")
STEMS = {"plan": "plan", "progress": "progress", "closure": "report"}
NAMES = {"plan": "plan", "progress": "progress report", "closure": "closure report"}
TITLES = {"plan": "Development plan", "progress": "Progress report", "closure": "Coaching report"}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)


def _text(root: Path, kind: str, audience: str, fmt: str = "md") -> str:
    result = run(
        "report", "--kind", kind, "--for", audience, "--format", fmt, "--no-commit", cwd=root
    )
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    text = path.read_text(encoding="utf-8")
    path.unlink()
    return text


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("audience", ["client", "sponsor"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_written_under_its_name_and_committed(
    sample: Path, kind: str, audience: str, fmt: str
) -> None:
    result = run("report", "--kind", kind, "--for", audience, "--format", fmt, cwd=sample)
    assert result.exit_code == 0, result.output
    path = sample / "reports" / f"2026-02-12-{audience}-{STEMS[kind]}.{fmt}"
    assert result.stdout == f"{path}\n"
    text = path.read_text(encoding="utf-8")
    assert f"{TITLES[kind]}: Jordan Lee" in text
    # the subject is at most 72 characters; the body holds the whole message
    assert (
        commits(sample)[0]
        == commit_message(f"Add the {audience} {NAMES[kind]} for Jordan Lee ({path.name})")[0]
    )
    assert committed_files(sample) == [f"reports/{path.name}"]
    if audience == "sponsor":
        assert "holds no session notes" in text
        assert "Hand the Q3 capacity plan" not in text  # t9hc is the client's (no share:)
    if fmt == "html":
        assert "<script" not in text and "http" not in text.split("</head>")[1]


@pytest.mark.parametrize("audience", ["client", "sponsor"])
@pytest.mark.parametrize("kind", ["plan", "progress"])
def test_the_new_kinds_match_their_golden_files(sample: Path, kind: str, audience: str) -> None:
    assert_golden(f"report-{kind}-{audience}.md", _text(sample, kind, audience))


def test_the_plan_shows_the_terms_goals_shared_actions_assessment_and_calendar(
    sample: Path,
) -> None:
    sponsor = _text(sample, "plan", "sponsor")
    assert "### Who sees what\n\nSam and Dana see the goals" in sponsor
    assert "| Competency | Delegation |" in sponsor
    assert "| Stakeholders | Priya Nair (direct report), Tom Becker" in sponsor
    # Development actions: only w3fn is marked share: sponsor in the sample.
    assert "Rewrite the board update as three headlines and one ask" in sponsor
    assert "Ask Priya which decisions she wants to own" not in sponsor
    client = _text(sample, "plan", "client")
    assert "Ask Priya which decisions she wants to own" in client
    # The assessment summary shows the baseline 360, not the later mini-survey.
    assert "| G1 | baseline | 2026-01-08 | 1 to 5 | 2.2" in sponsor
    assert "mini-survey" not in sponsor
    assert "| Mid-point review | around 2026-04-11 (after session 6) |" in sponsor
    assert "| Closure | 2026-07-10 |" in sponsor
    assert "| Sessions planned | 12, every 2w |" in sponsor


def test_progress_counts_sessions_and_hours_against_the_contract_without_follow_ups(
    sample: Path,
) -> None:
    build_file_tree(
        sample,
        {
            "sessions/03-2026-02-11.md": (
                "---\nsession: 3\ndate: 2026-02-11\nduration: 90\nkind: follow-up\n---\n"
                "## Reflection\nA follow-up.\n"
            )
        },
    )
    _commit(sample, "A follow-up session")
    text = _text(sample, "progress", "sponsor")
    assert "| Sessions | 2 | 12 |" in text
    assert "| Hours | 2 | 12 |" in text
    assert "Follow-up sessions are not counted against the contract (1 held)." in text
    assert "**On track**: 83% saw improvement in the mini-survey of 2026-02-05" in text
    closure = _text(sample, "closure", "client")
    assert "2 of 12 planned sessions held" in closure
    assert "Follow-up sessions held:\n\n- Session 3, 2026-02-11 (90 minutes)" in closure
    assert "| 2026-02-11 | Follow-up session 3 |" in closure


def test_progress_says_off_track_and_no_data_by_the_rule(sample: Path) -> None:
    build_file_tree(
        sample,
        {
            "feedback/2026-02-10-mid-point.md": (
                "---\nkind: mid-point\ndate: 2026-02-10\nscale: [1, 5]\nresponses:\n"
                + "".join(
                    f"  - rater: R{n}\n    group: direct-report\n    goal: G1\n    rating: 2\n"
                    for n in range(1, 6)
                )
                + "---\n"
            )
        },
    )
    _commit(sample, "A mid-point round with no change")
    text = _text(sample, "progress", "client")
    assert "| Progress | **Off track**: the mean moved from 2.2 to 2.0" in text
    assert "| Progress | **On track**: 67% saw improvement" in text  # G2, mini-survey
    closure = _text(sample, "closure", "client")
    # Every round as a trend: the mini-survey sits between the baseline and the final figures.
    assert "| Interim (mini-survey) | 2026-02-05 |" in closure
    assert "| Final (mid-point) | 2026-02-10 |" in closure


def test_a_goal_with_no_rating_is_no_data(sample: Path) -> None:
    for path in (sample / "feedback").glob("*.md"):
        path.unlink()
    _commit(sample, "No feedback")
    text = _text(sample, "progress", "client")
    assert "| Progress | **No data**: no round rated this goal yet |" in text


def test_share_decides_who_sees_each_goal_and_action_item(sample: Path) -> None:
    g1 = sample / "goals" / "G1-delegate-strategic-decisions.md"
    g2 = sample / "goals" / "G2-executive-presence-with-the-board.md"
    _edit(g1, "share: sponsor  #", "share: coach  #")
    _edit(g2, "share: sponsor  # the goals are agreed with Sam and Dana\n", "")
    s2 = sample / "sessions" / "02-2026-01-29.md"
    _edit(s2, "    share: sponsor\n", "    share: coach\n")
    _commit(sample, "G1 for the coach, G2 for the client")
    for kind in KINDS:
        client, sponsor = _text(sample, kind, "client"), _text(sample, kind, "sponsor")
        assert "Delegate strategic decisions" not in client + sponsor, kind
        assert "G2: Executive presence" in client, kind
        assert "G2: Executive presence" not in sponsor, kind
        assert "No goals are shared with the sponsor" in sponsor, kind
        assert "Rewrite the board update" not in client + sponsor, kind  # w3fn: coach
        assert "Hand the Q3 capacity plan" not in client, kind  # t9hc: goal G1 is the coach's
    # Counts leave out the item marked share: coach (w3fn); the others count.
    assert "3 agreed, 2 done (67%), 0 dropped, 1 open." in _text(sample, "progress", "sponsor")
    dry = run("report", "--kind", "plan", "--for", "sponsor", "--dry-run", cwd=sample)
    assert dry.exit_code == 0, dry.output
    assert (
        "left out for the sponsor by share: goal G1 in goals/G1-delegate-strategic-decisions.md "
        "(share: coach), goal G2 in goals/G2-executive-presence-with-the-board.md (share: client)"
    ) in dry.stdout
    assert "action w3fn in sessions/02-2026-01-29.md (share: coach)" in dry.stdout
    assert "goals/G" not in dry.stdout.split("left out")[0]


def test_an_unknown_share_is_one_line_exit_2_and_lint_flags_it(sample: Path) -> None:
    g1 = sample / "goals" / "G1-delegate-strategic-decisions.md"
    _edit(g1, "share: sponsor  #", "share: everyone  #")
    _commit(sample, "A typo")
    result = run("report", "--kind", "plan", "--for", "sponsor", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == f"{g1}:11:1: share must be coach, client or sponsor, not 'everyone'\n"
    assert not (sample / "reports").exists()
    linted = run("lint", "--select", "yaml-invalid", cwd=sample)
    assert "goals/G1-delegate-strategic-decisions.md:11:1" in linted.stdout
    assert "share must be coach, client or sponsor" in linted.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--kind", "idp"), "coachkit: unknown kind 'idp': use --kind plan, progress or closure\n"),
        (
            ("--kind", "plan", "--for", "hr"),
            "coachkit: unknown audience 'hr': use --for client or --for sponsor\n",
        ),
        (("--kind", "Plan", "--dry-run"), None),
    ],
)
def test_unknown_kinds_and_audiences_are_one_line_exit_2_nothing_written(
    sample: Path, args: tuple[str, ...], message: str | None
) -> None:
    before = git(sample, "log", "--format=%H")
    result = run("report", *args, cwd=sample)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    if message:
        assert result.stderr == message
    assert not (sample / "reports").exists()
    assert git(sample, "log", "--format=%H") == before
    assert git(sample, "status", "--porcelain") == ""


@pytest.mark.parametrize("kind", KINDS)
def test_dry_run_names_the_kind_and_writes_nothing(sample: Path, kind: str) -> None:
    result = run("report", "--kind", kind, "--for", "sponsor", "--dry-run", cwd=sample)
    assert result.exit_code == 0, result.output
    name = "report" if kind == "closure" else NAMES[kind]
    assert result.stderr.startswith(f"The sponsor {name} (md) would disclose:\n")
    assert not (sample / "reports").exists()
    lines = result.stdout.splitlines()
    if kind == "plan":
        assert "engagement.md: section 'Who sees what' (public text)" in lines
        assert (
            "sessions/02-2026-01-29.md: action item w3fn: id, title, owner, due, status, goal "
            "(share: sponsor)"
        ) in lines
        assert not [line for line in lines if line.startswith("sessions/01")]
    else:
        assert "sessions/01-2026-01-15.md: session, date, duration" in lines
        assert not [line for line in lines if "section 'Who sees what'" in line]
    assert "t9hc in sessions/02-2026-01-29.md (share: client)" in result.stdout or kind == "closure"
    assert not [line for line in lines if "comment" in line.split(";")[-1]]


def test_the_sustainment_plan_is_markdown_in_html_and_raw_html_stays_text(sample: Path) -> None:
    engagement = sample / "engagement.md"
    engagement.write_text(
        engagement.read_text(encoding="utf-8")
        + "\n## Sustainment plan\n- Monthly decision review\n- Quarterly board outline"
        " <b onclick=x>bold</b>\n\n![pixel](https://example.com/p.png)\n",
        encoding="utf-8",
    )
    _commit(sample, "Sustainment plan")
    page = _text(sample, "closure", "sponsor", "html")
    plan = page.split('<div class="plan">')[1].split("</div>")[0]
    assert "<ul>\n<li>Monthly decision review</li>" in plan
    assert "&lt;b onclick=x&gt;bold&lt;/b&gt;" in plan
    assert "<img" not in page and "https://example.com" not in plan.replace("(https://", "")
    assert "- Monthly decision review" in _text(sample, "closure", "sponsor", "md")


@pytest.mark.skipif(
    find_browser() is None or shutil.which("pdftotext") is None,
    reason="no Chromium or pdftotext: `apt-get install chromium poppler-utils`",
)
def test_the_plan_prints_to_pdf(sample: Path) -> None:
    result = run("report", "--kind", "plan", "--for", "sponsor", "--format", "pdf", cwd=sample)
    assert result.exit_code == 0, result.output
    path = sample / "reports" / "2026-02-12-sponsor-plan.pdf"
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    text = " ".join(done.stdout.split())
    assert "Development plan: Jordan Lee" in text
    assert "Rewrite the board update" in text
    assert "Hand the Q3 capacity plan" not in text
