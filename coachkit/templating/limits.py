"""What a template may cost: a time budget, an output cap, and no runaway growth.

A template from a practice repository is someone else's code. The sandbox keeps it
away from Python's internals; these limits keep it from spinning for minutes or
writing gigabytes. On the main thread (the command line) a timer interrupts any
loop; elsewhere the clock is read at each call, filter and chunk of output.
"""

from __future__ import annotations

import functools
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from coachkit.errors import CoachkitError

TIME_ENV = "COACHKIT_TEMPLATE_SECONDS"
TIME_BUDGET = 5.0  # seconds; a report renders in about a millisecond
OUTPUT_CAP = 10_000_000  # bytes of UTF-8; a report is about 10 kB
# A width of eight digits or more in a format string ("%99999999d", "{:>99999999}").
_HUGE_WIDTH = re.compile(r"\d{8,}")
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class OverBudget(BaseException):
    """Raised into a template past its deadline.

    A BaseException, so no ``except Exception`` inside Jinja can swallow it.
    """


class TooLarge(BaseException):
    """Raised when a template builds more text than the output cap."""


def time_budget() -> float:
    """The seconds a render may take: ``$COACHKIT_TEMPLATE_SECONDS``, else TIME_BUDGET."""
    chosen = os.environ.get(TIME_ENV)
    if not chosen:
        return TIME_BUDGET
    try:
        seconds = float(chosen)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < 86_400:
        raise CoachkitError(f"{TIME_ENV}={chosen!r}: give a number of seconds, e.g. 5")
    return seconds


class Deadline:
    """When the render must stop; read by the environment's hooks."""

    def __init__(self) -> None:
        self.at = float("inf")

    def check(self) -> None:
        if time.monotonic() > self.at:
            raise OverBudget


@contextmanager
def running_for(deadline: Deadline, seconds: float) -> Iterator[None]:
    """Set ``deadline`` ``seconds`` from now, with a timer when on the main thread.

    The timer (SIGALRM) stops even a loop that calls nothing; it is used only when
    no other timer is armed, and the old handler is put back afterwards.
    """
    deadline.at = time.monotonic() + seconds
    use_timer = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    timer = _Timer()
    previous: Any = None
    if use_timer:
        previous = signal.signal(signal.SIGALRM, timer.fire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        timer.finishing = True  # first: an alarm from here on must not cut the clean-up short
        deadline.at = float("inf")
        if use_timer:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


class _Timer:
    """The SIGALRM handler: it stops the template, unless the render is already over."""

    def __init__(self) -> None:
        self.finishing = False

    def fire(self, _signum: int, _frame: Any) -> None:
        if not self.finishing:
            raise OverBudget


def collect(chunks: Iterable[str], deadline: Deadline, cap: int = OUTPUT_CAP) -> str:
    """The rendered text, streamed chunk by chunk so a huge output stops at the cap."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += _size(chunk)
        if size > cap:
            raise TooLarge
        deadline.check()
        parts.append(chunk)
    return "".join(parts)


def _size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def capped_concat(parts: Iterable[str], cap: int = OUTPUT_CAP) -> str:
    """Jinja's ``concat`` for macros, ``{% set %}`` blocks and ``caller()``: capped.

    Their text never passes through :func:`collect`, so a macro that repeats a
    large string would otherwise build gigabytes before anything is written.
    """
    found = list(parts)
    if sum(len(part) for part in found) > cap:
        raise TooLarge
    return "".join(found)


def too_big(value: Any, cap: int = OUTPUT_CAP) -> bool:
    """A value that would make more than ``cap`` characters or items."""
    return isinstance(value, (str, list, tuple, dict)) and len(value) > cap


def check_binop(operator: str, left: Any, right: Any, cap: int = OUTPUT_CAP) -> None:
    """Refuse ``*``, ``**`` and ``%`` that would build something huge, before building it."""
    from jinja2.exceptions import SecurityError

    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            sized = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
            if sized and len(seq) * times > cap:
                raise SecurityError(f"'*' would make {len(seq) * times:,} items, too many")
    elif operator == "**":
        numbers = isinstance(left, int) and isinstance(right, int) and abs(left) > 1
        if numbers and right > 0 and abs(left).bit_length() * right > cap * 8:
            raise SecurityError("'**' would make a number too large")
    elif operator == "%" and isinstance(left, str) and _HUGE_WIDTH.search(left):
        raise SecurityError("a format width of 10 million or more")


def check_call(target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a str method call that would pad or replace its way to gigabytes."""
    from jinja2.exceptions import SecurityError

    method = getattr(target, "__wrapped__", target)
    owner = getattr(method, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(method, "__name__", "")
    numbers = [v for v in (*args, *kwargs.values()) if isinstance(v, int)]
    if name in _PADDING_METHODS and any(n > OUTPUT_CAP for n in numbers):
        raise SecurityError(f"str.{name}() with a width over {OUTPUT_CAP:,}")
    if name in ("format", "format_map") and (
        _HUGE_WIDTH.search(owner) or ("{" in owner and any(n > OUTPUT_CAP for n in numbers))
    ):
        raise SecurityError("a format width of 10 million or more")
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        old, new = args[0], args[1]
        count = len(owner) + 1 if not old else owner.count(old)
        if isinstance(new, str) and len(owner) + count * (len(new) - len(old)) > OUTPUT_CAP:
            raise SecurityError("str.replace() would make too much text")


def capped_filter(name: str, func: Callable[..., Any], deadline: Deadline) -> Callable[..., Any]:
    """``func`` (a filter) refusing huge size arguments and huge results, on the clock."""
    from jinja2.exceptions import SecurityError

    skip = 1 if hasattr(func, "jinja_pass_arg") else 0  # context/environment comes first

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        deadline.check()
        value, options = (args[skip] if len(args) > skip else None), args[skip + 1 :]
        if name == "format":
            if isinstance(value, str) and _HUGE_WIDTH.search(value):
                raise SecurityError("a format width of 10 million or more")
        elif any(isinstance(v, int) and v > OUTPUT_CAP for v in (*options, *kwargs.values())):
            raise SecurityError(f"the {name} filter with a size over {OUTPUT_CAP:,}")
        result = func(*args, **kwargs)
        if too_big(result):
            raise TooLarge
        return result

    return guarded
