"""Turn what a command knows into plain data, the only thing a template may see.

Jinja's sandbox blocks ``__class__`` and friends but lets a template call any public
method of an object in its context: a ``pathlib.Path`` can read a private note or
write anywhere. So a template gets data, not objects: str, int, float, bool, None,
dates, and lists and dicts of them. Jinja reads ``goal.title`` from a dict as
``goal["title"]``, so templates are written the same way as before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

# Exact types: a subclass (a str with extra methods, say) is not plain data.
SCALARS = (str, int, float, bool, type(None), dt.date, dt.datetime)
MAX_DEPTH = 40


def plain_data(value: Any, root: PurePath | None = None) -> Any:
    """``value`` as plain data, or TypeError for anything that has no plain form.

    Dataclasses become dicts of their fields and public properties (``report.client``
    is a property), tuples become lists, and paths become text: relative to ``root``
    (the engagement) when inside it, so a report never shows the coach's home folder.
    """
    return _convert(value, root, 0)


def require_plain(value: Any, where: str = "context") -> None:
    """TypeError unless ``value`` is plain data all the way down.

    Every render runs this over its context: a command that forgets to convert an
    object fails in its tests instead of handing a template a way out.
    """
    _check(value, where, 0)


def _convert(value: Any, root: PurePath | None, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise TypeError("template data nests too deeply (a cycle?)")
    kind = type(value)
    if kind in SCALARS:
        return value
    if isinstance(value, PurePath):
        return _path_text(value, root)
    if kind in (list, tuple):
        return [_convert(item, root, depth + 1) for item in value]
    if isinstance(value, Mapping):
        return {_convert_key(key): _convert(item, root, depth + 1) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _convert_record(value, root, depth)
    raise TypeError(f"a {kind.__name__} has no plain form for a template")


def _convert_record(record: Any, root: PurePath | None, depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in _public_names(type(record)):
        try:
            found = getattr(record, name)
        except (ArithmeticError, LookupError, ValueError):
            # A property that cannot be computed for this record (a scale with no
            # width, say) is left out: a template that uses it stops on StrictUndefined.
            continue
        data[name] = _convert(found, root, depth + 1)
    return data


def _convert_key(key: Any) -> Any:
    if type(key) not in SCALARS:
        raise TypeError(f"a {type(key).__name__} cannot be a key in template data")
    return key


def _public_names(kind: type) -> list[str]:
    """The dataclass's fields, then its public properties (not its methods)."""
    names = [f.name for f in dataclasses.fields(kind) if not f.name.startswith("_")]
    for klass in reversed(kind.__mro__):
        for name, member in vars(klass).items():
            if isinstance(member, property) and not name.startswith("_") and name not in names:
                names.append(name)
    return names


def _path_text(path: PurePath, root: PurePath | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def _check(value: Any, where: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise TypeError(f"template data at {where} nests too deeply")
    kind = type(value)
    if kind in SCALARS:
        return
    if kind is list:
        for index, item in enumerate(value):
            _check(item, f"{where}[{index}]", depth + 1)
        return
    if kind is dict:
        for key, item in value.items():
            if type(key) not in SCALARS:
                raise TypeError(f"template data at {where} has a {type(key).__name__} key")
            _check(item, f"{where}[{key!r}]", depth + 1)
        return
    raise TypeError(
        f"template data at {where} is a {kind.__name__}: only plain data may reach a "
        "template (convert it with coachkit.templating.data.plain_data)"
    )
