"""A qualitative round's themes: per rater group, strengths and development needs.

Stakeholder interviews and the written part of a 360 give no numbers; the coach
sums them up per rater group under ``themes:`` in the feedback file::

    themes:
      direct-report:
        strengths: [Calm under pressure]
        hidden_strengths: [Explains the why behind decisions]
        needs: [Hands decisions over late]
      peer: {needs: [Shares plans with other teams late]}

``strengths`` are what the group values; ``hidden_strengths`` are strengths the
client did not know they had (a blind spot in their favour); ``needs`` are
development needs. Themes are the coach's short summaries per group, never a
rater's words or code, so they may reach the client, and the sponsor where the
agreement says so (``share_themes_with_sponsor: true``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.errors import CoachkitError, NoteError, ProblemKind
from coachkit.feedback.anonymity import agreement_allows
from coachkit.vocabulary import RATER_GROUPS

# The lists a group's themes may hold, in the order reports show them.
THEME_KINDS = ("strengths", "hidden_strengths", "needs")
THEME_TITLES = {
    "strengths": "Strengths",
    "hidden_strengths": "Strengths the client did not know",
    "needs": "Development needs",
}
SHARE_THEMES_KEY = "share_themes_with_sponsor"


@dataclass(frozen=True)
class GroupThemes:
    """One rater group's themes in one round, with the line each list starts on."""

    group: str
    strengths: tuple[str, ...] = ()
    hidden_strengths: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    # Where a theme given on the command line came from, for messages.
    source: str = field(default="", compare=False)

    def of(self, kind: str) -> tuple[str, ...]:
        """The texts of one of :data:`THEME_KINDS`."""
        found: tuple[str, ...] = getattr(self, kind)
        return found

    @property
    def empty(self) -> bool:
        return not any(self.of(kind) for kind in THEME_KINDS)


def read_themes(meta: Any, path: Path) -> tuple[list[GroupThemes], list[NoteError]]:
    """The ``themes:`` of one feedback file, in :data:`RATER_GROUPS` order, and every problem."""
    problems: list[NoteError] = []

    def problem(where: Any, key: str | None, message: str) -> None:
        line, column = (
            where.position_of(key)
            if key is not None and hasattr(where, "position_of")
            else (getattr(where, "line", 1) or 1, getattr(where, "column", 1) or 1)
        )
        problems.append(NoteError(path, line, column, message, ProblemKind.FEEDBACK_UNREADABLE))

    raw = meta.get("themes")
    if raw is None:
        return [], problems
    example = "themes: {peer: {strengths: [...], needs: [...]}}"
    if not isinstance(raw, dict):
        problem(meta, "themes", f"themes must map a rater group to its themes, e.g. {example}")
        return [], problems
    found: dict[str, GroupThemes] = {}
    for group, entry in raw.items():
        name = str(group)
        if name not in RATER_GROUPS:
            problem(
                raw, group, f"themes: group must be one of {', '.join(RATER_GROUPS)}, not {name!r}"
            )
            continue
        if not isinstance(entry, dict):
            problem(raw, group, f"themes of {name} must be a mapping, e.g. {example}")
            continue
        lists: dict[str, tuple[str, ...]] = {}
        lines: dict[str, int] = {}
        for key, value in entry.items():
            if key not in THEME_KINDS:
                problem(
                    entry,
                    key,
                    f"themes of {name}: {key!r} is not one of {', '.join(THEME_KINDS)}",
                )
                continue
            texts = value if isinstance(value, list) else [value]
            if value is None or not all(
                isinstance(text, (str, int, float))
                and not isinstance(text, bool)
                and str(text).strip()
                for text in texts
            ):
                problem(entry, key, f"themes of {name}: {key} must be a list of short texts")
                continue
            lists[key] = tuple(str(text).strip() for text in texts)
            lines[key] = entry.position_of(key)[0] if hasattr(entry, "position_of") else 1
        found[name] = _themes(name, lists, lines=lines)
    ordered = [found[group] for group in RATER_GROUPS if group in found]
    return [themes for themes in ordered if not themes.empty], problems


# The command-line options of `feedback add` that give a theme, and the list each fills.
THEME_OPTIONS = {
    "--strength": "strengths",
    "--hidden-strength": "hidden_strengths",
    "--need": "needs",
}


def parse_theme_option(option: str, text: str) -> GroupThemes:
    """``--strength GROUP:TEXT`` (or ``--hidden-strength``, ``--need``) as one group's theme."""
    source = f"{option} {text}"
    group, _, theme = text.partition(":")
    if not group.strip() or not theme.strip():
        raise ThemeInputError(
            f"{source}: expected GROUP:TEXT, e.g. {option} 'direct-report:Calm under pressure'"
        )
    kind = THEME_OPTIONS[option]
    return _themes(group.strip(), {kind: (" ".join(theme.split()),)}, source=source)


def merge_themes(themes: Iterable[GroupThemes]) -> list[GroupThemes]:
    """``themes`` with one entry per group, known groups in :data:`RATER_GROUPS` order."""
    merged: dict[str, GroupThemes] = {}
    for found in themes:
        earlier = merged.get(found.group)
        if earlier is None:
            merged[found.group] = found
            continue
        lists = {kind: earlier.of(kind) + found.of(kind) for kind in THEME_KINDS}
        merged[found.group] = _themes(found.group, lists, source=earlier.source)
    order = {group: index for index, group in enumerate(RATER_GROUPS)}
    return sorted(merged.values(), key=lambda t: order.get(t.group, len(order)))


def _themes(
    group: str,
    lists: dict[str, tuple[str, ...]],
    *,
    lines: dict[str, int] | None = None,
    source: str = "",
) -> GroupThemes:
    return GroupThemes(
        group,
        lists.get("strengths", ()),
        lists.get("hidden_strengths", ()),
        lists.get("needs", ()),
        lines or {},
        source,
    )


class ThemeInputError(CoachkitError):
    """A theme given on the command line that cannot be recorded as given."""


def themes_shared(meta: Any, path: Path) -> bool:
    """Whether engagement.md lets the sponsor see the round's themes (default: no)."""
    return agreement_allows(meta, SHARE_THEMES_KEY, path)
