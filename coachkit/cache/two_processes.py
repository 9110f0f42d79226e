"""Share a cold read with one forked child process, on machines with two cores or more.

The child works on about half of the engagements and leaves its results in the
cache (which is written atomically, so nothing half-done can be read); this
process does the other half meanwhile, waits for the child, then takes the child's
half from the cache. Nothing crosses between the processes but the cache files: no
pickling. Should the child fail, its half is simply a cache miss and is read here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")

# Below this many notes to read, forking costs more than it saves (docs/performance.md).
MIN_NOTES = 400


def worth_sharing(weights: Sequence[int]) -> bool:
    """Whether reading notes in these amounts gains from a second process here."""
    return (
        hasattr(os, "fork")
        and len(weights) > 1
        and (os.cpu_count() or 1) >= 2
        and sum(weights) >= MIN_NOTES
        and os.environ.get("COACHKIT_PARALLEL") != "0"
    )


def halves(weights: Sequence[int]) -> tuple[list[int], list[int]]:
    """Indexes split in two of about equal weight (heaviest first, to the lighter side)."""
    sides: tuple[list[int], list[int]] = ([], [])
    totals = [0, 0]
    for index in sorted(range(len(weights)), key=lambda i: -weights[i]):
        side = 0 if totals[0] <= totals[1] else 1
        sides[side].append(index)
        totals[side] += weights[index]
    return sides


def start_child(work: Callable[[], object]) -> Callable[[], None]:
    """Run ``work()`` in a forked child; return the function that waits for it to end."""
    pid = os.fork()
    if pid == 0:  # the child: never return into the caller's code, never flush its output
        status = 1
        try:
            work()
            status = 0
        finally:
            os._exit(status)

    def wait() -> None:
        os.waitpid(pid, 0)

    return wait


def share_misses(
    misses: Iterable[int],
    storable: Callable[[int], bool],
    weight: Callable[[int], int],
    work: Callable[[int], T],
) -> tuple[dict[int, T], list[int]]:
    """``work(i)`` for every miss: here, or, for about half (by weight) of the ones whose
    results the cache will keep, in a forked child when that pays.

    Returns this process's results and the misses the child did; their results are
    in the cache, for the caller to take (and to redo, should the child have failed).
    """
    misses = list(misses)
    shareable = [i for i in misses if storable(i)]
    weights = [weight(i) for i in shareable]
    if not worth_sharing(weights):
        return {i: work(i) for i in misses}, []
    theirs = [shareable[k] for k in halves(weights)[1]]

    def in_child() -> None:  # results are in the cache: keep none, so memory stays flat
        for i in theirs:
            work(i)

    wait = start_child(in_child)
    skip = set(theirs)
    done = {i: work(i) for i in misses if i not in skip}
    wait()
    return done, theirs
