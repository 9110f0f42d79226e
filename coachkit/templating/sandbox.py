"""Jinja environments that keep to the limits of :mod:`coachkit.templating.limits`.

Imported only when a template renders, since it imports Jinja (~70 ms).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from coachkit.templating.limits import (
    Deadline,
    TooLarge,
    capped_concat,
    capped_filter,
    check_binop,
    check_call,
    too_big,
)


class LimitedEnvironment(jinja2.Environment):
    """The built-in templates' environment: trusted code, but the same output cap."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.deadline = Deadline()

    def concat(self, parts: Iterable[str]) -> str:
        return capped_concat(parts)


class LimitedSandbox(SandboxedEnvironment):
    """The sandbox for templates read from a folder, with a clock and size checks.

    Every call, attribute and item lookup reads the clock, and ``*``, ``**`` and
    ``%`` are checked before they run, so ``'x' * 10**10`` is refused instead of
    allocating ten gigabytes.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.deadline = Deadline()

    def limit_filters(self) -> None:
        """Put every filter on the clock and refuse huge sizes (call once filters are in)."""
        for name, func in list(self.filters.items()):
            self.filters[name] = capped_filter(name, func, self.deadline)

    def concat(self, parts: Iterable[str]) -> str:
        return capped_concat(parts)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.deadline.check()
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.deadline.check()
        check_call(__obj, args, kwargs)
        result = SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        if too_big(result):
            raise TooLarge
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.deadline.check()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.deadline.check()
        return super().getitem(obj, argument)
