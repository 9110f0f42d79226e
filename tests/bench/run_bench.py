"""`make bench`: time coachkit as whole processes against the floor, print medians and ratios.

The floor is `floor.py`: walk the practice, split each front matter by hand and
parse it with PyYAML's C loader in one process — the least any reader must do.
Start-up is compared with `python -c "import click"`. Commands are run
round-robin (one run of each, then the next round) so that a noisy neighbour
slows all of them alike instead of one.

    python -m tests.bench.run_bench [--runs 9] [--engagements 100]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.generate_practice import generate

HERE = Path(__file__).resolve().parent


def time_ms(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one run of ``command``, in ms; a failing command stops the bench."""
    start = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
    )
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()}")
    return elapsed


def medians(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall time of every command, after one warm-up round, run round-robin."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_number in range(runs + 1):
        for name, command in commands.items():
            elapsed = time_ms(command, env)
            if round_number:
                times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--engagements", type=int, default=100)
    args = parser.parse_args()
    python = sys.executable
    coachkit = [python, "-m", "coachkit"]
    env = dict(os.environ, COACHKIT_TODAY="2026-02-12", NO_COLOR="1")
    with tempfile.TemporaryDirectory(prefix="coachkit-bench-") as tmp:
        practice = str(Path(tmp) / "practice")
        files, items = generate(Path(practice), args.engagements)
        print(f"practice: {args.engagements} engagements, {files} files, {items} action items")
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        print(f"medians of {args.runs} runs, whole processes, round-robin\n")
        # name: (command, baseline name or None, goal ratio or None)
        plan: dict[str, tuple[list[str], str | None, float | None]] = {
            "python -c 'import click'": ([python, "-c", "import click"], None, None),
            "coachkit --help": ([*coachkit, "--help"], "python -c 'import click'", 1.5),
            "floor: walk + split + CSafeLoader": ([python, str(HERE / "floor.py"), practice], None, None),
            "coachkit overdue --format json": ([*coachkit, "overdue", practice, "--format", "json"], "floor: walk + split + CSafeLoader", 1.3),
            "coachkit status": ([*coachkit, "status", practice], "floor: walk + split + CSafeLoader", 1.3),
            "coachkit action list --status all --json": ([*coachkit, "action", "list", practice, "--status", "all", "--json"], "floor: walk + split + CSafeLoader", None),
            "coachkit lint --format json --exit-zero": ([*coachkit, "lint", practice, "--format", "json", "--exit-zero"], "floor: walk + split + CSafeLoader", 2.0),
        }  # fmt: skip
        result = medians({name: command for name, (command, _, _) in plan.items()}, args.runs, env)
    print(f"{'command':44} {'median':>10} {'ratio':>7}  goal")
    for name, (_, base_name, goal) in plan.items():
        ms = result[name]
        base = result[base_name] if base_name else None
        ratio = f"{ms / base:.2f}x" if base else ""
        verdict = ""
        if base and goal is not None:
            verdict = f"<= {goal}x " + ("ok" if ms / base <= goal else "MISSED")
        print(f"{name:44} {ms:8.0f} ms {ratio:>7}  {verdict}")


if __name__ == "__main__":
    main()
