"""The experience a credential asks for, and how far a coaching log is from it.

ICF (coachingfederation.org/experience-requirements): hours of coaching, of which
paid, clients, and recent hours in the 18 months before applying. EMCC's EIA
(emccglobal.org, levels of accreditation): client contact hours and clients per
level. Only what a coaching log can show is here: training, mentor coaching,
supervision and feedback items are other parts of an application.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachkit.errors import CoachkitError


@dataclass(frozen=True)
class Credential:
    """One credential's experience requirements; None where it has no such requirement."""

    key: str
    title: str
    hours: int
    paid_hours: int | None
    clients: int
    recent_hours: int | None = None
    recent_months: int = 18


CREDENTIALS: dict[str, Credential] = {
    c.key: c
    for c in (
        Credential("acc", "ICF ACC", 100, 75, 8, recent_hours=25),
        Credential("pcc", "ICF PCC", 500, 450, 25, recent_hours=50),
        Credential("mcc", "ICF MCC", 2500, 2250, 35),
        Credential("emcc-foundation", "EMCC EIA Foundation", 50, None, 5),
        Credential("emcc-practitioner", "EMCC EIA Practitioner", 100, None, 10),
        Credential("emcc-senior-practitioner", "EMCC EIA Senior Practitioner", 250, None, 20),
        Credential("emcc-master-practitioner", "EMCC EIA Master Practitioner", 500, None, 40),
    )
}


class UnknownCredential(CoachkitError):
    """A --credential coachkit does not know."""


def credential(name: str) -> Credential:
    """The credential called ``name`` (any case)."""
    found = CREDENTIALS.get(name.strip().lower())
    if found is None:
        raise UnknownCredential(f"unknown credential {name!r}: use one of {', '.join(CREDENTIALS)}")
    return found


@dataclass(frozen=True)
class Progress:
    """One requirement: what it asks, what the log has, and what is still missing."""

    requirement: str  # "hours", "paid hours", "clients" or "recent hours"
    required: float
    have: float
    # For recent hours: the first day that counts (the window ends on the log's last day).
    since: dt.date | None = None

    @property
    def missing(self) -> float:
        return round(max(self.required - self.have, 0), 2)

    @property
    def met(self) -> bool:
        return self.have >= self.required


def progress(
    wanted: Credential,
    hours: float,
    paid_hours: float,
    clients: int,
    recent: tuple[dt.date, float] | None,
) -> list[Progress]:
    """Each requirement of ``wanted`` against the log's totals.

    ``recent`` is the first day of the recent window and the hours held since then,
    when the credential asks for recent hours.
    """
    rows = [Progress("hours", wanted.hours, hours)]
    if wanted.paid_hours is not None:
        rows.append(Progress("paid hours", wanted.paid_hours, paid_hours))
    rows.append(Progress("clients", wanted.clients, clients))
    if wanted.recent_hours is not None and recent is not None:
        rows.append(Progress("recent hours", wanted.recent_hours, recent[1], since=recent[0]))
    return rows
