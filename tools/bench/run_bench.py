"""`make bench`: time coachkit as whole processes against floors, print medians and ratios.

What is timed is a wheel of the checkout, installed into a throw-away venv and
byte-compiled (install.py), as a coach would run it, not the editable checkout.
The floor is `floor.py`: walk the practice, split each front matter by hand and
parse it with PyYAML's C loader in one process — the least any reader must do.
Start-up is compared with `python -c "import click"` on the same venv's
interpreter. Commands are run round-robin (one run of each, then the next
round) so that a noisy neighbour slows all of them alike instead of one. Every
read command runs cold (an empty parse cache, COACHKIT_CACHE_DIR) and warm (the
cache earlier runs filled).

0. the machine (machine.py) and what is measured;
1. read commands over a practice against the floor;
2. Taskwarrior's `task +OVERDUE export` over the same action items (when installed);
3. `session new` with its commit, in an engagement that is a git repository;
4. `report` over a 50-session engagement;
5. scaling: `overdue` over 1k, 5k, 20k and 100k notes, cost per note and cold
   peak memory (memory.py, peak_rss.py).

A full run writes everything it printed into docs/performance.md, between the
markers of its "Latest run" section (latest_run.py); `--quick`, `--skip-scaling`
and `--no-write` leave the file alone.

    python -m tools.bench.run_bench [--runs 9] [--engagements 100] [--scaling-runs 3]
                                    [--skip-scaling] [--quick] [--no-write] [--checkout DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.bench.generate_practice import generate
from tools.bench.install import install_wheel
from tools.bench.latest_run import Tee, write_latest_run
from tools.bench.machine import machine_lines
from tools.bench.scaling import bench_scaling
from tools.bench.single_engagement import bench_single_engagement
from tools.bench.taskwarrior import bench_taskwarrior
from tools.bench.timing import (
    CacheDirs,
    Timed,
    Verdicts,
    bench_env,
    check_same_output,
    medians,
    print_table,
    runs_text,
    settle,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FLOOR_SCRIPT = HERE / "floor.py"
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
REPORT_SESSIONS = 50
HELP_GOAL = 1.3  # `coachkit --help` against `python -c "import click"`
# (runs, engagements, scaling runs, scaling sizes in engagements of 50 notes,
#  the sizes whose cold peak memory is compared)
DEFAULTS = (9, 100, 3, (20, 100, 400, 2000), (20, 400, 2000))
QUICK = (2, 10, 1, (2, 5, 20), (2, 20))


def read_commands(
    coachkit: list[str], python: str, practice: Path, caches: CacheDirs, env: dict[str, str]
) -> list[Timed]:
    """Section 1: start-up, the floor and every read command, cold and warm."""
    floor = "floor: walk + split + CSafeLoader"
    click = "python -c 'import click'"
    group = [
        Timed(click, [python, "-c", "import click"], env),
        Timed("coachkit --help", [*coachkit, "--help"], env, baseline=click, ratio_goal=HELP_GOAL),
        Timed(floor, [python, str(FLOOR_SCRIPT), str(practice)], env),
    ]
    where = str(practice)
    for name, command, goal in (
        ("coachkit overdue --format json", ["overdue", where, "--format", "json"], 1.3),
        ("coachkit status", ["status", where], 1.3),
        ("coachkit action list --status all --json", ["action", "list", where, "--status", "all", "--json"], 1.3),
        ("coachkit lint --format json --exit-zero", ["lint", where, "--format", "json", "--exit-zero"], 2.0),
    ):  # fmt: skip
        group += caches.cold_and_warm(
            name, [*coachkit, *command], env, baseline=floor, cold_ratio_goal=goal
        )
    return group


def print_cache_gains(group: list[Timed], result: dict[str, float]) -> None:
    """What the warm cache saves: each read command's warm median against its cold one."""
    gains = []
    for timed in group:
        if timed.name.endswith(" (cold)"):
            command = timed.name.removesuffix(" (cold)").removeprefix("coachkit ").split(" --")[0]
            warm = result[timed.name.replace(" (cold)", " (warm)")]
            gains.append(f"{command} {warm / result[timed.name]:.2f}x")
    print(f"warm/cold: {', '.join(gains)}")


def coachkit_revision(checkout: Path) -> str:
    """The commit the timed coachkit is at, and whether its work tree has changes."""
    try:
        head = subprocess.run(
            ["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(checkout), "status", "--porcelain", "--", "coachkit"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return head + (" with uncommitted changes to coachkit/" if dirty else "")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, help=f"timed runs per command [{DEFAULTS[0]}]")
    parser.add_argument(
        "--engagements", type=int, help=f"engagements in the practice [{DEFAULTS[1]}]"
    )
    parser.add_argument(
        "--scaling-runs",
        type=int,
        help=f"timed runs of the largest practice when scaling [{DEFAULTS[2]}]",
    )
    parser.add_argument("--skip-scaling", action="store_true", help="leave out section 5")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke check (writes no docs): runs, engagements, scaling runs and sizes {QUICK}",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="leave docs/performance.md as it is"
    )
    parser.add_argument(
        "--checkout",
        type=Path,
        default=ROOT,
        help="the coachkit checkout to build the timed wheel from (a frozen worktree) [this one]",
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    write = not (args.quick or args.skip_scaling or args.no_write)
    tee = Tee(sys.stdout)
    with contextlib.redirect_stdout(tee):
        run(args)
    if write:
        when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        write_latest_run(PERFORMANCE_DOC, tee.text(), when)
        print(f"wrote the latest run into {PERFORMANCE_DOC}")


def run(args: argparse.Namespace) -> None:
    runs, engagements, scaling_runs, sizes, memory_sizes = QUICK if args.quick else DEFAULTS
    runs = args.runs or runs
    engagements = args.engagements or engagements
    scaling_runs = args.scaling_runs or scaling_runs
    began = time.perf_counter()
    verdicts = Verdicts()
    with tempfile.TemporaryDirectory(prefix="coachkit-bench-") as tmp:
        folder = Path(tmp)
        load = os.getloadavg()  # before the wheel is built
        installed = install_wheel(args.checkout.resolve(), folder / "install")
        python = str(installed.python)
        coachkit = [str(installed.coachkit)]
        os.chdir(folder)  # `python -c` looks in the current folder first: not a checkout
        for line in machine_lines(platform.python_version(), load):
            print(line)
        print(
            f"measured: {installed.wheel} of coachkit at {coachkit_revision(args.checkout)}, "
            f"installed and byte-compiled in {installed.venv}; `coachkit` is its entry-point "
            "script, and `python` (import click, the floors) its interpreter"
        )
        env = bench_env(folder)
        practice = folder / "practice"
        files, items = generate(practice, engagements)
        written = time.monotonic()
        print(f"practice: {engagements} engagements, {files} files, {items} action items")
        print(f"{runs_text(runs)}, whole processes, round-robin, after one warm-up round\n")

        group = read_commands(coachkit, python, practice, CacheDirs.below(folder / "read"), env)
        settle(written)
        result = medians(group, runs)
        print_table(group, result, verdicts, "read")
        print_cache_gains(group, result)
        check_same_output(group, verdicts, "read")

        bench_taskwarrior(coachkit, practice, folder / "taskwarrior", env, runs, verdicts)
        bench_single_engagement(
            coachkit, folder / "single", env, runs, verdicts, REPORT_SESSIONS, FLOOR_SCRIPT, python
        )
        if args.skip_scaling:
            print("scaling: skipped (--skip-scaling)\n")
        else:
            bench_scaling(
                coachkit,
                python,
                FLOOR_SCRIPT,
                folder / "scaling",
                env,
                sizes,
                scaling_runs,
                runs,
                memory_sizes,
                verdicts,
            )
        os.chdir(ROOT)
    print(f"goals: {verdicts.checked} checked, {len(verdicts.missed)} MISSED")
    for name in verdicts.missed:
        print(f"  MISSED {name}")
    print(f"bench took {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
