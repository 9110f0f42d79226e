"""Commands on one engagement: `session new` with its commit, and `report`.

The engagement is a generated one with weekly sessions (50 by default, the
size of a long engagement), made a git repository with one commit.
`session new` takes its date from "today" (COACHKIT_TODAY), so each run would
write the same next note; the repository is reset to its first commit before
every run, outside the timing.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import time
from pathlib import Path

from tools.bench.generate_practice import write_engagement
from tools.bench.timing import BENCH_TODAY, CacheDirs, Timed, Verdicts, medians, print_table, settle

SESSION_NEW_GOAL = 2.0  # `session new` with its commit against `python -c "import click"`
REPORT_GOAL_MS = 1000.0
FIRST_SESSION = dt.date(2025, 2, 3)  # 50 weekly sessions end before BENCH_TODAY
GIT_FLOOR = (
    "echo note > sessions/bench.md && git add sessions/bench.md "
    "&& git commit -q -m bench sessions/bench.md"
)


def _git(engagement: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=engagement, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"git {' '.join(args)} failed in {engagement}: {done.stderr}")
    return done.stdout


def make_engagement(folder: Path, sessions: int) -> tuple[Path, int]:
    """A generated engagement below ``folder`` in its own git repository; (folder, items)."""
    engagement, items = write_engagement(
        folder, 0, random.Random(7), sessions=sessions, start=FIRST_SESSION
    )
    _git(engagement, "init", "-q")
    # Local identity and no signing: the user's git settings must neither be
    # needed nor slow the commit down (a signing agent would be timed too).
    _git(engagement, "config", "user.name", "coachkit bench")
    _git(engagement, "config", "user.email", "bench@example.invalid")
    _git(engagement, "config", "commit.gpgsign", "false")
    _git(engagement, "add", "-A")
    _git(engagement, "commit", "-q", "-m", "Engagement for the bench")
    return engagement, items


def bench_session_new(
    coachkit: list[str],
    python: str,
    engagement: Path,
    folder: Path,
    base_env: dict[str, str],
    runs: int,
    verdicts: Verdicts,
) -> None:
    """Time `coachkit session new` (which commits) against `python -c "import click"`.

    A bare `git add` + `git commit` of one note is timed beside it, for information.
    """
    head = _git(engagement, "rev-parse", "HEAD").strip()

    def reset() -> None:
        _git(engagement, "reset", "-q", "--hard", head)
        _git(engagement, "clean", "-fdq")

    caches = CacheDirs.below(folder)
    session_new = [*coachkit, "-C", str(engagement), "session", "new"]
    # Once, untimed: the command must really write the note and commit it.
    reset()
    subprocess.run(
        session_new,
        env=caches.env(base_env, warm=True),
        capture_output=True,
        check=True,
    )
    subject = _git(engagement, "log", "-1", "--format=%s").strip()
    left = _git(engagement, "status", "--porcelain").strip()
    if not subject.startswith("Add session") or left:
        raise SystemExit(
            f"session new did not commit its note: last commit {subject!r}, uncommitted {left!r}"
        )
    print(f"session new commits: {subject!r}, nothing left uncommitted")
    click = "python -c 'import click'"
    group = [
        Timed(click, [python, "-c", "import click"], base_env),
        Timed("coachkit --help (start-up)", [*coachkit, "--help"], base_env, baseline=click),
        Timed(
            "git add + git commit of one note (no goal)",
            ["sh", "-c", GIT_FLOOR],
            base_env,
            prepare=reset,
            cwd=engagement,
            baseline=click,
        ),
        *caches.cold_and_warm(
            "coachkit session new (commits)",
            session_new,
            base_env,
            baseline=click,
            cold_ratio_goal=SESSION_NEW_GOAL,
            warm_ratio_goal=SESSION_NEW_GOAL,
            prepare=reset,
        ),
    ]
    result = medians(group, runs)
    reset()
    print_table(group, result, verdicts, "session new")


def bench_report(
    coachkit: list[str],
    engagement: Path,
    folder: Path,
    base_env: dict[str, str],
    runs: int,
    verdicts: Verdicts,
    floor_script: Path,
    python: str,
) -> None:
    """Time `coachkit report` to an HTML and a Markdown file beside the floor."""
    caches = CacheDirs.below(folder)
    floor = "floor: walk + split + CSafeLoader"
    group = [
        Timed("coachkit --help (start-up)", [*coachkit, "--help"], base_env),
        Timed(floor, [python, str(floor_script), str(engagement)], base_env),
    ]
    for fmt in ("html", "md"):
        out = folder / f"report.{fmt}"
        report = ["report", "--format", fmt, "-o", str(out), "--force"]
        group += caches.cold_and_warm(
            f"coachkit report --format {fmt} -o FILE --force",
            [*coachkit, "-C", str(engagement), *report],
            base_env,
            baseline=floor,
            ms_goal=REPORT_GOAL_MS,
        )
    result = medians(group, runs)
    print_table(group, result, verdicts, "report")
    for fmt in ("html", "md"):
        size = (folder / f"report.{fmt}").stat().st_size
        print(f"report.{fmt}: {size / 1024:.0f} KB", end="; " if fmt == "html" else "\n\n")


def bench_single_engagement(
    coachkit: list[str],
    folder: Path,
    base_env: dict[str, str],
    runs: int,
    verdicts: Verdicts,
    sessions: int,
    floor_script: Path,
    python: str,
) -> None:
    """Sections 3 and 4 of the bench over one generated engagement."""
    engagement, items = make_engagement(folder / "engagement", sessions)
    settle(time.monotonic())
    files = sum(1 for _ in engagement.rglob("*.md"))
    print(
        f"one engagement, a git repository: {sessions} sessions, {files} notes, {items} action "
        f"items, sessions weekly from {FIRST_SESSION} (today {BENCH_TODAY})"
    )
    bench_session_new(
        coachkit, python, engagement, folder / "session-new", base_env, runs, verdicts
    )
    bench_report(
        coachkit, engagement, folder / "report", base_env, runs, verdicts, floor_script, python
    )
