"""JSON as every listing prints it: an array indented by two spaces, UTF-8 as is."""

from __future__ import annotations

import datetime as dt
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
    return (
        isinstance(rows, list)
        and bool(rows)
        and all(isinstance(r, dict) and r for r in rows)
        and not any(isinstance(v, (list, tuple, dict)) for r in rows for v in r.values())
    )


def json_text(rows: Any) -> str:
    """``rows`` as JSON indented by two spaces, without a final newline.

    A list of flat records (every listing) is laid out by the C encoder one record
    at a time — the same text as ``indent=2``, which only the slow pure-Python
    encoder can write — in a fraction of the time.
    """
    import json

    if not _flat_records(rows):
        return json.dumps(to_jsonable(rows), indent=2, ensure_ascii=False)
    encode = json.JSONEncoder(
        ensure_ascii=False, separators=(",\n    ", ": "), default=_plain
    ).encode
    return "[\n" + ",\n".join("  {\n    " + encode(r)[1:-1] + "\n  }" for r in rows) + "\n]"
