"""What a command hands back besides its output: an outcome, and whether it may leave at once.

A command returns an :class:`Outcome` (or nothing, which is :attr:`Outcome.OK`), or
:class:`Listed` when it wrote nothing and has printed all it will print; anything
else it has to say is an exception (:class:`~coachkit.errors.CoachkitError`).
:func:`coachkit.cli.error_handler.run_command` turns either into the exit code.
"""

from __future__ import annotations

import enum


class Outcome(enum.Enum):
    """How a command went, as far as its exit code is concerned."""

    OK = "ok"
    FOUND = "found"  # a check found something: lint errors, overdue --check
    PROBLEMS = "problems"  # broken files were reported; the rest was still shown


class Listed:
    """The result of a listing: it wrote nothing and has printed everything.

    Such a command can end without tearing down the interpreter (see
    :func:`coachkit.cli.main`).
    """

    __slots__ = ("outcome",)

    def __init__(self, outcome: Outcome = Outcome.OK) -> None:
        self.outcome = outcome

    def __repr__(self) -> str:
        return f"Listed({self.outcome})"
