"""The coaching log as a file: CSV, JSON or an xlsx workbook, and writing it to ``-o``.

Each format holds the ICF log's columns, one row per client, then a total. JSON
and the workbook (its second sheet) also hold the progress against a credential.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coachkit.errors import CoachkitError, WriteRefused
from coachkit.hours.credentials import Credential, Progress
from coachkit.hours.log import HoursLog, hours

# The ICF coaching log's columns, as CSV and JSON name them and as a person reads them.
COLUMNS = (
    ("client", "Client"),
    ("contact", "Contact"),
    ("individual_or_group", "Individual or group"),
    ("group_size", "Group size"),
    ("first_session", "First session"),
    ("last_session", "Last session"),
    ("paid_hours", "Paid hours"),
    ("pro_bono_hours", "Pro bono hours"),
    ("total_hours", "Total hours"),
)
FIELDS = tuple(name for name, _ in COLUMNS)
FILE_FORMATS = ("csv", "json", "xlsx")


class XlsxUnavailable(CoachkitError):
    """--format xlsx without openpyxl installed."""


def log_records(log: HoursLog) -> list[dict[str, Any]]:
    """One record per client, in :data:`FIELDS` order; ``group_size`` is None for one person."""
    return [
        {
            "client": row.client,
            "contact": row.contact,
            "individual_or_group": "group" if row.is_group else "individual",
            "group_size": row.group_size if row.is_group else None,
            "first_session": row.first,
            "last_session": row.last,
            "paid_hours": hours(row.paid_minutes),
            "pro_bono_hours": hours(row.pro_bono_minutes),
            "total_hours": hours(row.minutes),
        }
        for row in log.rows
    ]


def totals(log: HoursLog) -> dict[str, Any]:
    return {
        "hours": hours(log.minutes),
        "paid_hours": hours(log.paid_minutes),
        "pro_bono_hours": hours(log.pro_bono_minutes),
        "clients": log.clients,
    }


def total_record(log: HoursLog) -> dict[str, Any]:
    """The last line of the CSV and the workbook: the sums, and the clients in the first cell."""
    return {
        "client": f"Total ({log.clients} client{'s' if log.clients != 1 else ''})",
        "paid_hours": hours(log.paid_minutes),
        "pro_bono_hours": hours(log.pro_bono_minutes),
        "total_hours": hours(log.minutes),
    }


def progress_records(rows: Sequence[Progress]) -> list[dict[str, Any]]:
    return [
        {
            "requirement": p.requirement,
            "required": p.required,
            "have": p.have,
            "missing": p.missing,
            "met": p.met,
            "since": p.since,
        }
        for p in rows
    ]


def json_document(
    log: HoursLog, wanted: Credential | None, rows: Sequence[Progress]
) -> dict[str, Any]:
    """Everything ``hours --format json`` prints (docs/json.md)."""
    return {
        "since": log.since,
        "until": log.until,
        "clients": log_records(log),
        "totals": totals(log),
        "credential": None
        if wanted is None
        else {
            "name": wanted.key,
            "title": wanted.title,
            "met": all(p.met for p in rows),
            "requirements": progress_records(rows),
        },
        "uncounted": list(log.uncounted),
    }


def csv_text(log: HoursLog, excel: bool = False) -> str:
    """The log as CSV: a header, one row per client, the total; every cell spreadsheet-safe."""
    from coachkit.csv_output import csv_text as records_csv

    return records_csv([*log_records(log), total_record(log)], FIELDS, excel)


def xlsx_bytes(log: HoursLog, wanted: Credential | None, rows: Sequence[Progress]) -> bytes:
    """The log as a workbook: sheet "Coaching log", and "Progress" with a credential.

    Text cells are stored as text, never as formulas, whatever they start with;
    dates are dates and hours are numbers.
    """
    try:
        from openpyxl import Workbook
    except ImportError:
        raise XlsxUnavailable(
            "--format xlsx needs openpyxl: pip install 'coachkit[xlsx]' (or use --format csv)"
        ) from None
    import io

    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet("Coaching log")
    _append(sheet, [title for _, title in COLUMNS])
    for record in [*log_records(log), total_record(log)]:
        _append(sheet, [record.get(name) for name in FIELDS])
    if wanted is not None:
        progress_sheet = book.create_sheet("Progress")
        _append(progress_sheet, [wanted.title, "Required", "Have", "Missing", "Met", "Since"])
        for p in rows:
            _append(
                progress_sheet,
                [p.requirement, p.required, p.have, p.missing, "yes" if p.met else "no", p.since],
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _append(sheet: Any, values: list[Any]) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would take "=…" for a formula
        elif isinstance(cell.value, dt.date):
            cell.number_format = "yyyy-mm-dd"


def export_bytes(
    fmt: str, log: HoursLog, wanted: Credential | None, rows: Sequence[Progress]
) -> bytes:
    """The log in ``fmt`` (csv, json or xlsx), as the bytes of a file."""
    if fmt == "xlsx":
        return xlsx_bytes(log, wanted, rows)
    if fmt == "json":
        from coachkit.json_output import json_text

        return (json_text(json_document(log, wanted, rows)) + "\n").encode("utf-8")
    return csv_text(log).encode("utf-8")


def check_target(output: Path) -> None:
    """Refuse at once an ``output`` that :func:`write_export` would refuse (checked again there)."""
    from coachkit.report.output import check_output

    check_output(output, force=True)


def write_export(output: Path, data: bytes) -> Path:
    """Write ``data`` to ``output``, replacing a regular file there (never a note, a link,
    a folder or a device); nothing is written on any error."""
    from coachkit.report.output import check_output
    from coachkit.storage.atomic_write import create_file, replace_unchanged

    target, seen = check_output(output, force=True)
    try:
        if seen is None:
            create_file(target, data)
        else:
            replace_unchanged(target, data, seen)
    except OSError as exc:
        raise WriteRefused(
            f"{output}: cannot be written ({exc.strerror or exc}); nothing was written"
        ) from None
    return target
