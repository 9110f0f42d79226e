"""A writing command's commit is light: at most two git processes, and no GitPython.

Run as a coach runs it, in a fresh process: GitPython's import alone costs about
100 ms and two ``git version`` processes, and an in-process run would hide both.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import commits, git, run_watching_imports

WRITES = [
    ("session", "new"),
    ("action", "add", "Book the mid-point three-way meeting", "--owner", "Alex", "--due", "fri"),
    ("action", "done", "t9hc"),
    ("action", "edit", "t9hc", "--owner", "Sam"),
    ("action", "drop", "t9hc"),
    ("goal", "add", "Chair the Monday staff meeting", "--measure", "Chaired 4 of 4"),
    ("phase", "closure"),
]


@pytest.mark.parametrize("command", WRITES, ids=[" ".join(c[:2]) for c in WRITES])
def test_a_write_starts_at_most_two_git_processes_and_never_imports_gitpython(
    sample: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    trace = tmp_path / "trace2.json"
    env = {**os.environ, "COACHKIT_TODAY": "2026-02-12", "GIT_TRACE2_EVENT": str(trace)}
    before = len(commits(sample))
    done, modules = run_watching_imports(*command, cwd=sample, env=env)
    assert done.returncode == 0, done.stderr
    assert "committed " in done.stderr
    assert len(commits(sample)) == before + 1
    assert git(sample, "status", "--porcelain") == ""
    assert not [m for m in modules if m.split(".")[0] == "git"]  # no GitPython
    events = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    started = [event["argv"] for event in events if event["event"] == "start"]
    # Every git process, its own children included (automatic maintenance, `git version`).
    assert len(started) <= 2, started
    assert not any("version" in argv or "maintenance" in argv for argv in started), started
