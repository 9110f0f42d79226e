"""Time whole processes round-robin and print medians, ratios and goal verdicts.

A :class:`Timed` command may carry a ``prepare`` step (empty a cache folder,
reset a git repository) that runs before each of its runs and is not timed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

NAME_WIDTH = 52
BENCH_TODAY = "2026-02-12"  # coachkit's today in every timed run (COACHKIT_TODAY)
# Would make the installed coachkit import another copy (a checkout on PYTHONPATH).
HIDDEN_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE")


@dataclass(frozen=True)
class Timed:
    """One command to time: what to run, where, and how to judge it.

    ``baseline`` names another command of the same group: the row prints the
    ratio against it, and ``ratio_goal`` is the most that ratio may be (with
    ``ratio_strict``: what it must stay under).
    ``ms_goal`` is an absolute goal: the median must stay under it.
    """

    name: str
    command: list[str]
    env: dict[str, str]
    prepare: Callable[[], None] | None = None
    cwd: Path | None = None
    baseline: str | None = None
    ratio_goal: float | None = None
    ratio_strict: bool = False
    ms_goal: float | None = None
    ok_codes: tuple[int, ...] = (0, 1)


@dataclass
class Verdicts:
    """Every goal checked during the bench, to sum up at its end."""

    checked: int = 0
    missed: list[str] = field(default_factory=list)

    def judge(self, name: str, ok: bool) -> str:
        self.checked += 1
        if not ok:
            self.missed.append(name)
        return "ok" if ok else "MISSED"


def run_once(timed: Timed) -> float:
    """Wall time of one run, in ms; a failing command stops the bench."""
    if timed.prepare is not None:
        timed.prepare()
    start = time.perf_counter()
    done = subprocess.run(
        timed.command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=timed.env,
        cwd=timed.cwd,
        check=False,
    )
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode not in timed.ok_codes:
        raise SystemExit(
            f"{' '.join(timed.command)} failed (exit {done.returncode}): {done.stderr.decode()}"
        )
    return elapsed


def medians(group: Sequence[Timed], runs: int) -> dict[str, float]:
    """Median wall time of every command, after one untimed warm-up round, run round-robin.

    One run of each command, then the next round, so that a noisy neighbour slows
    all of them alike instead of one. The warm-up round also fills warm caches.
    """
    times: dict[str, list[float]] = {timed.name: [] for timed in group}
    for round_number in range(runs + 1):
        for timed in group:
            elapsed = run_once(timed)
            if round_number:
                times[timed.name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


SETTLE_SECONDS = 2.0


def settle(written_at: float) -> None:
    """Wait until data written at ``written_at`` (``time.monotonic()``) is SETTLE_SECONDS old.

    The parse cache does not store notes changed within the last second (two
    writes in one tick of the file system's clock could leave the same stat on
    different content), so without this wait the warm-up round over freshly
    generated notes would not fill the warm cache and "warm" would time a miss.
    """
    time.sleep(max(0.0, written_at + SETTLE_SECONDS - time.monotonic()))


def runs_text(runs: int) -> str:
    return f"medians of {runs} runs" if runs > 1 else "one run each"


def output_of(timed: Timed) -> bytes:
    """What one run of ``timed`` prints (after its ``prepare``), untimed."""
    if timed.prepare is not None:
        timed.prepare()
    done = subprocess.run(
        timed.command, capture_output=True, env=timed.env, cwd=timed.cwd, check=False
    )
    if done.returncode not in timed.ok_codes:
        raise SystemExit(
            f"{' '.join(timed.command)} failed (exit {done.returncode}): {done.stderr.decode()}"
        )
    return done.stdout


def check_same_output(group: Sequence[Timed], verdicts: Verdicts, section: str) -> None:
    """Each cold/warm pair must print the same: a fast warm run that is wrong proves nothing."""
    by_name = {timed.name: timed for timed in group}
    differ = []
    for name, cold in by_name.items():
        warm = by_name.get(name.removesuffix(" (cold)") + " (warm)")
        if name.endswith(" (cold)") and warm is not None:
            same = output_of(cold) == output_of(warm)
            verdicts.judge(f"{section}: same output cold and warm: {warm.name}", same)
            if not same:
                differ.append(name.removesuffix(" (cold)"))
    if differ:
        print(f"!!! cold and warm runs print DIFFERENT output: {', '.join(differ)}\n")
    else:
        print("cold and warm runs print the same output, byte for byte\n")


def print_table(
    group: Sequence[Timed], result: dict[str, float], verdicts: Verdicts, section: str
) -> None:
    """One row per command: median, ratio against its baseline, goal and verdict.

    A missed goal is remembered as ``section: command``.
    """
    print(f"{'command':{NAME_WIDTH}} {'median':>10} {'ratio':>7}  goal")
    for timed in group:
        ms = result[timed.name]
        base = result[timed.baseline] if timed.baseline else None
        ratio = f"{ms / base:.2f}x" if base else ""
        if base and timed.ratio_goal is not None and ratio == f"{timed.ratio_goal:.2f}x":
            ratio = f"{ms / base:.3f}x"  # on the goal when rounded: show which side
        goals = []
        if base and timed.ratio_goal is not None:
            if timed.ratio_strict:
                ok, sign = ms / base < timed.ratio_goal, "<"
            else:
                ok, sign = ms / base <= timed.ratio_goal, "<="
            verdict = verdicts.judge(f"{section}: {timed.name}", ok)
            goals.append(f"{sign} {timed.ratio_goal}x {verdict}")
        if timed.ms_goal is not None:
            ok = ms < timed.ms_goal
            verdict = verdicts.judge(f"{section}: {timed.name}", ok)
            goals.append(f"< {timed.ms_goal:.0f} ms {verdict}")
        print(f"{timed.name:{NAME_WIDTH}} {ms:8.0f} ms {ratio:>7}  {'; '.join(goals)}".rstrip())
    print()


@dataclass(frozen=True)
class CacheDirs:
    """The two parse-cache folders of one data set, set through ``COACHKIT_CACHE_DIR``.

    cold: emptied (removed and made again) before every run, outside the timing;
    warm: kept, so it holds what earlier runs (the warm-up round first) stored.
    """

    cold: Path
    warm: Path

    @classmethod
    def below(cls, folder: Path) -> CacheDirs:
        dirs = cls(folder / "cache-cold", folder / "cache-warm")
        dirs.cold.mkdir(parents=True, exist_ok=True)
        dirs.warm.mkdir(parents=True, exist_ok=True)
        return dirs

    def empty_cold(self) -> None:
        shutil.rmtree(self.cold, ignore_errors=True)
        self.cold.mkdir(parents=True)

    def env(self, base: dict[str, str], *, warm: bool) -> dict[str, str]:
        return dict(base, COACHKIT_CACHE_DIR=str(self.warm if warm else self.cold))

    def cold_and_warm(
        self,
        name: str,
        command: list[str],
        base_env: dict[str, str],
        *,
        baseline: str | None = None,
        cold_ratio_goal: float | None = None,
        warm_ratio_goal: float | None = None,
        ratio_strict: bool = False,
        ms_goal: float | None = None,
        prepare: Callable[[], None] | None = None,
        cwd: Path | None = None,
    ) -> list[Timed]:
        """``command`` twice: with an emptied cache folder, then with a filled one.

        Each ratio goal applies to its own run; ``ms_goal`` to both.
        """

        def prepare_cold() -> None:
            self.empty_cold()
            if prepare is not None:
                prepare()

        return [
            Timed(
                f"{name} (cold)",
                command,
                self.env(base_env, warm=False),
                prepare=prepare_cold,
                cwd=cwd,
                baseline=baseline,
                ratio_goal=cold_ratio_goal,
                ratio_strict=ratio_strict,
                ms_goal=ms_goal,
            ),
            Timed(
                f"{name} (warm)",
                command,
                self.env(base_env, warm=True),
                prepare=prepare,
                cwd=cwd,
                baseline=baseline,
                ratio_goal=warm_ratio_goal,
                ratio_strict=ratio_strict,
                ms_goal=ms_goal,
            ),
        ]


def bench_env(folder: Path) -> dict[str, str]:
    """The environment of every timed run: a fixed today, no colour, no user settings.

    ``COACHKIT_CONFIG_DIR`` points at an empty folder so that a user's own
    settings cannot change what is measured; ``COACHKIT_CACHE_DIR`` at one of the
    bench's own (every coachkit command gets its own again through :class:`CacheDirs`),
    so that the user's cache is never read or written. ``PYTHONPATH`` and the like
    are dropped: they could make the installed coachkit import a checkout instead.
    """
    config = folder / "config"
    config.mkdir(parents=True, exist_ok=True)
    cache = folder / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    inherited = {k: v for k, v in os.environ.items() if k not in HIDDEN_VARIABLES}
    return dict(
        inherited,
        COACHKIT_TODAY=BENCH_TODAY,
        NO_COLOR="1",
        COACHKIT_CONFIG_DIR=str(config),
        COACHKIT_CACHE_DIR=str(cache),
    )
