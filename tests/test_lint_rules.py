"""Every lint rule fires where it should, at the right place, and stays quiet otherwise."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest

from coachkit.engagement.practice import load_all
from coachkit.errors import CoachkitError
from coachkit.lint.finding import SEVERITIES, Finding, TextEdit
from coachkit.lint.rules import RULE_MODULES, all_rules
from coachkit.lint.runner import Selection, lint_engagements
from coachkit.notes.reader import parse_note
from tests.helpers import build_file_tree

AS_OF = dt.date(2026, 2, 12)  # tests/conftest.py: COACHKIT_TODAY

E = "engagement.md"
G = "goals/G1-delegate.md"
S = "sessions/01-2026-02-05.md"
F = "feedback/2026-01-08-baseline.md"

ENGAGEMENT = """\
---
client: Jordan Lee
sponsor: Sam Ortiz  # CTO
start: 2026-01-12
end: 2026-07-10
cadence: 2w
phase: coaching
---
# Coaching agreement: Jordan Lee

## Logistics
Every two weeks on video, Thursdays at 08:00.

## Confidentiality
What Jordan says stays between Jordan and the coach.

## Ending the engagement
Either side may end it with two weeks' notice.
"""

GOAL = """\
---
id: G1
title: Delegate strategic decisions
status: active
measure: Direct reports rate delegation on the 360
target_date: 2026-06-30
---
# G1: Delegate strategic decisions
"""

SESSION = """\
---
session: 1
date: 2026-02-05
actions:
  - id: k7m2
    title: Keep a decision log for a week
    owner: Jordan
    due: 2026-02-20
    status: open
    goal: G1
    accountability: Reviewed together in session 2
---
# Session 1 with Jordan Lee: 2026-02-05

## Next steps
Bring the decision log to session 2.
"""

FEEDBACK = """\
---
kind: baseline
date: 2026-01-08
scale: [1, 5]
responses:
  - {rater: R1, group: manager, goal: G1, rating: 2}
---
# Baseline 360
"""

BASE = {E: ENGAGEMENT, G: GOAL, S: SESSION, F: FEEDBACK}
ITEM_K7M2 = SESSION.split("  - id: k7m2\n")[1].split("---", maxsplit=1)[0]

Row = tuple[str, int, int, str, str, str]


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must be there) replaced by ``new``."""
    assert old in text, old
    return text.replace(old, new, 1)


def with_item(extra: str) -> str:
    """The base session with ``extra`` action item lines appended to its list."""
    return edit(
        SESSION,
        "    accountability: Reviewed together in session 2\n",
        f"    accountability: Reviewed together in session 2\n{extra}",
    )


def engagement_at(root: Path, changes: dict[str, str | bytes | None]) -> Path:
    files = {**BASE, **changes}
    return build_file_tree(root, {name: text for name, text in files.items() if text is not None})


def findings_of(*roots: Path, as_of: dt.date = AS_OF) -> list[Finding]:
    engagements, _ = load_all(list(roots))
    return lint_engagements(engagements, as_of).findings


def rows(findings: list[Finding], base: Path) -> list[Row]:
    return [
        (f.path.relative_to(base).as_posix(), f.line, f.column, f.rule, f.severity, f.message)
        for f in findings
    ]


def lint(tmp_path: Path, changes: dict[str, str | None]) -> list[Row]:
    root = engagement_at(tmp_path / "acme", changes)
    return rows(findings_of(root), root)


def test_the_good_engagement_is_clean(tmp_path: Path) -> None:
    assert lint(tmp_path, {}) == []


# (test id, changes to the good engagement, every finding expected)
FIRING: list[tuple[str, dict[str, str | None], list[Row]]] = [
    (
        "yaml-invalid",
        {F: edit(FEEDBACK, "kind: baseline", "kind: baseline: 360")},
        [
            (
                F,
                2,
                15,
                "yaml-invalid",
                "error",
                "invalid YAML: mapping values are not allowed in this context",
            )
        ],
    ),
    (
        "duplicate-key",
        {F: edit(FEEDBACK, "scale: [1, 5]\n", "scale: [1, 5]\ndate: 2026-01-09\n")},
        [
            (
                F,
                5,
                1,
                "duplicate-key",
                "error",
                "duplicate key 'date' (first on line 3); keep one of them",
            )
        ],
    ),
    (
        "invalid-date (impossible date)",
        {F: edit(FEEDBACK, "date: 2026-01-08", "date: 2026-02-30")},
        [
            (
                F,
                3,
                7,
                "invalid-date",
                "error",
                "invalid date '2026-02-30': February 2026 has 28 days",
            )
        ],
    ),
    (
        "invalid-date (not a date)",
        {S: edit(SESSION, "due: 2026-02-20", "due: friday")},
        [(S, 8, 5, "invalid-date", "error", "due must be a date written YYYY-MM-DD, not 'friday'")],
    ),
    (
        "front-matter-missing",
        {F: "# Baseline 360\n\nNo front matter here.\n"},
        [
            (
                F,
                1,
                1,
                "front-matter-missing",
                "error",
                "no front matter: a note starts with a '---' line, its keys, and '---'",
            )
        ],
    ),
    (
        "unknown-key (misspelt owner in an action item)",
        {S: edit(SESSION, "owner: Jordan", "owenr: Jordan")},
        [
            (S, 5, 5, "action-missing-owner", "error", "action k7m2 has no owner"),
            (S, 7, 5, "unknown-key", "warning", "unknown key 'owenr' (did you mean 'owner'?)"),
        ],
    ),
    (
        "unknown-key (per kind of note)",
        {
            E: edit(ENGAGEMENT, "phase: coaching\n", "phase: coaching\nsponser: Sam\n"),
            G: edit(GOAL, "status: active\n", "status: active\nnext_session: 2026-02-19\n"),
            S: edit(SESSION, "date: 2026-02-05\n", "date: 2026-02-05\nmood: tired\n"),
            F: edit(FEEDBACK, "goal: G1, rating: 2}", "goal: G1, ratting: 2}"),
        },
        [
            (E, 8, 1, "unknown-key", "warning", "unknown key 'sponser' (did you mean 'sponsor'?)"),
            (F, 6, 5, "feedback-invalid", "error", "response has no rating (e.g. rating: 2)"),
            (
                F,
                6,
                43,
                "unknown-key",
                "warning",
                "unknown key 'ratting' (did you mean 'rating'?)",
            ),
            (
                G,
                5,
                1,
                "unknown-key",
                "warning",
                "unknown key 'next_session' (coachkit does not read it; known keys: id, title, status, "
                "competency, measure, baseline, target, target_date, stakeholders, actions)",
            ),
            (
                S,
                4,
                1,
                "unknown-key",
                "warning",
                "unknown key 'mood' (coachkit does not read it; known keys: session, date, duration, "
                "format, goals, next_session, actions)",
            ),
        ],
    ),
    (
        "unknown-key (actions in a feedback file)",
        {F: FEEDBACK.replace("---\n#", "actions:\n  - id: b3cd\n---\n#")},
        [
            (
                F,
                7,
                1,
                "unknown-key",
                "warning",
                "unknown key 'actions' (action items in a feedback file are not read; "
                "record them in a session note or engagement.md)",
            )
        ],
    ),
    (
        "date-not-iso",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-2-20")},
        [
            (
                S,
                8,
                10,
                "date-not-iso",
                "warning",
                "date '2026-2-20' is not written YYYY-MM-DD; --fix writes 2026-02-20",
            )
        ],
    ),
    (
        "action-missing-due",
        {S: edit(SESSION, "    due: 2026-02-20\n", "")},
        [(S, 5, 5, "action-missing-due", "error", "action k7m2 has no due date")],
    ),
    (
        "action-missing-owner",
        {S: edit(SESSION, "    owner: Jordan\n", "")},
        [(S, 5, 5, "action-missing-owner", "error", "action k7m2 has no owner")],
    ),
    (
        "action-missing-owner (empty)",
        {S: edit(SESSION, "owner: Jordan", "owner:")},
        [(S, 5, 5, "action-missing-owner", "error", "action k7m2 has no owner")],
    ),
    (
        "action-missing-accountability",
        {S: edit(SESSION, "    accountability: Reviewed together in session 2\n", "")},
        [
            (
                S,
                5,
                5,
                "action-missing-accountability",
                "error",
                "action k7m2 has no accountability: who or what checks it happened?",
            )
        ],
    ),
    (
        "action-unknown-goal",
        {S: edit(SESSION, "goal: G1", "goal: G3")},
        [
            (
                G,
                2,
                1,
                "goal-without-actions",
                "warning",
                "goal G1 has no action item: no open or done item names goal: G1",
            ),
            (
                S,
                10,
                5,
                "action-unknown-goal",
                "error",
                "action k7m2 serves goal 'G3', which is not a goal of this engagement (goals: G1)",
            ),
        ],
    ),
    (
        "action-overdue",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-10")},
        [(S, 5, 5, "action-overdue", "warning", "action k7m2 was due 2026-02-10: 2 days overdue")],
    ),
    (
        "action-overdue (one day)",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-11")},
        [(S, 5, 5, "action-overdue", "warning", "action k7m2 was due 2026-02-11: 1 day overdue")],
    ),
    (
        "action-done-without-date",
        {S: edit(SESSION, "status: open", "status: done")},
        [
            (
                S,
                5,
                5,
                "action-done-without-date",
                "info",
                "action k7m2 is done but has no done: date",
            )
        ],
    ),
    (
        "duplicate-id (action items, case ignored, across notes)",
        {
            E: edit(
                ENGAGEMENT,
                "phase: coaching\n",
                "phase: coaching\nactions:\n  - id: h4rt\n    title: Book the three-way\n    status: done\n"
                "    done: 2026-01-12\n",
            ),
            S: with_item(
                "  - id: H4RT\n" + ITEM_K7M2.replace("due: 2026-02-20", "due: 2026-02-27")
            ),
        },
        [
            (
                S,
                12,
                5,
                "duplicate-id",
                "error",
                "action id 'H4RT' is already used at engagement.md:9; give one of them a new id",
            )
        ],
    ),
    (
        "duplicate-id (goals)",
        {"goals/G1-delegate-again.md": GOAL},
        [
            (
                G,
                2,
                1,
                "duplicate-id",
                "error",
                "goal id 'G1' is already used at goals/G1-delegate-again.md:2; give one of them a new id",
            )
        ],
    ),
    (
        "action-missing-id",
        {S: edit(SESSION, "  - id: k7m2\n    title", "  - title")},
        [(S, 5, 5, "action-missing-id", "error", "action item has no id")],
    ),
    (
        "action-invalid-status",
        {S: edit(SESSION, "status: open", "status: finished")},
        [
            (
                S,
                9,
                5,
                "action-invalid-status",
                "error",
                "status must be open, done or dropped, not 'finished'",
            )
        ],
    ),
    (
        "action-missing-title",
        {S: edit(SESSION, "    title: Keep a decision log for a week\n", "")},
        [(S, 5, 5, "action-missing-title", "error", "action k7m2 has no title")],
    ),
    (
        "goal-missing-measure (no key)",
        {G: edit(GOAL, "measure: Direct reports rate delegation on the 360\n", "")},
        [
            (
                G,
                2,
                1,
                "goal-missing-measure",
                "error",
                "goal G1 has no measure: how will others see progress?",
            )
        ],
    ),
    (
        "goal-missing-measure (empty)",
        {G: edit(GOAL, "measure: Direct reports rate delegation on the 360", "measure:")},
        [
            (
                G,
                5,
                1,
                "goal-missing-measure",
                "error",
                "goal G1 has no measure: how will others see progress?",
            )
        ],
    ),
    (
        "goal-missing-target-date",
        {G: edit(GOAL, "target_date: 2026-06-30\n", "")},
        [(G, 2, 1, "goal-missing-target-date", "error", "goal G1 has no target_date")],
    ),
    (
        "goal-without-actions",
        {"goals/G2-board.md": edit(GOAL, "id: G1", "id: G2")},
        [
            (
                "goals/G2-board.md",
                2,
                1,
                "goal-without-actions",
                "warning",
                "goal G2 has no action item: no open or done item names goal: G2",
            )
        ],
    ),
    (
        "goal-target-after-engagement-end",
        {G: edit(GOAL, "target_date: 2026-06-30", "target_date: 2026-08-01")},
        [
            (
                G,
                6,
                1,
                "goal-target-after-engagement-end",
                "warning",
                "goal G1 targets 2026-08-01, after the engagement ends on 2026-07-10",
            )
        ],
    ),
    (
        "goal-invalid-status",
        {G: edit(GOAL, "status: active", "status: actve")},
        [
            (
                G,
                4,
                1,
                "goal-invalid-status",
                "error",
                "goal G1 has status 'actve'; use one of active, achieved, partially-achieved, "
                "not-achieved, dropped (did you mean 'active'?)",
            )
        ],
    ),
    (
        "session-missing-next-steps (no section)",
        {
            S: edit(
                SESSION,
                "## Next steps\nBring the decision log to session 2.\n",
                "## Homework\nRead.\n",
            )
        },
        [
            (
                S,
                2,
                1,
                "session-missing-next-steps",
                "warning",
                "session 1 (2026-02-05) has no '## Next steps' section: what happens before the next session?",
            )
        ],
    ),
    (
        "session-missing-next-steps (only private text)",
        {
            S: edit(
                SESSION,
                "Bring the decision log to session 2.\n",
                "<!-- private -->Ask about the CFO.<!-- /private -->\n\n## Private\nTired.\n",
            )
        },
        [
            (
                S,
                15,
                1,
                "session-missing-next-steps",
                "warning",
                "session 1 (2026-02-05) has an empty '## Next steps' section",
            )
        ],
    ),
    (
        "private-text-unsafe",
        {
            S: edit(
                SESSION,
                "Bring the decision log to session 2.\n",
                "Bring the decision log to session 2.\n\n```\nsketch\n## Private\nTired.\n",
            )
        },
        [
            (
                S,
                20,
                1,
                "private-text-unsafe",
                "error",
                "a line that reads as a 'Private' heading (in a code block or raw HTML, or "
                "under an unclosed code fence) would be disclosed; close the fence before it "
                "or mark the text with <!-- private --> … <!-- /private -->",
            )
        ],
    ),
    (
        "session-missing-date",
        {"sessions/notes.md": "---\nformat: video\n---\n# Notes\n"},
        [
            (
                "sessions/notes.md",
                2,
                1,
                "session-missing-date",
                "error",
                "session note needs 'session: N' and 'date: YYYY-MM-DD'",
            )
        ],
    ),
    (
        "engagement-missing-client",
        {E: edit(ENGAGEMENT, "client: Jordan Lee\n", "")},
        [
            (
                E,
                2,
                1,
                "engagement-missing-client",
                "error",
                "engagement.md has no client: add a line 'client: NAME'",
            )
        ],
    ),
    (
        "engagement-missing-sponsor",
        {E: edit(ENGAGEMENT, "sponsor: Sam Ortiz  # CTO\n", "")},
        [
            (
                E,
                2,
                1,
                "engagement-missing-sponsor",
                "error",
                "engagement.md has no sponsor: add a line 'sponsor: NAME'",
            )
        ],
    ),
    (
        "agreement-missing-terms (one topic)",
        {
            E: edit(
                ENGAGEMENT,
                "## Confidentiality\nWhat Jordan says stays between Jordan and the coach.\n\n",
                "",
            )
        },
        [
            (
                E,
                2,
                1,
                "agreement-missing-terms",
                "warning",
                "the coaching agreement says nothing about confidentiality; add a '## Confidentiality' section",
            )
        ],
    ),
    (
        "agreement-missing-terms (empty body, private text does not count)",
        {
            E: ENGAGEMENT.split("# Coaching", maxsplit=1)[0]
            + "## Private\nConfidential: schedule ends soon.\n"
        },
        [
            (
                E,
                2,
                1,
                "agreement-missing-terms",
                "warning",
                "the coaching agreement says nothing about confidentiality; add a '## Confidentiality' section",
            ),
            (
                E,
                2,
                1,
                "agreement-missing-terms",
                "warning",
                "the coaching agreement says nothing about logistics; add a '## Logistics' section",
            ),
            (
                E,
                2,
                1,
                "agreement-missing-terms",
                "warning",
                "the coaching agreement says nothing about ending the engagement; "
                "add a '## Ending the engagement' section",
            ),
        ],
    ),
    (
        "engagement-gone-quiet",
        {
            S: None,
            "sessions/01-2026-01-08.md": edit(SESSION, "date: 2026-02-05", "date: 2026-01-08"),
        },
        [
            (
                E,
                2,
                1,
                "engagement-gone-quiet",
                "warning",
                "engagement gone quiet: the last session was on 2026-01-08, 35 days ago, "
                "more than twice the cadence (2w)",
            )
        ],
    ),
    (
        "engagement-gone-quiet (no session yet)",
        {
            E: edit(ENGAGEMENT, "start: 2026-01-12", "start: 2026-01-02"),
            S: None,
            G: GOAL.replace("---\n#", "actions:\n  - id: k7m2\n" + ITEM_K7M2 + "---\n#"),
        },
        [
            (
                E,
                2,
                1,
                "engagement-gone-quiet",
                "warning",
                "engagement gone quiet: no session since the start on 2026-01-02, 41 days ago, "
                "more than twice the cadence (2w)",
            )
        ],
    ),
    (
        "engagement-invalid-phase",
        {E: edit(ENGAGEMENT, "phase: coaching", "phase: coachng")},
        [
            (
                E,
                7,
                1,
                "engagement-invalid-phase",
                "error",
                "phase 'coachng' is not one of contracting, assessment, planning, coaching, closure, "
                "follow-up, closed (did you mean 'coaching'?)",
            )
        ],
    ),
    (
        "engagement-end-before-start",
        {E: edit(ENGAGEMENT, "end: 2026-07-10", "end: 2026-01-10")},
        [
            (
                E,
                5,
                1,
                "engagement-end-before-start",
                "error",
                "the engagement ends (2026-01-10) before it starts (2026-01-12)",
            ),
            (
                G,
                6,
                1,
                "goal-target-after-engagement-end",
                "warning",
                "goal G1 targets 2026-06-30, after the engagement ends on 2026-01-10",
            ),
        ],
    ),
    (
        "duplicate-session-number",
        {
            "sessions/01-2026-02-06.md": edit(
                SESSION, "date: 2026-02-05", "date: 2026-02-06"
            ).replace("k7m2", "m8pq")
        },
        [
            (
                "sessions/01-2026-02-06.md",
                2,
                1,
                "duplicate-session-number",
                "warning",
                "session number 1 is also used by sessions/01-2026-02-05.md",
            )
        ],
    ),
    (
        "feedback-invalid",
        {F: edit(FEEDBACK, "group: manager", "group: boss")},
        [
            (
                F,
                6,
                17,
                "feedback-invalid",
                "error",
                "group must be one of self, manager, peer, direct-report, other, not 'boss'",
            )
        ],
    ),
    (
        "feedback-rating-out-of-scale",
        {F: edit(FEEDBACK, "rating: 2}", "rating: 6}")},
        [
            (
                F,
                6,
                43,
                "feedback-rating-out-of-scale",
                "error",
                "rating 6 is outside the scale [1, 5]",
            )
        ],
    ),
    (
        "feedback-unknown-goal",
        {F: edit(FEEDBACK, "goal: G1,", "goal: G3,")},
        [
            (
                F,
                6,
                33,
                "feedback-unknown-goal",
                "error",
                "response names goal 'G3', which does not exist (goals: G1)",
            )
        ],
    ),
    (
        "unused-suppression",
        {
            S: edit(
                SESSION,
                "    owner: Jordan\n",
                "    owner: Jordan  # coachkit: ignore[action-missing-owner]\n",
            )
        },
        [
            (
                S,
                7,
                20,
                "unused-suppression",
                "info",
                "suppression of action-missing-owner matches no finding; remove it",
            )
        ],
    ),
]


@pytest.mark.parametrize(("changes", "expected"), [pytest.param(c, e, id=i) for i, c, e in FIRING])
def test_rule_fires_where_expected(
    tmp_path: Path, changes: dict[str, str | None], expected: list[Row]
) -> None:
    assert lint(tmp_path, changes) == expected


# (test id, the rule that must stay quiet, changes that look close to its case but are fine)
QUIET: list[tuple[str, str, dict[str, str | None]]] = [
    (
        "yaml-invalid",
        "yaml-invalid",
        {F: edit(FEEDBACK, "kind: baseline", "kind: 'baseline: 360'")},
    ),
    (
        "duplicate-key",
        "duplicate-key",
        {F: edit(FEEDBACK, "rating: 2}", "rating: 2}\n  - {rater: R1, goal: G1, rating: 3}")},
    ),
    ("invalid-date", "invalid-date", {F: edit(FEEDBACK, "date: 2026-01-08", "date: 2024-02-29")}),
    ("front-matter-missing", "front-matter-missing", {F: "---\n---\n# Nothing to say yet\n"}),
    (
        "unknown-key",
        "unknown-key",
        {
            E: edit(
                ENGAGEMENT,
                "phase: coaching\n",
                "phase: coaching\nrole: VP\nhr: Dana\nfollow_up: []\n",
            ),
            S: edit(
                SESSION, "date: 2026-02-05\n", "date: 2026-02-05\nformat: video\ngoals: [G1]\n"
            ),
        },
    ),
    (
        "date-not-iso",
        "date-not-iso",
        {
            S: edit(
                SESSION,
                "title: Keep a decision log for a week\n",
                "title: Keep a decision log from 2026-2-1  # moved from 2026-2-2\n"
                '    note: "2026-2-3"\n    2026-2-4: a date as a key is not a value\n',
            )
        },
    ),
    (
        "action-missing-owner (dropped item)",
        "action-missing-owner",
        {S: with_item("  - id: m8pq\n    title: Read a book\n    status: dropped\n")},
    ),
    (
        "action-missing-due (done item)",
        "action-missing-due",
        {S: with_item("  - id: m8pq\n    title: Read\n    status: done\n    done: 2026-02-06\n")},
    ),
    (
        "action-missing-accountability (done item)",
        "action-missing-accountability",
        {S: with_item("  - id: m8pq\n    title: Read\n    status: done\n    done: 2026-02-06\n")},
    ),
    (
        "action-unknown-goal (case ignored)",
        "action-unknown-goal",
        {S: edit(SESSION, "goal: G1", "goal: g1")},
    ),
    (
        "action-overdue (due today)",
        "action-overdue",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-12")},
    ),
    (
        "action-overdue (done late)",
        "action-overdue",
        {
            S: edit(
                SESSION,
                "due: 2026-02-20\n    status: open",
                "due: 2026-02-01\n    status: done\n    done: 2026-02-06",
            )
        },
    ),
    (
        "action-done-without-date",
        "action-done-without-date",
        {S: edit(SESSION, "status: open", "status: done\n    done: 2026-02-06")},
    ),
    (
        "duplicate-id (an item and a goal may share an id)",
        "duplicate-id",
        {S: with_item("  - id: G1\n" + ITEM_K7M2)},
    ),
    ("action-missing-id", "action-missing-id", {}),
    (
        "action-invalid-status (missing means open)",
        "action-invalid-status",
        {S: edit(SESSION, "    status: open\n", "")},
    ),
    ("action-missing-title", "action-missing-title", {}),
    (
        "goal-missing-measure (achieved goal is history)",
        "goal-missing-measure",
        {
            G: edit(
                GOAL,
                "status: active\nmeasure: Direct reports rate delegation on the 360\n",
                "status: achieved\n",
            )
        },
    ),
    (
        "goal-missing-target-date (dropped goal)",
        "goal-missing-target-date",
        {
            G: edit(GOAL, "status: active\n", "status: dropped\n").replace(
                "target_date: 2026-06-30\n", ""
            )
        },
    ),
    (
        "goal-without-actions (served by a done item)",
        "goal-without-actions",
        {S: edit(SESSION, "status: open", "status: done\n    done: 2026-02-06")},
    ),
    (
        "goal-without-actions (dropped goal)",
        "goal-without-actions",
        {"goals/G2-board.md": edit(GOAL, "id: G1\n", "id: G2\n").replace("active", "dropped")},
    ),
    (
        "goal-target-after-engagement-end (on the last day)",
        "goal-target-after-engagement-end",
        {G: edit(GOAL, "target_date: 2026-06-30", "target_date: 2026-07-10")},
    ),
    (
        "goal-invalid-status",
        "goal-invalid-status",
        {G: edit(GOAL, "status: active", "status: partially-achieved")},
    ),
    (
        "private-text-unsafe (a Private heading after a closed fence)",
        "private-text-unsafe",
        {
            S: edit(
                SESSION,
                "Bring the decision log to session 2.\n",
                "Bring the decision log to session 2.\n\n```\nsketch\n```\n## Private\nTired.\n",
            )
        },
    ),
    (
        "session-missing-next-steps (today's note is being written)",
        "session-missing-next-steps",
        {
            "sessions/02-2026-02-12.md": "---\nsession: 2\ndate: 2026-02-12\n---\n# Session 2\n\n## Next steps\n"
        },
    ),
    (
        "session-missing-date (from the file name)",
        "session-missing-date",
        {S: edit(SESSION, "session: 1\ndate: 2026-02-05\n", "")},
    ),
    ("engagement-missing-client", "engagement-missing-client", {}),
    (
        "engagement-missing-sponsor (self-funded)",
        "engagement-missing-sponsor",
        {E: edit(ENGAGEMENT, "sponsor: Sam Ortiz", "sponsor: self")},
    ),
    (
        "agreement-missing-terms (other words)",
        "agreement-missing-terms",
        {
            E: ENGAGEMENT.split("# Coaching", maxsplit=1)[0]
            + "We reschedule with 48 hours' notice. Nothing is disclosed to Sam.\n"
            + "Either of us may terminate the agreement.\n"
        },
    ),
    (
        "engagement-gone-quiet (closure)",
        "engagement-gone-quiet",
        {E: edit(ENGAGEMENT, "phase: coaching", "phase: closure"), S: None},
    ),
    (
        "engagement-gone-quiet (next session booked)",
        "engagement-gone-quiet",
        {
            "sessions/01-2026-01-08.md": edit(SESSION, "date: 2026-02-05", "date: 2026-01-08"),
            S: None,
            "sessions/02-2026-02-19.md": "---\nsession: 2\ndate: 2026-02-19\n---\n# Session 2\n",
        },
    ),
    (
        "engagement-invalid-phase (no phase)",
        "engagement-invalid-phase",
        {E: edit(ENGAGEMENT, "phase: coaching\n", "")},
    ),
    (
        "engagement-end-before-start (same day)",
        "engagement-end-before-start",
        {E: edit(ENGAGEMENT, "start: 2026-01-12", "start: 2026-07-10")},
    ),
    (
        "duplicate-session-number",
        "duplicate-session-number",
        {"sessions/02-2026-02-12.md": "---\nsession: 2\ndate: 2026-02-12\n---\n# Session 2\n"},
    ),
    (
        "feedback-invalid (comment, and no group means other)",
        "feedback-invalid",
        {
            F: edit(
                FEEDBACK,
                "rating: 2}",
                "rating: 2, comment: 'Asks first, then decides'}\n"
                "  - {rater: R2, goal: G1, rating: 3}",
            )
        },
    ),
    (
        "feedback-rating-out-of-scale (the top of the scale)",
        "feedback-rating-out-of-scale",
        {F: edit(FEEDBACK, "rating: 2}", "rating: 5}")},
    ),
    (
        "feedback-unknown-goal",
        "feedback-unknown-goal",
        {
            F: edit(
                FEEDBACK,
                "rating: 2}",
                "rating: 2}\n  - {rater: R1, group: manager, goal: G2, rating: 3}",
            ),
            "goals/G2-board.md": edit(GOAL, "id: G1", "id: G2"),
        },
    ),
    (
        "unused-suppression (used)",
        "unused-suppression",
        {
            S: edit(SESSION, "    owner: Jordan\n", "").replace(
                "  - id: k7m2\n", "  - id: k7m2  # coachkit: ignore[action-missing-owner]\n"
            )
        },
    ),
]


@pytest.mark.parametrize(("rule", "changes"), [pytest.param(r, c, id=i) for i, r, c in QUIET])
def test_rule_stays_quiet_on_the_good_case(
    tmp_path: Path, rule: str, changes: dict[str, str | None]
) -> None:
    assert [row for row in lint(tmp_path, changes) if row[3] == rule] == []


def test_done_and_dropped_items_are_history(tmp_path: Path) -> None:
    done = "  - id: m8pq\n    title: Read a book\n    status: done\n    done: 2026-01-30\n"
    dropped = "  - id: n9rs\n    title: Shadow a lead\n    status: dropped\n    due: 2026-01-02\n"
    assert lint(tmp_path, {S: with_item(done + dropped)}) == []


def test_every_rule_is_shown_firing_and_quiet() -> None:
    names = {rule.name for rule in all_rules()}
    assert {row[3] for _, _, expected in FIRING for row in expected} == names
    assert {rule for _, rule, _ in QUIET} == names


def test_the_shipped_sample_engagement_is_clean_but_for_its_overdue_item(sample: Path) -> None:
    # t9hc was due 2026-02-10 and is still open on 2026-02-12: the sample shows `overdue` at work.
    assert rows(findings_of(sample), sample) == [
        (
            "sessions/02-2026-01-29.md",
            9,
            5,
            "action-overdue",
            "warning",
            "action t9hc was due 2026-02-10: 2 days overdue",
        )
    ]


def test_date_not_iso_carries_a_safe_fix(tmp_path: Path) -> None:
    root = engagement_at(
        tmp_path / "acme",
        {S: edit(SESSION, "due: 2026-02-20", "due: 2026-2-20\n    done: 2026-3-5")},
    )
    findings = [f for f in findings_of(root) if f.rule == "date-not-iso"]
    text = (root / S).read_text(encoding="utf-8")
    assert [f.edits for f in findings] == [
        (TextEdit(text.index("2026-2-20"), "2026-2-20", "2026-02-20"),),
        (TextEdit(text.index("2026-3-5"), "2026-3-5", "2026-03-05"),),
    ]
    for finding in reversed(findings):
        (change,) = finding.edits
        text = text[: change.offset] + change.new + text[change.offset + len(change.old) :]
    assert parse_note(root / S, text.encode()).meta["actions"][0]["due"] == dt.date(2026, 2, 20)
    assert "due: 2026-02-20\n    done: 2026-03-05\n" in text


def test_date_not_iso_offsets_count_characters_after_a_bom_and_crlf(tmp_path: Path) -> None:
    note = "\ufeff" + edit(SESSION, "date: 2026-02-05", "date: 2026-2-5  # é").replace("\n", "\r\n")
    root = engagement_at(tmp_path / "acme", {S: note.encode("utf-8")})
    (finding,) = findings_of(root)
    text = note[1:]
    assert (finding.rule, finding.line, finding.column) == ("date-not-iso", 3, 7)
    assert finding.edits == (TextEdit(text.index("2026-2-5"), "2026-2-5", "2026-02-05"),)


@pytest.mark.parametrize(
    "comment_on",
    [pytest.param("item", id="on the item's line"), pytest.param("above", id="on the line above")],
)
def test_inline_suppression_hides_the_finding(tmp_path: Path, comment_on: str) -> None:
    session = edit(SESSION, "    owner: Jordan\n", "")
    mark = "# coachkit: ignore[action-missing-owner]"
    if comment_on == "item":
        session = edit(session, "  - id: k7m2\n", f"  - id: k7m2  {mark}\n")
    else:
        session = edit(session, "  - id: k7m2\n", f"  {mark}\n  - id: k7m2\n")
    assert lint(tmp_path, {S: session}) == []


def test_a_suppression_two_lines_above_does_not_reach(tmp_path: Path) -> None:
    session = edit(SESSION, "    owner: Jordan\n", "")
    session = edit(session, "actions:\n", "# coachkit: ignore[action-missing-owner]\n\nactions:\n")
    assert lint(tmp_path, {S: session}) == [
        (
            S,
            4,
            1,
            "unused-suppression",
            "info",
            "suppression of action-missing-owner matches no finding; remove it",
        ),
        (S, 7, 5, "action-missing-owner", "error", "action k7m2 has no owner"),
    ]


def test_a_suppression_of_an_unknown_rule_is_reported(tmp_path: Path) -> None:
    session = edit(
        SESSION, "  - id: k7m2\n", "  - id: k7m2  # coachkit: ignore[action-missing-ownr]\n"
    )
    assert lint(tmp_path, {S: session}) == [
        (
            S,
            5,
            15,
            "unused-suppression",
            "info",
            "suppression names unknown rule 'action-missing-ownr'; `coachkit lint --list-rules` lists them",
        )
    ]


def test_coachkit_yaml_ignores_and_sets_severity_closest_file_wins(tmp_path: Path) -> None:
    changes: dict[str, str | None] = {
        S: edit(SESSION, "due: 2026-02-20", "due: 2026-02-10"),
        "goals/G2-board.md": edit(GOAL, "id: G1", "id: G2"),
    }
    practice = tmp_path / "practice"
    build_file_tree(practice, {".coachkit.yaml": "lint:\n  ignore: [goal-without-actions]\n"})
    own = engagement_at(practice / "own", changes)
    build_file_tree(
        own,
        {
            ".coachkit.yaml": "lint: {ignore: [action-overdue], severity: {goal-without-actions: error}}\n"
        },
    )
    inherits = engagement_at(practice / "inherits", changes)
    unconfigured = engagement_at(tmp_path / "alone", changes)
    findings = findings_of(own, inherits, unconfigured)
    assert [(f.path.relative_to(tmp_path).as_posix(), f.rule, f.severity) for f in findings] == [
        ("alone/goals/G2-board.md", "goal-without-actions", "warning"),
        ("alone/sessions/01-2026-02-05.md", "action-overdue", "warning"),
        ("practice/inherits/sessions/01-2026-02-05.md", "action-overdue", "warning"),
        ("practice/own/goals/G2-board.md", "goal-without-actions", "error"),
    ]


def test_every_rule_is_documented_named_and_numbered() -> None:
    rules = all_rules()
    assert len(rules) == len(RULE_MODULES)
    assert len({rule.code for rule in rules}) == len(rules)
    assert len({rule.name for rule in rules}) == len(rules)
    for rule in rules:
        assert re.fullmatch(r"CK[1-9][0-9]{2}", rule.code), rule.code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)+", rule.name), rule.name
        assert rule.severity in SEVERITIES, rule.name
        lines = rule.doc.strip().splitlines()
        assert len(lines) >= 3 and lines[1] == "" and lines[0] == rule.summary, rule.name
        assert rule.summary.endswith("."), rule.name
        assert len(rule.summary) <= 100, rule.name
    for name in RULE_MODULES:
        module = importlib.import_module(f"coachkit.lint.rules.{name}")
        assert module.NAME.replace("-", "_") == name
        assert name == "unused_suppression" or callable(module.check)


def test_the_rules_the_issue_asks_for_exist_with_their_severities() -> None:
    wanted = {
        "yaml-invalid": "error",
        "duplicate-key": "error",
        "invalid-date": "error",
        "front-matter-missing": "error",
        "unknown-key": "warning",
        "action-missing-due": "error",
        "action-missing-owner": "error",
        "action-missing-accountability": "error",
        "action-unknown-goal": "error",
        "action-overdue": "warning",
        "action-done-without-date": "info",
        "duplicate-id": "error",
        "goal-missing-measure": "error",
        "goal-missing-target-date": "error",
        "goal-without-actions": "warning",
        "goal-target-after-engagement-end": "warning",
        "session-missing-next-steps": "warning",
        "engagement-missing-sponsor": "error",
        "agreement-missing-terms": "warning",
        "engagement-gone-quiet": "warning",
        "unused-suppression": "info",
    }
    have = {rule.name: rule.severity for rule in all_rules()}
    assert {name: have.get(name) for name in wanted} == wanted


def test_config_is_found_above_a_relative_engagement_path(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (sample.parent / ".coachkit.yaml").write_text(
        "lint:\n  ignore: [action-overdue]\n", encoding="utf-8"
    )
    monkeypatch.chdir(sample)
    engagements, _ = load_all([Path(".")])
    assert lint_engagements(engagements, dt.date(2026, 2, 12)).findings == []


def test_the_most_specific_severity_wins(sample: Path) -> None:
    (sample / ".coachkit.yaml").write_text(
        "lint:\n  severity: {CK2: info, action-overdue: error}\n", encoding="utf-8"
    )
    engagements, _ = load_all([sample])
    findings = lint_engagements(engagements, dt.date(2026, 2, 12)).findings
    assert [(f.rule, f.severity) for f in findings] == [("action-overdue", "error")]


def test_a_lone_letter_is_not_a_code_prefix(sample: Path) -> None:
    engagements, _ = load_all([sample])
    with pytest.raises(CoachkitError, match="unknown rule 'c'"):
        lint_engagements(engagements, dt.date(2026, 2, 12), Selection(ignore=("c",)))


def test_a_suppression_of_a_rule_the_config_turns_off_is_not_unused(sample: Path) -> None:
    (sample / ".coachkit.yaml").write_text("lint:\n  ignore: [action-overdue]\n", encoding="utf-8")
    note = sample / "sessions" / "02-2026-01-29.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(
        text.replace("  - id: t9hc\n", "  - id: t9hc  # coachkit: ignore[action-overdue]\n"),
        "utf-8",
    )
    engagements, _ = load_all([sample])
    assert lint_engagements(engagements, dt.date(2026, 2, 12)).findings == []
