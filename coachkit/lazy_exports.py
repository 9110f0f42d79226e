"""A subpackage's small front, imported only when used.

Each subpackage names its few entry points in its ``__init__.py``. Importing them
eagerly would make every ``import coachkit.engagement.model`` load the loader,
the cache and YAML too, and a listing's start-up would pay for all of it; so a
name is imported from its module the first time someone asks the package for it.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


def lazy(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``exports`` maps each name to its module."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
