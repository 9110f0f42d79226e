"""Taskwarrior side by side: `task +OVERDUE export` against `coachkit overdue`, same items.

The practice's action items (``coachkit action list --status all --json``) go
into a throw-away Taskwarrior data folder with its own TASKRC; ``~/.taskrc`` and
``~/.task`` are never read or written. Taskwarrior judges "overdue" by the real
clock, the bench's coachkit by ``COACHKIT_TODAY``, so every date is moved by
(real today - COACHKIT_TODAY) days: then exactly the same items are overdue,
and the bench stops if the two disagree on which.

Nothing is installed: without ``task`` on PATH this part is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

from tools.bench.timing import BENCH_TODAY, CacheDirs, Timed, Verdicts, medians, print_table

INSTALL_HINT = (
    "taskwarrior: `task` is not on PATH, comparison skipped "
    "(Debian/Ubuntu: apt-get install taskwarrior)"
)
STATUS = {"open": "pending", "done": "completed", "dropped": "deleted"}
WARM_OVERDUE_GOAL = 0.5  # warm `coachkit overdue --format json` against `task +OVERDUE export`
NAMESPACE = uuid.UUID("5c0a7c4e-2f1b-4d53-9a51-6f0e3c1b2a77")  # makes each item's uuid stable


def _stamp(day: dt.date, at: dt.time) -> str:
    """Taskwarrior's UTC timestamp of local time ``at`` on ``day``."""
    local = dt.datetime.combine(day, at).astimezone()
    return local.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def item_key(item: dict[str, Any]) -> str:
    """An action item's identity across the practice: its engagement and id."""
    return f"{item['engagement']}/{item['id']}"


def to_task(item: dict[str, Any], shift: dt.timedelta) -> dict[str, Any]:
    """One coachkit action item as a Taskwarrior import record, its dates moved by ``shift``.

    coachkit counts a date as due at the end of that day (an item due today is
    not overdue), Taskwarrior an instant: the due instant is 23:59:59 local time.
    """
    if item["status"] not in STATUS:
        raise SystemExit(f"taskwarrior: unknown action status {item['status']!r} in {item}")
    task: dict[str, Any] = {
        "uuid": str(uuid.uuid5(NAMESPACE, item_key(item))),
        "description": item["title"],
        "status": STATUS[item["status"]],
        "project": item["engagement"],
    }
    owner = re.sub(r"\W+", "_", str(item.get("owner") or "")).strip("_").lower()
    if owner:
        task["tags"] = [owner]
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    if item.get("due"):
        due = dt.date.fromisoformat(item["due"]) + shift
        task["due"] = _stamp(due, dt.time(23, 59, 59))
        task["entry"] = _stamp(due - dt.timedelta(days=28), dt.time(9))
    else:
        task["entry"] = now
    if task["status"] != "pending":
        ended = item.get("done") or item.get("due")
        task["end"] = _stamp(dt.date.fromisoformat(ended) + shift, dt.time(17)) if ended else now
    return task


def _run(command: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(command, capture_output=True, env=env, check=False, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(
            f"{what}: {' '.join(command)} failed (exit {done.returncode}): {done.stderr}"
        )
    return done.stdout


def taskwarrior_env(folder: Path, base: dict[str, str]) -> dict[str, str]:
    """An environment whose Taskwarrior reads only ``folder``: its own taskrc and data."""
    data = folder / "data"
    data.mkdir(parents=True)
    taskrc = folder / "taskrc"
    taskrc.write_text(
        f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\n",
        encoding="utf-8",
    )
    return dict(base, TASKRC=str(taskrc), TASKDATA=str(data))


def _compare(
    coachkit_overdue: list[dict[str, Any]],
    task_overdue: list[dict[str, Any]],
    by_uuid: dict[str, str],
    expected: set[str],
) -> None:
    """Stop the bench, loudly, unless both tools list exactly the expected overdue items."""
    ours = {item_key(item) for item in coachkit_overdue}
    theirs = {by_uuid.get(task["uuid"], task["uuid"]) for task in task_overdue}
    print(
        f"overdue items: coachkit {len(coachkit_overdue)}, task {len(task_overdue)}, "
        f"expected from the action list {len(expected)}"
    )
    if ours == theirs == expected and len(coachkit_overdue) == len(task_overdue):
        return
    lines = ["taskwarrior: the two tools do not report the same overdue items, comparison void:"]
    for label, extra in (
        ("only coachkit", ours - theirs),
        ("only task", theirs - ours),
        ("expected, missing from coachkit", expected - ours),
        ("expected, missing from task", expected - theirs),
    ):
        if extra:
            lines.append(f"  {label} ({len(extra)}): {', '.join(sorted(extra)[:5])}")
    raise SystemExit("\n".join(lines))


def bench_taskwarrior(
    coachkit: list[str],
    practice: Path,
    folder: Path,
    base_env: dict[str, str],
    runs: int,
    verdicts: Verdicts,
) -> None:
    """Import the practice's action items into Taskwarrior and time both tools' overdue lists."""
    task = shutil.which("task")
    if task is None:
        print(INSTALL_HINT + "\n")
        return
    version = _run([task, "--version"], base_env, "taskwarrior").strip()
    caches = CacheDirs.below(folder)
    items: list[dict[str, Any]] = json.loads(
        _run(
            [*coachkit, "action", "list", str(practice), "--status", "all", "--json"],
            caches.env(base_env, warm=True),
            "coachkit action list",
        )
    )
    bench_today = dt.date.fromisoformat(BENCH_TODAY)
    shift = dt.date.today() - bench_today
    env = taskwarrior_env(folder / "taskwarrior", base_env)
    tasks = [to_task(item, shift) for item in items]
    import_file = folder / "taskwarrior" / "import.json"
    import_file.write_text(json.dumps(tasks), encoding="utf-8")
    start = time.perf_counter()
    _run([task, "import", str(import_file)], env, "task import")
    imported = time.perf_counter() - start
    counts = {status: sum(1 for t in tasks if t["status"] == status) for status in STATUS.values()}
    print(
        f"Taskwarrior {version}: imported {len(tasks)} action items "
        f"({', '.join(f'{n} {s}' for s, n in counts.items())}) in {imported:.1f} s; "
        f"dates moved by {shift.days} days (real today {dt.date.today()}, coachkit {BENCH_TODAY})"
    )
    overdue = [task, "+OVERDUE", "export"]
    _run(overdue, env, "task warm-up")  # untimed: the first run moves finished tasks out (gc)
    expected = {
        item_key(item)
        for item in items
        if item["status"] == "open" and item.get("due") and item["due"] < BENCH_TODAY
    }
    _compare(
        json.loads(
            _run(
                [*coachkit, "overdue", str(practice), "--format", "json"],
                caches.env(base_env, warm=True),
                "coachkit overdue",
            )
        ),
        json.loads(_run(overdue, env, "task +OVERDUE export")),
        {t["uuid"]: item_key(item) for t, item in zip(tasks, items, strict=True)},
        expected,
    )
    # The baseline is Taskwarrior as a user runs it, with its default rc.gc=on. Only
    # the first run has garbage to collect (it moves the imported completed and
    # deleted tasks to completed.data); that is the untimed warm-up above. After it,
    # gc finds nothing to do: `rc.gc=off` is timed beside it to show that (on
    # Taskwarrior 2.6.2, 13,077 items: 192 ms with gc, 197 ms without), so neither
    # side is handicapped.
    baseline = "task +OVERDUE export"
    group = [
        Timed(baseline, overdue, env),
        Timed("task rc.gc=off +OVERDUE export", [task, "rc.gc=off", *overdue[1:]], env),
        *caches.cold_and_warm(
            "coachkit overdue --format json",
            [*coachkit, "overdue", str(practice), "--format", "json"],
            base_env,
            baseline=baseline,
            warm_ratio_goal=WARM_OVERDUE_GOAL,
        ),
    ]
    # The other listings, warm, for proportion (no goal of their own).
    warm_env = caches.env(base_env, warm=True)
    for name, command in (
        ("coachkit action list --status all --json (warm)", ["action", "list", str(practice), "--status", "all", "--json"]),
        ("coachkit status (warm)", ["status", str(practice)]),
        ("coachkit upcoming (warm)", ["upcoming", str(practice)]),
    ):  # fmt: skip
        group.append(Timed(name, [*coachkit, *command], warm_env, baseline=baseline))
    result = medians(group, runs)
    print_table(group, result, verdicts, "taskwarrior")
