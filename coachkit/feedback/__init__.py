"""Stakeholder feedback: rounds of ratings, recording them, summaries, and the
anonymity rule every published figure passes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachkit.lazy_exports import lazy

if TYPE_CHECKING:
    from coachkit.feedback.anonymity import publishable
    from coachkit.feedback.record import add_round, import_csv
    from coachkit.feedback.rounds import read_rounds, summarize

__all__ = ["add_round", "import_csv", "publishable", "read_rounds", "summarize"]
__getattr__ = lazy(
    __name__,
    {
        "add_round": "record",
        "import_csv": "record",
        "publishable": "anonymity",
        "read_rounds": "rounds",
        "summarize": "rounds",
    },
)
