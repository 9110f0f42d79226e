"""How action rows are printed by ``overdue`` and ``action list``."""

from __future__ import annotations

from typing import Any

from coachkit.cli.listing import emit, paint
from coachkit.cli.terminal_text import fit

ACTION_FIELDS = (
    "id", "title", "owner", "due", "status", "days_overdue", "due_soon", "done",
    "goal", "accountability", "engagement", "client", "path", "line",
)  # fmt: skip


def _late(row: Any) -> str:
    if row.days_overdue:
        return paint(f"{row.days_overdue}d", "red")
    if row.due_soon:
        return paint("today" if row.late == 0 else f"in {-row.late}d", "yellow")
    return ""


def emit_action_rows(rows: list[Any], fmt: str, empty: str, with_engagement: bool) -> None:
    """Print action rows as a table (fits 80 columns), JSON or CSV."""

    def table() -> tuple[list[list[Any]], list[str]]:
        headers = ["ID", "DUE", "LATE", "OWNER", "TITLE"]
        body = [
            [r.item.id, r.item.due or "-", _late(r), fit(r.item.owner or "-", 12), r.item.title]
            for r in rows
        ]
        if any(r.item.status != "open" for r in rows):
            headers.insert(1, "STATUS")
            for line, r in zip(body, rows, strict=True):
                line.insert(1, r.item.status)
        if with_engagement:
            headers.insert(0, "ENGAGEMENT")
            for line, r in zip(body, rows, strict=True):
                line.insert(0, fit(r.engagement.name, 18))
        return body, headers

    emit([r.as_dict() for r in rows], fmt, ACTION_FIELDS, table, empty)
