"""``action list --json`` from the cache's pre-encoded records equals the list built item
by item (``--no-cache``), whatever the filters, statuses, dates and names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, run

TRICKY_SESSION = """---
date: 2026-02-10
number: 9
actions:
  - id: dup1
    title: "Zoë's \\"quoted\\" item \\\\ with a tab\\t"
    owner: ØDEGAARD
    due: 2026-01-02
    status: open
  - id: dup1
    title: Same id, done on the same due date
    owner: Jordan
    due: 2026-01-02
    status: done
    done: 2026-01-03
  - id: und1
    title: Open without a date
    owner: Jordan
    status: open
  - id: drp1
    title: Dropped without a date
    status: dropped
  - id: far1
    title: Due far ahead
    owner: jordan
    due: 2099-12-31
    status: open
---
# Session 9
"""


@pytest.fixture
def practice(sample: Path, tmp_path: Path) -> Path:
    top = tmp_path / "practice"
    top.mkdir()
    shutil.move(str(sample), top / "acme-jordan-lee")
    second = top / "globex zoë" / "initech-ødegaard"
    shutil.copytree(top / "acme-jordan-lee", second)
    build_file_tree(second, {"sessions/09-2026-02-10.md": TRICKY_SESSION})
    return top


@pytest.mark.parametrize(
    "options",
    [
        ["--status", "all"],
        [],
        ["--status", "done"],
        ["--status", "dropped"],
        ["--overdue"],
        ["--status", "all", "--owner", "jordan"],
        ["--status", "all", "--owner", "ødegaard"],
        ["--status", "all", "--as-of", "2025-01-01"],
        ["--status", "all", "--as-of", "2026-01-03"],
        ["--overdue", "--as-of", "2030-01-01"],
    ],
)
def test_records_equal_the_rows_they_stand_for(practice: Path, options: list[str]) -> None:
    for where in ([str(practice)], [str(practice / "globex zoë")], ["."]):
        cwd = practice if where == ["."] else None
        cached = run("action", "list", *where, *options, "--json", cwd=cwd)
        again = run("action", "list", *where, *options, "--format", "json", cwd=cwd)
        rows = run("action", "list", *where, *options, "--json", "--no-cache", cwd=cwd)
        assert cached.exit_code == rows.exit_code == 0, rows.output
        assert cached.stdout == again.stdout == rows.stdout
        assert rows.stdout.startswith("[")


def test_an_owner_nobody_has_is_refused_alike(practice: Path) -> None:
    cached = run("action", "list", str(practice), "--owner", "nobody", "--json")
    rows = run("action", "list", str(practice), "--owner", "nobody", "--json", "--no-cache")
    assert (cached.exit_code, cached.stderr) == (rows.exit_code, rows.stderr)
    assert cached.exit_code == 2 and "nobody" in cached.stderr


def test_nothing_to_list_is_an_empty_array(practice: Path) -> None:
    cached = run("action", "list", str(practice), "--overdue", "--as-of", "2000-01-01", "--json")
    assert cached.stdout == "[]\n"
