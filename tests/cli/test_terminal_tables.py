"""Tables stay one line a row and line up, whatever a title or a name holds."""

from __future__ import annotations

from pathlib import Path

from wcwidth import wcswidth

from coachkit.cli.terminal_text import fit, visible, width
from tests.helpers import build_file_tree, run

NOTE = """---
session: 3
date: 2026-02-10
actions:
  - id: cjk1
    title: "Plan the offsite with 王小明"
    owner: 王小明
    due: 2026-02-20
    status: open
  - id: ctl2
    title: "Line one\\nline two\\tand a bell\\a and \\e[31mred"
    owner: Jordan
    due: 2026-02-21
    status: open
---
# Session 3
"""


def test_wide_names_line_up_and_control_characters_are_shown_escaped(sample: Path) -> None:
    build_file_tree(sample, {"sessions/03-2026-02-10.md": NOTE})
    result = run("action", "list", cwd=sample)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) >= {"cjk1", "ctl2", "t9hc"}  # one line per item: the newline did not split
    assert "\\n" in rows["ctl2"] and "\\t" in rows["ctl2"] and "\\x07" in rows["ctl2"]
    assert "\x1b" not in rows["ctl2"]  # an escape typed in a title is shown, never obeyed
    header = lines[0]
    title_at = wcswidth(header[: header.index("TITLE")])
    for key in ("cjk1", "ctl2", "t9hc"):
        line = rows[key]
        title = {"cjk1": "Plan the offsite", "ctl2": "Line one", "t9hc": "Hand the Q3"}[key]
        assert wcswidth(line[: line.index(title)]) == title_at, line


def test_terminal_text_helpers() -> None:
    assert visible("a\nb\x1b[2Jc") == "a\\nb\\x1b[2Jc"
    assert visible("\x1b[31mred\x1b[0m") == "\x1b[31mred\x1b[0m"  # coachkit's own colour
    assert visible("a \x1b[31mred\x1b[0m") == "a \\x1b[31mred\\x1b[0m"  # a typed escape
    assert width("王小明") == 6 and width("\x1b[31mab\x1b[0m") == 2
    assert fit("王小明王小明", 7) == "王小明…" and width(fit("王小明王小明", 7)) <= 7
    assert fit("short", 10) == "short"
