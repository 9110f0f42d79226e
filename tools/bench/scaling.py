"""Scaling: `coachkit overdue` over practices of growing size, per note above start-up.

Practices of 20, 100, 400 and 2,000 engagements of 50 notes (1k, 5k, 20k and
100k notes; the largest is about 440 MB, written into the bench's temporary
folder and removed once measured). The cost per note is the median minus a
fixed start-up, divided by the notes: coachkit's start-up is the
`coachkit --help` median, the floor script's is `python -c "import yaml"`. The
cost per note is flat when the largest practice's is within 1.3x of the
smallest's, cold and warm; when the smallest's work above start-up is under half
of start-up (a warm run over 1,000 notes), of the smallest whose is not.

The largest practice is timed ``runs`` times (2: one round costs about 40 s);
smaller ones more often, ``runs`` times the square root of how many times
smaller they are, up to ``max_runs`` (100k: 2, 20k: 4, 5k: 8, 1k: 9), because
there the cost above start-up is a few tens of ms and start-up's own noise
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
# Below this share of start-up, the work above start-up is lost in start-up's own noise
# (a warm run over 1,000 notes: ~15 ms above ~50 ms): the flatness is then judged from
# the next larger practice, and the line says which.
MEASURABLE = 0.5
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
        f"µs/note = (median - start-up) / notes; start-up is the `{COACHKIT_START}` median "
        f"for coachkit, the `{PYTHON_START}` median for the floor, both timed beside each size"
    )
    print(
        f"{'engagements':>11} {'notes':>7}  {'command':{NAME_WIDTH}} {'median':>10} {'µs/note':>8}"
    )
    per_file: dict[str, list[tuple[int, float, float, float]]] = {}
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
                start_up = result[PYTHON_START if timed.name == floor else COACHKIT_START]
                micro = (ms - start_up) * 1000 / files
                per_file.setdefault(timed.name, []).append((files, micro, ms - start_up, start_up))
                cost = f"{micro:8.0f}"
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
    if len(sizes) < 2:
        print()
        return
    for name, costs in per_file.items():
        large_files, large, _, _ = costs[-1]
        # The smallest practice whose work above start-up is large enough to measure.
        measurable = [cost for cost in costs[:-1] if cost[2] >= MEASURABLE * cost[3]]
        if not measurable:
            small_files, small, _, _ = costs[0]
            head = f"per note, {large_files:,} against {small_files:,} notes: {name}: "
            print(f"{head}{small:.0f} -> {large:.0f} µs, not judged (within start-up noise)")
            continue
        small_files, small, _, _ = measurable[0]
        head = f"per note, {large_files:,} against {small_files:,} notes: {name}: "
        ratio = large / small
        flat = ratio <= FLAT_GOAL
        verdict = (
            f"<= {FLAT_GOAL}x {verdicts.judge(f'scaling: {name}', flat)}"
            if name.startswith("coachkit")
            else "(no goal)"
        )
        print(
            f"{head}{small:.0f} -> {large:.0f} µs, {ratio:.2f}x, "
            f"{'flat' if flat else 'NOT flat'}  {verdict}"
        )
    print()
