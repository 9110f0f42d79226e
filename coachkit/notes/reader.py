"""Read one Markdown note: split its front matter, parse it strictly, keep positions.

Every problem becomes a :class:`~coachkit.errors.NoteError` of a
:class:`~coachkit.errors.ProblemKind`, whose message is ``path:line:col: message``
with the line counted in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachkit.errors import NoteError, ProblemKind
from coachkit.notes.located_map import LocatedMap

BOM = "\ufeff"
_OPEN_RE = re.compile(r"---[ \t]*(\r?\n)")
_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_CONFLICT_RE = re.compile(r"^(?:<<<<<<<|>>>>>>>)(?: |$)", re.M)


@dataclass(frozen=True)
class FrontMatterSplit:
    """Where the front matter is in a decoded text (BOM removed).

    ``yaml_start``/``yaml_end`` delimit the YAML between the ``---`` lines;
    ``body_start`` is where the body begins. Offsets are in characters.
    """

    yaml_start: int
    yaml_end: int
    body_start: int
    newline: str


@dataclass
class Note:
    """A parsed note: its front matter (with positions), body and file facts."""

    path: Path
    meta: LocatedMap
    body: str
    body_line: int
    has_front_matter: bool
    newline: str
    has_bom: bool

    def position_of(self, key: str) -> tuple[int, int]:
        """Line and column of a top-level key (the front matter's start if absent)."""
        return self.meta.position_of(key)


def decode(path: Path, data: bytes) -> tuple[str, bool]:
    """Decode UTF-8 (BOM allowed) or fail at the first bad byte's line and column."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        if line_start == 0 and data.startswith(BOM.encode("utf-8")):
            line_start = len(BOM.encode("utf-8"))  # an editor does not show the BOM as a column
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise NoteError(
            path, line, column, f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8"
        ) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def split_front_matter(path: Path, text: str) -> FrontMatterSplit | None:
    """Find the ``---`` block at the top of ``text``; None when the note has none."""
    opening = _OPEN_RE.match(text)
    if opening is None:
        if text.rstrip() == "---":
            raise NoteError(path, 1, 1, "front matter never closed: add a line '---' after it")
        return None
    closing = _CLOSE_RE.search(text, opening.end())
    if closing is None:
        raise NoteError(path, 1, 1, "front matter never closed: add a line '---' after it")
    body_start = closing.end()
    if text.startswith("\r\n", body_start):
        body_start += 2
    elif text.startswith("\n", body_start):
        body_start += 1
    return FrontMatterSplit(opening.end(), closing.start(), body_start, opening.group(1))


def parse_front_matter(path: Path, yaml_text: str, first_line: int = 2) -> LocatedMap:
    """Parse the YAML between the ``---`` lines into a :class:`LocatedMap`."""
    import yaml  # here, not at the top: splitting a note and reading its body need no YAML
    import yaml.reader

    from coachkit.notes.strict_yaml import load_strict

    try:
        data = load_strict(yaml_text, first_line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else 1
        message = str(exc.problem or exc.context or "invalid YAML")
        conflict = _CONFLICT_RE.search(yaml_text)
        if conflict:
            line = yaml_text.count("\n", 0, conflict.start()) + first_line
            column, message = 1, "merge conflict markers: resolve the conflict, then remove them"
        raise NoteError(
            path, line, column, _plain_yaml_message(message), _kind_of(message)
        ) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a control character): name it and its place.
        position = max(int(exc.position), 0)
        line = yaml_text.count("\n", 0, position) + first_line
        column = position - (yaml_text.rfind("\n", 0, position) + 1) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"character U+{ord(character):04X} is not allowed in front matter; delete it"
        raise NoteError(path, line, column, message) from None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "invalid YAML"
        raise NoteError(path, first_line, 1, f"invalid YAML: {first}") from None
    except RecursionError:
        raise NoteError(path, first_line, 1, "front matter is nested too deeply") from None
    if data is None:
        empty = LocatedMap()
        empty.line, empty.column = first_line, 1
        return empty
    if not isinstance(data, LocatedMap):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise NoteError(
            path, first_line, 1, f"front matter must be a mapping of keys to values, found {kind}"
        )
    return data


def _kind_of(problem: str) -> ProblemKind:
    """The kind of a problem the strict YAML loader reported."""
    if problem.startswith("invalid date"):
        return ProblemKind.INVALID_DATE
    if problem.startswith("duplicate key"):
        return ProblemKind.DUPLICATE_KEY
    return ProblemKind.UNREADABLE


def _plain_yaml_message(problem: str) -> str:
    if problem.startswith(
        ("invalid date", "duplicate key", "a key must", "merge conflict", "anchors and aliases")
    ):
        return problem
    return f"invalid YAML: {problem}"


def parse_note(path: Path, data: bytes) -> Note:
    """Parse a note from its bytes; raises :class:`NoteError` on any problem."""
    text, has_bom = decode(path, data)
    split = split_front_matter(path, text)
    if split is None:
        newline = "\r\n" if "\r\n" in text[:4096] else "\n"
        meta = LocatedMap()
        meta.line, meta.column = 1, 1
        return Note(path, meta, text, 1, False, newline, has_bom)
    meta = parse_front_matter(path, text[split.yaml_start : split.yaml_end])
    body_line = text.count("\n", 0, split.body_start) + 1
    return Note(path, meta, text[split.body_start :], body_line, True, split.newline, has_bom)


def read_body(path: Path) -> str:
    """The body of the note at ``path`` (what follows its front matter), without parsing YAML."""
    text = decode(path, _read_bytes(path))[0]
    split = split_front_matter(path, text)
    return text if split is None else text[split.body_start :]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NoteError(path, 1, 1, "file not found (was it moved or deleted?)") from None
    except IsADirectoryError:
        raise NoteError(path, 1, 1, "is a folder, not a note") from None
    except PermissionError:
        raise NoteError(path, 1, 1, "cannot read the file: permission denied") from None


def read_note(path: Path) -> Note:
    """Read and parse the note at ``path``."""
    return parse_note(path, _read_bytes(path))


def frontmatter_handler() -> Any:
    """A python-frontmatter handler that parses with coachkit's strict loader.

    ``frontmatter.loads(text, handler=frontmatter_handler())`` then reads YAML 1.2
    core types and rejects duplicate keys and impossible dates.
    """
    from frontmatter.default_handlers import YAMLHandler

    class StrictYAMLHandler(YAMLHandler):
        def split(self, text: str) -> tuple[str, str]:
            # python-frontmatter's own split starts the YAML with the end of the '---' line
            # and swallows blank lines after it, so the reported lines would be wrong.
            found = split_front_matter(Path("<front matter>"), text)
            if found is None:
                raise ValueError("no front matter")
            return text[found.yaml_start : found.yaml_end], text[found.body_start :]

        def load(self, fm: str, **kwargs: object) -> Any:
            return parse_front_matter(Path("<front matter>"), fm)

    return StrictYAMLHandler()
