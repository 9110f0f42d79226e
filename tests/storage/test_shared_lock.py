"""One write lock for every writer of an engagement, whatever its HOME or cache folder.

Two processes with different HOME, XDG_CACHE_HOME or COACHKIT_CACHE_DIR (two
users, a cron job) used to take different locks and lose each other's items.
The lock now lives with the engagement (engagement_lock), and every replaced
file is compared with the bytes read right before the rename (safe_write).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachkit.errors import WriteRefused
from coachkit.storage import atomic_write as safe_write
from coachkit.storage.atomic_write import replace_file
from coachkit.storage.lock import engagement_lock, lock_place
from tests.helpers import commits, git, run

WRITERS = 16
NOTE = "sessions/02-2026-01-29.md"

# Imports coachkit, waits for the start file, then runs `python -m coachkit ARGS`:
# every process reaches the write at about the same moment.
WAIT_THEN_RUN = """
import os, runpy, sys, time
import coachkit.cli
start = sys.argv[1]
while not os.path.exists(start):
    time.sleep(0.001)
sys.argv = ["coachkit", *sys.argv[2:]]
runpy.run_module("coachkit", run_name="__main__", alter_sys=True)
"""


def _own_environment(base: Path, n: int) -> dict[str, str]:
    """A user of its own: HOME, cache and config folders and git config all distinct."""
    home = base / f"home-{n}"
    home.mkdir(parents=True)
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        f"[user]\n\tname = Writer {n}\n\temail = writer{n}@example.com\n"
        "[commit]\n\tgpgSign = false\n",
        encoding="utf-8",
    )
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / f"xdg-cache-{n}"),
        "COACHKIT_CACHE_DIR": str(base / f"coachkit-cache-{n}"),
        "XDG_CONFIG_HOME": str(home / f"xdg-config-{n}"),
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "COACHKIT_TODAY": "2026-02-12",
    }


def _add_at_once(engagement: Path, homes: Path, *extra: str) -> list[tuple[int, str]]:
    """WRITERS `action add` processes, each as its own user, started together."""
    start = homes / "start"
    running = []
    for n in range(WRITERS):
        args = ["action", "add", f"Item {n:02d}", "--owner", "Jordan", "--due", "fri", *extra]
        running.append(
            subprocess.Popen(
                [sys.executable, "-c", WAIT_THEN_RUN, str(start), *args],
                cwd=engagement,
                env=_own_environment(homes, n),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        )
    time.sleep(1.0)  # let every process import coachkit and wait
    began = time.monotonic()
    start.touch()
    outcomes = []
    for process in running:
        _out, err = process.communicate(timeout=120)
        outcomes.append((process.returncode, err.decode()))
    print(f"{WRITERS} writers took {time.monotonic() - began:.2f} s")
    return outcomes


def _titles(engagement: Path) -> set[str]:
    rows = json.loads(run("action", "list", "--status", "all", "--json", cwd=engagement).stdout)
    return {row["title"] for row in rows}


def test_writers_with_different_homes_and_caches_lose_nothing(sample: Path, tmp_path: Path) -> None:
    outcomes = _add_at_once(sample, tmp_path / "homes")
    assert [code for code, _ in outcomes] == [0] * WRITERS, outcomes
    assert [err for _, err in outcomes if "not committed" in err] == []
    wanted = {f"Item {n:02d}" for n in range(WRITERS)}
    assert wanted <= _titles(sample)
    committed = git(sample, "show", f"HEAD:{NOTE}")
    assert all(f"title: {title}\n" in committed for title in wanted)
    assert (sample / NOTE).read_text(encoding="utf-8") == committed
    assert git(sample, "status", "--porcelain", "--ignored") == ""
    assert len(commits(sample)) == 1 + WRITERS
    locks = list((sample / ".git" / "coachkit" / "locks").iterdir())
    assert [p.suffix for p in locks] == [".lock"]


def test_writers_outside_git_with_different_caches_lose_nothing(tmp_path: Path) -> None:
    engagement = tmp_path / "plain" / "acme"
    assert run("sample", str(engagement), "--no-commit").exit_code == 0
    assert lock_place(engagement).git_dir is None
    before = sorted(p.relative_to(engagement) for p in engagement.rglob("*"))
    outcomes = _add_at_once(engagement, tmp_path / "homes", "--no-commit")
    assert [code for code, _ in outcomes] == [0] * WRITERS, outcomes
    assert {f"Item {n:02d}" for n in range(WRITERS)} <= _titles(engagement)
    # The lock is the folder itself: nothing new beside the notes, no temp file.
    assert sorted(p.relative_to(engagement) for p in engagement.rglob("*")) == before


def test_the_lock_of_a_linked_worktree_is_in_the_common_git_folder(
    sample: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other-worktree"
    git(sample, "worktree", "add", "-q", str(other))
    main_place, other_place = lock_place(sample), lock_place(other)
    assert main_place.git_dir == other_place.git_dir == (sample / ".git").resolve()
    assert main_place.path == other_place.path  # the same engagement in both trees
    assert main_place.path.parent == (sample / ".git" / "coachkit" / "locks").resolve()


def test_a_gitdir_file_is_followed_and_the_key_is_the_path_in_the_repository(
    tmp_path: Path,
) -> None:
    real_git = tmp_path / "modules" / "practice.git"
    real_git.mkdir(parents=True)
    practice = tmp_path / "practice"
    (practice / "clients" / "acme").mkdir(parents=True)
    (practice / "clients" / "beta").mkdir(parents=True)
    (practice / ".git").write_text("gitdir: ../modules/practice.git\n", encoding="utf-8")
    acme, beta = (
        lock_place(practice / "clients" / "acme"),
        lock_place(practice / "clients" / "beta"),
    )
    assert acme.git_dir == beta.git_dir == real_git.resolve()
    assert acme.path.parent == real_git.resolve() / "coachkit" / "locks"
    assert acme.path != beta.path


def test_the_lock_is_reentrant_and_shared_by_two_spellings_of_one_engagement(
    sample: Path, tmp_path: Path
) -> None:
    link = tmp_path / "link-to-acme"
    link.symlink_to(sample)
    assert lock_place(link) == lock_place(sample)
    with engagement_lock(sample), engagement_lock(link), engagement_lock(sample):
        pass  # no wait for itself
    with engagement_lock(tmp_path), engagement_lock(tmp_path):  # outside git: the folder
        pass


def test_a_file_changed_between_read_and_rename_is_refused_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(b"as read\n")
    write_temp = safe_write._write_temp

    def editor_saves_meanwhile(
        directory: Path, name: str, data: bytes, mode: int | None, durable: bool = True
    ) -> Path:
        temp = write_temp(directory, name, data, mode, durable)
        path.write_bytes(b"saved by the editor\n")  # after the read, before the rename
        return temp

    monkeypatch.setattr(safe_write, "_write_temp", editor_saves_meanwhile)
    with pytest.raises(WriteRefused) as caught:
        replace_file(path, b"coachkit's edit\n", b"as read\n")
    assert str(caught.value) == (
        f"{path}: changed while coachkit was editing it; nothing was written, run again"
    )
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == b"saved by the editor\n"
    assert [p.name for p in tmp_path.iterdir()] == ["note.md"]  # no temp file left


def test_a_file_swapped_for_a_fifo_before_the_rename_is_refused_without_opening_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "note.md"
    path.write_bytes(b"as read\n")
    write_temp = safe_write._write_temp

    def swap_for_fifo(
        directory: Path, name: str, data: bytes, mode: int | None, durable: bool = True
    ) -> Path:
        temp = write_temp(directory, name, data, mode, durable)
        path.unlink()
        os.mkfifo(path)
        return temp

    monkeypatch.setattr(safe_write, "_write_temp", swap_for_fifo)
    with pytest.raises(WriteRefused):
        replace_file(path, b"new\n", b"as read\n")
    assert [p.name for p in tmp_path.iterdir()] == ["note.md"]
