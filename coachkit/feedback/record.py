"""Record a round of stakeholder feedback: ``coachkit feedback add``, and the writing half
of ``feedback import`` (:mod:`coachkit.feedback.survey_import` reads the export).

A round becomes one new file, ``feedback/YYYY-MM-DD-<kind>.md`` (``-2``, ``-3``…
when the name is taken), with one flow-style line per response. Everything is
checked before anything is written: the file's text is built, read back with
:func:`coachkit.feedback.rounds.read_round` (ratings within the scale, goals that
exist, known groups, one rating per rater and goal), and only then created and
committed. An error names where the bad value came from: ``ratings.csv:4:`` or
``--rating R1:boss:G1:2:``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from coachkit.engagement.loader import load_engagement
from coachkit.errors import CoachkitError, WriteRefused
from coachkit.feedback.items import item_key
from coachkit.feedback.likert import parse_number
from coachkit.feedback.rounds import RATING_LIMIT, default_scale, read_round
from coachkit.feedback.themes import THEME_KINDS, GroupThemes, merge_themes
from coachkit.notes.front_matter_edit import format_scalar
from coachkit.notes.reader import parse_note
from coachkit.storage.atomic_write import create_file
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult
from coachkit.vocabulary import FEEDBACK_KIND_TITLES, FEEDBACK_KINDS, OTHER, RATER_GROUPS

__all__ = [
    "FeedbackInputError",
    "NewResponse",
    "add_round",
    "attach_comment",
    "parse_item_rating_option",
    "parse_rating_option",
    "parse_scale",
]

# A rater label is a code (R1, DR2, P-3), never a name or an e-mail address.
RATER_CODE = re.compile(r"[A-Z]{1,3}-?[0-9]{1,4}")
_FLOW_INDICATORS = set(",[]{}:#")


class FeedbackInputError(CoachkitError):
    """A rating, scale, comment or CSV row that cannot be recorded as given."""


@dataclass(frozen=True)
class NewResponse:
    """One rating to record, with ``source`` saying where it came from (for messages).

    A response rates a goal (``goal``) or, with ``goal`` empty, a named ``item``.
    """

    rater: str
    group: str
    goal: str
    rating: int | float
    comment: str | None = None
    source: str = ""
    item: str | None = None

    @property
    def subject(self) -> str:
        return self.goal or self.item or ""


def parse_scale(text: str, source: str = "--scale") -> tuple[float, float]:
    """``"-3,3"`` as ``(-3.0, 3.0)``: two finite numbers from -100 to 100, lowest first."""
    parts = text.split(",")
    if len(parts) == 2:
        low, high = parse_number(parts[0]), parse_number(parts[1])
        if low is not None and high is not None:
            if not all(-RATING_LIMIT <= bound <= RATING_LIMIT for bound in (low, high)):
                raise FeedbackInputError(
                    f"{source} {text}: each bound must be from {-RATING_LIMIT:g} "
                    f"to {RATING_LIMIT:g}, e.g. 1,5 or -3,3"
                )
            if low >= high:
                raise FeedbackInputError(
                    f"{source} {text}: the lowest rating comes first, e.g. -3,3"
                )
            return float(low), float(high)
    raise FeedbackInputError(f"{source} {text}: expected LOW,HIGH, e.g. 1,5 or -3,3")


def parse_rating_option(text: str) -> NewResponse:
    """``--rating RATER:GROUP:GOAL:VALUE`` (e.g. ``R1:manager:G1:2``) as a response."""
    source = f"--rating {text}"
    parts = text.split(":")
    if len(parts) != 4 or not all(part.strip() for part in parts):
        raise FeedbackInputError(
            f"{source}: expected RATER:GROUP:GOAL:VALUE, e.g. --rating R1:manager:G1:2"
        )
    rater, group, goal, value = (part.strip() for part in parts)
    if not RATER_CODE.fullmatch(rater):
        raise FeedbackInputError(
            f"{source}: rater {rater!r} is not a code; use R1, R2… (a feedback file never names a rater)"
        )
    return NewResponse(rater, group, goal, _rating(value, source), None, source)


def parse_item_rating_option(text: str) -> NewResponse:
    """``--item-rating RATER:GROUP:ITEM:VALUE`` as a rating of a named item; the item's
    text may hold colons (only the first two and the last one split)."""
    source = f"--item-rating {text}"
    head = text.split(":", 2)
    parts = [*head[:2], *head[2].rsplit(":", 1)] if len(head) == 3 else head
    if len(parts) != 4 or not all(part.strip() for part in parts):
        raise FeedbackInputError(
            f"{source}: expected RATER:GROUP:ITEM:VALUE, "
            "e.g. --item-rating 'R1:manager:Delegates decisions with clear authority:3'"
        )
    rater, group, item, value = (part.strip() for part in parts)
    if not RATER_CODE.fullmatch(rater):
        raise FeedbackInputError(
            f"{source}: rater {rater!r} is not a code; use R1, R2… (a feedback file never names a rater)"
        )
    return NewResponse(
        rater, group, "", _rating(value, source), None, source, " ".join(item.split())
    )


def attach_comment(responses: Sequence[NewResponse], text: str) -> list[NewResponse]:
    """``responses`` with ``--comment RATER:GOAL:TEXT`` attached to that rater's rating of GOAL."""
    source = f"--comment {text}"
    parts = text.split(":", 2)
    if len(parts) != 3 or not parts[0].strip() or not parts[1].strip() or not parts[2].strip():
        raise FeedbackInputError(
            f"{source}: expected RATER:GOAL:TEXT, e.g. --comment 'R2:G1:Asks for input first'"
        )
    rater, goal, comment = parts[0].strip(), parts[1].strip(), parts[2].strip()
    matches = [
        index
        for index, r in enumerate(responses)
        if r.rater == rater and r.goal.casefold() == goal.casefold()
    ]
    if not matches:
        raise FeedbackInputError(
            f"{source}: no --rating {rater}:GROUP:{goal}:VALUE to attach the comment to"
        )
    index = matches[0]
    if responses[index].comment is not None:
        raise FeedbackInputError(f"{source}: {rater} already has a comment on {goal}")
    updated = list(responses)
    updated[index] = replace(responses[index], comment=comment)
    return updated


@writes_engagement
def add_round(
    root: Path,
    kind: str,
    date: dt.date,
    scale: tuple[float, float] | None,
    responses: Sequence[NewResponse],
    *,
    commit: bool = True,
    notes: Iterable[str] = (),
    themes: Sequence[GroupThemes] = (),
) -> WriteResult:
    """Write ``feedback/DATE-KIND.md`` holding ``responses`` and ``themes``, and commit it.

    ``scale`` defaults by kind (:func:`coachkit.feedback.rounds.default_scale`); a
    round of themes alone has none. Raises :class:`FeedbackInputError` naming the
    response's source before anything is written if any response does not fit the
    scale, the goals or the groups.
    """
    if kind not in FEEDBACK_KINDS:
        raise FeedbackInputError(f"kind must be one of {', '.join(FEEDBACK_KINDS)}, not {kind!r}")
    scale = scale or default_scale(kind)
    if not responses and not themes:
        raise FeedbackInputError(
            "a round needs at least one rating or theme, e.g. --rating R1:manager:G1:2 "
            "or --strength 'peer:Calm under pressure'"
        )
    engagement = load_engagement(root)
    engagement.raise_for_problems()
    goal_ids = engagement.goal_ids()
    canonical = {goal.casefold(): goal for goal in goal_ids}
    responses = [
        replace(
            r,
            group=_group(r.group),
            goal=canonical.get(r.goal.strip().casefold(), r.goal.strip()),
            comment=(r.comment or "").strip() or None,
        )
        for r in responses
    ]
    themes = merge_themes([replace(t, group=_group(t.group)) for t in themes])
    for group in themes:
        if group.group not in RATER_GROUPS:
            raise FeedbackInputError(
                f"{group.source}: group must be one of {', '.join(RATER_GROUPS)}, "
                f"not {group.group!r}"
            )
    _refuse_repeats(responses)
    folder = root / "feedback"
    data = render_round(kind, date, scale, responses, themes)
    _check(folder / f"{date.isoformat()}-{kind}.md", data, goal_ids, responses, themes)
    plan = commit_plan(root, commit)
    path = _create(folder, f"{date.isoformat()}-{kind}", data)
    result = WriteResult([path], notes=list(notes), data={"responses": len(responses)})
    return finish(root, result, f"Add {kind} feedback ({date.isoformat()})", plan)


def _refuse_repeats(responses: Sequence[NewResponse]) -> None:
    """One rating per rater and goal: a second one would count the rater twice."""
    seen: dict[tuple[str, str, str], NewResponse] = {}
    for r in responses:
        key = ("goal", r.goal) if r.goal else ("item", item_key(r.item or ""))
        earlier = seen.setdefault((r.rater, *key), r)
        if earlier is not r:
            what = r.goal if r.goal else f"item {r.item!r}"
            raise FeedbackInputError(
                f"{r.source}: {r.rater} already rated {what} ({earlier.source}); "
                f"keep one rating per rater and {key[0]}"
            )


def _rating(text: str, source: str) -> int | float:
    number = parse_number(text)
    if number is None:
        what = "a finite number" if _is_float(text) else "a number"  # inf, nan
        raise FeedbackInputError(f"{source}: rating must be {what}, not {text!r}")
    return number


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _group(text: str) -> str:
    """``Direct reports`` as ``direct-report``; an empty group is ``other``."""
    group = re.sub(r"[\s_]+", "-", text.strip().lower())
    if group not in RATER_GROUPS and group.endswith("s") and group[:-1] in RATER_GROUPS:
        group = group[:-1]
    return group or OTHER


def _flow_scalar(value: object) -> str:
    """A scalar for a flow mapping, where a plain `,` `:` `[` `]` `{` `}` or `#` would end it."""
    text = format_scalar(value)
    if isinstance(value, str) and text == value and _FLOW_INDICATORS & set(text):
        return "'" + value.replace("'", "''") + "'"
    return text


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def render_round(
    kind: str,
    date: dt.date,
    scale: tuple[float, float],
    responses: Sequence[NewResponse],
    themes: Sequence[GroupThemes] = (),
) -> bytes:
    """The text of a feedback file holding ``responses``, one flow mapping per line, and
    ``themes`` (a round of themes alone has no scale and no responses)."""
    lines = ["---", f"kind: {format_scalar(kind)}", f"date: {format_scalar(date)}"]
    if responses:
        lines += [f"scale: {format_scalar([_whole(scale[0]), _whole(scale[1])])}", "responses:"]
    for r in responses:
        rated = ("goal", r.goal) if r.goal else ("item", r.item or "")
        fields = [("rater", r.rater), ("group", r.group), rated, ("rating", r.rating)]
        if r.comment:
            fields.append(("comment", r.comment))
        lines.append("  - {" + ", ".join(f"{k}: {_flow_scalar(v)}" for k, v in fields) + "}")
    if themes:
        lines.append("themes:")
    for group in themes:
        lines.append(f"  {group.group}:")
        for theme in THEME_KINDS:
            if group.of(theme):
                texts = ", ".join(_flow_scalar(text) for text in group.of(theme))
                lines.append(f"    {theme}: [{texts}]")
    raters = len({r.rater for r in responses})
    goals = sorted({r.subject for r in responses}, key=lambda g: (len(g), g))
    lines += ["---", f"# {FEEDBACK_KIND_TITLES.get(kind, kind)}, {date.isoformat()}", ""]
    if goals:
        goal_text = goals[0] if len(goals) == 1 else ", ".join(goals[:-1]) + " and " + goals[-1]
        lines.append(
            f"{raters} rater{'s' if raters != 1 else ''} on {goal_text}, "
            f"scale {_whole(scale[0])} to {_whole(scale[1])}."
        )
    if themes:
        lines.append(f"Themes from {', '.join(group.group for group in themes)}.")
    lines += ["Raters appear only as codes: keep names out of this file.", ""]
    return "\n".join(lines).encode("utf-8")


def _check(
    path: Path,
    data: bytes,
    goal_ids: set[str],
    responses: Sequence[NewResponse],
    themes: Sequence[GroupThemes] = (),
) -> None:
    """Read ``data`` back as a feedback file; raise for the first response it refuses."""
    note = parse_note(path, data)
    entries = note.meta.get("responses") or []
    by_line = {getattr(entry, "line", 0): index for index, entry in enumerate(entries)}
    found, problems = read_round(note.meta, path, goal_ids)
    if problems:
        first = problems[0]
        index = by_line.get(first.line)
        source = responses[index].source if index is not None else ""
        raise FeedbackInputError(f"{source}: {first.problem}" if source else first.problem)
    written = [
        (r.rater, r.group, r.goal or "", r.item, float(r.rating), r.comment)
        for r in (found.responses if found else [])
    ]
    wanted = [
        (r.rater, r.group, r.goal, None if r.goal else r.item, float(r.rating), r.comment)
        for r in responses
    ]
    if written != wanted or (found is not None and list(found.themes) != list(themes)):
        raise WriteRefused(f"{path}: the round would not read back as given; nothing was written")


def _create(folder: Path, stem: str, data: bytes) -> Path:
    """Create ``stem.md`` in ``folder``, or ``stem-2.md``, ``stem-3.md``… if it is taken."""
    number = 1
    while True:
        path = folder / (f"{stem}.md" if number == 1 else f"{stem}-{number}.md")
        number += 1
        if path.exists() or path.is_symlink():
            continue
        try:
            create_file(path, data)
        except WriteRefused:
            if path.exists():
                continue  # another process took the name meanwhile
            raise
        return path
