"""``coachkit hours`` in one call: the practice read, the log counted, the credential measured.

The log is not made from a practice with a broken engagement.md or session note:
a note that cannot be read could hide hours, or count them wrongly, so those
problems come back instead (goal and feedback files do not matter here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from coachkit.errors import CoachkitError, NoteError
from coachkit.hours.credentials import Credential, Progress, credential, progress
from coachkit.hours.export import FILE_FORMATS
from coachkit.hours.log import HoursLog, count_hours, hours, problems_that_count

if TYPE_CHECKING:
    from coachkit.engagement.practice import CoachChoice

SUFFIX_FORMATS = {f".{fmt}": fmt for fmt in FILE_FORMATS}


class HoursUsageError(CoachkitError):
    """A format and an output that do not go together."""


@dataclass
class HoursResult:
    """The log, the credential asked for and the progress against it, or the problems."""

    log: HoursLog
    credential: Credential | None = None
    progress: list[Progress] = field(default_factory=list)
    problems: list[NoteError] = field(default_factory=list)


def output_format(fmt: str | None, output: Path | None) -> str:
    """The format to write: ``fmt``, else from ``output``'s extension, else a table.

    A table is for the terminal and a workbook is for a file.
    """
    if fmt is None:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower(), "table") if output else "table"
    if fmt == "table" and output is not None:
        raise HoursUsageError(
            f"{output}: -o writes csv, json or xlsx; name the file .csv, .json or .xlsx "
            "or give --format"
        )
    if fmt == "xlsx" and output is None:
        raise HoursUsageError("--format xlsx writes a workbook: give -o FILE.xlsx")
    return fmt


def build_hours(
    paths: Sequence[Path],
    cwd: Path,
    today: dt.date,
    since: dt.date | None = None,
    until: dt.date | None = None,
    credential_name: str | None = None,
    use_cache: bool = True,
    coach: CoachChoice | None = None,
) -> HoursResult:
    """The coaching log of the engagements at or below ``paths`` (see docs/hours.md); with
    ``coach``, only that coach's."""
    from coachkit.engagement.practice import load_practice

    wanted = credential(credential_name) if credential_name else None
    empty = count_hours([], today, since, until)  # refuses --since after --until first
    engagements, _ = load_practice(paths, cwd, use_cache=use_cache, coach=coach)
    problems = problems_that_count(engagements)
    if problems:
        return HoursResult(empty, wanted, problems=problems)
    log = count_hours(engagements, today, since, until)
    rows: list[Progress] = []
    if wanted is not None:
        recent = log.recent(wanted.recent_months) if wanted.recent_hours is not None else None
        rows = progress(wanted, hours(log.minutes), hours(log.paid_minutes), log.clients, recent)
    return HoursResult(log, wanted, rows)
