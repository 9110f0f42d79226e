"""`coachkit lint --fix` takes a done item's missing `done:` date from git history."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from coachkit.lint.done_dates import NoDoneDate, Version, done_since
from coachkit.notes.located_map import LocatedMap
from tests.fixtures import RILEY_ENGAGEMENT
from tests.helpers import build_file_tree, commits, committed_files, git, run

RULE = "action-done-without-date"
NOTE = "sessions/01-2026-01-15.md"
SESSION = """\
---
session: 1
date: 2026-01-15
actions:
  - id: a1b2
    title: Draft the delegation map  # the map from the offsite
    owner: Riley
    due: 2026-03-01
    status: open
  - id: c3d4
    title: Ask Priya what she wants to own
    owner: Riley
    due: 2026-02-01
    status: open
---
# Session 1

Body text stays as it is.
"""
# The first item, marked done: the line the fix adds goes after its last key.
A1B2_DONE = SESSION.replace("    status: open\n  - id: c3d4", "    status: done\n  - id: c3d4")
A1B2_FIXED = A1B2_DONE.replace(
    "    status: done\n  - id: c3d4", "    status: done\n    done: 2026-02-03\n  - id: c3d4"
)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "COACHKIT_LINT_FORMAT", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


def commit_on(root: Path, day: str, message: str) -> None:
    """Commit everything in ``root`` with author and committer date ``day`` (noon)."""
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    subprocess.run(
        ["git", "commit", "-q", "--no-verify", "-m", message], cwd=root, check=True, env=env
    )


def write(root: Path, text: str, newline: str = "\n", path: str = NOTE) -> Path:
    note = root / path
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return note


@pytest.fixture
def engagement(tmp_path: Path) -> Path:
    """An engagement whose two items were agreed (open) in a commit of 2026-01-15."""
    root = build_file_tree(tmp_path / "globex-riley-chen", {"engagement.md": RILEY_ENGAGEMENT})
    write(root, SESSION)
    git(root, "init", "-q")
    commit_on(root, "2026-01-15", "Session 1")
    return root


def finding_line(line: int, item: str) -> str:
    return f"{NOTE}:{line}:5: info {RULE} action {item} is done but has no done: date"


def test_fix_takes_the_date_of_the_commit_that_marked_the_item_done(engagement: Path) -> None:
    note = write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    # A later commit that touches the file again does not move the date.
    write(engagement, A1B2_DONE.replace("Body text", "Body text, edited,"))
    commit_on(engagement, "2026-02-10", "Edit the body")
    before = note.read_bytes()

    result = run("lint", "--fix", "--select", RULE, cwd=engagement)

    assert result.exit_code == 0, result.output
    assert note.read_bytes() == before.replace(
        b"    status: done\n  - id: c3d4", b"    status: done\n    done: 2026-02-03\n  - id: c3d4"
    )
    assert result.stdout == f"{note}\n0 errors, 0 warnings, 0 info in 2 files\n"
    assert f"fixed {NOTE}:5:5: {RULE}: inserted 'done: 2026-02-03'\n" in result.stderr
    assert commits(engagement)[0] == f"Fix lint findings: {RULE}"
    assert committed_files(engagement) == [NOTE]
    assert git(engagement, "status", "--porcelain") == ""


def test_the_fix_is_what_set_fields_writes(engagement: Path) -> None:
    from coachkit.lint.done_dates import _item_locator
    from coachkit.notes.front_matter_edit import open_for_edit, set_fields

    note = write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    editable = open_for_edit(note)

    def mutate(data: Any) -> None:
        data["actions"][0]["done"] = dt.date(2026, 2, 3)

    set_fields(editable, _item_locator(0), {"done": dt.date(2026, 2, 3)}, mutate)
    assert run("lint", "--fix", "--select", RULE, cwd=engagement).exit_code == 0
    assert note.read_bytes() == editable.render() == A1B2_FIXED.encode()


def test_diff_shows_the_date_and_writes_nothing(engagement: Path) -> None:
    note = write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    before = note.read_bytes()

    result = run("lint", "--diff", "--select", RULE, cwd=engagement)

    assert result.exit_code == 0, result.output
    assert note.read_bytes() == before
    assert commits(engagement) == ["a1b2 done", "Session 1"]
    assert result.stdout == (
        f"--- a/{NOTE}\n"
        f"+++ b/{NOTE}\n"
        "@@ -7,6 +7,7 @@\n"
        "     owner: Riley\n"
        "     due: 2026-03-01\n"
        "     status: done\n"
        "+    done: 2026-02-03\n"
        "   - id: c3d4\n"
        "     title: Ask Priya what she wants to own\n"
        "     owner: Riley\n"
    )
    assert result.stderr == (
        "would fix 1 finding in 1 file; run `coachkit lint --fix` to apply\n"
        "0 errors, 0 warnings, 1 info in 2 files\n"
    )


def test_an_item_created_done_takes_its_first_commit_date(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path / "acme", {"engagement.md": RILEY_ENGAGEMENT})
    note = write(root, SESSION.replace("status: open\n---", "status: done\n---"))
    git(root, "init", "-q")
    commit_on(root, "2026-01-16", "Session 1, written after the fact")

    result = run("lint", "--fix", "--select", RULE, cwd=root)

    assert result.exit_code == 0, result.output
    assert note.read_text(encoding="utf-8") == SESSION.replace(
        "status: open\n---", "status: done\n    done: 2026-01-16\n---"
    )


def test_an_item_done_only_in_the_working_tree_is_not_fixed(engagement: Path) -> None:
    note = write(engagement, A1B2_DONE)
    before = note.read_bytes()

    result = run("lint", "--fix", "--select", RULE, cwd=engagement)

    assert result.exit_code == 0, result.output
    assert note.read_bytes() == before
    assert commits(engagement) == ["Session 1"]
    assert result.stdout == f"{finding_line(5, 'a1b2')}\n0 errors, 0 warnings, 1 info in 2 files\n"
    assert result.stderr == (
        f"{NOTE}:5:5: {RULE}: not fixed: no done date in git history: "
        "the item was never committed as done\n"
    )


def test_diff_says_why_too(engagement: Path) -> None:
    write(engagement, A1B2_DONE)
    result = run("lint", "--diff", "--select", RULE, cwd=engagement)
    assert result.stdout == ""
    assert result.stderr.splitlines()[:2] == [
        f"{NOTE}:5:5: {RULE}: not fixed: no done date in git history: "
        "the item was never committed as done",
        "nothing to fix",
    ]


@pytest.mark.parametrize(
    ("newline", "bom"), [("\n", False), ("\r\n", False), ("\r\n", True)], ids=["lf", "crlf", "bom"]
)
def test_line_endings_bom_and_comments_stay(engagement: Path, newline: str, bom: bool) -> None:
    text = A1B2_DONE.replace("    status: done\n", "    status: done   # at last\n", 1)
    text = text.replace("actions:\n", "# agreed on the call\nactions:\n")
    data = text.replace("\n", newline).encode("utf-8")
    note = engagement / NOTE
    note.write_bytes(b"\xef\xbb\xbf" + data if bom else data)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    before = note.read_bytes()

    result = run("lint", "--fix", "--select", RULE, cwd=engagement)

    assert result.exit_code == 0, result.output
    old = f"    status: done   # at last{newline}".encode()
    assert note.read_bytes() == before.replace(old, old + f"    done: 2026-02-03{newline}".encode())
    assert git(engagement, "status", "--porcelain") == ""


def test_fixed_with_the_other_fixes_in_one_commit(engagement: Path) -> None:
    note = write(engagement, A1B2_DONE.replace("due: 2026-03-01", "due: 2026-3-1"))
    commit_on(engagement, "2026-02-03", "a1b2 done")

    result = run("lint", "--fix", "--select", f"{RULE},date-not-iso", cwd=engagement)

    assert result.exit_code == 0, result.output
    assert note.read_text(encoding="utf-8") == A1B2_FIXED
    assert commits(engagement)[0] == f"Fix lint findings: {RULE}, date-not-iso"


def test_json_output_stays_parseable(engagement: Path) -> None:
    write(engagement, A1B2_DONE)
    result = run("lint", "--fix", "--select", RULE, "--format", "json", cwd=engagement)
    assert [r["rule"] for r in json.loads(result.stdout)] == [RULE]
    assert "not fixed: no done date in git history" in result.stderr


# --- history that is not a straight line -------------------------------------------------------


def test_reopened_then_done_again_takes_the_last_time(engagement: Path) -> None:
    note = write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-01-20", "a1b2 done")
    write(engagement, SESSION)
    commit_on(engagement, "2026-01-25", "a1b2 reopened")
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done again")

    assert run("lint", "--fix", "--select", RULE, cwd=engagement).exit_code == 0
    assert note.read_text(encoding="utf-8") == A1B2_FIXED


def test_reopened_in_the_last_commit_is_not_fixed(engagement: Path) -> None:
    note = write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-01-20", "a1b2 done")
    write(engagement, SESSION)
    commit_on(engagement, "2026-01-25", "a1b2 reopened")
    write(engagement, A1B2_DONE)  # done again, not committed

    result = run("lint", "--fix", "--select", RULE, cwd=engagement)

    assert note.read_text(encoding="utf-8") == A1B2_DONE
    assert "the item is not done in the last commit of this file" in result.stderr


def test_a_renamed_note_keeps_its_history(engagement: Path) -> None:
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    git(engagement, "mv", NOTE, "sessions/01-kickoff.md")
    commit_on(engagement, "2026-02-05", "Rename")

    assert run("lint", "--fix", "--select", RULE, cwd=engagement).exit_code == 0
    renamed = engagement / "sessions/01-kickoff.md"
    assert renamed.read_text(encoding="utf-8") == A1B2_FIXED


def test_a_committed_done_date_that_was_deleted_is_restored(engagement: Path) -> None:
    note = write(engagement, A1B2_FIXED.replace("done: 2026-02-03", "done: 2026-01-30"))
    commit_on(engagement, "2026-02-03", "a1b2 done on the 30th")
    write(engagement, A1B2_DONE)  # the done: line deleted by mistake

    assert run("lint", "--fix", "--select", RULE, cwd=engagement).exit_code == 0
    assert note.read_text(encoding="utf-8") == A1B2_FIXED.replace(
        "done: 2026-02-03", "done: 2026-01-30"
    )


def test_an_item_with_an_empty_done_key(engagement: Path) -> None:
    note = write(engagement, A1B2_DONE.replace("status: done\n", "status: done\n    done:\n", 1))
    commit_on(engagement, "2026-02-03", "a1b2 done")
    result = run("lint", "--fix", "--select", RULE, cwd=engagement)
    assert result.exit_code == 0, result.output
    assert note.read_text(encoding="utf-8") == A1B2_FIXED


# --- no history to ask -------------------------------------------------------------------------


def test_no_repository(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path / "acme", {"engagement.md": RILEY_ENGAGEMENT})
    note = write(root, A1B2_DONE)
    result = run("lint", "--fix", "--select", RULE, cwd=root)
    assert note.read_text(encoding="utf-8") == A1B2_DONE
    assert result.stderr.startswith(
        f"{NOTE}:5:5: {RULE}: not fixed: no done date from git: {root / 'sessions'} "
        "is not in a git repository\n"
    )
    assert finding_line(5, "a1b2") in result.stdout


def test_a_file_never_committed(engagement: Path) -> None:
    note = write(engagement, A1B2_DONE, path="sessions/02-2026-01-29.md")
    result = run("lint", "--fix", "--select", RULE, cwd=engagement)
    assert note.read_text(encoding="utf-8") == A1B2_DONE
    assert (
        f"sessions/02-2026-01-29.md:5:5: {RULE}: not fixed: no done date in git history: "
        "the file was never committed\n"
    ) in result.stderr


def test_a_repository_without_commits(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path / "acme", {"engagement.md": RILEY_ENGAGEMENT})
    write(root, A1B2_DONE)
    git(root, "init", "-q")
    result = run("lint", "--fix", "--no-commit", "--select", RULE, cwd=root)
    assert "the file was never committed" in result.stderr


def test_no_git_on_path(engagement: Path, tmp_path: Path) -> None:
    note = write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    result = run("lint", "--fix", "--select", RULE, cwd=engagement, env={"PATH": str(empty)})
    assert note.read_text(encoding="utf-8") == A1B2_DONE
    assert (
        f"{NOTE}:5:5: {RULE}: not fixed: no done date from git: git is not installed or not on PATH"
        in result.stderr
    )


def test_an_item_without_an_id(engagement: Path) -> None:
    text = A1B2_DONE.replace("  - id: a1b2\n    title:", "  - title:")
    note = write(engagement, text)
    commit_on(engagement, "2026-02-03", "done")
    result = run("lint", "--fix", "--select", RULE, cwd=engagement)
    assert note.read_text(encoding="utf-8") == text
    assert "not fixed: the item has no id, so its history cannot be followed" in result.stderr


def test_two_items_with_one_id_are_not_guessed(engagement: Path) -> None:
    text = A1B2_DONE.replace("id: c3d4", "id: A1B2")
    note = write(engagement, text)
    commit_on(engagement, "2026-02-03", "done")
    result = run("lint", "--fix", "--select", RULE, cwd=engagement)
    assert note.read_text(encoding="utf-8") == text
    assert "another item in this file has id a1b2" in result.stderr


# --- a plain lint run never asks git ----------------------------------------------------------


@pytest.fixture
def processes(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The argument lists of every process started from now on (they still run)."""
    started: list[Any] = []
    original = subprocess.Popen._execute_child  # type: ignore[attr-defined]

    def spy(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> Any:
        started.append(args)
        return original(self, args, *rest, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "_execute_child", spy)
    return started


def test_plain_lint_starts_no_process(engagement: Path, processes: list[Any]) -> None:
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    processes.clear()
    result = run("lint", cwd=engagement)
    assert finding_line(5, "a1b2") in result.stdout
    assert processes == []
    run("lint", "--diff", "--select", RULE, cwd=engagement)
    assert any("git" in str(args) for args in processes)  # the spy does see git


def test_plain_lint_is_the_same_without_git(engagement: Path, tmp_path: Path) -> None:
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    with_git = run("lint", "--format", "json", cwd=engagement)
    without = run("lint", "--format", "json", cwd=engagement, env={"PATH": str(empty)})
    assert (without.exit_code, without.stdout, without.stderr) == (
        with_git.exit_code,
        with_git.stdout,
        with_git.stderr,
    )
    assert RULE in with_git.stdout


# --- done_since -------------------------------------------------------------------------------


def _version(day: int, status: str | None, readable: bool = True) -> Version:
    meta = LocatedMap()
    if status is not None:
        item = LocatedMap()
        item.update({"id": "X1", "status": status})
        meta["actions"] = [item]
    return Version(f"sha{day}", dt.date(2026, 1, day), meta, readable)


def test_done_since_skips_unreadable_versions_and_ends_runs_on_missing_items() -> None:
    assert done_since([_version(1, "open"), _version(2, "done")], "x1").date == dt.date(2026, 1, 2)
    unreadable = [_version(1, "open"), _version(2, "done"), _version(3, None, readable=False)]
    assert done_since(unreadable, "X1").sha == "sha2"
    gone = [_version(2, "done"), _version(3, None), _version(4, "done")]
    assert done_since(gone, "X1").sha == "sha4"
    with pytest.raises(NoDoneDate, match="never committed as done"):
        done_since([_version(1, "open"), _version(2, None)], "X1")


def test_describe_line_matches_the_fixed_pattern(engagement: Path) -> None:
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    result = run("lint", "--fix", "--no-commit", "--select", RULE, cwd=engagement)
    assert re.search(
        rf"^fixed {NOTE}:5:5: {RULE}: inserted 'done: 2026-02-03'$", result.stderr, re.M
    )
    assert "not committed (--no-commit)" in result.stderr


def test_git_problem_is_the_fatal_line() -> None:
    from coachkit.lint.git_history import git_problem

    said = "warning: x\nfatal: detected dubious ownership in repository at '/x'\nhint: add it\n"
    assert git_problem(said) == "fatal: detected dubious ownership in repository at '/x'"
    assert git_problem("") == "git log failed"
