"""Read templates only from real files inside the template folders.

A template folder may come from a repository someone else wrote. A symbolic link in
it could point at a private note or ``~/.ssh``, and ``{% include '../../x' %}`` at any
file at all. So a template name is a plain relative name, every folder on the way
from the templates folder down is opened without following links, and the file
itself must be a regular file (not a link, a FIFO or a device). The same lookup
order serves the template a command renders and everything it includes.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachkit.errors import TemplateError

MAX_TEMPLATE_BYTES = 1_000_000  # a template is a few kB; more is not a template
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)


@dataclass(frozen=True)
class TemplateFolder:
    """A folder searched for templates: ``base`` (trusted) joined with ``parts``.

    ``base`` is the engagement, the folder holding ``.coachkit`` or the user's config
    folder; each of ``parts`` (``templates``, ``.coachkit/templates``) must be a real
    folder, not a link.
    """

    origin: str
    base: Path
    parts: tuple[str, ...]

    @property
    def path(self) -> Path:
        return self.base.joinpath(*self.parts)


def name_parts(name: str) -> list[str] | None:
    """The folders and file of a template name, or None when it could leave the folder."""
    parts = name.split("/")
    for part in parts:
        if not part or part.startswith(".") or "\\" in part or "\0" in part:
            return None
    return parts


def open_template(folder: TemplateFolder, name: str) -> int | None:
    """An open descriptor for ``name`` in ``folder``, None when absent; links refused."""
    parts = name_parts(name)
    if parts is None:
        raise TemplateError(
            f"{name!r} is not a template name: name a file in a templates folder, "
            "e.g. 'agenda.md.j2'"
        )
    steps = [*folder.parts, *parts]
    try:
        current = os.open(folder.base, _OPEN_FLAGS | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        for index, step in enumerate(steps):
            last = index == len(steps) - 1
            flags = _OPEN_FLAGS | _NOFOLLOW | (0 if last else os.O_DIRECTORY)
            try:
                opened = os.open(step, flags, dir_fd=current)
            except OSError as exc:
                _refuse_link(folder.base.joinpath(*steps[: index + 1]), exc)
                return None
            os.close(current)
            current = opened
        info = os.fstat(current)
        where = folder.base.joinpath(*steps)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateError(f"{where}: is not a regular file; a template must be one")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"{where}: over {MAX_TEMPLATE_BYTES:,} bytes; not a template")
        found, current = current, -1
        return found
    finally:
        if current >= 0:
            os.close(current)


def _refuse_link(path: Path, exc: OSError) -> None:
    """A TemplateError when ``path`` is a symbolic link; otherwise nothing (absent)."""
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK) and path.is_symlink():
        raise TemplateError(
            f"{path}: is a symbolic link; templates are read only from real files and "
            "folders inside the templates folder"
        ) from None


def read_template(folder: TemplateFolder, name: str) -> tuple[str, int] | None:
    """The text of ``name`` in ``folder`` and its modification time, or None if absent."""
    descriptor = open_template(folder, name)
    if descriptor is None:
        return None
    where = folder.path / name
    with os.fdopen(descriptor, "rb") as file:
        mtime = os.fstat(file.fileno()).st_mtime_ns
        data = file.read(MAX_TEMPLATE_BYTES + 1)
    try:
        return data.decode("utf-8"), mtime
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{where}: not valid UTF-8 (byte {exc.start + 1})") from None


def holds_template(folder: TemplateFolder, name: str) -> bool:
    """Whether ``folder`` has a template ``name`` (a link there is refused, not skipped)."""
    descriptor = open_template(folder, name)
    if descriptor is None:
        return False
    os.close(descriptor)
    return True


def folder_loader(folders: list[TemplateFolder], builtin: Any) -> Any:
    """A Jinja loader over ``folders`` in order, then ``builtin`` (a Jinja loader).

    Includes, imports and extends go through it too, so they reach only templates
    that a command could have rendered itself.
    """
    import jinja2

    class FolderLoader(jinja2.BaseLoader):
        def get_source(
            self, environment: Any, template: str
        ) -> tuple[str, str, Callable[[], bool] | None]:
            if name_parts(template) is None:
                raise jinja2.TemplateNotFound(
                    template,
                    f"{template!r} is not a template name: includes name a file in a "
                    "templates folder, e.g. 'agenda.md.j2'",
                )
            for folder in folders:
                try:
                    found = read_template(folder, template)
                except TemplateError as exc:
                    raise jinja2.TemplateNotFound(template, exc.message) from None
                if found is not None:
                    text, mtime = found
                    return text, str(folder.path / template), _unchanged(folder, template, mtime)
            source: tuple[str, str, Callable[[], bool] | None] = builtin.get_source(
                environment, template
            )
            return source

        def list_templates(self) -> list[str]:
            return list(builtin.list_templates())

    return FolderLoader()


def _unchanged(folder: TemplateFolder, name: str, mtime: int) -> Callable[[], bool]:
    def check() -> bool:
        try:
            info = os.lstat(folder.path / name)
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and info.st_mtime_ns == mtime

    return check
