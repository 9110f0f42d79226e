"""agreement-missing-terms (CK405): the coaching agreement leaves out one of the ICF terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import ENGAGEMENT
from tests.helpers import run
from tests.lint.rules.common import E, Fires, Quiet, check, check_quiet, edit

RULE = "agreement-missing-terms"
HEAD = ENGAGEMENT.split("# Coaching", maxsplit=1)[0]
SECTIONS = {
    "roles": ("Roles", "## Roles\nJordan sets the agenda"),
    "confidentiality and its limits": ("Confidentiality", "## Confidentiality\nWhat Jordan"),
    "what is shared with the sponsor": ("Who sees what", "## Who sees what\nThe sponsor sees"),
    "fees and cancellation": ("Fees and cancellation", "## Fees and cancellation\nAcme pays"),
    "how either party ends it": ("Ending the engagement", "## Ending the engagement\nEither"),
    "record keeping": ("Record keeping", "## Record keeping\nThe coach keeps"),
}


def _without(start: str) -> str:
    """ENGAGEMENT without the section that starts with ``start`` (up to the next heading)."""
    before, rest = ENGAGEMENT.split(start, maxsplit=1)
    after = rest.split("\n## ", maxsplit=1)
    return before + ("## " + after[1] if len(after) > 1 else "")


def _missing(topic: str, section: str) -> tuple[str, int, int, str, str, str]:
    message = f"the coaching agreement says nothing about {topic}; add a '## {section}' section"
    return (E, 2, 1, RULE, "warning", message)


FIRING = [
    *(
        Fires(f"{RULE} ({topic})", {E: _without(start)}, [_missing(topic, section)])
        for topic, (section, start) in SECTIONS.items()
    ),
    Fires(
        f"{RULE} (confidentiality without its limits)",
        {
            E: edit(
                ENGAGEMENT,
                ", except where someone is at risk of harm.",
                ".",
            )
        },
        [
            (
                E,
                20,
                1,
                RULE,
                "warning",
                "the coaching agreement says nothing about confidentiality and its limits yet; "
                "fill in its '## Confidentiality' section",
            )
        ],
    ),
    Fires(
        f"{RULE} (empty body, private text does not count)",
        {E: HEAD + "## Private\nConfidential: the fee, the notes, the sponsor sees it.\n"},
        [_missing(topic, section) for topic, (section, _start) in SECTIONS.items()],
    ),
    Fires(
        f"{RULE} (a section that holds only the template's prompt is missing)",
        {
            E: edit(
                ENGAGEMENT,
                "The coach keeps the notes for one year after the last session, then deletes them.",
                "TODO: [how the coach keeps the notes, and how long they are kept]",
            )
        },
        [
            (
                E,
                29,
                1,
                RULE,
                "warning",
                "the coaching agreement says nothing about record keeping yet; "
                "fill in its '## Record keeping' section",
            )
        ],
    ),
]

QUIET = [
    Quiet(f"{RULE} (every term settled)", RULE, {E: ENGAGEMENT}),
    Quiet(
        f"{RULE} (other words, no headings)",
        RULE,
        {
            E: HEAD
            + "Jordan's role is to bring the agenda. Nothing is disclosed unless the law requires it.\n"
            + "Sam, the sponsor, receives the final report. The fee is invoiced monthly; cancel with 48 hours' notice.\n"
            + "Either of us may terminate the agreement. Records are destroyed after two years.\n"
        },
    ),
    Quiet(
        f"{RULE} (a link is not a prompt)",
        RULE,
        {E: edit(ENGAGEMENT, "then deletes them.", "then deletes them ([policy](policy.md)).")},
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)


def test_the_template_does_not_pass_and_the_sample_does(tmp_path: Path, sample: Path) -> None:
    """What `coachkit init` writes is visibly unfinished; the shipped sample settles every term."""
    assert run("init", str(tmp_path / "new"), "--client", "Riley Chen").exit_code == 0
    fresh = run("lint", "--select", RULE, cwd=tmp_path / "new")
    found = [line for line in fresh.stdout.splitlines() if RULE in line]
    assert len(found) == len(SECTIONS), fresh.output
    assert all("yet; fill in its '## " in line for line in found), fresh.output
    shipped = run("lint", "--select", RULE, cwd=sample)
    assert RULE not in shipped.stdout, shipped.output
