"""Ids for goals, sessions and action items.

Action ids are four characters from an alphabet without look-alikes (no 0/o,
1/l/i), starting with a letter so YAML never reads one as a number or date,
e.g. ``k7m2``. They are random, not sequential, so two clones of an engagement
that add items independently and are merged almost never collide (two clones
adding 20 items each: about 1 chance in 1,700); ``lint`` reports the rare
collision and ``action done`` refuses an id that matches twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LETTERS = "abcdefghjkmnpqrstuvwxyz"
ALPHABET = "23456789" + LETTERS
ACTION_ID_RE = re.compile(rf"^[{LETTERS}][{ALPHABET}]{{3}}$")


def new_action_id(existing: Iterable[str]) -> str:
    """A fresh action id not in ``existing`` (compared case-insensitively)."""
    import secrets  # here, not at the top: reading notes never makes an id

    taken = {item.lower() for item in existing}
    while True:
        candidate = secrets.choice(LETTERS) + "".join(secrets.choice(ALPHABET) for _ in range(3))
        if candidate not in taken:
            return candidate


def next_goal_id(existing: Iterable[str]) -> str:
    """``G<n>`` one past the highest goal number in use."""
    numbers = [int(g[1:]) for g in existing if g[:1].upper() == "G" and g[1:].isdigit()]
    return f"G{max(numbers, default=0) + 1}"


def goal_sort_key(goal_id: str) -> tuple[int, str]:
    """Sort goals by number: G2 before G10; ids not shaped G<n> come last."""
    digits = goal_id[1:]
    return (int(digits), goal_id) if digits.isdigit() else (1 << 30, goal_id)


def next_session_number(existing: Iterable[int]) -> int:
    """One past the highest session number in use."""
    return max(existing, default=0) + 1


def slugify(text: str, limit: int = 48) -> str:
    """A file-name-safe slug: ASCII lowercase words joined by hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug or "untitled"
