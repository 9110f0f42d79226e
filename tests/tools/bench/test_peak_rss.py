"""peak_rss.py counts a forked child, even one its parent never waits for."""

from __future__ import annotations

import subprocess
import sys

from tools.bench.memory import PEAK_RSS_SCRIPT

CHILD_GROWS = """
import os, sys
if os.fork() == 0:
    block = bytearray({size})
    os._exit(0)
{parent_waits}
"""
MB = 1024 * 1024


def peak_kb(program: str) -> int:
    done = subprocess.run(
        [sys.executable, str(PEAK_RSS_SCRIPT), sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_a_child_the_parent_waits_for_is_counted() -> None:
    program = CHILD_GROWS.format(size=120 * MB, parent_waits="os.wait()")
    assert peak_kb(program) > 120 * 1024


def test_an_orphaned_child_is_counted() -> None:
    program = CHILD_GROWS.format(size=120 * MB, parent_waits="")
    assert peak_kb(program) > 120 * 1024


def test_the_command_s_exit_status_is_passed_on() -> None:
    done = subprocess.run(
        [sys.executable, str(PEAK_RSS_SCRIPT), sys.executable, "-c", "raise SystemExit(3)"],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 3
