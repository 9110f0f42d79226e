"""A full bench run replaces only the marked block of docs/performance.md."""

from __future__ import annotations

from pathlib import Path

from tools.bench.latest_run import BEGIN, END, block, replace_block, write_latest_run

ROOT = Path(__file__).resolve().parents[3]


def test_the_marked_block_is_replaced_whole_and_the_prose_kept() -> None:
    document = f"# Performance\n\nProse.\n\n## Latest run\n\n{BEGIN}\nold\ntable\n{END}\n\nMore.\n"
    new = replace_block(document, block("new table\n", "2026-12-01 19:00 UTC"))
    assert new == (
        "# Performance\n\nProse.\n\n## Latest run\n\n"
        f"{BEGIN}\n2026-12-01 19:00 UTC:\n\n```text\nnew table\n```\n{END}\n\nMore.\n"
    )
    assert replace_block(new, block("new table\n", "2026-12-01 19:00 UTC")) == new


def test_a_document_without_markers_gets_the_section_at_its_end(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text("# Performance\n\nProse.\n", encoding="utf-8")
    write_latest_run(doc, "figures", "2026-12-01 19:00 UTC")
    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Performance\n\nProse.\n\n## Latest run\n\n" + BEGIN)
    assert text.endswith(f"```text\nfigures\n```\n{END}\n")


def test_performance_md_has_the_markers_once() -> None:
    text = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
    assert text.count(BEGIN) == 1
    assert text.count(END) == 1
    assert text.index(BEGIN) < text.index(END)
