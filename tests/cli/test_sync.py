"""coachkit sync against a bare repository in a temporary folder, with two clones.

Every stop is checked for what it must never do: lose a local commit or touch
the coach's files.
"""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, commits, git, run


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def clean(repo: Path) -> bool:
    return git(repo, "status", "--porcelain", "--untracked-files=no") == ""


@pytest.fixture
def practice(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A bare remote with the sample engagement, cloned twice (two coaches, or two machines)."""
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    git(tmp_path, "clone", "-q", str(remote), "a")
    a = tmp_path / "a"
    assert run("sample", "acme", cwd=a).exit_code == 0
    git(a, "push", "-q", "-u", "origin", "main")
    git(tmp_path, "clone", "-q", str(remote), "b")
    return remote, a, tmp_path / "b"


def add_action(repo: Path, title: str) -> None:
    done = run("action", "add", title, "--owner", "Jordan", "--due", "fri", cwd=repo / "acme")
    assert done.exit_code == 0, done.output


def test_up_to_date(practice: tuple[Path, Path, Path]) -> None:
    _, a, _ = practice
    result = run("sync", cwd=a)
    assert (result.exit_code, result.stdout, result.stderr) == (0, ".: up to date\n", "")


def test_ahead_is_pushed_and_behind_is_pulled(practice: tuple[Path, Path, Path]) -> None:
    remote, a, b = practice
    add_action(a, "Rehearse the board opening")
    checked = run("sync", "--check", cwd=a)
    assert (checked.exit_code, checked.stdout) == (1, ".: ahead 1, behind 0\n")
    pushed = run("sync", cwd=a)
    assert (pushed.exit_code, pushed.stdout) == (0, ".: pushed 1\n")
    assert git(remote, "rev-parse", "main") == git(a, "rev-parse", "HEAD")

    behind = run("sync", "--check", cwd=b)
    assert (behind.exit_code, behind.stdout) == (1, ".: ahead 0, behind 1\n")
    assert git(b, "rev-parse", "HEAD") != git(b, "rev-parse", "origin/main")  # --check fetched only
    pulled = run("sync", cwd=b)
    assert (pulled.exit_code, pulled.stdout) == (0, ".: pulled 1\n")
    assert head(b) == head(a)
    assert run("sync", "--check", cwd=b).exit_code == 0


def test_diverged_without_conflict_merges_and_pushes(practice: tuple[Path, Path, Path]) -> None:
    _, a, b = practice
    assert run("goal", "edit", "G1", "--target", "4.0", cwd=a / "acme").exit_code == 0
    add_action(b, "Ask Priya how the hand-over went")
    mine = head(b)
    assert run("sync", cwd=a).stdout == ".: pushed 1\n"
    result = run("sync", cwd=b)
    assert (result.exit_code, result.stdout) == (0, ".: pulled 1, merged, pushed 1\n")
    assert git(b, "merge-base", "--is-ancestor", mine, "HEAD") == ""  # the local commit is kept
    assert "Ask Priya" in commits(b)[1]
    assert run("sync", cwd=a).stdout == ".: pulled 2\n"  # the commit and the merge
    assert "target: 4.0" in (b / "acme/goals/G1-delegate-strategic-decisions.md").read_text()


@pytest.mark.parametrize("driver", [False, True], ids=["git's text merge", "merge driver"])
def test_a_conflict_is_undone_and_nothing_is_lost(
    practice: tuple[Path, Path, Path], driver: bool
) -> None:
    _, a, b = practice
    goal = "acme/goals/G1-delegate-strategic-decisions.md"
    if driver:
        assert run("git-setup", cwd=a).exit_code == 0
        assert run("sync", cwd=a).exit_code == 0
        assert run("sync", cwd=b).exit_code == 0
        assert run("git-setup", cwd=b).exit_code == 0
    assert run("goal", "edit", "G1", "--target", "4.0", cwd=a / "acme").exit_code == 0
    assert run("goal", "edit", "G1", "--target", "4.5", cwd=b / "acme").exit_code == 0
    assert run("sync", cwd=a).exit_code == 0
    before, text = head(b), (b / goal).read_bytes()
    result = run("sync", cwd=b)
    assert result.exit_code == 2
    assert result.stdout == ""
    what = " (target)" if driver else ""
    hint = (
        ""
        if driver
        else "; `coachkit git-setup` installs the driver that merges notes item by item"
    )
    assert result.stderr == (
        f".: stopped: conflict in {goal}{what}; merge aborted (`git merge --abort`), your commits "
        "and files are as they were: run `git pull`, keep one side of each marked conflict, "
        f"`git commit`, then sync (docs/team.md){hint}\n"
    )
    assert len(result.stderr.splitlines()) == 1
    assert (head(b), (b / goal).read_bytes()) == (before, text)
    assert clean(b) and not (b / ".git/MERGE_HEAD").exists()


def test_a_dirty_tree_is_refused_before_anything(practice: tuple[Path, Path, Path]) -> None:
    _, a, b = practice
    add_action(a, "Something new upstream")
    assert run("sync", cwd=a).exit_code == 0
    note = b / "acme/engagement.md"
    note.write_text(note.read_text() + "\nA thought of mine.\n")
    before = head(b)
    result = run("sync", cwd=b)
    assert result.exit_code == 2
    assert result.stderr == (
        ".: stopped: uncommitted changes (acme/engagement.md): commit them, "
        "or `git stash` them, then sync\n"
    )
    assert head(b) == before and note.read_text().endswith("A thought of mine.\n")
    assert run("sync", "--check", cwd=b).stdout == ".: ahead 0, behind 1\n"  # --check reports


def test_no_remote_and_no_upstream_are_refused(tmp_path: Path) -> None:
    assert run("sample", "solo", cwd=tmp_path).exit_code == 0
    solo = tmp_path / "solo"
    result = run("sync", cwd=solo)
    assert result.exit_code == 2
    assert result.stderr == (
        ".: stopped: no remote: add the practice repository with `git remote add origin URL`, "
        "then `git push -u origin main` once\n"
    )
    git(tmp_path, "init", "-q", "--bare", "solo.git")
    git(solo, "remote", "add", "origin", str(tmp_path / "solo.git"))
    result = run("sync", cwd=solo)
    assert result.stderr == (
        ".: stopped: branch main has no upstream: run `git push -u origin main` once, then sync\n"
    )
    git(solo, "push", "-q", "-u", "origin", "main")
    assert run("sync", cwd=solo).stdout == ".: up to date\n"


def test_an_unreachable_remote_is_one_line(practice: tuple[Path, Path, Path]) -> None:
    _, a, _ = practice
    add_action(a, "Written offline")
    git(a, "remote", "set-url", "origin", str(a.parent / "no-such-remote.git"))
    before = head(a)
    for args in (("sync",), ("sync", "--check")):
        result = run(*args, cwd=a)
        assert result.exit_code == 2
        assert result.stderr.startswith(".: stopped: cannot fetch from origin: ")
        assert result.stderr.endswith("; nothing changed here\n")
        assert len(result.stderr.splitlines()) == 1
    assert head(a) == before and clean(a)


def test_a_rejected_push_keeps_every_commit(practice: tuple[Path, Path, Path]) -> None:
    remote, a, b = practice
    hook = remote / "hooks/pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are frozen for the audit' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    add_action(a, "Kept through a refusal")
    before = head(a)
    result = run("sync", cwd=a)
    assert result.exit_code == 2
    assert result.stderr == (
        ".: stopped: push to origin refused ([remote rejected] main -> main (pre-receive hook "
        "declined): pushes are frozen for the audit); your 1 commit stays here, nothing is lost: "
        "fix that, then sync again\n"
    )
    assert head(a) == before and commits(a)[0].startswith("Add action ")
    hook.unlink()
    assert run("sync", cwd=a).stdout == ".: pushed 1\n"
    assert run("sync", cwd=b).stdout == ".: pulled 1\n"


def test_every_repository_gets_its_line(practice: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, a, _ = practice
    assert run("init", "beta", "--client", "Ana Diaz", cwd=a).exit_code == 0  # same repository
    assert run("sample", "solo", cwd=tmp_path).exit_code == 0  # a repository of its own
    build_file_tree(tmp_path / "loose", {"engagement.md": "---\nclient: Lou\n---\n"})
    result = run("sync", "a", "solo", "loose", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == "a: pushed 1\n"
    assert result.stderr.splitlines() == [
        "solo: stopped: no remote: add the practice repository with `git remote add origin URL`, "
        "then `git push -u origin main` once",
        "loose: stopped: not in a git repository; `git init` there, "
        "or move it into the practice repository",
    ]


def test_a_first_push_to_an_empty_remote(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "--bare", "remote.git")
    git(
        tmp_path, "clone", "-q", "remote.git", "first"
    )  # the upstream is set, its branch not there yet
    first = tmp_path / "first"
    assert run("sample", "acme", cwd=first).exit_code == 0
    assert run("sync", "--check", cwd=first).stdout == ".: ahead 1, behind 0\n"
    assert run("sync", cwd=first).stdout == ".: pushed 1\n"
    assert git(tmp_path / "remote.git", "rev-parse", "main") == git(first, "rev-parse", "HEAD")


def test_a_detached_head_or_a_merge_in_progress_is_left_alone(
    practice: tuple[Path, Path, Path],
) -> None:
    _, a, b = practice
    git(a, "checkout", "-q", "--detach")
    result = run("sync", cwd=a)
    assert (result.exit_code, result.stderr) == (
        2,
        ".: stopped: not on a branch (detached HEAD): `git switch BRANCH`, then sync\n",
    )
    git(a, "checkout", "-q", "main")
    assert run("goal", "edit", "G1", "--target", "4.0", cwd=a / "acme").exit_code == 0
    assert run("goal", "edit", "G1", "--target", "4.5", cwd=b / "acme").exit_code == 0
    assert run("sync", cwd=a).exit_code == 0
    git(b, "fetch", "-q")
    with pytest.raises(subprocess.CalledProcessError):
        git(b, "merge", "-q", "origin/main")  # the coach's own merge, stopped on a conflict
    conflicted = (b / "acme/goals/G1-delegate-strategic-decisions.md").read_bytes()
    result = run("sync", cwd=b)
    assert result.exit_code == 2
    assert result.stderr.startswith(".: stopped: a merge is in progress: finish it")
    assert (b / ".git/MERGE_HEAD").exists()
    assert (b / "acme/goals/G1-delegate-strategic-decisions.md").read_bytes() == conflicted
