"""A listing run as a real process leaves quickly, with its output whole and its exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import run_process


def coachkit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_process(*args, cwd=cwd)


def test_output_and_exit_codes_survive_the_quick_exit(sample: Path) -> None:
    listed = coachkit("overdue", "--json", cwd=sample)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)  # whole, not cut short
    checked = coachkit("overdue", "--check", cwd=sample)
    assert checked.returncode == 1 and checked.stdout
    (sample / "goals" / "G9-broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    broken = coachkit("status", "--json", cwd=sample)
    assert broken.returncode == 2
    assert broken.stderr.strip().endswith("did not find expected node content")
    linted = coachkit("lint", "--format", "json", cwd=sample)
    assert linted.returncode == 1 and json.loads(linted.stdout)


def test_a_reader_that_stops_early_gets_no_traceback(sample: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "coachkit", "action", "list", "--status", "all"],
        cwd=sample,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # like `| head -1`
        error = process.stderr.read().decode()
        process.wait(timeout=60)
    assert "Traceback" not in error
