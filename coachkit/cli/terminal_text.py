"""Text as a terminal shows it: control characters made visible, widths in columns.

A title typed by a coach (or pasted from a form) may hold a newline, a tab or an
escape sequence, and a name may be written in CJK characters two columns wide.
Tables escape the first and measure the second with wcwidth, so every row stays
one line and every column lines up. The colour coachkit itself adds (SGR
sequences from ``click.style``) is kept and takes no width.
"""

from __future__ import annotations

import re
import unicodedata

# coachkit's own colour: ESC [ digits and semicolons m
_SGR = re.compile(r"\x1b\[[0-9;]*m")
# a cell click.style coloured whole: its colour codes, the text, the reset
_STYLED = re.compile(r"((?:\x1b\[[0-9;]*m)+)(.*?)(\x1b\[0m)", re.S)


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape, but the colour
    ``click.style`` put around the whole cell (an SGR prefix and the reset after it)."""
    if text.isascii() and text.isprintable():
        return text
    styled = _STYLED.fullmatch(text)
    if styled:
        return styled.group(1) + _escape(styled.group(2)) + styled.group(3)
    return _escape(text)


def _escape(text: str) -> str:
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
        else ch
        for ch in text
    )


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (colour takes none; wide characters two)."""
    plain = _SGR.sub("", text)
    if plain.isascii():
        return len(plain)
    from wcwidth import wcwidth

    return sum(max(wcwidth(ch), 0) for ch in plain)


def fit(text: str, columns: int) -> str:
    """``text`` cut to ``columns`` terminal columns, ending in "…" when cut."""
    if width(text) <= columns:
        return text
    kept, used = [], 0
    for ch in _SGR.sub("", text):
        w = width(ch)
        if used + w > max(columns - 1, 0):
            break
        kept.append(ch)
        used += w
    return "".join(kept) + "…"
