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
