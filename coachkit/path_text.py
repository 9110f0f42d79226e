"""Paths as the text ``str(Path(...))`` gives, without importing pathlib.

Importing pathlib costs a process ~7 ms (it brings re, fnmatch, enum and
urllib.parse); a warm listing answered from the cache (coachkit.cli.quick) is
~40 ms in all, so the folders it finds, the cache folder and the paths it prints
are built as text here. Everyone else uses the same functions and wraps their
result in a Path, so the two can never write a path differently; the tests
compare each function with pathlib's own answer. POSIX paths only.

For the same reason the modules on that path write ``TYPE_CHECKING = False`` (which
type checkers read as ``typing.TYPE_CHECKING``) instead of importing typing (~2 ms).
"""

from __future__ import annotations

import os


def path_text(given: str) -> str:
    """``given`` as ``str(PurePosixPath(given))`` writes it: no empty or ``.`` parts, no
    trailing slash, ``.`` for nothing, and POSIX's ``//`` root kept."""
    if given.startswith("/"):
        lead = "//" if given.startswith("//") and not given.startswith("///") else "/"
    else:
        lead = ""
    parts = [part for part in given.split("/") if part and part != "."]
    return lead + "/".join(parts) if lead or parts else "."


def joined(folder: str, name: str) -> str:
    """``str(Path(folder) / name)`` for a folder :func:`path_text` wrote and a plain name."""
    if folder == ".":
        return name
    return folder + name if folder.endswith("/") else f"{folder}/{name}"


def path_order(text: str) -> list[str]:
    """A sort key that orders folder texts as their Path objects sort (part by part)."""
    if text == ".":
        return []
    if text.startswith("/"):
        lead = "//" if text.startswith("//") else "/"
        return [lead, *text[len(lead) :].split("/")] if text != lead else [lead]
    return text.split("/")


def folders_up(start: str, cwd: str) -> list[str]:
    """``Path(start).absolute()`` and its parents, closest first, as text (``cwd`` makes a
    relative ``start`` absolute; like pathlib, ``..`` is kept, not resolved)."""
    given = path_text(start)
    if given.startswith("/"):
        folder = given
    else:
        here = path_text(cwd)
        folder = here if given == "." else joined(here, given)
    found = [folder]
    while (parent := os.path.dirname(folder)) != folder:
        found.append(folder := parent)
    return found
