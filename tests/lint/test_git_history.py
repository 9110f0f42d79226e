"""`lint --fix` reads the history of all its notes with one `git log`, following renames itself.

GitPython does the reading: repository discovery, the log, and the blobs through one
``git cat-file --batch``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coachkit.lint.git_history import FileHistories, NoHistory, follow, parse_log
from tests.fixtures import RILEY_ENGAGEMENT
from tests.helpers import build_file_tree, commits, git, run, run_watching_imports
from tests.lint.test_done_dates import A1B2_DONE, A1B2_FIXED, NOTE, RULE, SESSION, commit_on, write

FIXED_LINE = "    status: done\n    done: {day}\n  - id: c3d4"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "COACHKIT_LINT_FORMAT", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def engagement(tmp_path: Path) -> Path:
    """An engagement whose two items were agreed (open) in a commit of 2026-01-15."""
    root = build_file_tree(tmp_path / "globex-riley-chen", {"engagement.md": RILEY_ENGAGEMENT})
    write(root, SESSION)
    git(root, "init", "-q")
    commit_on(root, "2026-01-15", "Session 1")
    return root


def fixed_on(day: str) -> str:
    return A1B2_DONE.replace("    status: done\n  - id: c3d4", FIXED_LINE.format(day=day))


def test_a_note_renamed_after_it_was_done_keeps_the_date_from_before_the_rename(
    engagement: Path,
) -> None:
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    # Renamed into a folder with a space and a non-ASCII name, then edited after the rename.
    (engagement / "sessions/old ones").mkdir()
    git(engagement, "mv", NOTE, "sessions/old ones/01 Zoë café.md")
    commit_on(engagement, "2026-02-05", "Rename")
    moved = write(
        engagement,
        A1B2_DONE.replace("Body text", "Body text, edited,"),
        path="sessions/old ones/01 Zoë café.md",
    )
    commit_on(engagement, "2026-02-07", "Edit after the rename")
    git(engagement, "mv", "sessions/old ones/01 Zoë café.md", "sessions/01 à jour.md")
    commit_on(engagement, "2026-02-09", "Rename again")

    result = run("lint", "--fix", "--select", RULE, cwd=engagement)

    assert result.exit_code == 0, result.output
    assert not moved.exists()
    renamed = engagement / "sessions/01 à jour.md"
    assert renamed.read_text(encoding="utf-8") == fixed_on("2026-02-03").replace(
        "Body text", "Body text, edited,"
    )
    assert commits(engagement)[0] == f"Fix lint findings: {RULE}"


def test_a_file_taking_a_deleted_files_name_does_not_inherit_its_history(engagement: Path) -> None:
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    git(engagement, "rm", "-q", NOTE)
    commit_on(engagement, "2026-02-04", "Removed")
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-06", "Back again")

    assert run("lint", "--fix", "--select", RULE, cwd=engagement).exit_code == 0
    # The item was missing from the version that deleted the file: its done run restarts.
    assert (engagement / NOTE).read_text(encoding="utf-8") == fixed_on("2026-02-06")


def test_several_notes_each_take_their_own_date(engagement: Path) -> None:
    others = [f"sessions/{n:02d}-2026-01-{n + 10}.md" for n in range(2, 6)]
    for path in others:
        write(engagement, SESSION, path=path)
    commit_on(engagement, "2026-01-20", "More sessions")
    for day, path in enumerate([NOTE, *others], start=1):
        write(engagement, A1B2_DONE, path=path)
        commit_on(engagement, f"2026-02-0{day}", f"{path} done")

    result = run("lint", "--fix", "--select", RULE, cwd=engagement)

    assert result.exit_code == 0, result.output
    for day, path in enumerate([NOTE, *others], start=1):
        assert (engagement / path).read_text(encoding="utf-8") == fixed_on(f"2026-02-0{day}")


def test_uncommitted_edits_elsewhere_in_the_file_stay(engagement: Path) -> None:
    write(engagement, A1B2_DONE)
    commit_on(engagement, "2026-02-03", "a1b2 done")
    edited = A1B2_DONE.replace("Body text", "Body text, not committed yet,")
    note = write(engagement, edited)

    result = run("lint", "--fix", "--no-commit", "--select", RULE, cwd=engagement)

    assert result.exit_code == 0, result.output
    assert note.read_text(encoding="utf-8") == A1B2_FIXED.replace(
        "Body text", "Body text, not committed yet,"
    )


def test_a_path_outside_any_repository_and_one_never_committed(tmp_path: Path) -> None:
    outside = build_file_tree(tmp_path / "loose", {"a.md": "x"}) / "a.md"
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "b.md").write_text("x", encoding="utf-8")
    histories = FileHistories()
    histories.read([outside, repo / "b.md"])
    for path, said in [
        (outside, f"{outside.parent.resolve()} is not in a git repository"),
        (repo / "b.md", "the file was never committed"),
    ]:
        try:
            histories.revisions(path)
        except NoHistory as exc:
            assert str(exc) == said
        else:
            raise AssertionError(path)


def test_a_name_that_is_not_utf8_and_a_linked_work_tree(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    latin1 = repo / os.fsdecode(b"caf\xe9 notes.md")  # a name git keeps as its bytes
    latin1.write_bytes(b"first\n")
    commit_on(repo, "2026-02-03", "First")
    latin1.write_bytes(b"second\n")
    commit_on(repo, "2026-02-04", "Second")
    linked = tmp_path / "linked"
    git(repo, "worktree", "add", "-q", str(linked))  # found through its `.git` file

    histories = FileHistories()
    histories.read([latin1, linked / latin1.name])

    for path in (latin1, linked / latin1.name):
        found = histories.revisions(path)
        assert [(r.date.day, r.data) for r in found] == [(3, b"first\n"), (4, b"second\n")]


def test_parse_log_reads_renames_deletions_and_names_with_any_character() -> None:
    blob, none = b"b" * 40, b"0" * 40
    out = b"".join(
        [
            b"\x01" + b"2" * 40 + b" 2026-02-05\0",
            b"\n:100644 100644 " + blob + b" " + blob + b" R100\0a b/\xc3\xa9\nx.md\0new.md\0",
            b":100644 000000 " + blob + b" " + none + b" D\0gone.md\0",
            b"\x01" + b"1" * 40 + b" 2026-02-03\0",
            b"\n:000000 100644 " + none + b" " + blob + b" A\0a b/\xc3\xa9\nx.md\0",
        ]
    )
    log = parse_log(out)
    assert [(c.sha[0], c.date.day) for c in log] == [("2", 5), ("1", 3)]
    touched = follow(log, b"new.md")
    assert [(c.sha[0], change.status) for c, change in touched] == [("2", "R"), ("1", "A")]
    assert follow(log, b"gone.md")[0][1].status == "D"


def subcommand(argv: list[str]) -> str:
    """``log`` of ``git -c a=b -c c=d log -z …``."""
    rest = argv[1:]
    while rest and rest[0] == "-c":
        rest = rest[2:]
    return rest[0] if rest else ""


def test_fix_over_many_notes_runs_one_git_log(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path / "globex-riley-chen", {"engagement.md": RILEY_ENGAGEMENT})
    notes = [f"sessions/{n:02d}-2026-01-{n:02d}.md" for n in range(1, 31)]
    for path in notes:
        write(root, SESSION, path=path)
    git(root, "init", "-q")
    commit_on(root, "2026-01-15", "Sessions")
    git(root, "mv", notes[0], "sessions/01 renamed.md")
    notes[0] = "sessions/01 renamed.md"
    for path in notes:
        write(root, A1B2_DONE, path=path)
    commit_on(root, "2026-02-03", "All done")
    trace = tmp_path / "trace2.json"
    env = {**os.environ, "COACHKIT_TODAY": "2026-02-12", "GIT_TRACE2_EVENT": str(trace)}

    done, modules = run_watching_imports("lint", "--fix", "--select", RULE, cwd=root, env=env)

    assert done.returncode == 0, done.stderr
    assert done.stderr.count(f": {RULE}: inserted 'done: 2026-02-03'") == len(notes)
    assert "git.repo" in modules  # GitPython read the history
    assert git(root, "status", "--porcelain") == ""
    events = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    started = [event["argv"] for event in events if event["event"] == "start"]
    commands = [subcommand(argv) for argv in started]
    # GitPython's import checks the git it will drive: `git version`, twice (git.cmd's and
    # git.remote's refresh), whatever the repository.
    assert commands[:2] == ["version", "version"], started
    # The history of all 30 notes: one log, then the one `cat-file --batch` GitPython keeps
    # open for the repository, which reads every blob the log names.
    assert commands[2:4] == ["log", "cat-file"], started
    assert started[3][-1] == "--batch"
    # Then the fix's own commit, as light as every writer's (tests/storage/test_light_write_path.py):
    # own_change's `cat-file` of HEAD and the index, and `commit`.
    assert commands[4:] == ["cat-file", "commit"], started
