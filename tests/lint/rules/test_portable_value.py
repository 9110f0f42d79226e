"""portable-value (CK108): a plain value another front-matter tool types differently.

The oracles are the real libraries: python-frontmatter's default loading (YAML 1.1, as
PyYAML and Pandoc read) and ruamel.yaml (YAML 1.2, as js-yaml reads).
"""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest
from ruamel.yaml import YAML

from tests.fixtures import SESSION
from tests.helpers import commits, committed_files, git, run
from tests.lint.rules.common import Fires, Quiet, S, check_quiet, edit, lint

RULE = "portable-value"
ONE_ONE = "YAML 1.1 tools (PyYAML, python-frontmatter, Pandoc)"
ONE_TWO = "YAML 1.2 tools (ruamel.yaml, js-yaml)"

FIRING = [
    Fires(
        "no, 012, 10:30 and 1e3",
        {
            S: edit(
                SESSION,
                "    owner: Jordan\n",
                "    owner: no\n    ref: 012\n    at: 10:30\n    size: 1e3\n",
            )
        },
        [
            (
                S,
                7,
                12,
                RULE,
                "warning",
                f"'no' is text to coachkit but false to {ONE_ONE}; --fix writes 'no'",
            ),
            (
                S,
                8,
                10,
                RULE,
                "warning",
                f"'012' is text to coachkit but the number 10 to {ONE_ONE} and the number 12"
                f" to {ONE_TWO}; --fix writes '012'",
            ),
            (
                S,
                9,
                9,
                RULE,
                "warning",
                f"'10:30' is text to coachkit but the number 630 to {ONE_ONE}; --fix writes '10:30'",
            ),
            (
                S,
                10,
                11,
                RULE,
                "warning",
                f"'1e3' is the number 1000.0 to coachkit but text to {ONE_ONE};"
                " write it so that both read it alike, or quote it",
            ),
        ],
    ),
]

QUIET = [
    Quiet(
        "values every tool reads alike",
        RULE,
        {
            S: edit(
                SESSION,
                "    owner: Jordan\n",
                "    owner: 'no'\n    ref: \"012\"\n    n: 12\n    x: 2.5\n    ok: true\n"
                "    none: ~\n    word: nothing\n    when: 2026-02-01\n",
            )
        },
    ),
]


@pytest.mark.parametrize("case", FIRING, ids=str)
def test_fires(tmp_path: Path, case: Fires) -> None:
    # The made-up keys also draw unknown-key warnings; only this rule's rows matter here.
    assert [row for row in lint(tmp_path, case.changes) if row[3] == RULE] == case.expected


@pytest.mark.parametrize("case", QUIET, ids=str)
def test_stays_quiet(tmp_path: Path, case: Quiet) -> None:
    check_quiet(tmp_path, case.rule, case.changes)


def test_fix_quotes_the_values_so_every_tool_reads_coachkits_text(sample: Path) -> None:
    note = sample / "sessions/02-2026-01-29.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(
        text.replace("format: video\n", "format: video\nroom: 012\ncall: 10:30\nrecorded: no\n"),
        encoding="utf-8",
    )
    git(sample, "commit", "-q", "-am", "Typed by hand")

    result = run("lint", "--fix", "--select", RULE, cwd=sample)

    assert result.exit_code == 0, result.output
    fixed = note.read_text(encoding="utf-8")
    assert "room: '012'\ncall: '10:30'\nrecorded: 'no'\n" in fixed
    assert commits(sample)[0] == f"Fix lint findings: {RULE}"
    assert committed_files(sample) == ["sessions/02-2026-01-29.md"]
    # The oracles agree now: each tool reads the text coachkit reads.
    expected = {"room": "012", "call": "10:30", "recorded": "no"}
    as_1_1 = frontmatter.loads(fixed).metadata
    as_1_2 = YAML(typ="safe", pure=True).load(fixed.split("---\n")[1])
    for key, value in expected.items():
        assert as_1_1[key] == value
        assert as_1_2[key] == value
    assert run("lint", "--select", RULE, cwd=sample).stdout.startswith("0 errors, 0 warnings")
