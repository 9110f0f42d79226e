"""Text a spreadsheet will show as text: no cell of ours can start a formula.

A CSV opened in Excel, LibreOffice or Google Sheets runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` as a formula (CSV injection), and a leading tab or
carriage return can hide such a start. A client's name or e-mail comes from a
note, so, as OWASP's "CSV Injection" page recommends, such a cell is prefixed
with a single quote, which the spreadsheet shows as text; the CSV writer quotes
any cell holding a comma, quote or line break. Numbers and dates are left alone.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
