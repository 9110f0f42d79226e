"""The credentials' requirements as the ICF and the EMCC publish them (docs/hours.md)."""

from __future__ import annotations

import datetime as dt

from coachkit.hours.credentials import CREDENTIALS, credential, progress


def test_the_published_requirements() -> None:
    table = {
        key: (c.hours, c.paid_hours, c.clients, c.recent_hours) for key, c in CREDENTIALS.items()
    }
    assert table == {
        "acc": (100, 75, 8, 25),
        "pcc": (500, 450, 25, 50),
        "mcc": (2500, 2250, 35, None),
        "emcc-foundation": (50, None, 5, None),
        "emcc-practitioner": (100, None, 10, None),
        "emcc-senior-practitioner": (250, None, 20, None),
        "emcc-master-practitioner": (500, None, 40, None),
    }
    assert credential(" PCC ").key == "pcc"


def test_progress_says_what_is_missing_and_never_less_than_nothing() -> None:
    rows = progress(credential("mcc"), 2600.0, 2000.0, 40, (dt.date(2024, 1, 1), 10.0))
    assert [(p.requirement, p.missing, p.met) for p in rows] == [
        ("hours", 0, True),
        ("paid hours", 250, False),
        ("clients", 0, True),
    ]  # MCC asks for no recent hours
