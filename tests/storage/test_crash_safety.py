"""A write interrupted at any step leaves the old file or the new one, and no debris.

Each step of the writer (temp file, write, fsync, chmod, publish, directory fsync)
is made to fail in turn, as a full disk, a crash or a kill would make it fail.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from coachkit.storage.atomic_write import create_file, replace_cache_file, replace_file

# "open" is the temporary file's creation (O_EXCL), the first file a write opens.
STEPS = ["open", "fdopen", "fsync", "chmod", "replace", "link"]


class Boom(OSError):
    pass


def _fail_at(monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise Boom(f"injected failure at {step}")

    monkeypatch.setattr(os, step, boom)


@pytest.mark.parametrize("step", STEPS)
def test_replace_leaves_the_old_file_when_any_step_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    note = tmp_path / "note.md"
    old = b"---\nstatus: open\n---\nBody\n"
    note.write_bytes(old)
    with monkeypatch.context() as patch:
        _fail_at(patch, step)
        with contextlib.suppress(Boom):
            replace_file(note, b"---\nstatus: done\n---\nBody\n", old)
    assert note.read_bytes() in (old, b"---\nstatus: done\n---\nBody\n")
    if step in ("open", "fdopen", "fsync", "chmod", "replace"):
        assert note.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]


@pytest.mark.parametrize("step", STEPS)
def test_create_leaves_nothing_or_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    note = tmp_path / "sessions" / "03-2026-02-12.md"
    new = b"---\nsession: 3\n---\n" + b"x" * 100_000
    with monkeypatch.context() as patch:
        _fail_at(patch, step)
        with contextlib.suppress(Boom):
            create_file(note, new)
    names = sorted(p.name for p in note.parent.iterdir())
    assert names in ([], ["03-2026-02-12.md"])
    if names:
        assert note.read_bytes() == new


def test_a_stale_temp_file_is_removed_by_the_next_write_of_that_note(tmp_path: Path) -> None:
    note = tmp_path / "note.md"
    note.write_bytes(b"---\nstatus: open\n---\n")
    stale = tmp_path / ".note.md.k3j_9x0a.tmp"  # as a write killed before its rename leaves it
    recent = tmp_path / ".note.md.zz11aa22.tmp"  # maybe another writer's, right now
    other = tmp_path / ".other.md.k3j_9x0a.tmp"  # another note's: not this write's business
    mine = tmp_path / ".note.md.notes.tmp"  # not a name coachkit makes
    for path in (stale, recent, other, mine):
        path.write_bytes(b"half a note")
    old = 1_000_000_000
    for path in (stale, other, mine):
        os.utime(path, (old, old))
    replace_file(note, b"---\nstatus: done\n---\n", note.read_bytes())
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["note.md", recent.name, other.name, mine.name]
    )


def test_a_cache_folder_is_swept_of_every_stale_temp_file_at_its_first_write(
    tmp_path: Path,
) -> None:
    stale = [tmp_path / ".0a1b2c3d4e5f6a7b.k3j_9x0a.tmp", tmp_path / ".other.zz11aa22.tmp"]
    recent = tmp_path / ".0a1b2c3d4e5f6a7b.abcdefgh.tmp"
    for path in (*stale, recent):
        path.write_bytes(b"half an entry")
        if path in stale:
            os.utime(path, (1_000_000_000, 1_000_000_000))
    replace_cache_file(tmp_path / "0a1b2c3d4e5f6a7b", b"entry")
    later = tmp_path / ".x.k3j_9x0a.tmp"  # left by a write killed after the first sweep
    later.write_bytes(b"half an entry")
    os.utime(later, (1_000_000_000, 1_000_000_000))
    replace_cache_file(tmp_path / "x", b"entry")  # one sweep a run: the folder is not listed again
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["0a1b2c3d4e5f6a7b", "x", recent.name, later.name]
    )


def test_a_temporary_file_is_new_private_and_named_as_stale_ones_are_found(
    tmp_path: Path,
) -> None:
    import re
    import stat

    from coachkit.storage.atomic_write import _make_temp

    made = []
    for _ in range(50):
        fd, temp = _make_temp(tmp_path, "note.md")
        os.close(fd)
        made.append(temp)
        assert re.fullmatch(r"\.note\.md\.[a-z0-9_]{8}\.tmp", temp.name)
        assert stat.S_IMODE(temp.stat().st_mode) == 0o600
    assert len(set(made)) == 50
