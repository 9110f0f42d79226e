"""Install the merge driver in a repository: ``.gitattributes`` lines and ``merge.coachkit``.

``.gitattributes`` travels with the repository, so one clone's commit tells every
clone which notes the driver merges. The driver itself is git config, which git
never carries: each clone needs ``coachkit git-setup`` once (``coachkit init`` does
it for the repository it starts).

The command git runs is this Python (``sys.executable``) with ``-m coachkit``, not
the ``coachkit`` found on PATH: git runs drivers from whatever shell or GUI starts
the merge, where a virtual environment's ``coachkit`` is often not on PATH, while
the interpreter path works from anywhere. After moving or rebuilding the
environment, run ``coachkit git-setup`` again.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from coachkit.errors import CoachkitError
from coachkit.storage.atomic_write import create_file, replace_file
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.git_calls import repository_top
from coachkit.storage.git_merge import config_value, set_config
from coachkit.storage.write_result import FileEdit, WriteResult

ATTRIBUTES_FILE = ".gitattributes"
# The notes the driver merges, at any depth (a practice repository holds many engagements).
NOTE_PATTERNS = ("engagement.md", "**/goals/*.md", "**/sessions/*.md", "**/feedback/*.md")
ATTRIBUTE = "merge=coachkit"
ATTRIBUTES_HEADER = "# coachkit: merge engagement notes item by item (coachkit git-setup)"
DRIVER_NAME = "coachkit: engagement notes merged item by item"


def driver_command() -> str:
    """The ``merge.coachkit.driver`` command: this interpreter running coachkit."""
    return f"{shlex.quote(sys.executable)} -m coachkit merge-driver %O %A %B %P"


def _missing_lines(existing: str) -> list[str]:
    have = {tuple(line.split()) for line in existing.splitlines()}
    return [f"{p} {ATTRIBUTE}" for p in NOTE_PATTERNS if (p, ATTRIBUTE) not in have]


def write_attributes(top: Path) -> tuple[Path, FileEdit | None] | None:
    """Add the missing note patterns to ``top/.gitattributes``, keeping every line there.

    Returns the file when it wrote it, with the edit when it changed one that was
    there (so a commit holds this change alone, not the coach's own edits to it).
    """
    path = top / ATTRIBUTES_FILE
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = None
    text = "" if old is None else old.decode("utf-8", "surrogateescape")
    lines = _missing_lines(text)
    if not lines:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    if ATTRIBUTES_HEADER not in text:
        lines.insert(0, ATTRIBUTES_HEADER)
    data = (text + "".join(line + newline for line in lines)).encode("utf-8", "surrogateescape")
    if old is None:
        create_file(path, data)
        return path, None
    replace_file(path, data, old)
    return path, FileEdit(old, data)


def configure_driver(top: Path) -> list[str]:
    """Set ``merge.coachkit.name`` and ``.driver`` in the clone's own config; what it set."""
    said = []
    for key, value in (
        ("merge.coachkit.name", DRIVER_NAME),
        ("merge.coachkit.driver", driver_command()),
    ):
        if config_value(top, key) != value:
            set_config(top, key, value)
            said.append(f"set {key} in this clone's .git/config: {value}")
    return said


def install(top: Path, result: WriteResult) -> None:
    """Install the driver in the repository at ``top``, adding to ``result`` what it did."""
    written = write_attributes(top)
    if written is not None:
        result.paths.append(written[0])
        if written[1] is not None:
            result.edits[written[0]] = written[1]
    result.notes.extend(configure_driver(top))


def merge_driver_hint(folder: Path) -> list[str]:
    """For ``coachkit init`` in an existing repository: configure this clone when
    ``.gitattributes`` already names the driver, else say how to install it. The
    repository's own ``.gitattributes`` is the practice's to change, not init's."""
    top = repository_top(folder)
    if top is None:
        return []
    try:
        text = (top / ATTRIBUTES_FILE).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        text = ""
    if not _missing_lines(text):
        return configure_driver(top)
    return [
        f"git merges the notes in {top} line by line: "
        "`coachkit git-setup` installs coachkit's merge driver, which merges them item by item"
    ]


def git_setup(folder: Path, commit: bool = True) -> WriteResult:
    """Install the merge driver in the repository holding ``folder``; commit ``.gitattributes``."""
    top = repository_top(folder)
    if top is None:
        raise CoachkitError(
            f"{folder}: is not in a git repository; run `git init` (or `coachkit init`) first"
        )
    plan = commit_plan(folder, commit)
    result = WriteResult([])
    install(top, result)
    if not result.paths and not result.notes:
        result.notes.append(f"the merge driver is already set up in {top}")
    if not result.paths:
        return result
    return finish(top, result, "Merge engagement notes with coachkit's merge driver", plan)
