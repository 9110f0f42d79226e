"""Peak resident memory of a command and every process it starts: `make bench`'s memory rows.

    python tools/bench/peak_rss.py COMMAND [ARG...]

Runs COMMAND (its output thrown away), waits for it and for every process it
left behind, and prints the largest peak resident set size among them, in KB.
A cold coachkit read forks a child that reads half the engagements, so the
parent's own peak is not enough. ``getrusage(RUSAGE_CHILDREN)`` gives the
largest peak of all waited-for descendants (the kernel carries a child's
children's peak up when it is waited for); this process is made a "child
subreaper" first (Linux), so that a descendant whose parent exits without
waiting for it is still waited for, here. The figure is the largest single
process, not a sum: a forked child shares its parent's pages until either writes.

Run as a script in its own process: ``RUSAGE_CHILDREN`` counts every child a
process ever waited for.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys

PR_SET_CHILD_SUBREAPER = 36


def _become_subreaper() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # then an orphaned descendant is not counted; coachkit waits for its child


def main() -> None:
    _become_subreaper()
    done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
    while True:  # descendants handed to this process when their parent exited
        try:
            os.wait()
        except ChildProcessError:
            break
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if sys.platform == "darwin":
        peak //= 1024  # bytes there, KB on Linux
    print(peak)
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
