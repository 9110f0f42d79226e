"""Golden files for long renders. Regenerate with: UPDATE_GOLDEN=1 make test"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare ``actual`` with tests/golden/NAME, or rewrite it when UPDATE_GOLDEN=1."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {path}; run UPDATE_GOLDEN=1 make test"
    assert actual == path.read_bytes().decode("utf-8"), f"{name} differs from its golden file"
