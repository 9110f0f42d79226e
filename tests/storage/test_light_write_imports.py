"""A plain write imports only what it needs; the heavy path still runs when it is needed.

``session new`` after a note written in prose (flat, see :mod:`coachkit.notes.privacy`),
with plainly safe values, loads neither PyYAML nor the Markdown parser; a value that
needs quoting, or a last note whose private parts only a parse can find, loads them and
writes the same bytes as ever. Run as a coach runs it, in a fresh process on a warm
parse cache: an in-process run would see the modules the test session already imported.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from tests.helpers import commits, git, run_watching_imports

WATCHED = (
    "yaml",
    "markdown_it",
    "html",
    "shlex",
    "hashlib",
    "coachkit.notes.front_matter_edit",
    "coachkit.storage.own_change",
)
FLAT_BODY = (
    "# Session 2\n\n"
    "## Homework\n"
    "Write the delegation contract for the capacity plan.\n\n"
    "## Next steps\n"
    "Review how the hand-over went.\n\n"
    "## Private\n"
    "Conflict with the CFO came up again.\n"
)


def _coachkit(folder: Path, *args: str) -> set[str]:
    """Run ``coachkit ARGS`` in a new process; the watched modules it imported."""
    env = {**os.environ, "COACHKIT_TODAY": "2026-02-12"}
    done, modules = run_watching_imports(*args, cwd=folder, env=env)
    assert done.returncode == 0, done.stderr
    return modules & set(WATCHED)


def _last_session(sample: Path) -> Path:
    return sorted((sample / "sessions").glob("*.md"))[-1]


def _written_in_prose(sample: Path) -> None:
    """The last session note's body as a coach types it: prose under plain headings."""
    note = _last_session(sample)
    text = note.read_text(encoding="utf-8")
    front = text[: text.index("\n---\n", 4) + len("\n---\n")]
    note.write_text(front + FLAT_BODY, encoding="utf-8")
    git(sample, "commit", "-qam", "Session 2 in prose")
    _warm(sample)


def _warm(sample: Path) -> None:
    """The parse cache warm, as it is between a coach's commands: it keeps only notes
    settled for a second (by their change time, which nothing can set back)."""
    time.sleep(1.1)
    _coachkit(sample, "status")


def _new_note(sample: Path, before: set[Path]) -> str:
    (path,) = set((sample / "sessions").glob("*.md")) - before
    return path.read_text(encoding="utf-8")


def test_session_new_after_a_prose_note_loads_neither_yaml_nor_the_markdown_parser(
    sample: Path,
) -> None:
    _written_in_prose(sample)
    before = set((sample / "sessions").glob("*.md"))
    imported = _coachkit(sample, "session", "new", "--format", "video")
    # hashlib comes with Jinja2 (its bytecode cache), which renders the note.
    assert imported == {"hashlib"}, imported
    note = _new_note(sample, before)
    assert "format: video\n" in note
    assert "goals: [G1, G2]\n" in note
    assert "> Write the delegation contract for the capacity plan." in note
    assert "CFO" not in note
    assert git(sample, "status", "--porcelain") == ""


def test_a_value_only_yaml_can_judge_is_judged_by_yaml(sample: Path) -> None:
    _written_in_prose(sample)
    before = set((sample / "sessions").glob("*.md"))
    imported = _coachkit(sample, "session", "new", "--format", "on")
    assert "yaml" in imported
    assert "format: 'on'\n" in _new_note(sample, before)  # a YAML 1.1 reader's `true`


def test_a_note_whose_private_parts_need_the_parse_is_parsed(sample: Path) -> None:
    last = _last_session(sample).read_text(encoding="utf-8")
    assert re.search(r"<!-- private -->.*CFO", last)  # a private span: only the parse decides
    _warm(sample)
    before = set((sample / "sessions").glob("*.md"))
    imported = _coachkit(sample, "session", "new")
    assert "markdown_it" in imported
    note = _new_note(sample, before)
    assert "Write the delegation contract for the capacity plan." in note
    assert "CFO" not in note


def test_action_done_loads_no_markdown_parser(sample: Path) -> None:
    _warm(sample)
    before = len(commits(sample))
    imported = _coachkit(sample, "action", "done", "t9hc")
    assert "markdown_it" not in imported, imported
    assert len(commits(sample)) == before + 1
