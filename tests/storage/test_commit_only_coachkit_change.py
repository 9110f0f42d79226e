"""Commits hold only coachkit's change: the coach's own edits to a file a command writes,
staged or not, stay where they were (work tree, index) and out of coachkit's commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import build_file_tree, commits, committed_files, git, run

ENGAGEMENT = "engagement.md"
SESSION = "sessions/02-2026-01-29.md"
G1 = "goals/G1-delegate-strategic-decisions.md"

# The coach's own edits, typed in their editor and not committed.
LOGISTICS = "Twelve sessions of 60 minutes, every two weeks, on video, Thursdays at 08:00."
REWRITTEN = "Twelve sessions of 45 minutes, every two weeks, in person, Tuesdays at 09:00."
CHECK_IN = "Better week; the release went out cleanly."
CHECK_IN_STAGED = "Better week; the release went out cleanly, a day early."
REFLECTION = '"Handing over the decision is different from handing over the work."'
REFLECTION_EDITED = REFLECTION + " Jordan said it twice."
WHY = "Jordan approves every architecture decision; the leads wait, and Jordan works evenings."
WHY_STAGED = "Jordan approves every architecture decision; the leads wait; Jordan works weekends."


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _diff(root: Path, *what: str, path: str) -> tuple[list[str], list[str]]:
    """The lines ``git diff WHAT -- PATH`` removes and adds."""
    out = git(root, "diff", "-U0", "--no-color", *what, "--", path).splitlines()
    removed = [line[1:] for line in out if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in out if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def _committed(root: Path, name: str, rev: str = "HEAD") -> str:
    return git(root, "show", f"{rev}:{name}")


DONE_T9HC = (["    status: open"], ["    status: done", "    done: 2026-02-12"])


def test_an_unstaged_edit_elsewhere_in_the_file_stays_out_of_the_commit(sample: Path) -> None:
    _edit(sample, ENGAGEMENT, LOGISTICS, REWRITTEN)  # the coach rewrites the agreement
    result = run(
        "action", "add", "Book the mid-point three-way meeting",
        "--owner", "Alex", "--due", "2026-03-02", "--in", ENGAGEMENT,
        cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{sample / ENGAGEMENT}\n"
    assert "committed " in result.stderr
    assert commits(sample)[0].startswith("Add action ")
    assert committed_files(sample) == [ENGAGEMENT]
    removed, added = _diff(sample, "HEAD~1", "HEAD", path=ENGAGEMENT)
    assert removed == []
    assert "    title: Book the mid-point three-way meeting" in added
    assert REWRITTEN not in _committed(sample, ENGAGEMENT)
    assert LOGISTICS in _committed(sample, ENGAGEMENT)
    # The work tree keeps both; the coach's rewrite is their only change left.
    text = (sample / ENGAGEMENT).read_text(encoding="utf-8")
    assert REWRITTEN in text and "Book the mid-point three-way meeting" in text
    assert _diff(sample, path=ENGAGEMENT) == ([LOGISTICS], [REWRITTEN])
    assert _diff(sample, "--cached", path=ENGAGEMENT) == ([], [])
    assert git(sample, "status", "--porcelain") == f" M {ENGAGEMENT}\n"


def test_a_staged_edit_stays_staged_and_uncommitted(sample: Path) -> None:
    _edit(sample, SESSION, CHECK_IN, CHECK_IN_STAGED)
    git(sample, "add", SESSION)
    _edit(sample, SESSION, REFLECTION, REFLECTION_EDITED)  # and one more, not staged
    result = run("action", "done", "t9hc", cwd=sample)
    assert result.exit_code == 0, result.output
    assert committed_files(sample) == [SESSION]
    assert _diff(sample, "HEAD~1", "HEAD", path=SESSION) == DONE_T9HC
    # Staged against the new HEAD: the coach's staged edit alone, coachkit's change not undone.
    assert _diff(sample, "--cached", path=SESSION) == ([CHECK_IN], [CHECK_IN_STAGED])
    assert _diff(sample, path=SESSION) == ([REFLECTION], [REFLECTION_EDITED])
    text = (sample / SESSION).read_text(encoding="utf-8")
    assert CHECK_IN_STAGED in text and REFLECTION_EDITED in text and "    done: 2026-02-12" in text
    assert git(sample, "status", "--porcelain") == f"MM {SESSION}\n"


def test_an_edit_to_the_lines_coachkit_changes_is_written_and_not_committed(sample: Path) -> None:
    head = git(sample, "rev-parse", "HEAD")
    mine = "    status: open  # nearly: Priya has the draft\n    goal: G1"
    _edit(sample, SESSION, "    status: open\n    goal: G1", mine)
    result = run("action", "done", "t9hc", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{sample / SESSION}\n"
    said = [line for line in result.stderr.splitlines() if "commit" in line]
    assert said == [
        f"not committed: your own edits to {SESSION} overlap the lines coachkit changed; "
        f"the file holds both, review it, then run: git add -- {SESSION} && "
        f"git commit -m 'Mark action t9hc done: Hand the Q3 capacity plan to Priya, with the…' "
        f"-m 'Mark action t9hc done: Hand the Q3 capacity plan to Priya, with the "
        f"decision rights written down' -- {SESSION}"
    ]
    assert git(sample, "rev-parse", "HEAD") == head
    assert "    status: done  # nearly: Priya has the draft" in (sample / SESSION).read_text(
        encoding="utf-8"
    )
    assert _diff(sample, "--cached", path=SESSION) == ([], [])
    assert git(sample, "status", "--porcelain") == f" M {SESSION}\n"


def test_a_new_file_is_committed_as_written(sample: Path) -> None:
    _edit(sample, ENGAGEMENT, LOGISTICS, REWRITTEN)  # an edit the command does not touch
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0, result.output
    new = "sessions/03-2026-02-12.md"
    assert committed_files(sample) == [new]
    assert _committed(sample, new) == (sample / new).read_text(encoding="utf-8")
    assert git(sample, "status", "--porcelain") == f" M {ENGAGEMENT}\n"


def test_a_note_git_does_not_have_yet_is_committed_whole(sample: Path) -> None:
    """The coach made the note by hand and never committed it: there is no HEAD version to
    apply the change to, so the note goes in as written, their lines with coachkit's."""
    name = "sessions/03-2026-02-12.md"
    build_file_tree(
        sample, {name: "---\nsession: 3\ndate: 2026-02-12\n---\n# Session 3\nTyped by hand.\n"}
    )
    result = run(
        "action", "add", "Rehearse the board opening", "--owner", "Jordan", "--due", "+1w",
        "--in", name, cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert committed_files(sample) == [name]
    assert _committed(sample, name) == (sample / name).read_text(encoding="utf-8")
    assert "Typed by hand." in _committed(sample, name)
    assert git(sample, "status", "--porcelain") == ""


def test_a_clean_file_is_committed_as_before(sample: Path) -> None:
    result = run("action", "done", "t9hc", cwd=sample)
    assert result.exit_code == 0, result.output
    sha = git(sample, "rev-parse", "--short", "HEAD").strip()
    assert result.stderr.splitlines()[-1] == (
        f"committed {sha}: Mark action t9hc done: Hand the Q3 capacity plan to Priya, with the…"
    )  # the subject: the full title is in the body
    assert committed_files(sample) == [SESSION]
    assert _diff(sample, "HEAD~1", "HEAD", path=SESSION) == DONE_T9HC
    assert git(sample, "status", "--porcelain") == ""


def test_several_files_each_commit_only_coachkit_change(sample: Path) -> None:
    """`close` edits engagement.md, a goal and a session note: the first with the coach's
    unstaged rewrite, the second with a staged edit, the third clean."""
    _edit(sample, ENGAGEMENT, LOGISTICS, REWRITTEN)
    _edit(sample, G1, WHY, WHY_STAGED)
    git(sample, "add", G1)
    result = run(
        "close", "--end", "2026-07-09", "--goal", "G1=achieved", "--open-actions", "drop",
        cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert commits(sample)[0].startswith("Close the engagement with Jordan Lee")
    assert sorted(committed_files(sample)) == [ENGAGEMENT, G1, SESSION]
    removed, added = _diff(sample, "HEAD~1", "HEAD", path=ENGAGEMENT)
    assert "phase: closure" in added and REWRITTEN not in added and LOGISTICS not in removed
    assert _diff(sample, "HEAD~1", "HEAD", path=G1) == (["status: active"], ["status: achieved"])
    removed, added = _diff(sample, "HEAD~1", "HEAD", path=SESSION)
    assert removed == ["    status: open", "    status: open"]
    assert _diff(sample, "--cached", path=G1) == ([WHY], [WHY_STAGED])
    assert _diff(sample, path=ENGAGEMENT) == ([LOGISTICS], [REWRITTEN])
    assert git(sample, "status", "--porcelain").splitlines() == [f" M {ENGAGEMENT}", f"M  {G1}"]


def _git_processes(trace: Path) -> list[str]:
    """The git commands a run started itself (not their children), from git's trace2 log."""
    import json

    events = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    return [
        event["name"]
        for event in events
        if event["event"] == "cmd_name" and "/" not in event["sid"]
    ]


def test_few_git_processes_per_write(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clean note costs what it always did (two git processes); a note with the coach's
    own edits one process per step, one `merge-file` per such note, and one `git config`
    (does the coach sign commits? `commit-tree` does not read the setting itself)."""
    trace = tmp_path / "trace2.json"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    assert run("action", "done", "t9hc", cwd=sample).exit_code == 0
    clean = _git_processes(trace)
    trace.unlink()
    _edit(sample, SESSION, REFLECTION, REFLECTION_EDITED)
    assert run("action", "done", "w3fn", cwd=sample).exit_code == 0
    edited = _git_processes(trace)
    assert sorted(clean) == ["cat-file", "commit"]
    steps = "cat-file config merge-file hash-object read-tree update-index write-tree commit-tree"
    assert sorted(edited) == sorted([*steps.split(), "update-ref", "update-index"])
