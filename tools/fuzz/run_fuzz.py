"""`make fuzz`: mutate real notes and check only coachkit's own one-line errors come out.

Each case writes a mutated copy of the sample engagement, then runs the reader on
every note and the everyday commands (action list, overdue, status, lint, session
new, report --dry-run) in-process. Anything but success or a one-line error with
exit 2 (or lint's exit 1) is a failure; so is a case that takes over 10 s, and a
peak memory over --max-rss-mb (1 GB) for the whole run.

    python -m tools.fuzz.run_fuzz [--cases 500] [--seed 1]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from coachkit.cli import cli
from coachkit.errors import NoteError
from coachkit.notes.reader import parse_note
from tools.fuzz.mutations import SAMPLE, mutate, sample_notes

COMMANDS = [
    ["action", "list", "--json"],
    ["overdue", "--format", "json"],
    ["status", "--json"],
    ["lint", "--format", "json"],
    ["session", "new", "--no-commit"],
    ["report", "--dry-run", "--no-commit"],
]


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


def check_case(workdir: Path, rng: random.Random, notes: list[tuple[str, bytes]]) -> str | None:
    """Run one mutated engagement; return a failure description, or None."""
    engagement = workdir / "acme"
    if engagement.exists():
        shutil.rmtree(engagement)
    shutil.copytree(SAMPLE, engagement)
    name, data = rng.choice(notes)
    mutated = mutate(data, rng)
    (engagement / name).write_bytes(mutated)
    try:
        parse_note(engagement / name, mutated)
    except NoteError as exc:
        if "\n" in str(exc):
            return f"{name}: multi-line error {str(exc)!r}"
    except Exception as exc:  # anything else is a bug
        return f"{name}: reader raised {type(exc).__name__}: {exc}"
    runner = CliRunner()
    for args in COMMANDS:
        previous = Path.cwd()
        os.chdir(engagement)
        try:
            result = runner.invoke(cli, args, catch_exceptions=True)
        finally:
            os.chdir(previous)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            return f"{name}: {' '.join(args)} raised {type(result.exception).__name__}: {result.exception}"
        if (
            result.exit_code not in (0, 1, 2)
            or "internal error" in result.stderr
            or "Traceback" in result.output
        ):
            return f"{name}: {' '.join(args)} exit {result.exit_code}: {result.stderr[:300]!r}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-rss-mb", type=int, default=1024, help="Fail above this peak memory.")
    args = parser.parse_args()
    os.environ.setdefault("COACHKIT_TODAY", "2026-02-12")
    rng = random.Random(args.seed)
    notes = sample_notes()
    failures: list[str] = []
    signal.signal(signal.SIGALRM, _alarm)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="coachkit-fuzz-") as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        for case in range(args.cases):
            signal.alarm(10)
            try:
                failure = check_case(Path(tmp), rng, notes)
            except Hang:
                failure = f"case {case}: took over 10 s"
            finally:
                signal.alarm(0)
            if failure:
                failures.append(f"case {case}: {failure}")
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if peak_mb > args.max_rss_mb:
        failures.append(f"memory: peak {peak_mb:.0f} MB, over {args.max_rss_mb} MB")
    print(
        f"{args.cases} cases in {elapsed:.0f} s, seed {args.seed}, peak memory {peak_mb:.0f} MB: "
        f"{len(failures)} failures"
    )
    for failure in failures[:50]:
        print(failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
