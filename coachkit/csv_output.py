"""CSV as every listing and the hours log write it: text a spreadsheet shows as text.

A CSV opened in Excel, LibreOffice or Google Sheets runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula (CSV injection), and a leading tab or
carriage return can hide such a start. Titles, owners and names come from notes a
coach (or a client's e-mail) typed, so, as OWASP's "CSV Injection" page recommends,
such a cell is prefixed with a single quote, which every spreadsheet shows as text.

The same quote keeps text that only looks like a number as text: an action id or
an owner ``012`` would otherwise become the number 12 (quoting the cell does not
help: Excel ignores CSV quotes, and LibreOffice honours them only when asked).
Real numbers, dates and booleans are left alone; the CSV writer quotes any cell
holding a comma, quote or line break. ``excel=True`` adds the byte order mark and
CRLF line ends Excel needs to read UTF-8 text without mangling it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Text a spreadsheet would read as a number and so lose (leading zeros, the type).
NUMBER_LIKE = re.compile(r"\d+(?:[.,]\d+)?")
EXCEL_BOM = "\ufeff"


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a
    formula or read as a number; anything else as it is."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_STARTS) or NUMBER_LIKE.fullmatch(value)
    ):
        return "'" + value
    return value


def plain_cell(value: Any) -> Any:
    """``null`` as an empty cell, booleans as ``true``/``false``, dates in ISO, lists
    joined with ``;``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return ";".join(str(plain_cell(item)) for item in value)
    return value


def csv_text(
    records: Iterable[Mapping[str, Any]], fields: Sequence[str], excel: bool = False
) -> str:
    """``records`` as CSV under a header row of ``fields``: each cell made plain by
    :func:`plain_cell`, then safe by :func:`safe_cell`."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=list(fields),
        extrasaction="ignore",
        lineterminator="\r\n" if excel else "\n",
    )
    writer.writeheader()
    for record in records:
        writer.writerow({key: safe_cell(plain_cell(value)) for key, value in record.items()})
    return (EXCEL_BOM if excel else "") + buffer.getvalue()
