"""A front-matter key that coachkit does not know, often a misspelling.

coachkit keeps keys it does not know, but never reads them: an `owenr:` or
`due_date:` is silently not an owner or a due date. Keys are checked per kind of
note (engagement.md, goals/, sessions/, feedback/), inside each action item and
inside each feedback response; the message suggests the nearest known key. If
the key is your own data on purpose, suppress the finding with a
`# coachkit: ignore[unknown-key]` comment on its line, or ignore the rule in
`.coachkit.yaml`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.loader import ACTION_KEYS
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit
from coachkit.notes.located_map import LocatedMap

CODE = "CK105"
NAME = "unknown-key"
SEVERITY = "warning"

KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "engagement": (
        "client",
        "role",
        "organization",
        "sponsor",
        "hr",
        "coach",
        "start",
        "end",
        "sessions_planned",
        "session_length",
        "cadence",
        "phase",
        "follow_up",
        "share_self_rating_with_sponsor",
        "share_themes_with_sponsor",
        "billing",
        "contact",
        "group_size",
        "icf_listing",
        "reciprocal_received",
        "actions",
    ),
    "goals": (
        "id",
        "title",
        "status",
        "competency",
        "measure",
        "baseline",
        "target",
        "target_date",
        "stakeholders",
        "items",
        "outcome",
        "share",
        "actions",
    ),
    "sessions": (
        "session",
        "date",
        "kind",
        "start",
        "duration",
        "attended",
        "billing",
        "format",
        "goals",
        "next_session",
        "actions",
    ),
    "feedback": ("kind", "date", "scale", "responses", "themes"),
}
RESPONSE_KEYS: tuple[str, ...] = ("rater", "group", "goal", "item", "rating", "comment")
# The keys of an action item: those the model reads, and those coachkit writes beside them
# (`share` by `action edit`, `rescheduled` by `action reschedule`, `reason` by `action drop`).
ITEM_KEYS: tuple[str, ...] = tuple(dict.fromkeys((*ACTION_KEYS, "share", "rescheduled", "reason")))


def check(ctx: LintContext) -> Iterator[Hit]:
    for note in ctx.notes():
        kind = _kind(ctx.engagement.root, note.path)
        if kind is None or not note.has_front_matter:
            continue
        yield from _check_mapping(note.path, note.meta, KNOWN_KEYS[kind], kind)
        nested_key, known = (
            ("responses", RESPONSE_KEYS) if kind == "feedback" else ("actions", ITEM_KEYS)
        )
        nested = note.meta.get(nested_key)
        if isinstance(nested, list):
            for entry in nested:
                if isinstance(entry, LocatedMap):
                    yield from _check_mapping(note.path, entry, known, None)


def _kind(root: Path, path: Path) -> str | None:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if parts == (ENGAGEMENT_FILE,):
        return "engagement"
    if len(parts) == 2 and parts[0] in KNOWN_KEYS:
        return parts[0]
    return None


def _check_mapping(
    path: Path, mapping: LocatedMap, known: Sequence[str], kind: str | None
) -> Iterator[Hit]:
    for key in mapping:
        if key in known:
            continue
        line, column = mapping.position_of(key)
        yield Hit(path, line, column, _message(key, known, kind))


def _message(key: Any, known: Sequence[str], kind: str | None) -> str:
    if kind == "feedback" and key == "actions":
        return (
            "unknown key 'actions' (action items in a feedback file are not read; "
            "record them in a session note or engagement.md)"
        )
    nearest = difflib.get_close_matches(str(key).lower(), known, n=1)
    if nearest:
        return f"unknown key {str(key)!r} (did you mean {nearest[0]!r}?)"
    return f"unknown key {str(key)!r} (coachkit does not read it; known keys: {', '.join(known)})"
