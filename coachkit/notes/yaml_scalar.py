"""One value as a YAML scalar, quoted only when a YAML reader needs it.

Every writer and the templates' ``field`` and ``yaml`` filters write values through
:func:`format_scalar`. Whether a string may stay plain is checked by reading it back
with both the YAML 1.2 loader coachkit reads with and PyYAML's 1.1 one. A plainly
safe string (an ASCII letter, then letters, digits, spaces and ``_ . / -``, and not
a word either reader takes for a boolean or null) is read back as itself by both,
so it needs no read-back and no YAML import: a session note or an action item is
written without loading PyYAML when its values are such words (``G1``, ``held``,
``Alex``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n\r\t]*$")
_NEEDS_QUOTES = (": ", " #", "\t")
# Characters YAML does not allow raw in a file (or reads back as a line break): escape them.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# Plainly safe: no indicator, no ": " or " #", and in either reader's implicit types only
# the words below can start with a letter (YAML 1.1 and 1.2 numbers, dates and `.inf`
# start with a digit, a sign or a dot).
_PLAINLY_SAFE = re.compile(r"[A-Za-z][A-Za-z0-9_./ -]*(?<! )\Z")
_RESOLVED_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


def format_scalar(value: Any) -> str:
    """``value`` as a YAML scalar that both YAML 1.1 and 1.2 readers read back as is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(format_scalar(item) for item in value) + "]"
    text = str(value)
    if _is_plain_safe(text):
        return text
    if any(ch in text for ch in "\n\r\t\\") or not text.isprintable():
        return _double_quoted(text)
    return "'" + text.replace("'", "''") + "'"


def _double_quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    escaped = _UNWRITABLE.sub(_escape_char, escaped)
    return '"' + escaped + '"'


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _is_plain_safe(text: str) -> bool:
    if _PLAINLY_SAFE.match(text) and text.lower() not in _RESOLVED_WORDS:
        return True
    if not text or text != text.strip() or not _PLAIN_SAFE.match(text):
        return False
    if text.endswith(":") or any(mark in text for mark in _NEEDS_QUOTES):
        return False
    import yaml

    from coachkit.notes.strict_yaml import load_strict

    try:
        as_1_2 = load_strict(f"v: {text}\n")
        as_1_1 = yaml.safe_load(f"v: {text}\n")
    except yaml.YAMLError:
        return False
    return bool(as_1_2 == {"v": text} and as_1_1 == {"v": text})
