"""session-missing-next-steps (CK401): a past session note has no next steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fixtures import SESSION
from tests.lint.rules.common import Fires, Quiet, S, check, check_quiet, edit

FIRING = [
    Fires(
        "session-missing-next-steps (no section)",
        {
            S: edit(
                SESSION,
                "## Next steps\nBring the decision log to session 2.\n",
                "## Homework\nRead.\n",
            )
        },
        [
            (
                S,
                2,
                1,
                "session-missing-next-steps",
                "warning",
                "session 1 (2026-02-05) has no '## Next steps' section: what happens before the next session?",
            )
        ],
    ),
    Fires(
        "session-missing-next-steps (only private text)",
        {
            S: edit(
                SESSION,
                "Bring the decision log to session 2.\n",
                "<!-- private -->Ask about the CFO.<!-- /private -->\n\n## Private\nTired.\n",
            )
        },
        [
            (
                S,
                16,
                1,
                "session-missing-next-steps",
                "warning",
                "session 1 (2026-02-05) has an empty '## Next steps' section",
            )
        ],
    ),
]

QUIET = [
    Quiet(
        "session-missing-next-steps (today's note is being written)",
        "session-missing-next-steps",
        {
            "sessions/02-2026-02-12.md": "---\nsession: 2\ndate: 2026-02-12\n---\n# Session 2\n\n## Next steps\n"
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    check(tmp_path, case.changes, *case.expected)


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)
