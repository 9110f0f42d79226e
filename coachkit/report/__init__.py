"""The report for the client or the sponsor: its data model, building it from an
allow-list, rendering md/html/pdf, and where it may be written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachkit.lazy_exports import lazy

if TYPE_CHECKING:
    from coachkit.report.build import build_report, disclosures
    from coachkit.report.render import dry_run, render_report
    from coachkit.report.write import write_report

__all__ = ["build_report", "disclosures", "dry_run", "render_report", "write_report"]
__getattr__ = lazy(
    __name__,
    {
        "build_report": "build",
        "disclosures": "build",
        "dry_run": "render",
        "render_report": "render",
        "write_report": "write",
    },
)
