"""The filters every template can use: small pure functions of plain data.

They are filters of the environment, not values in a template's context, so the
context stays plain data (see :mod:`coachkit.templating.data`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def field(value: Any) -> str:
    """`key:{{ value | field }}`: a front-matter value with its space, or nothing when empty."""
    from coachkit.notes.yaml_scalar import format_scalar

    text = format_scalar(value)
    return f" {text}" if text else ""


def yaml_scalar(value: Any) -> str:
    """``value`` as a YAML scalar, quoted when a YAML reader needs it."""
    from coachkit.notes.yaml_scalar import format_scalar

    return format_scalar(value)


def quote(text: Any) -> str:
    """Every line prefixed with ``> ``, a Markdown quote."""
    return "\n".join(f"> {line}".rstrip() for line in str(text).splitlines())


def weekday(day: Any) -> str:
    """A date's weekday, e.g. ``Thu``; nothing for anything else."""
    return day.strftime("%a") if isinstance(day, dt.date) else ""


def cell(value: Any) -> str:
    """``value`` safe inside a Markdown table cell: one line, pipes escaped, ``-`` if empty."""
    if value is None:
        return "-"
    text = " ".join(str(value).split())
    return text.replace("\\", "\\\\").replace("|", "\\|") or "-"


FILTERS = {"yaml": yaml_scalar, "field": field, "quote": quote, "weekday": weekday, "cell": cell}


def install(env: Any) -> None:
    """Add coachkit's filters to a Jinja environment.

    ``cell`` is also a global function, so report overrides written as ``cell(value)``
    keep working beside ``value | cell``.
    """
    env.filters.update(FILTERS)
    env.globals["cell"] = cell
