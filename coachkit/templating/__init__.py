"""Templates a coach can override, rendered as data only: lookup, plain data, real
files inside the template folders, the sandbox and its limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachkit.lazy_exports import lazy

if TYPE_CHECKING:
    from coachkit.templating.data import plain_data
    from coachkit.templating.lookup import find_template, list_templates, render

__all__ = ["find_template", "list_templates", "plain_data", "render"]
__getattr__ = lazy(
    __name__,
    {
        "find_template": "lookup",
        "list_templates": "lookup",
        "plain_data": "data",
        "render": "lookup",
    },
)
