"""What a lint rule reports, and the rule's own description."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coachkit.errors import ProblemKind
    from coachkit.lint.context import LintContext

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class TextEdit:
    """Replace ``old`` with ``new`` at character ``offset`` of the file's decoded text."""

    offset: int
    old: str
    new: str


@dataclass(frozen=True)
class Hit:
    """One place a rule fires: where, what, and an optional safe fix."""

    path: Path
    line: int
    column: int
    message: str
    edits: tuple[TextEdit, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A lint rule: code (CK + 3 digits), kebab-case name, default severity, documentation,
    and the kinds of problem met while reading notes that it reports."""

    code: str
    name: str
    severity: str
    doc: str
    check: Callable[[LintContext], Iterable[Hit]] = field(compare=False)
    kinds: tuple[ProblemKind, ...] = ()

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.strip().splitlines()[0].strip()


@dataclass(frozen=True)
class Finding:
    """A hit with its rule and effective severity, ready to print."""

    path: Path
    line: int
    column: int
    code: str
    rule: str
    severity: str
    message: str
    edits: tuple[TextEdit, ...] = ()

    def as_dict(self) -> dict[str, object]:
        """The stable JSON record (documented in docs/json.md)."""
        return {
            "path": str(self.path),
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fixable": bool(self.edits),
        }
