"""`make bench --quick` runs end to end on an installed wheel and leaves performance.md alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"


@pytest.mark.slow
def test_quick_bench_times_the_installed_wheel_and_writes_no_docs() -> None:
    before = PERFORMANCE_DOC.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench.run_bench", "--quick", "--runs", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "machine: " in out
    assert "load average at start: " in out
    assert "measured: coachkit-" in out
    assert ".whl of coachkit at " in out
    assert "installed and byte-compiled in " in out
    assert "python -c 'import click'" in out
    assert "cold overdue --format json: peak RSS, parent or child" in out
    assert "cold peak memory growth, 100 -> 1,000 notes: " in out
    assert "per more note, " in out
    assert "notes: coachkit overdue --format json (warm): " in out
    assert "cold and warm runs print the same output, byte for byte" in out
    assert "goals: " in out
    assert PERFORMANCE_DOC.read_bytes() == before
