"""What every rule's test module needs: the good engagement, a way to change it, and ``check``.

A rule's tests read as a table of cases, like yamllint's ``RuleTestCase.check(source,
problem=(line, col))``: ``check(tmp_path, changes, *expected)`` lints the good engagement with
``changes`` applied and asserts that exactly the ``expected`` rows come out, in order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from coachkit.engagement.practice import load_all
from coachkit.lint.finding import Finding
from coachkit.lint.runner import lint_engagements
from tests.fixtures import ENGAGEMENT, FEEDBACK, GOAL, SESSION
from tests.helpers import build_file_tree

AS_OF = dt.date(2026, 2, 12)  # tests/conftest.py: COACHKIT_TODAY

E = "engagement.md"
G = "goals/G1-delegate.md"
S = "sessions/01-2026-02-05.md"
F = "feedback/2026-01-08-baseline.md"

BASE = {E: ENGAGEMENT, G: GOAL, S: SESSION, F: FEEDBACK}
ITEM_K7M2 = SESSION.split("  - id: k7m2\n")[1].split("duration:", maxsplit=1)[0]

# (path relative to the engagement, line, column, rule, severity, message)
Row = tuple[str, int, int, str, str, str]
# {path: new text, or None to delete the file}
Changes = dict[str, str | None]


@dataclass(frozen=True)
class Fires:
    """A change to the good engagement, and every finding it must produce."""

    id: str
    changes: Changes
    expected: list[Row]

    def __str__(self) -> str:
        return self.id


@dataclass(frozen=True)
class Quiet:
    """A change that looks close to ``rule``'s case but is fine: ``rule`` must stay quiet."""

    id: str
    rule: str
    changes: Changes

    def __str__(self) -> str:
        return self.id


def edit(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (which must be there) replaced by ``new``."""
    assert old in text, old
    return text.replace(old, new, 1)


def with_item(extra: str) -> str:
    """The base session with ``extra`` action item lines appended to its list."""
    return edit(
        SESSION,
        "    accountability: Reviewed together in session 2\n",
        f"    accountability: Reviewed together in session 2\n{extra}",
    )


def engagement_at(root: Path, changes: dict[str, str | bytes | None]) -> Path:
    """The good engagement written below ``root``, with ``changes`` applied."""
    files = {**BASE, **changes}
    return build_file_tree(root, {name: text for name, text in files.items() if text is not None})


def findings_of(*roots: Path, as_of: dt.date = AS_OF) -> list[Finding]:
    engagements, _ = load_all(list(roots))
    return lint_engagements(engagements, as_of).findings


def rows(findings: list[Finding], base: Path) -> list[Row]:
    return [
        (f.path.relative_to(base).as_posix(), f.line, f.column, f.rule, f.severity, f.message)
        for f in findings
    ]


def lint(tmp_path: Path, changes: Changes) -> list[Row]:
    """Every finding on the good engagement with ``changes`` applied."""
    root = engagement_at(tmp_path / "acme", dict(changes))
    return rows(findings_of(root), root)


def check(tmp_path: Path, changes: Changes, *expected: Row) -> None:
    """Assert that linting the changed engagement finds exactly ``expected``, in order."""
    assert lint(tmp_path, changes) == list(expected)


def check_quiet(tmp_path: Path, rule: str, changes: Changes) -> None:
    """Assert that ``rule`` finds nothing in the changed engagement (other rules may)."""
    assert [row for row in lint(tmp_path, changes) if row[3] == rule] == []
