"""Kill a real coachkit process at random moments while it writes: the note stays whole."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from coachkit.notes.reader import read_note

NOTE = Path("sessions/02-2026-01-29.md")


def test_a_killed_action_add_leaves_the_old_note_or_the_new_one(sample: Path) -> None:
    env = {**os.environ, "COACHKIT_TODAY": "2026-02-12"}
    rng = random.Random(11)
    seen_old = seen_new = 0
    for attempt in range(24):
        before = (sample / NOTE).read_bytes()
        items_before = len(read_note(sample / NOTE).meta["actions"])
        process = subprocess.Popen(
            [sys.executable, "-m", "coachkit", "action", "add", f"Killed {attempt}", "--owner", "J",
             "--due", "fri", "--in", str(NOTE), "--no-commit"],
            cwd=sample, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(rng.uniform(0.05, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = (sample / NOTE).read_bytes()
        items_after = len(read_note(sample / NOTE).meta["actions"])  # always parses
        if after == before:
            seen_old += 1
        else:
            assert items_after == items_before + 1
            assert after.startswith(before.split(b"\n---\n", 1)[0].split(b"actions:")[0])
            seen_new += 1
    assert seen_old + seen_new == 24
