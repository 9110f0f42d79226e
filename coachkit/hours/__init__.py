"""Credential hours: the coaching log the ICF and the EMCC ask for, counted from the notes.

``count_hours`` builds the log (one row per client, totals), ``progress`` measures it
against a credential's requirements, and ``export`` writes it as CSV, JSON or xlsx.
docs/hours.md states every counting rule and its source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachkit.lazy_exports import lazy

if TYPE_CHECKING:
    from coachkit.hours.credentials import credential, progress
    from coachkit.hours.export import export_bytes, write_export
    from coachkit.hours.log import count_hours

__all__ = ["count_hours", "credential", "export_bytes", "progress", "write_export"]
__getattr__ = lazy(
    __name__,
    {
        "count_hours": "log",
        "credential": "credentials",
        "progress": "credentials",
        "export_bytes": "export",
        "write_export": "export",
    },
)
