"""`coachkit merge-driver BASE OURS THEIRS PATH` on three versions of a note, as git runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from coachkit.notes.reader import parse_note
from tests.helpers import Run, build_file_tree, run

BASE = """\
---
session: 2
date: 2026-01-29
duration: 60  # minutes
goals: [G1, G2]
actions:
  - id: t9hc
    title: Hand the plan to Priya
    owner: Jordan
    due: 2026-02-10
    status: open
  - id: w3fn
    title: Rewrite the board update
    owner: Jordan
    due: 2026-02-20  # after the offsite
    status: open
---
# Session 2

## Check-in
Better week.

## Next steps
Review the hand-over.
"""

NEW_OURS = """\
  - id: ab12
    title: "Ours: rehearse the opening"
    owner: Jordan
    due: 2026-03-01
    status: open
"""
NEW_THEIRS = """\
  - id: cd34
    title: Theirs, booked   # their comment
    owner: Sam
    due: 2026-03-02
    status: open
"""


def added(text: str, lines: str) -> str:
    """``text`` with ``lines`` appended to its action items."""
    return text.replace("---\n# Session 2", lines + "---\n# Session 2", 1)


def driver(tmp_path: Path, base: str | bytes, ours: str | bytes, theirs: str | bytes) -> Run:
    build_file_tree(tmp_path, {"base": base, "ours": ours, "theirs": theirs})
    names = [str(tmp_path / name) for name in ("base", "ours", "theirs")]
    return run("merge-driver", *names, "sessions/02-2026-01-29.md", cwd=tmp_path)


def merged(tmp_path: Path) -> str:
    return (tmp_path / "ours").read_text(encoding="utf-8")


def test_an_item_added_on_both_sides_keeps_both_and_each_sides_bytes(tmp_path: Path) -> None:
    result = driver(tmp_path, BASE, added(BASE, NEW_OURS), added(BASE, NEW_THEIRS))
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert merged(tmp_path) == added(BASE, NEW_OURS + NEW_THEIRS)


@pytest.mark.parametrize(
    ("ours_edit", "theirs_edit", "expected_edits"),
    [
        pytest.param(
            [],
            [("due: 2026-02-10", "due: 2026-02-11")],
            [("due: 2026-02-10", "due: 2026-02-11")],
            id="a field changed on one side only",
        ),
        pytest.param(
            [("    due: 2026-02-20  # after the offsite\n    status: open",
              "    due: 2026-02-20  # after the offsite\n    status: done\n    done: 2026-02-12")],
            [("title: Rewrite the board update", "title: Rewrite the board update as 3 headlines")],
            [("    due: 2026-02-20  # after the offsite\n    status: open",
              "    due: 2026-02-20  # after the offsite\n    status: done\n    done: 2026-02-12"),
             ("title: Rewrite the board update", "title: Rewrite the board update as 3 headlines")],
            id="done on one side, the title edited on the other",
        ),
        pytest.param(
            [("due: 2026-02-10", "due: 2026-02-17")],
            [("owner: Jordan\n    due: 2026-02-20", "owner: Sam\n    due: 2026-02-20")],
            [("due: 2026-02-10", "due: 2026-02-17"),
             ("owner: Jordan\n    due: 2026-02-20", "owner: Sam\n    due: 2026-02-20")],
            id="different items changed on each side",
        ),
        pytest.param(
            [("goals: [G1, G2]", "goals: [G1, G2, G3]")],
            [("goals: [G1, G2]", "goals: [G1, G2, G4]"), ("duration: 60", "duration: 45")],
            [("goals: [G1, G2]", "goals: [G1, G2, G3, G4]"), ("duration: 60", "duration: 45")],
            id="goal ids added on both sides, a top-level field on one",
        ),
    ],
)  # fmt: skip
def test_changes_that_do_not_overlap_never_conflict(
    tmp_path: Path,
    ours_edit: list[tuple[str, str]],
    theirs_edit: list[tuple[str, str]],
    expected_edits: list[tuple[str, str]],
) -> None:
    ours, theirs, expected = BASE, BASE, BASE
    for old, new in ours_edit:
        ours = ours.replace(old, new, 1)
    for old, new in theirs_edit:
        theirs = theirs.replace(old, new, 1)
    for old, new in expected_edits:
        expected = expected.replace(old, new, 1)
    result = driver(tmp_path, BASE, ours, theirs)
    assert result.exit_code == 0, result.output
    assert merged(tmp_path) == expected


def test_an_item_removed_on_one_side_and_untouched_on_the_other_goes(tmp_path: Path) -> None:
    theirs = BASE.replace(
        "  - id: t9hc\n    title: Hand the plan to Priya\n    owner: Jordan\n"
        "    due: 2026-02-10\n    status: open\n",
        "",
    )
    result = driver(tmp_path, BASE, added(BASE, NEW_OURS), theirs)
    assert result.exit_code == 0, result.output
    assert merged(tmp_path) == added(theirs, NEW_OURS)


def test_a_true_conflict_is_marked_around_that_fields_line_only(tmp_path: Path) -> None:
    ours = added(BASE.replace("due: 2026-02-10", "due: 2026-02-11"), NEW_OURS)
    theirs = added(BASE.replace("due: 2026-02-10", "due: 2026-02-12"), NEW_THEIRS)
    result = driver(tmp_path, BASE, ours, theirs)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "sessions/02-2026-01-29.md: conflict in due of action t9hc: resolve the marked lines\n"
    )
    assert merged(tmp_path) == added(BASE, NEW_OURS + NEW_THEIRS).replace(
        "    due: 2026-02-10\n",
        "<<<<<<< ours\n    due: 2026-02-11\n=======\n    due: 2026-02-12\n>>>>>>> theirs\n",
    )


def test_an_item_changed_on_one_side_and_removed_on_the_other_is_kept_in_view(
    tmp_path: Path,
) -> None:
    item = "  - id: t9hc\n    title: Hand the plan to Priya\n    owner: Jordan\n"
    ours = BASE.replace("due: 2026-02-10", "due: 2026-02-11")
    theirs = BASE.replace(item + "    due: 2026-02-10\n    status: open\n", "")
    result = driver(tmp_path, BASE, ours, theirs)
    assert result.exit_code == 1
    assert "conflict in action t9hc" in result.stderr
    text = merged(tmp_path)
    assert (
        "<<<<<<< ours\n" + item + "    due: 2026-02-11\n    status: open\n=======\n>>>>>>> theirs\n"
        in text
    )


def test_responses_merge_by_rater_and_goal(tmp_path: Path) -> None:
    base = (
        "---\nkind: mini-survey\ndate: 2026-02-05\nscale: [-3, 3]\nresponses:\n"
        "  - {rater: R1, group: manager, goal: G1, rating: 1}\n"
        "  - {rater: R2, group: peer, goal: G1, rating: 2}\n---\n# Round\n"
    )
    ours = base.replace("goal: G1, rating: 1}", "goal: G1, rating: 2}").replace(
        "---\n# Round", "  - {rater: R3, group: peer, goal: G1, rating: 0}\n---\n# Round"
    )
    theirs = base.replace(
        "---\n# Round", "  - {rater: R4, group: peer, goal: G1, rating: -1}  # late\n---\n# Round"
    ).replace("peer, goal: G1, rating: 2}", "peer, goal: G1, rating: 2, comment: Clearer}")
    result = driver(tmp_path, base, ours, theirs)
    assert result.exit_code == 0, result.output
    assert merged(tmp_path) == (
        "---\nkind: mini-survey\ndate: 2026-02-05\nscale: [-3, 3]\nresponses:\n"
        "  - {rater: R1, group: manager, goal: G1, rating: 2}\n"
        "  - {rater: R2, group: peer, goal: G1, rating: 2, comment: Clearer}\n"
        "  - {rater: R3, group: peer, goal: G1, rating: 0}\n"
        "  - {rater: R4, group: peer, goal: G1, rating: -1}  # late\n---\n# Round\n"
    )


def test_a_conflict_in_a_one_line_response_marks_that_line(tmp_path: Path) -> None:
    base = "---\nkind: 360\nresponses:\n  - {rater: R1, goal: G1, rating: 1}\n---\n"
    ours = base.replace("rating: 1", "rating: 2")
    theirs = base.replace("rating: 1", "rating: 3")
    result = driver(tmp_path, base, ours, theirs)
    assert result.exit_code == 1
    assert merged(tmp_path) == (
        "---\nkind: 360\nresponses:\n<<<<<<< ours\n  - {rater: R1, goal: G1, rating: 2}\n"
        "=======\n  - {rater: R1, goal: G1, rating: 3}\n>>>>>>> theirs\n---\n"
    )


def test_goal_files_merge_key_by_key_and_keep_both_sides_bytes(tmp_path: Path) -> None:
    base = (
        "---\nid: G1\ntitle: Delegate\nstatus: active  # active, achieved\n"
        "stakeholders: [Priya, Sam]\n---\nWhy it matters.\n"
    )
    ours = base.replace("title: Delegate", "title: Delegate decisions")
    theirs = base.replace("active  #", "achieved  #").replace("[Priya, Sam]", "[Priya, Sam, Tom]")
    theirs += "\nThey noticed.\n"
    result = driver(tmp_path, base, ours, theirs)
    assert result.exit_code == 0, result.output
    assert merged(tmp_path) == (
        "---\nid: G1\ntitle: Delegate decisions\nstatus: achieved  # active, achieved\n"
        "stakeholders: [Priya, Sam, Tom]\n---\nWhy it matters.\n\nThey noticed.\n"
    )


def test_a_note_added_on_both_sides_keeps_every_item(tmp_path: Path) -> None:
    head = "---\nsession: 3\ndate: 2026-02-12\nactions:\n"
    ours = head + NEW_OURS + "---\n# Session 3\n"
    theirs = head + NEW_THEIRS + "---\n# Session 3\n"
    result = driver(tmp_path, "", ours, theirs)
    assert result.exit_code == 0, result.output
    assert merged(tmp_path) == head + NEW_OURS + NEW_THEIRS + "---\n# Session 3\n"


def test_crlf_bom_and_comments_are_kept(tmp_path: Path) -> None:
    base = "\ufeff" + BASE.replace("\n", "\r\n")
    ours = "\ufeff" + added(BASE, NEW_OURS).replace("\n", "\r\n")
    theirs = "\ufeff" + added(BASE, NEW_THEIRS).replace("\n", "\r\n")
    result = driver(tmp_path, base.encode(), ours.encode(), theirs.encode())
    assert result.exit_code == 0, result.output
    expected = "\ufeff" + added(BASE, NEW_OURS + NEW_THEIRS).replace("\n", "\r\n")
    assert (tmp_path / "ours").read_bytes() == expected.encode()


def test_a_side_that_does_not_parse_is_merged_as_text_and_said_so(tmp_path: Path) -> None:
    theirs = BASE.replace("duration: 60", "duration: [60")
    result = driver(tmp_path, BASE, BASE.replace("Better week.", "A better week."), theirs)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "sessions/02-2026-01-29.md: merged as text by git merge-file: theirs does not parse ("
    )
    assert len(result.stderr.splitlines()) == 1
    assert merged(tmp_path) == theirs.replace("Better week.", "A better week.")


def test_a_side_that_does_not_parse_and_conflicts_keeps_both_sides(tmp_path: Path) -> None:
    ours = BASE.replace("duration: 60", "duration: 45")
    theirs = BASE.replace("duration: 60", "duration: [60")
    result = driver(tmp_path, BASE, ours, theirs)
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    text = merged(tmp_path)
    assert "<<<<<<< ours\nduration: 45  # minutes\n=======\nduration: [60  # minutes\n" in text


def test_a_binary_file_is_refused_and_ours_left_as_it_was(tmp_path: Path) -> None:
    result = driver(tmp_path, b"\x00\x01", b"\x00\x02", b"\x00\x03")
    assert result.exit_code == 2
    assert result.stderr.startswith("sessions/02-2026-01-29.md: ours is a binary file")
    assert len(result.stderr.splitlines()) == 1
    assert (tmp_path / "ours").read_bytes() == b"\x00\x02"


def test_a_missing_file_is_refused_and_nothing_written(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"ours": BASE, "theirs": BASE})
    result = run(
        "merge-driver", str(tmp_path / "nope"), str(tmp_path / "ours"), str(tmp_path / "theirs"),
        "sessions/02.md", cwd=tmp_path,
    )  # fmt: skip
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{tmp_path / 'nope'}: no such file (the common ancestor, %O); nothing was merged\n"
    )
    assert merged(tmp_path) == BASE


def test_a_clean_merge_reads_back(tmp_path: Path) -> None:
    driver(tmp_path, BASE, added(BASE, NEW_OURS), added(BASE, NEW_THEIRS))
    note = parse_note(tmp_path / "ours", (tmp_path / "ours").read_bytes())
    assert [item["id"] for item in note.meta["actions"]] == ["t9hc", "w3fn", "ab12", "cd34"]


def test_themes_merge_group_by_group_and_text_by_text(tmp_path: Path) -> None:
    base = (
        "---\nkind: interview\nthemes:\n  peer:\n    needs: [Late plans]\n"
        "  direct-report:\n    strengths:\n      - Calm\n---\n"
    )
    ours = base.replace("[Late plans]", "[Late plans, Quiet in meetings]")
    theirs = base.replace("      - Calm\n", "      - Calm\n      - Fair\n").replace(
        "[Late plans]", "[Late plans, Decides alone]"
    )
    result = driver(tmp_path, base, ours, theirs)
    assert result.exit_code == 0, result.output
    assert merged(tmp_path) == (
        "---\nkind: interview\nthemes:\n  peer:\n"
        "    needs: [Late plans, Quiet in meetings, Decides alone]\n"
        "  direct-report:\n    strengths:\n      - Calm\n      - Fair\n---\n"
    )


def test_a_key_added_on_both_sides_with_different_values_conflicts(tmp_path: Path) -> None:
    base = "---\nsession: 3\n---\n"
    result = driver(
        tmp_path,
        base,
        base.replace("3\n", "3\nduration: 45\n"),
        base.replace("3\n", "3\nduration: 60\n"),
    )
    assert result.exit_code == 1
    assert merged(tmp_path) == (
        "---\nsession: 3\n<<<<<<< ours\nduration: 45\n=======\nduration: 60\n>>>>>>> theirs\n---\n"
    )


def test_outside_any_repository_the_driver_merges_the_three_files(tmp_path: Path) -> None:
    outside = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], cwd=tmp_path, capture_output=True, check=False
    )
    assert outside.returncode != 0
    result = driver(tmp_path, BASE, added(BASE, NEW_OURS), added(BASE, NEW_THEIRS))
    assert result.exit_code == 0, result.output
    assert merged(tmp_path) == added(BASE, NEW_OURS + NEW_THEIRS)
