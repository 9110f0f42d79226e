"""Scaling: `coachkit overdue` over practices of growing size, the cost of each more note.

Practices of 20, 100, 400 and 2,000 engagements of 50 notes (1k, 5k, 20k and
100k notes; the largest is about 440 MB, written into the bench's temporary
folder and removed once measured). The cost per note is marginal: from one size
to the next, the rise of the median divided by the notes added, so no start-up
has to be guessed (a warm ``overdue`` is answered before click is imported, so
it starts faster than ``coachkit --help`` and a start-up subtracted from it would
be wrong). It is flat when the step to the largest practice costs within 1.3x
per note of the step from the smallest, cold and warm.

The largest practice is timed ``runs`` times (3: one round costs about 30 s, and
the median of two is their mean, which one disturbed run moves: a warm 100k run
once read 766 ms where it takes ~630); smaller ones more often, ``runs`` times the
square root of how many times smaller they are, up to ``max_runs`` (100k: 3, 20k:
6, 5k: 9, 1k: 9), because there the cost of each more note is a few ms and noise
would otherwise decide the verdict, while the whole bench stays under ten minutes.

At each size the cold peak memory is measured too (see memory.py): the median
of 3 cold runs, one at 50,000 notes or more.
"""

from __future__ import annotations

import math
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

from tools.bench.generate_practice import generate
from tools.bench.memory import peak_rss_kb, print_growth
from tools.bench.timing import NAME_WIDTH, CacheDirs, Timed, Verdicts, medians, runs_text, settle

FLAT_GOAL = 1.3
MANY_NOTES = 50_000  # from here on, one cold run for memory
COACHKIT_START = "coachkit --help"
PYTHON_START = "python -c 'import yaml'"


def bench_scaling(
    coachkit: list[str],
    python: str,
    floor_script: Path,
    folder: Path,
    base_env: dict[str, str],
    sizes: Sequence[int],
    runs: int,
    max_runs: int,
    memory_sizes: Sequence[int],
    verdicts: Verdicts,
) -> None:
    """Time overdue (cold, warm) and the floor at each size; is the cost per note flat?

    At each size in ``memory_sizes``, also the cold peak memory; does it grow by
    at most 3 KB per note?
    """
    print(
        f"scaling: {runs_text(runs)} for the largest practice, more for smaller ones\n"
        "µs/note = (median - the previous size's median) / the notes added: what each more "
        f"note costs; `{COACHKIT_START}` and `{PYTHON_START}` show start-up beside each size"
    )
    print(
        f"{'engagements':>11} {'notes':>7}  {'command':{NAME_WIDTH}} {'median':>10} {'µs/note':>8}"
    )
    per_file: dict[str, list[tuple[int, float]]] = {}
    peaks: list[tuple[int, float]] = []
    for engagements in sizes:
        practice = folder / f"practice-{engagements}"
        start = time.perf_counter()
        files, _items = generate(practice, engagements)
        written = time.perf_counter() - start
        settle(time.monotonic())
        caches = CacheDirs.below(folder / f"caches-{engagements}")
        floor = "floor: walk + split + CSafeLoader"
        group = [
            Timed(COACHKIT_START, [*coachkit, "--help"], base_env),
            Timed(PYTHON_START, [python, "-c", "import yaml"], base_env),
            Timed(floor, [python, str(floor_script), str(practice)], base_env),
            *caches.cold_and_warm(
                "coachkit overdue --format json",
                [*coachkit, "overdue", str(practice), "--format", "json"],
                base_env,
            ),
        ]
        size_runs = max(runs, min(max_runs, int(runs * math.sqrt(max(sizes) / engagements))))
        result = medians(group, size_runs)
        for timed in group:
            ms = result[timed.name]
            cost = ""
            if timed.name not in (COACHKIT_START, PYTHON_START):
                before = per_file.setdefault(timed.name, [])
                if before:
                    cost = f"{(ms - before[-1][1]) * 1000 / (files - before[-1][0]):8.1f}"
                before.append((files, ms))
            row = f"{engagements:>11} {files:>7}  {timed.name:{NAME_WIDTH}} {ms:8.0f} ms {cost:>8}"
            print(row.rstrip())
        print(f"{'':>11} {'':>7}  ({runs_text(size_runs)}; practice written in {written:.1f} s)")
        if engagements in memory_sizes:
            memory_runs = 1 if files >= MANY_NOTES else 3
            peak = peak_rss_kb(
                [*coachkit, "overdue", str(practice), "--format", "json"],
                caches.env(base_env, warm=False),
                caches.empty_cold,
                memory_runs,
            )
            peaks.append((files, peak))
            name = "cold overdue --format json: peak RSS, parent or child"
            median = "median of 3 runs" if memory_runs == 3 else "one run"
            print(
                f"{engagements:>11} {files:>7}  {name:{NAME_WIDTH}} {peak / 1024:8.0f} MB  ({median})"
            )
        shutil.rmtree(practice)
        shutil.rmtree(folder / f"caches-{engagements}")
    print()
    print_growth(peaks, verdicts)
    for name, sizes_ms in per_file.items():
        if len(sizes_ms) < 3:
            continue
        # The step to the largest practice against the span from the smallest to the one
        # before it: both long enough for start-up's noise to count for little.
        (small_files, small_ms), (mid_files, mid_ms), (large_files, large_ms) = (
            sizes_ms[0],
            sizes_ms[-2],
            sizes_ms[-1],
        )
        first = (mid_ms - small_ms) * 1000 / (mid_files - small_files)
        last = (large_ms - mid_ms) * 1000 / (large_files - mid_files)
        head = (
            f"per more note, {mid_files:,} -> {large_files:,} against "
            f"{small_files:,} -> {mid_files:,} notes: {name}: "
        )
        ratio = last / first if first > 0 else math.inf
        flat = ratio <= FLAT_GOAL
        verdict = (
            f"<= {FLAT_GOAL}x {verdicts.judge(f'scaling: {name}', flat)}"
            if name.startswith("coachkit")
            else "(no goal)"
        )
        print(
            f"{head}{first:.1f} -> {last:.1f} µs, {ratio:.2f}x, "
            f"{'flat' if flat else 'NOT flat'}  {verdict}"
        )
    print()
