"""Errors a user can act on.

The core raises these; only the command line turns them into one line on stderr
and an exit code (:mod:`coachkit.cli.error_handler`). A message says what is
wrong, where, and what to do.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a problem is met: --help and the like never need pathlib
    from pathlib import Path


class CoachkitError(Exception):
    """An error whose message is ready to show to a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def lines(self) -> list[str]:
        """The lines to show, one per problem: one, unless the error gathers several
        (an import lists every bad row at once)."""
        return [self.message]


class ProblemKind(enum.Enum):
    """What is wrong in a note, as the reader, the loader or the feedback reader saw it.

    The model only says what it found; lint decides which rule reports each kind,
    and how severe it is (each rule module's ``KINDS``).
    """

    UNREADABLE = "unreadable"  # missing, not UTF-8, front matter not YAML or not a mapping…
    WRONG_TYPE = "wrong_type"  # a value that should be text, a whole number or a list
    DUPLICATE_KEY = "duplicate_key"
    INVALID_DATE = "invalid_date"  # no such day, or not a date where one belongs
    NO_FRONT_MATTER = "no_front_matter"
    ACTION_STATUS_UNKNOWN = "action_status_unknown"
    ACTION_WITHOUT_ID = "action_without_id"
    ENGAGEMENT_WITHOUT_CLIENT = "engagement_without_client"
    SESSION_WITHOUT_DATE = "session_without_date"  # no number or no date
    FACT_INVALID = "fact_invalid"  # a session's or engagement's start, billing, group size…
    FEEDBACK_UNREADABLE = "feedback_unreadable"  # a round or response that cannot be counted
    RATING_OUT_OF_SCALE = "rating_out_of_scale"
    FEEDBACK_GOAL_UNKNOWN = "feedback_goal_unknown"
    PRIVATE_TEXT = "private_text"  # private text that cannot be left out safely


class NoteError(CoachkitError):
    """A problem in one file: its kind, where it is (line and column, both 1-based), and
    the facts as a sentence (``problem``); its message is ``path:line:col: problem``."""

    def __init__(
        self,
        path: Path | str,
        line: int,
        column: int,
        message: str,
        kind: ProblemKind = ProblemKind.UNREADABLE,
    ) -> None:
        from pathlib import Path

        self.path = Path(path)
        self.line = line
        self.column = column
        self.problem = message
        self.kind = kind
        super().__init__(f"{path}:{line}:{column}: {message}")

    def __reduce__(self) -> tuple[type[NoteError], tuple[Path, int, int, str, ProblemKind]]:
        # Picklable although the constructor takes more than the message.
        return (type(self), (self.path, self.line, self.column, self.problem, self.kind))


class PrivateTextRefused(NoteError):
    """Text that cannot be disclosed safely: a private marker or heading would survive."""

    def __init__(self, path: Path | str, line: int, column: int, message: str) -> None:
        super().__init__(path, line, column, message, ProblemKind.PRIVATE_TEXT)

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
