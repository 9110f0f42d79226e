"""coachkit's command line: a thin layer of click over the core (:mod:`coachkit.cli.app`).

A warm ``overdue --format json`` is answered from the parse cache before click is
imported (:mod:`coachkit.cli.quick`); everything else, and anything the quick
answer is not sure of, runs through click.
"""

from __future__ import annotations

import gc
import os
import sys

from coachkit.lazy_exports import lazy

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py
if TYPE_CHECKING:
    from coachkit.cli.app import COMMANDS, CONTEXT_SETTINGS, LazyGroup, cli

__all__ = ["COMMANDS", "CONTEXT_SETTINGS", "LazyGroup", "cli", "main"]
__getattr__ = lazy(
    __name__,
    {"COMMANDS": "app", "CONTEXT_SETTINGS": "app", "LazyGroup": "app", "cli": "app"},
)


def main() -> None:
    """Console-script entry point.

    The cyclic garbage collector is off: a command lives for a fraction of a second,
    makes almost no cycles, and would otherwise walk every object it read, again
    and again (~5 ms on a 5,000-note practice).
    """
    gc.disable()
    from coachkit.cli.quick import answer

    code = answer(sys.argv[1:])
    if code is not None:
        os._exit(code)  # everything is written; no teardown (see coachkit.cli.app.run)
    from coachkit.cli.app import run

    run()
