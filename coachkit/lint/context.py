"""What a rule sees: one engagement, its notes and their text, and "today"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachkit.engagement.model import ActionItem, Engagement
from coachkit.errors import NoteError, ProblemKind
from coachkit.lint.config import suppressions
from coachkit.lint.finding import Hit

if TYPE_CHECKING:
    from coachkit.notes.reader import Note


@dataclass(frozen=True)
class PlainValue:
    """A plain scalar value in a note's front matter: where it starts, and its text."""

    offset: int
    line: int
    column: int
    text: str


@dataclass
class LintContext:
    """One engagement under lint."""

    engagement: Engagement
    as_of: dt.date
    _texts: dict[Path, str] = field(default_factory=dict)
    _suppressions: dict[Path, dict[int, tuple[int, list[str]]]] = field(default_factory=dict)
    _feedback_problems: list[NoteError] | None = None

    def notes(self) -> Iterator[Note]:
        """Every note that parsed, engagement.md first."""
        yield from self.engagement.notes.values()

    def problems(self, kinds: Collection[ProblemKind]) -> Iterator[Hit]:
        """Hits for the problems of ``kinds`` that the reader (or the feedback reader) met."""
        for problem in [*self.engagement.problems, *self.feedback_problems()]:
            if problem.kind in kinds:
                yield Hit(problem.path, problem.line, problem.column, problem.problem)

    @property
    def engagement_note(self) -> Note | None:
        """The parsed ``engagement.md``, or None when it could not be read."""
        from coachkit.engagement.listing import ENGAGEMENT_FILE

        return self.engagement.notes.get(self.engagement.root / ENGAGEMENT_FILE)

    def feedback_problems(self) -> list[NoteError]:
        """What reading the feedback rounds found, read once per engagement."""
        if self._feedback_problems is None:
            from coachkit.feedback.rounds import read_rounds

            self._feedback_problems = read_rounds(self.engagement)[1]
        return self._feedback_problems

    def text(self, path: Path) -> str:
        """The decoded text of ``path`` (BOM removed), read once."""
        cached = self._texts.get(path)
        if cached is None:
            try:
                from coachkit.notes.reader import decode

                cached = decode(path, path.read_bytes())[0]
            except (OSError, NoteError):
                cached = ""
            self._texts[path] = cached
        return cached

    def suppressions(self, path: Path) -> dict[int, tuple[int, list[str]]]:
        """``{line: (column, [rule, …])}`` for the ``# coachkit: ignore[…]`` comments in ``path``."""
        found = self._suppressions.get(path)
        if found is None:
            found = suppressions(self.text(path))
            self._suppressions[path] = found
        return found

    def suppression_for(self, path: Path, line: int, rule: str) -> int | None:
        """The line of a comment that suppresses ``rule`` at ``line`` (on it or just above)."""
        marks = self.suppressions(path)
        for candidate in (line, line - 1):
            if candidate in marks and rule in marks[candidate][1]:
                return candidate
        return None

    def all_suppressions(self) -> Iterator[tuple[Path, int, int, str]]:
        """Every suppression as (path, line, column, rule name)."""
        paths = list(self._suppressions) + [
            p for p in self.engagement.notes if p not in self._suppressions
        ]
        for path in paths:
            for line, (column, names) in self.suppressions(path).items():
                for name in names:
                    yield path, line, column, name

    def item_key_position(self, item: ActionItem, key: str) -> tuple[int, int]:
        """Where ``key`` of an action item starts (the item's start if absent)."""
        positions: dict[str, tuple[int, int]] = getattr(item.raw, "key_positions", {})
        return positions.get(key, (item.line, item.column))

    def items_without(
        self, key: str, status: str | None = "open", what: str | None = None, blank: bool = True
    ) -> Iterator[Hit]:
        """A hit at each action item (of ``status``; any if None) whose ``key`` is missing, or
        blank text when ``blank``: ``action ID has no WHAT``, the shape of the "missing" rules."""
        for item in self.engagement.actions:
            if status is not None and item.status != status:
                continue
            value = item.raw.get(key)
            if value is None or (blank and isinstance(value, str) and not value.strip()):
                name = item.id or "(no id)"
                yield Hit(item.path, item.line, item.column, f"action {name} has no {what or key}")

    def plain_values(
        self, note: Note, cheap: re.Pattern[str] | None = None
    ) -> Iterator[PlainValue]:
        """Each plain scalar value (not a key, not quoted) in ``note``'s front matter, with
        its place in the file. ``cheap`` is a pattern the front matter must contain at all,
        so most notes are never scanned."""
        import yaml

        from coachkit.notes.reader import split_front_matter

        if not note.has_front_matter:
            return
        text = self.text(note.path)
        try:
            split = split_front_matter(note.path, text)
        except NoteError:  # the reader has reported it already
            return
        if split is None or (cheap and not cheap.search(text, split.yaml_start, split.yaml_end)):
            return
        front = text[split.yaml_start : split.yaml_end]
        previous: yaml.Token | None = None
        read = not any(problem.path == note.path for problem in self.engagement.problems)
        for token in _tokens(front, read):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.plain
                and not isinstance(previous, yaml.KeyToken)
                and front[token.start_mark.index : token.end_mark.index] == token.value
            ):
                offset = split.yaml_start + token.start_mark.index
                line = text.count("\n", 0, offset) + 1
                column = offset - (text.rfind("\n", 0, offset) + 1) + 1
                yield PlainValue(offset, line, column, token.value)
            previous = token


def _tokens(front: str, read: bool) -> Iterator[Any]:
    """The YAML tokens of ``front``, up to the first error.

    On YAML that was ``read`` without a problem, libyaml's scanner (PyYAML's C
    loader) gives the same tokens at the same marks as PyYAML's own, ~20 times
    faster (a test compares them). On broken YAML the two may split it differently
    before either notices, so the pure-Python scanner reads it, as it always did.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None and read:
        try:
            return iter(list(yaml.scan(front, Loader=fast)))
        except yaml.YAMLError:
            pass
    return _tokens_before_error(yaml.scan(front, Loader=yaml.SafeLoader))


def _tokens_before_error(tokens: Iterator[Any]) -> Iterator[Any]:
    import yaml

    try:
        yield from tokens
    except yaml.YAMLError:
        return
