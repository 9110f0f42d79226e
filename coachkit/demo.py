"""``make demo``: the everyday jobs on the sample engagement, in a temporary folder.

Runs the real command line as a coach would type it and prints what they would
see. "Today" is fixed at 2026-02-12, two weeks after the sample's last session.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

TODAY = "2026-02-12"


def _environment() -> dict[str, str]:
    env = dict(os.environ, COACHKIT_TODAY=TODAY)
    env.pop("EDITOR", None)
    probe = subprocess.run(
        ["git", "config", "user.email"], capture_output=True, text=True, check=False
    )
    if not probe.stdout.strip():
        env.update(
            GIT_AUTHOR_NAME="coachkit demo",
            GIT_AUTHOR_EMAIL="demo@example.com",
            GIT_COMMITTER_NAME="coachkit demo",
            GIT_COMMITTER_EMAIL="demo@example.com",
        )
    return env


def _show(argv: list[str], cwd: Path, env: dict[str, str]) -> str:
    shown = " ".join(shlex.quote(a) for a in argv)
    print(f"\n$ {shown}", flush=True)
    command = [sys.executable, "-m", "coachkit", *argv[1:]] if argv[0] == "coachkit" else argv
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    print(done.stdout + done.stderr, end="", flush=True)
    if done.returncode != 0:
        raise SystemExit(f"demo step failed with exit code {done.returncode}: {shown}")
    return done.stdout


def main() -> None:
    """Run the demo in a fresh temporary folder and leave it there to explore."""
    env = _environment()
    workdir = Path(tempfile.mkdtemp(prefix="coachkit-demo-"))
    print(f"coachkit demo in {workdir} (today is {TODAY})")
    _show(["coachkit", "sample", "acme-jordan-lee"], workdir, env)
    engagement = workdir / "acme-jordan-lee"
    _show(["coachkit", "goal", "list"], engagement, env)
    _show(["coachkit", "overdue", "--within", "14"], engagement, env)
    note = _show(["coachkit", "session", "new", "--format", "video"], engagement, env).strip()
    text = Path(note).read_text(encoding="utf-8")
    review = text[text.index("## Review progress") : text.index("## Explore current challenges")]
    print(f"\n$ sed -n '/## Review progress/,/## Explore/p' {Path(note).relative_to(engagement)}")
    print(review.rstrip())
    _show(
        [
            "coachkit", "action", "add", "Write the delegation contract for the capacity plan",
            "--owner", "Jordan", "--due", "fri", "--goal", "G1",
            "--accountability", "Priya signs it off in the Monday 1:1",
        ],
        engagement,
        env,
    )  # fmt: skip
    _show(["coachkit", "action", "done", "t9hc", "--date", "yesterday"], engagement, env)
    _show(["coachkit", "action", "list", "--status", "all"], engagement, env)
    _show(["coachkit", "status", str(workdir)], engagement, env)
    _show(["coachkit", "lint"], engagement, env)
    _show(["coachkit", "feedback", "summary"], engagement, env)
    _show(["coachkit", "report", "--for", "sponsor"], engagement, env)
    _show(["git", "log", "--oneline"], engagement, env)
    print(f"\nExplore it yourself: cd {engagement} && COACHKIT_TODAY={TODAY} coachkit --help")


if __name__ == "__main__":
    main()
