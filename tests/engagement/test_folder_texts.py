"""Engagement folders found as text agree with pathlib, which every other reader uses."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coachkit.engagement.listing import engagement_above, engagement_folders, engagement_roots
from coachkit.engagement.loader import find_engagement_root
from coachkit.engagement.practice import resolve_engagements
from coachkit.errors import EngagementNotFound
from coachkit.path_text import folders_up, joined, path_order, path_text

PARTS = st.sampled_from(["", ".", "..", "a", "b-c", "b", "é", " x", "-", "a.b", "+"])
TEXTS = (
    st.lists(PARTS, max_size=6).map("/".join)
    | st.lists(PARTS, max_size=6).map(lambda parts: "/" + "/".join(parts))
    | st.sampled_from(["/", "//", "///", "//a", "///a/", ".", "./", "a//b/", ""])
)


@given(TEXTS)
def test_path_text_writes_what_pathlib_writes(text: str) -> None:
    assert path_text(text) == str(PurePosixPath(text))


@given(TEXTS, st.sampled_from(["sessions", "engagement.md", "x y"]))
def test_joined_is_pathlib_join(text: str, name: str) -> None:
    assert joined(path_text(text), name) == str(PurePosixPath(text) / name)


@given(st.lists(TEXTS, max_size=8))
def test_path_order_sorts_as_pathlib_sorts(texts: list[str]) -> None:
    folders = [path_text(text) for text in texts]
    by_text = sorted(folders, key=path_order)
    assert [PurePosixPath(f) for f in by_text] == sorted(PurePosixPath(f) for f in folders)


@given(TEXTS, st.sampled_from(["/home/alex", "/", "//srv/x", "/tmp/a b"]))
def test_folders_up_are_pathlibs_absolute_path_and_its_parents(text: str, cwd: str) -> None:
    start = PurePosixPath(cwd) / text if not text.startswith("/") else PurePosixPath(text)
    assert folders_up(text, cwd) == [str(p) for p in (start, *start.parents)]


def _engagement(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "engagement.md").write_text("---\nclient: X\n---\n", encoding="utf-8")
    return folder


def test_folders_found_below_given_paths_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("b", "a-b", "a/x", "a/y", ".hidden/z", "templates/t", "reports/r", "c/d/e"):
        _engagement(tmp_path / "practice" / name)
    (tmp_path / "practice" / "a" / "notes.md").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for paths in (
        ["practice"],
        ["./practice/"],
        [str(tmp_path / "practice")],
        ["practice/a", "practice"],
    ):
        texts = engagement_folders(paths)
        assert texts == [str(p) for p in resolve_engagements([Path(g) for g in paths], tmp_path)]
        assert isinstance(texts, list)
        assert [t.rsplit("practice/", 1)[1] for t in texts] == ["a/x", "a/y", "a-b", "b", "c/d/e"]
    # a note names its engagement; a missing path is handed back for the caller to refuse
    assert engagement_folders(["practice/b/engagement.md"]) == ["practice/b"]
    assert engagement_folders(["practice", "nowhere/"]) == "nowhere"
    with pytest.raises(EngagementNotFound, match=r"^nowhere: no such file or folder$"):
        resolve_engagements([Path("nowhere/")], tmp_path)


def test_without_paths_the_engagement_above_else_those_below(tmp_path: Path) -> None:
    root = _engagement(tmp_path / "practice" / "eng")
    (root / "sessions").mkdir()
    _engagement(tmp_path / "practice" / "other")
    assert engagement_roots([], str(root / "sessions")) == [str(root)]
    below = engagement_roots([], str(tmp_path))
    assert below == [str(tmp_path / "practice" / "eng"), str(tmp_path / "practice" / "other")]
    assert engagement_roots([], str(tmp_path / "practice" / "eng" / "sessions")) == [str(root)]
    (tmp_path / "empty").mkdir()
    assert engagement_roots([], str(tmp_path / "empty")) == []
    with pytest.raises(EngagementNotFound, match=r"above it or below it"):
        resolve_engagements([], tmp_path / "empty")


def test_engagement_above_resolves_like_pathlib(tmp_path: Path) -> None:
    root = _engagement(tmp_path / "eng")
    (root / "sessions").mkdir()
    os.symlink(root, tmp_path / "link")
    assert engagement_above(str(tmp_path / "link" / "sessions")) == str(root.resolve())
    assert find_engagement_root(tmp_path / "link" / "sessions") == root.resolve()
    assert engagement_above(str(tmp_path)) is None
    with pytest.raises(EngagementNotFound, match=r"no engagement\.md in"):
        find_engagement_root(tmp_path)
