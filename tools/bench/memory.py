"""Cold peak memory: the largest process of a cold `coachkit overdue`, and its growth per note.

Peak RSS comes from `peak_rss.py` (a wrapper process, parent and forked child
both counted). The goal is on growth, not on the total: (peak at a larger
practice - peak at a smaller one) / the notes between them must stay at or
under ``GROWTH_GOAL_KB`` per note, so start-up and imports do not count.
"""

from __future__ import annotations

import itertools
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tools.bench.timing import Verdicts

PEAK_RSS_SCRIPT = Path(__file__).resolve().parent / "peak_rss.py"
GROWTH_GOAL_KB = 3.0


def peak_rss_kb(
    command: list[str], env: dict[str, str], prepare: Callable[[], None], runs: int
) -> float:
    """Median over ``runs`` of the peak RSS (KB) of ``command``'s process tree."""
    peaks = []
    for _ in range(runs):
        prepare()
        done = subprocess.run(
            [sys.executable, str(PEAK_RSS_SCRIPT), *command],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        if done.returncode not in (0, 1):
            raise SystemExit(
                f"{' '.join(command)} failed (exit {done.returncode}): {done.stderr.strip()}"
            )
        peaks.append(float(done.stdout.strip()))
    return statistics.median(peaks)


def print_growth(peaks: list[tuple[int, float]], verdicts: Verdicts) -> None:
    """Growth per note between each two measured sizes, ``peaks`` as (notes, KB) ascending."""
    for (small_notes, small), (large_notes, large) in itertools.pairwise(peaks):
        per_note = (large - small) / (large_notes - small_notes)
        ok = per_note <= GROWTH_GOAL_KB
        verdict = verdicts.judge(f"memory: growth {small_notes} -> {large_notes} notes", ok)
        print(
            f"cold peak memory growth, {small_notes:,} -> {large_notes:,} notes: "
            f"({large / 1024:.0f} MB - {small / 1024:.0f} MB) / {large_notes - small_notes:,} "
            f"= {per_note:.2f} KB per note  <= {GROWTH_GOAL_KB:.0f} KB {verdict}"
        )
