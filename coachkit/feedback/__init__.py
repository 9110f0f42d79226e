"""Stakeholder feedback: rounds of ratings, recording them, summaries, and the
anonymity rule every published figure passes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachkit.lazy_exports import lazy

if TYPE_CHECKING:
    from coachkit.feedback.anonymity import publishable
    from coachkit.feedback.record import add_round
    from coachkit.feedback.rounds import read_rounds, summarize
    from coachkit.feedback.survey_import import import_survey

__all__ = ["add_round", "import_survey", "publishable", "read_rounds", "summarize"]
__getattr__ = lazy(
    __name__,
    {
        "add_round": "record",
        "import_survey": "survey_import",
        "publishable": "anonymity",
        "read_rounds": "rounds",
        "summarize": "rounds",
    },
)
