"""`make bench`: time coachkit as whole processes against the floor, print medians and ratios.

The floor is `floor.py`: walk the practice, split each front matter by hand and
parse it with PyYAML's C loader in one process — the least any reader must do.
Start-up is compared with `python -c "import click"`.

    python -m tests.bench.run_bench [--runs 7] [--engagements 100]
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


def median_ms(command: list[str], runs: int, env: dict[str, str]) -> float:
    """Median wall time of ``command`` over ``runs`` runs (after one warm-up), in ms."""
    subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False
    )
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False
        )
        times.append((time.perf_counter() - start) * 1000)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--engagements", type=int, default=100)
    args = parser.parse_args()
    python = sys.executable
    coachkit = [python, "-m", "coachkit"]
    env = dict(os.environ, COACHKIT_TODAY="2026-02-12", NO_COLOR="1")
    with tempfile.TemporaryDirectory(prefix="coachkit-bench-") as tmp:
        practice = Path(tmp) / "practice"
        files, items = generate(practice, args.engagements)
        print(f"practice: {args.engagements} engagements, {files} files, {items} action items")
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        print(f"medians of {args.runs} runs, whole processes\n")
        click_ms = median_ms([python, "-c", "import click"], args.runs, env)
        floor_ms = median_ms([python, str(HERE / "floor.py"), str(practice)], args.runs, env)
        rows = [
            ("python -c 'import click'", click_ms, None, None),
            ("coachkit --help", median_ms([*coachkit, "--help"], args.runs, env), click_ms, 1.5),
            ("floor: walk + split + CSafeLoader", floor_ms, None, None),
            ("coachkit overdue --format json", median_ms([*coachkit, "overdue", str(practice), "--format", "json"], args.runs, env), floor_ms, 1.3),
            ("coachkit status", median_ms([*coachkit, "status", str(practice)], args.runs, env), floor_ms, 1.3),
            ("coachkit action list --status all --json", median_ms([*coachkit, "action", "list", str(practice), "--status", "all", "--json"], args.runs, env), floor_ms, None),
            ("coachkit lint --format json --exit-zero", median_ms([*coachkit, "lint", str(practice), "--format", "json", "--exit-zero"], args.runs, env), floor_ms, 2.0),
        ]  # fmt: skip
    print(f"{'command':44} {'median':>10} {'ratio':>7}  goal")
    for name, ms, base, goal in rows:
        ratio = f"{ms / base:.2f}x" if base else ""
        verdict = ""
        if base and goal is not None:
            verdict = f"<= {goal}x " + ("ok" if ms / base <= goal else "MISSED")
        print(f"{name:44} {ms:8.0f} ms {ratio:>7}  {verdict}")


if __name__ == "__main__":
    main()
