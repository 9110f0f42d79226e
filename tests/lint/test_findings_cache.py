"""Lint findings are reused only while nothing they depend on changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coachkit.cache import entries as engagement_cache
from tests.helpers import run


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files as settled at once, so that a test can cache what it just wrote."""
    monkeypatch.setattr(engagement_cache, "SETTLE_NS", -(10**12))


@pytest.fixture
def practice(sample: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "practice"
    for name in ("a", "b"):
        shutil.copytree(sample, folder / name, ignore=shutil.ignore_patterns(".git"))
    return folder


def lint(practice: Path, *args: str) -> tuple[int, str]:
    result = run("lint", str(practice), "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout


def test_cached_findings_equal_fresh_ones(practice: Path) -> None:
    fresh = lint(practice, "--no-cache")
    assert lint(practice) == fresh  # stores
    assert lint(practice) == fresh  # reads
    text_fresh = run("lint", str(practice), "--no-cache").output
    assert run("lint", str(practice)).output == text_fresh


def test_an_edited_note_is_linted_again(practice: Path) -> None:
    lint(practice)
    note = practice / "a" / "goals" / "G1-delegate.md"
    if not note.exists():
        note = sorted((practice / "a" / "goals").glob("*.md"))[0]
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("---\n", "---\nsurprise_key: 1\n", 1), encoding="utf-8")
    _, after = lint(practice)
    assert "surprise_key" in after
    assert after == lint(practice, "--no-cache")[1]


def test_a_configuration_file_above_the_engagement_is_seen(practice: Path) -> None:
    _, before = lint(practice)
    assert "action-overdue" in before
    (practice / ".coachkit.yaml").write_text("lint:\n  ignore: [action-overdue]\n")
    _, after = lint(practice)
    assert "action-overdue" not in after
    (practice / "a" / "sessions" / ".coachkit.yaml").write_text(
        "lint:\n  select: [action-overdue]\n"
    )
    _, nested = lint(practice)
    assert nested == lint(practice, "--no-cache")[1]


def test_the_date_and_the_rules_chosen_are_part_of_the_key(practice: Path) -> None:
    _, today = lint(practice)
    _, later = lint(practice, "--as-of", "2027-01-01")
    assert later != today and later == lint(practice, "--as-of", "2027-01-01", "--no-cache")[1]
    _, selected = lint(practice, "--ignore", "action-overdue")
    assert selected == lint(practice, "--ignore", "action-overdue", "--no-cache")[1]
    assert selected != today


def test_fixable_findings_stay_fixable_from_the_cache(practice: Path) -> None:
    note = next(
        p
        for p in sorted((practice / "a" / "sessions").glob("*.md"))
        if "due: 2026-0" in p.read_text()
    )
    text = note.read_text(encoding="utf-8")
    start = text.index("due: 2026-0") + len("due: 2026-")
    note.write_text(text[:start] + text[start + 1 :], encoding="utf-8")  # 2026-02-10 -> 2026-2-10
    _, fresh = lint(practice)
    _, cached = lint(practice)
    assert cached == fresh and '"fixable": true' in cached
    result = run("lint", str(practice), "--fix", "--no-commit")
    assert result.exit_code in (0, 1), result.output
    assert note.read_text(encoding="utf-8") == text


def test_a_cold_lint_shared_with_a_child_process_finds_the_same(
    practice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.cache import two_processes

    monkeypatch.setattr(two_processes, "MIN_NOTES", 1)
    for name in ("c", "d"):
        shutil.copytree(practice / "a", practice / name)
    fresh = lint(practice, "--no-cache")
    assert lint(practice) == fresh  # cold: half linted by a child, through the cache
    assert lint(practice) == fresh  # warm
