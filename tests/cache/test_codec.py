"""The parse cache's codec keeps each problem's place, facts and kind."""

from __future__ import annotations

from pathlib import Path

from coachkit.cache.codec import decode, encode
from coachkit.engagement.loader import load_engagement


def test_problems_come_back_with_their_kind(tmp_path: Path) -> None:
    (tmp_path / "goals").mkdir()
    (tmp_path / "engagement.md").write_text("---\nstart: 2026-02-30\n---\n", encoding="utf-8")
    (tmp_path / "goals" / "G1-a.md").write_text("---\nid: G1\nid: G2\n---\n", encoding="utf-8")
    (tmp_path / "goals" / "G2-b.md").write_text("no front matter\n", encoding="utf-8")
    engagement = load_engagement(tmp_path)
    names = ["engagement.md", "goals/G1-a.md", "goals/G2-b.md"]
    cached = decode(tmp_path, [memoryview(s) for s in encode(engagement, names)])
    facts = [(p.path, p.line, p.column, p.problem, p.kind) for p in engagement.problems]
    assert len(facts) == 3
    assert [(p.path, p.line, p.column, p.problem, p.kind) for p in cached.problems] == facts
