"""Scaling: `coachkit overdue` over practices of growing size, per file above start-up.

Practices of 20, 100 and 400 engagements of 50 files (1k, 5k, 20k files). The
cost per file is the median minus a fixed start-up, divided by the files:
coachkit's start-up is the `coachkit --help` median, the floor script's is
`python -c "import yaml"`. The cost per file is flat when the largest
practice's is within 1.3x of the smallest's.

The largest practice is timed ``runs`` times (5: one round costs about 10 s);
smaller ones as often as fits in the same time, up to ``max_runs``, because
there the cost above start-up is a few tens of ms and start-up's own noise
would otherwise decide the verdict.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from pathlib import Path

from tools.bench.generate_practice import generate
from tools.bench.timing import NAME_WIDTH, CacheDirs, Timed, Verdicts, medians, runs_text, settle

FLAT_GOAL = 1.3
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
    verdicts: Verdicts,
) -> None:
    """Time overdue (cold, warm) and the floor at each size; is the cost per file flat?"""
    print(
        f"scaling: {runs_text(runs)} for the largest practice, more for smaller ones\n"
        f"µs/file = (median - start-up) / files; start-up is the `{COACHKIT_START}` median "
        f"for coachkit, the `{PYTHON_START}` median for the floor, both timed beside each size"
    )
    print(
        f"{'engagements':>11} {'files':>6}  {'command':{NAME_WIDTH}} {'median':>10} {'µs/file':>8}"
    )
    per_file: dict[str, list[tuple[int, float]]] = {}
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
        size_runs = max(runs, min(max_runs, runs * max(sizes) // engagements))
        result = medians(group, size_runs)
        for timed in group:
            ms = result[timed.name]
            cost = ""
            if timed.name not in (COACHKIT_START, PYTHON_START):
                start_up = result[PYTHON_START if timed.name == floor else COACHKIT_START]
                micro = (ms - start_up) * 1000 / files
                per_file.setdefault(timed.name, []).append((files, micro))
                cost = f"{micro:8.0f}"
            row = f"{engagements:>11} {files:>6}  {timed.name:{NAME_WIDTH}} {ms:8.0f} ms {cost:>8}"
            print(row.rstrip())
        print(f"{'':>11} {'':>6}  ({runs_text(size_runs)}; practice written in {written:.1f} s)")
        shutil.rmtree(practice)
        shutil.rmtree(folder / f"caches-{engagements}")
    if len(sizes) < 2:
        print()
        return
    print()
    for name, costs in per_file.items():
        (small_files, small), (large_files, large) = costs[0], costs[-1]
        head = f"per file, {large_files} against {small_files} files: {name}: "
        if small <= 0:  # the smallest practice costs no more than start-up: only noise
            print(f"{head}{small:.0f} -> {large:.0f} µs, not judged (within start-up noise)")
            continue
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
