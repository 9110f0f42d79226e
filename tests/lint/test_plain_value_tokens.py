"""Plain values are found with libyaml's scanner, which must mark every token exactly where
PyYAML's own scanner does (lint's positions and --fix edits depend on it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coachkit.lint.context import _tokens
from tests.hypothesis_strategies import examples

PIECES = st.sampled_from(
    [
        "id: k7m2\n", "due: 2026-02-20\n", "owner: no\n", "time: 10:30\n", "n: 012\n",
        "title: Zoë's plan — ünïcode 🎯\n", "t: 'quoted: yes'\n", 'q: "a\\tb"\n',
        "actions:\n  - id: a1\n    due: 2026-1-2\n", "  - x\n", "k: [1, two, 3.0]\n",
        "m: {a: 1, b: on}\n", "s: >\n  folded\n  text\n", "l: |\n  kept\n", "# note\n",
        "e: 1e3\n", "v: ~\n", "w: =\n", "\r\n", "\t\n", "bad: [\n", "x: @y\n", "key:\n",
        "? complex\n: value\n", "a: b: c\n", "u: \u00a0x\n", "dup: 1\ndup: 2\n",
    ]
)  # fmt: skip


def _marks(tokens: Iterable[Any]) -> list[tuple[object, ...]]:
    return [
        (type(t).__name__, t.start_mark.index, t.end_mark.index, getattr(t, "value", None))
        for t in tokens
    ]


def _pure(front: str) -> list[tuple[object, ...]]:
    found = []
    try:
        for token in yaml.scan(front, Loader=yaml.SafeLoader):
            found.append(token)
    except yaml.YAMLError:
        pass
    return _marks(found)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join))
def test_the_fast_scan_gives_the_tokens_the_pure_scan_gives(front: str) -> None:
    try:
        yaml.safe_load(front)
    except yaml.YAMLError:
        read = False  # broken: the pure scanner reads it
    else:
        read = True
    assert _marks(_tokens(front, read)) == _pure(front)
