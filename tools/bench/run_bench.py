"""`make bench`: time coachkit as whole processes against floors, print medians and ratios.

The floor is `floor.py`: walk the practice, split each front matter by hand and
parse it with PyYAML's C loader in one process — the least any reader must do.
Start-up is compared with `python -c "import click"`. Commands are run
round-robin (one run of each, then the next round) so that a noisy neighbour
slows all of them alike instead of one. Every read command runs cold (an empty
parse cache, COACHKIT_CACHE_DIR) and warm (the cache earlier runs filled).

1. read commands over a practice against the floor;
2. Taskwarrior's `task +OVERDUE export` over the same action items (when installed);
3. `session new` with its commit, in an engagement that is a git repository;
4. `report` over a 50-session engagement;
5. scaling: `overdue` over 1k, 5k and 20k files, cost per file.

    python -m tools.bench.run_bench [--runs 9] [--engagements 100] [--scaling-runs 3]
                                    [--skip-scaling] [--quick]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.bench.generate_practice import generate
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
FLOOR_SCRIPT = HERE / "floor.py"
REPORT_SESSIONS = 50
# (runs, engagements, scaling runs, scaling sizes in engagements of 50 files)
DEFAULTS = (9, 100, 5, (20, 100, 400))
QUICK = (2, 10, 1, (2, 5, 20))


def read_commands(
    coachkit: list[str], python: str, practice: Path, caches: CacheDirs, env: dict[str, str]
) -> list[Timed]:
    """Section 1: start-up, the floor and every read command, cold and warm."""
    floor = "floor: walk + split + CSafeLoader"
    click = "python -c 'import click'"
    group = [
        Timed(click, [python, "-c", "import click"], env),
        Timed("coachkit --help", [*coachkit, "--help"], env, baseline=click, ratio_goal=1.5),
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


def coachkit_revision() -> str:
    """The commit the timed coachkit is at, and whether its work tree has changes."""
    try:
        head = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(HERE), "status", "--porcelain", "--", "../../coachkit"],
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
        help=f"a smoke check: runs, engagements, scaling runs and sizes {QUICK}",
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    runs, engagements, scaling_runs, sizes = QUICK if args.quick else DEFAULTS
    runs = args.runs or runs
    engagements = args.engagements or engagements
    scaling_runs = args.scaling_runs or scaling_runs
    python = sys.executable
    coachkit = [python, "-m", "coachkit"]
    began = time.perf_counter()
    # An installed coachkit has its byte code compiled; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module at every start instead.
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("coachkit")
    assert spec is not None and spec.origin is not None
    compileall.compile_dir(Path(spec.origin).parent, quiet=1)
    verdicts = Verdicts()
    with tempfile.TemporaryDirectory(prefix="coachkit-bench-") as tmp:
        folder = Path(tmp)
        env = bench_env(folder)
        practice = folder / "practice"
        files, items = generate(practice, engagements)
        written = time.monotonic()
        print(f"practice: {engagements} engagements, {files} files, {items} action items")
        print(
            f"machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; "
            f"coachkit at {coachkit_revision()}"
        )
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
                verdicts,
            )
    print(f"goals: {verdicts.checked} checked, {len(verdicts.missed)} MISSED")
    for name in verdicts.missed:
        print(f"  MISSED {name}")
    print(f"bench took {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
