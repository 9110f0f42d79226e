"""A rater's group from what a survey's relationship question answered.

Forms offer the relationship in words: "Line manager", "My line manager",
"Direct report (I report to Jordan)", "Peer / colleague", "Self". The answer
names the rater's own role, so "my", "I am", "a" and a parenthesised remark are
dropped, and the common words map to coachkit's groups (the table is in
docs/format.md). A mapping file's ``groups:`` comes first, for the words of a
coach's own form; any other answer is an error at its line.
"""

from __future__ import annotations

import re

from coachkit.feedback.likert import likert_key
from coachkit.vocabulary import OTHER, RATER_GROUPS, SELF

__all__ = ["GROUP_WORDS", "group_key", "group_of"]

GROUP_WORDS: dict[str, tuple[str, ...]] = {
    SELF: ("self", "myself", "me", "self assessment", "self rating", "the client"),
    "manager": (
        "manager",
        "line manager",
        "direct manager",
        "reporting manager",
        "supervisor",
        "sponsor",
    ),
    "direct-report": ("direct report", "direct-report", "team member", "subordinate", "report"),
    "peer": ("peer", "colleague", "peer colleague", "peer / colleague", "co-worker", "coworker"),
    OTHER: ("other", "stakeholder", "customer", "external", "external stakeholder"),
}
_TABLE = {likert_key(w): group for group, words in GROUP_WORDS.items() for w in words}
_LEADING = re.compile(r"^(?:(?:my|i am|i'm|im|a|an|the|their|his|her|[\w-]+'s)\s+)+")


def group_key(answer: str) -> str:
    """``"My line manager (Sam)"`` as ``line manager``: the words the table is looked up by."""
    text = re.sub(r"\([^)]*\)", " ", answer)
    return _LEADING.sub("", likert_key(text)).strip()


def group_of(answer: str, own: dict[str, str] | None = None) -> str | None:
    """The group ``answer`` names: a mapping file's ``own`` words first, then the table;
    an empty answer is ``other``; None for words neither knows."""
    if not answer.strip():
        return OTHER
    if own and likert_key(answer) in own:
        return own[likert_key(answer)]
    key = group_key(answer)
    if own and key in own:
        return own[key]
    for candidate in (key, key[:-1] if key.endswith("s") else key, key.replace(" ", "-")):
        if candidate in _TABLE:
            return _TABLE[candidate]
        if candidate in RATER_GROUPS:
            return candidate
    return None
