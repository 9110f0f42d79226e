"""Errors a user can act on.

The core raises these; only the command line turns them into one line on stderr
and an exit code (:mod:`coachkit.cli.error_handler`). A message says what is
wrong, where, and what to do.
"""

from __future__ import annotations

from pathlib import Path


class CoachkitError(Exception):
    """An error whose message is ready to show to a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NoteError(CoachkitError):
    """A problem in one file, located at a line and column (both 1-based).

    ``rule`` names the lint rule the problem belongs to (``yaml-invalid``,
    ``invalid-date``, ``duplicate-key``, ``front-matter-missing``, …).
    """

    def __init__(
        self, path: Path | str, line: int, column: int, message: str, rule: str = "yaml-invalid"
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.column = column
        self.problem = message
        self.rule = rule
        super().__init__(f"{path}:{line}:{column}: {message}")

    def __reduce__(self) -> tuple[type[NoteError], tuple[Path, int, int, str, str]]:
        # Picklable although the constructor takes more than the message.
        return (type(self), (self.path, self.line, self.column, self.problem, self.rule))


class PrivateTextRefused(NoteError):
    """Text that cannot be disclosed safely: a private marker or heading would survive."""

    def __init__(self, path: Path | str, line: int, column: int, message: str) -> None:
        super().__init__(path, line, column, message, "private-text")

    def __reduce__(self) -> tuple[type[NoteError], tuple[Path, int, int, str]]:  # type: ignore[override]
        return (type(self), (self.path, self.line, self.column, self.problem))


class EngagementNotFound(CoachkitError):
    """No engagement.md where one was expected."""


class UnknownId(CoachkitError):
    """An id that names no item, or more than one."""


class InvalidDate(CoachkitError):
    """A date on the command line that cannot be understood."""


class WriteRefused(CoachkitError):
    """A write that would lose or overwrite something the coach wrote."""


class TemplateError(CoachkitError):
    """A template that is missing or fails to render."""
