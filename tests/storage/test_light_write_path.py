"""A writing command's commit is light: at most two git processes, and no GitPython.

Run as a coach runs it, in a fresh process: GitPython's import alone costs about
100 ms and two ``git version`` processes, and an in-process run would hide both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import commits, git

# Runs one command the way `coachkit` does, then says which heavy modules it imported.
RUNNER = (
    "import sys\n"
    "from coachkit.cli import cli\n"
    "try:\n"
    "    cli(sys.argv[1:], prog_name='coachkit')\n"
    "except SystemExit as exc:\n"
    "    assert not exc.code, exc.code\n"
    "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'git')), file=sys.stderr)\n"
)

WRITES = [
    ("session", "new"),
    ("action", "add", "Book the mid-point three-way meeting", "--owner", "Alex", "--due", "fri"),
    ("action", "done", "t9hc"),
]


@pytest.mark.parametrize("command", WRITES, ids=[" ".join(c[:2]) for c in WRITES])
def test_a_write_starts_at_most_two_git_processes_and_never_imports_gitpython(
    sample: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    trace = tmp_path / "trace2.json"
    env = {**os.environ, "COACHKIT_TODAY": "2026-02-12", "GIT_TRACE2_EVENT": str(trace)}
    before = len(commits(sample))
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, *command],
        cwd=sample,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "committed " in done.stderr
    assert len(commits(sample)) == before + 1
    assert git(sample, "status", "--porcelain") == ""
    assert done.stderr.splitlines()[-1] == ""  # no module of GitPython was imported
    events = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    started = [event["argv"] for event in events if event["event"] == "start"]
    # Every git process, its own children included (automatic maintenance, `git version`).
    assert len(started) <= 2, started
    assert not any("version" in argv or "maintenance" in argv for argv in started), started
