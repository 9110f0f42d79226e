"""Git in awkward states: the note is always written, the commit skipped with a reason."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.helpers import build_file_tree, commits, git, run


def test_no_git_on_path_writes_and_says_why(sample: Path, tmp_path: Path) -> None:
    result = run("session", "new", cwd=sample, env={"PATH": str(tmp_path / "empty")})
    assert result.exit_code == 0, result.output
    assert (sample / "sessions" / "03-2026-02-12.md").is_file()
    assert (
        "not committed: git is not installed or not on PATH; then run: git add -- " in result.stderr
    )


def test_no_identity_writes_and_says_what_to_run(sample: Path, isolated_environment: Path) -> None:
    (isolated_environment / ".gitconfig").write_text(
        "[user]\n\tuseConfigOnly = true\n", encoding="utf-8"
    )
    head = commits(sample)
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0, result.output
    assert (sample / "sessions" / "03-2026-02-12.md").is_file()
    assert (
        "not committed: git does not know who you are; run `git config --global user.name"
        in result.stderr
    )
    assert commits(sample) == head
    assert git(sample, "status", "--porcelain") == "?? sessions/03-2026-02-12.md\n"


def test_merge_in_progress_skips_the_commit(sample: Path) -> None:
    build_file_tree(sample, {"notes.txt": "base\n"})
    git(sample, "add", "notes.txt")
    git(sample, "commit", "-qm", "base")
    git(sample, "checkout", "-qb", "other")
    build_file_tree(sample, {"notes.txt": "other\n"})
    git(sample, "commit", "-qam", "other")
    git(sample, "checkout", "-q", "main")
    build_file_tree(sample, {"notes.txt": "main\n"})
    git(sample, "commit", "-qam", "main")
    merge = None
    try:
        git(sample, "merge", "-q", "other")
    except Exception as exc:  # the conflict is the point
        merge = exc
    assert merge is not None
    result = run("action", "done", "t9hc", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "not committed: a merge is in progress in" in result.stderr
    git_status = git(sample, "status", "--porcelain")
    assert " M sessions/02-2026-01-29.md" in git_status
    assert "UU notes.txt" in git_status


def test_unrelated_staged_changes_are_left_staged(sample: Path) -> None:
    build_file_tree(sample, {"draft.md": "draft\n"})
    git(sample, "add", "draft.md")
    engagement = sample / "engagement.md"
    engagement.write_text(
        engagement.read_text(encoding="utf-8") + "\nEdited by hand.\n", encoding="utf-8"
    )
    result = run("action", "done", "t9hc", cwd=sample)
    assert result.exit_code == 0, result.output
    assert git(sample, "show", "--name-only", "--format=", "HEAD").split() == [
        "sessions/02-2026-01-29.md"
    ]
    assert git(sample, "status", "--porcelain") == "A  draft.md\n M engagement.md\n"


def test_repository_with_no_commits_yet(tmp_path: Path) -> None:
    run("sample", str(tmp_path / "e"), "--no-commit")
    git(tmp_path / "e", "init", "-q")
    result = run("session", "new", cwd=tmp_path / "e")
    assert result.exit_code == 0, result.output
    assert commits(tmp_path / "e") == ["Add session 3 (2026-02-12)"]


def test_not_a_repository(tmp_path: Path) -> None:
    run("sample", str(tmp_path / "e"), "--no-commit")
    result = run("session", "new", cwd=tmp_path / "e")
    assert result.exit_code == 0, result.output
    assert f"not committed: {tmp_path / 'e'} is not in a git repository" in result.stderr


def test_config_turns_commits_off(sample: Path) -> None:
    build_file_tree(sample, {".coachkit.yaml": "commit: false\n"})
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0
    assert "not committed (commit: false in .coachkit.yaml)" in result.stderr


def test_detached_head_still_commits(sample: Path) -> None:
    git(sample, "checkout", "-q", "--detach")
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0, result.output
    assert commits(sample)[0] == "Add session 3 (2026-02-12)"


def test_a_briefly_held_index_lock_is_waited_for(sample: Path) -> None:
    import threading

    lock = sample / ".git" / "index.lock"
    lock.write_text("", encoding="utf-8")
    release = threading.Timer(0.3, lock.unlink)
    release.start()
    try:
        result = run("session", "new", cwd=sample)
    finally:
        release.join()
    assert result.exit_code == 0, result.output
    assert commits(sample)[0] == "Add session 3 (2026-02-12)"


def test_a_lock_that_stays_is_reported_with_what_to_run(sample: Path) -> None:
    (sample / ".git" / "index.lock").write_text("", encoding="utf-8")
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0
    assert "not committed: another git process is running (index.lock exists)" in result.stderr
    assert (sample / "sessions" / "03-2026-02-12.md").is_file()


def test_eight_writers_at_once_lose_nothing(sample: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "COACHKIT_TODAY": "2026-02-12"}
    commands = [
        [
            sys.executable,
            "-m",
            "coachkit",
            "action",
            "add",
            f"Parallel item {n}",
            "--owner",
            "Jordan",
            "--due",
            "fri",
        ]
        for n in range(6)
    ] + [
        # One date and --again: which of the two runs first must not matter (an earlier
        # date after a later one would need --backdate).
        [sys.executable, "-m", "coachkit", "session", "new", "--date", "2026-02-13", "--again"]
        for _ in range(2)
    ]
    running = [
        subprocess.Popen(c, cwd=sample, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for c in commands
    ]
    errors = [p.communicate()[1].decode() for p in running]
    outcomes = [(p.returncode, err) for p, err in zip(running, errors, strict=True)]
    assert [code for code, _ in outcomes] == [0] * 8, outcomes
    assert [err for _, err in outcomes if "not committed" in err] == []
    rows = json.loads(run("action", "list", "--json", cwd=sample).stdout)
    assert {f"Parallel item {n}" for n in range(6)} <= {row["title"] for row in rows}
    assert len({row["id"] for row in rows}) == len(rows)
    new_notes = sorted(p.name for p in (sample / "sessions").iterdir())[2:]
    assert sorted(name[:2] for name in new_notes) == ["03", "04"]
    assert sorted(name[3:] for name in new_notes) == ["2026-02-13.md", "2026-02-13.md"]
    assert git(sample, "status", "--porcelain") == ""
    subjects = commits(sample)
    assert len(subjects) == 1 + 8
    assert sum(s.startswith("Add session") for s in subjects) == 2
