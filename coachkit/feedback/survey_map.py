"""The mapping file (``feedback import --map FILE.yaml``): what the import cannot work out.

It names the rater, group and date columns, what each group answer means, which
question rates which goal or named item (or none), the scale, and words of the
coach's own for ratings. A column is named by its header text (case and spacing
ignored), the start of it when that is unique, its short name (Qualtrics'
``Q2_1``), or its number counted from 1. docs/format.md documents the keys; every
problem in the file is reported at its line, all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.errors import CoachkitError
from coachkit.feedback.likert import likert_key, parse_number
from coachkit.feedback.rounds import RATING_LIMIT
from coachkit.vocabulary import RATER_GROUPS, one_of

__all__ = ["IGNORE", "ITEM", "MapError", "SurveyMap", "Target", "read_map"]

GOAL = "goal"
ITEM = "item"
IGNORE = "ignore"
KEYS = ("rater", "group", "date", "groups", "questions", "comments", "unmatched", "scale", "values")


class MapError(CoachkitError):
    """A mapping file that cannot be used; ``problems`` holds every line found wrong."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0])
        self.problems = problems


@dataclass(frozen=True)
class Target:
    """What a question column rates: a goal (``G1``), a named item, or nothing."""

    kind: str  # goal, item or ignore
    name: str = ""

    def __str__(self) -> str:
        return (
            self.name
            if self.kind == GOAL
            else f"item {self.name!r}"
            if self.kind == ITEM
            else IGNORE
        )


@dataclass(frozen=True)
class Ref:
    """A column as the mapping names it (text or number), and where it says so."""

    key: str | int
    where: str

    def matches(self, index: int, text: str, name: str) -> bool:
        if isinstance(self.key, int):
            return self.key == index + 1
        wanted = _fold(self.key)
        return wanted in (_fold(text), _fold(name))

    def starts(self, text: str) -> bool:
        return isinstance(self.key, str) and _fold(text).startswith(_fold(self.key))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass
class SurveyMap:
    """A read mapping file; empty (``SurveyMap("")``) when none was given."""

    name: str
    rater: Ref | None = None
    group: Ref | None = None
    date: Ref | None = None
    groups: dict[str, str] = field(default_factory=dict)
    questions: list[tuple[Ref, Target]] = field(default_factory=list)
    comments: list[tuple[Ref, Target]] = field(default_factory=list)
    unmatched: str = IGNORE
    scale: tuple[float, float] | None = None
    scale_where: str = ""
    values: dict[str, int | float] = field(default_factory=dict)


def read_map(path: Path) -> SurveyMap:
    """Read and check the mapping file at ``path``; raises :class:`MapError` with every problem."""
    from coachkit.errors import NoteError
    from coachkit.notes.reader import decode, parse_front_matter

    name = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MapError([f"{name}: no such file"]) from None
    except OSError as exc:
        raise MapError([f"{name}: cannot read it: {exc.strerror}"]) from None
    try:
        text = decode(path, data)[0]
        meta = parse_front_matter(path, text, first_line=1)
    except NoteError as exc:
        raise MapError([str(exc)]) from None
    reader = _Reader(name, meta)
    found = reader.read()
    if reader.problems:
        raise MapError(reader.problems)
    return found


class _Reader:
    def __init__(self, name: str, meta: Any) -> None:
        self.name = name
        self.meta = meta
        self.problems: list[str] = []

    def where(self, mapping: Any, key: Any) -> str:
        line, column = mapping.position_of(key) if hasattr(mapping, "position_of") else (1, 1)
        return f"{self.name}:{line}:{column}"

    def problem(self, mapping: Any, key: Any, message: str) -> None:
        self.problems.append(f"{self.where(mapping, key)}: {message}")

    def read(self) -> SurveyMap:
        meta = self.meta
        found = SurveyMap(self.name)
        for key in meta:
            if key not in KEYS:
                self.problem(meta, key, f"unknown key {key!r}; the keys are {one_of(KEYS)}")
        found.rater = self.column_ref(meta, "rater")
        found.group = self.column_ref(meta, "group")
        found.date = self.column_ref(meta, "date")
        found.groups = self.groups(meta.get("groups"))
        found.questions = self.targets(meta, "questions")
        found.comments = self.targets(meta, "comments")
        unmatched = meta.get("unmatched", IGNORE)
        if unmatched not in (ITEM, IGNORE):
            self.problem(meta, "unmatched", f"unmatched must be item or ignore, not {unmatched!r}")
        else:
            found.unmatched = unmatched
        if "scale" in meta:
            found.scale = self.scale(meta.get("scale"))
            found.scale_where = self.where(meta, "scale")
        found.values = self.values(meta.get("values"))
        return found

    def column_ref(self, mapping: Any, key: str) -> Ref | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
            self.problem(mapping, key, f"{key} must name a column by its header or number")
            return None
        return Ref(value, self.where(mapping, key))

    def groups(self, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(self.meta, "groups", "groups must map each answer to a group")
            return {}
        groups: dict[str, str] = {}
        for answer, group in value.items():
            if group not in RATER_GROUPS:
                self.problem(
                    value, answer, f"group must be one of {one_of(RATER_GROUPS)}, not {group!r}"
                )
                continue
            groups[likert_key(str(answer))] = group
        return groups

    def targets(self, mapping: Any, key: str) -> list[tuple[Ref, Target]]:
        value = mapping.get(key)
        if value is None:
            return []
        if not isinstance(value, dict):
            self.problem(
                mapping, key, f"{key} must map each column to a goal id, item: NAME or ignore"
            )
            return []
        found: list[tuple[Ref, Target]] = []
        for column, target in value.items():
            if isinstance(column, bool) or not isinstance(column, (str, int)):
                self.problem(value, column, "name a column by its header text or number")
                continue
            ref = Ref(column, self.where(value, column))
            if isinstance(target, dict) and set(target) == {ITEM} and str(target[ITEM]).strip():
                found.append((ref, Target(ITEM, " ".join(str(target[ITEM]).split()))))
            elif target == IGNORE:
                found.append((ref, Target(IGNORE)))
            elif isinstance(target, str) and target.strip() and target != ITEM:
                found.append((ref, Target(GOAL, target.strip())))
            else:
                self.problem(value, column, "expected a goal id (G1), {item: NAME} or ignore")
        return found

    def scale(self, value: Any) -> tuple[float, float] | None:
        if isinstance(value, list) and len(value) == 2:
            low, high = (parse_number(str(v)) if not isinstance(v, bool) else None for v in value)
            if low is not None and high is not None and -RATING_LIMIT <= low < high <= RATING_LIMIT:
                return float(low), float(high)
        self.problem(
            self.meta,
            "scale",
            f"scale must be [lowest, highest], each from {-RATING_LIMIT:g} to "
            f"{RATING_LIMIT:g}, e.g. [1, 5] or [-3, 3]",
        )
        return None

    def values(self, value: Any) -> dict[str, int | float]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(self.meta, "values", "values must map each answer's words to a number")
            return {}
        found: dict[str, int | float] = {}
        for words, number in value.items():
            parsed = None if isinstance(number, bool) else parse_number(str(number))
            if parsed is None:
                self.problem(value, words, f"{words!r} must map to a number, not {number!r}")
                continue
            found[likert_key(str(words))] = parsed
        return found
