"""JSON as every listing prints it: an array indented by two spaces, UTF-8 as is."""

from __future__ import annotations

import datetime as dt
from itertools import chain
from pathlib import Path
from typing import Any


def to_jsonable(value: Any) -> Any:
    """Dates as ISO strings, paths as strings, everything else as is."""
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (dt.date, Path)):
        return str(value) if isinstance(value, Path) else value.isoformat()
    return value


def _plain(value: Any) -> Any:
    """Dates and paths for the JSON encoder, which knows neither."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _flat_records(rows: Any) -> bool:
    """Whether ``rows`` is a non-empty list of non-empty dicts of scalar values."""
    if not isinstance(rows, list) or not rows or set(map(type, rows)) != {dict}:
        return False
    if not all(rows):
        return False
    kinds = set(map(type, chain.from_iterable(map(dict.values, rows))))  # all in C
    return not any(issubclass(kind, (list, tuple, dict, set)) for kind in kinds)


def json_text(rows: Any) -> str:
    """``rows`` as JSON indented by two spaces, without a final newline.

    A list of flat records (every listing) is written by the C encoder in one call
    and laid out by two replacements: the same text as ``indent=2``, which only the
    slow pure-Python encoder can write, in a fraction of the time. NUL separates
    items while encoding: the encoder escapes it inside strings, so every raw NUL in
    its output is a separator.
    """
    import json

    if not _flat_records(rows):
        return json.dumps(to_jsonable(rows), indent=2, ensure_ascii=False)
    raw = json.dumps(
        rows, ensure_ascii=False, separators=("\0", ": "), default=_plain, check_circular=False
    )
    body = raw[2:-2].replace("}\0{", "\n  },\n  {\n    ").replace("\0", ",\n    ")
    return "[\n  {\n    " + body + "\n  }\n]"
