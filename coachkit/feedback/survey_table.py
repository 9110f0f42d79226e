"""A survey tool's CSV export as a table: which tool wrote it, its columns, its answer rows.

Tools differ mostly in their header. Google Forms and Microsoft Forms write one
header row (``Timestamp``…, ``ID,Start time,Completion time``…); SurveyMonkey
writes two (the question, then the answer option or matrix row under it, with
the question left blank over a matrix's later columns); Qualtrics writes three
(short names such as ``Q2_1``, the question text, then JSON import ids). Each
column here has one text a coach recognises, so the rest of the import never
needs to know which tool it was.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from coachkit.errors import CoachkitError

__all__ = ["Column", "Row", "SurveyTable", "TableError", "read_table"]

GOOGLE_FORMS = "Google Forms"
MICROSOFT_FORMS = "Microsoft Forms"
SURVEYMONKEY = "SurveyMonkey"
QUALTRICS = "Qualtrics"
PLAIN_CSV = "CSV"
# SurveyMonkey's second header row under a question with one answer per column.
_PLAIN_ANSWER = {"response", "open-ended response", ""}


class TableError(CoachkitError):
    """A file that cannot be read as a table at all (missing, not text, broken quoting)."""


@dataclass(frozen=True)
class Column:
    """One column: its position (0-based), the text shown for it, and its short name."""

    index: int
    text: str
    name: str

    @property
    def label(self) -> str:
        """How messages name it: ``column 5 "G1 - To what degree…"``."""
        return f"column {self.index + 1} {_quoted(self.text)}"


def _quoted(text: str, width: int = 48) -> str:
    text = " ".join(text.split())
    return '"' + (text if len(text) <= width else text[: width - 1].rstrip() + "…") + '"'


@dataclass(frozen=True)
class Row:
    """One answer row and the file line it starts on."""

    line: int
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index].strip() if index < len(self.cells) else ""


@dataclass
class SurveyTable:
    """The export: its tool, header rows, columns and answer rows, and rows too wide to read."""

    name: str
    tool: str
    header_rows: int
    columns: list[Column]
    rows: list[Row]
    problems: list[str] = field(default_factory=list)

    def values(self, column: Column) -> list[tuple[int, str]]:
        """Every non-empty answer in ``column``, with its line."""
        return [(row.line, v) for row in self.rows if (v := row.cell(column.index))]


def read_table(path: Path) -> SurveyTable:
    """Read ``path`` and recognise its tool; raises :class:`TableError` for an unreadable file."""
    name = str(path)
    text = _read_text(path)
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in ",;\t" if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TableError(f"{name}:{reader.line_num}: not valid CSV: {exc}") from None
    if not records or not any(cell.strip() for cell in records[0][1]):
        raise TableError(f"{name}:1: no header row; the first line must name the columns")
    tool, header_rows, columns = _header(records)
    width = max(len(records[i][1]) for i in range(min(header_rows, len(records))))
    table = SurveyTable(name, tool, header_rows, columns, [])
    for line, cells in records[header_rows:]:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            table.problems.append(
                f"{name}:{line}: {len(cells)} fields but the header has {width}; "
                'put a value that holds a comma in double quotes ("like, this")'
            )
            continue
        table.rows.append(Row(line, tuple(cells)))
    return table


def _read_text(path: Path) -> str:
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TableError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise TableError(f"{name}: is a folder, not a CSV file") from None
    except OSError as exc:
        raise TableError(f"{name}: cannot read it: {exc.strerror}") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise TableError(f"{name}: not UTF-16 text after its byte-order mark") from None
    if raw.startswith(b"PK\x03\x04"):
        raise TableError(f"{name}: an Excel workbook, not CSV; save it as CSV UTF-8 first")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TableError(f"{name}:{line}: not UTF-8 text; export the CSV as UTF-8") from None


def _header(records: list[tuple[int, list[str]]]) -> tuple[str, int, list[Column]]:
    """The tool, how many header rows it wrote, and one text per column."""
    first = [cell.strip() for cell in records[0][1]]
    folded = {cell.casefold() for cell in first}
    second = [cell.strip() for cell in records[1][1]] if len(records) > 1 else []
    third = [cell.strip() for cell in records[2][1]] if len(records) > 2 else []
    if "responseid" in folded and any(cell.startswith('{"ImportId"') for cell in third):
        texts = [_at(second, i) or cell for i, cell in enumerate(first)]
        return QUALTRICS, 3, [Column(i, t, first[i] or t) for i, t in enumerate(texts)]
    if {"respondent id", "collector id"} <= folded:
        columns = []
        question = ""
        for i, cell in enumerate(first):
            question = cell or question
            option = _at(second, i)
            text = question if option.casefold() in _PLAIN_ANSWER else f"{question} [{option}]"
            columns.append(Column(i, text, text))
        return SURVEYMONKEY, 2, columns
    if first and first[0].casefold() == "timestamp":
        tool = GOOGLE_FORMS
    elif {"start time", "completion time"} <= folded:
        tool = MICROSOFT_FORMS
    else:
        tool = PLAIN_CSV
    return tool, 1, [Column(i, cell, cell) for i, cell in enumerate(first)]


def _at(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""
