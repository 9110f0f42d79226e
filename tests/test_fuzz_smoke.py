"""A bounded run of the fuzzer in the suite; `make fuzz` runs it for longer."""

from __future__ import annotations

import random
from pathlib import Path

from tools.fuzz.mutations import sample_notes
from tools.fuzz.run_fuzz import check_case


def test_mutated_notes_give_only_one_line_errors(tmp_path: Path) -> None:
    rng = random.Random(7)
    notes = sample_notes()
    failures = [failure for _ in range(40) if (failure := check_case(tmp_path, rng, notes))]
    assert failures == []
