"""What each column of a survey export holds, and why the import thinks so.

A long export has one row per rater and goal (``goal`` or ``item``, ``rating``
columns); a wide one has one row per respondent and a column per question.
Without a mapping file a question rates a goal when its text, or the part of it
a tool adds in brackets or after `` - `` (a grid's row), begins with the goal's
id (``G1 - To what degree…``, any dash) or contains its title, and a question that
is an item a goal lists (``items:``) rates that item. A column whose header names
the relationship (Relationship, Your relationship to…, Role, Group) holds the
rater's group; Respondent ID, ResponseId, ID or Rater tells raters apart; a
timestamp column gives the round's date; e-mail addresses, names and the tools'
own fields are ignored and never written. The mapping file
(:mod:`coachkit.feedback.survey_map`) overrides any of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from coachkit.feedback.likert import read_answer
from coachkit.feedback.survey_map import GOAL, IGNORE, ITEM, Ref, SurveyMap, Target
from coachkit.feedback.survey_table import Column, SurveyTable

__all__ = [
    "LONG",
    "WIDE",
    "GoalTitle",
    "Layout",
    "Role",
    "matched_goals",
    "stated_scale",
    "understand",
]

WIDE = "wide"
LONG = "long"

# Roles a column can have.
RATER = "rater"
GROUP = "group"
DATE = "date"
RATING = "rating"
COMMENT = "comment"
SUBJECT = "subject"  # long form: the goal or item a row rates
PRIVATE = "private"  # e-mail addresses and names: read for nothing, never written
IGNORED = "ignored"

RATER_HEADERS = (
    "rater",
    "rater code",
    "rater id",
    "respondent",
    "respondent id",
    "respondentid",
    "response id",
    "responseid",
    "id",
)
# Timestamp columns, the best first: when the answer was sent beats when it was begun.
DATE_HEADERS = (
    "completion time",
    "end date",
    "enddate",
    "recordeddate",
    "recorded date",
    "timestamp",
    "submitted",
    "submitted at",
    "submission date",
    "date submitted",
    "date",
    "last modified time",
    "start time",
    "start date",
    "startdate",
)
PRIVATE_HEADERS = re.compile(
    r"e-?mail|^(recipient ?)?(first ?|last ?|full |your )?name$|^ip ?address$"
    r"|^location ?(latitude|longitude)$|^externalreference$|^external data reference$"
)
TOOL_HEADERS = {
    "collector id",
    "custom data 1",
    "status",
    "progress",
    "duration (in seconds)",
    "finished",
    "distributionchannel",
    "userlanguage",
    "total points",
    "quiz feedback",
}
GROUP_HEADER = re.compile(
    r"^(your |rater |respondent )?(relationship|relation|role|group)\b|\brelationship (to|with)\b"
)
COMMENT_HEADER = re.compile(
    r"\b(comments?|examples?|explain|describe|suggestions?|anything else|why)\b|\(optional\)"
)
SCALE_IN_TEXT = re.compile(
    r"(?:scale (?:of|from) |\()\s*([+-]?\d+)\s*(?:to|\u2013|\u2014|-|…|\.\.)\s*([+-]?\d+)"
)


@dataclass(frozen=True)
class Role:
    """What one column holds (``role``), what it rates if it is a question, and why."""

    column: Column
    role: str
    why: str
    target: Target | None = None


@dataclass
class Layout:
    """Every column's role; the form of the export; problems with the columns themselves."""

    form: str
    roles: list[Role]
    problems: list[str] = field(default_factory=list)

    def first(self, role: str) -> Role | None:
        return next((r for r in self.roles if r.role == role), None)

    def of(self, role: str) -> list[Role]:
        return [r for r in self.roles if r.role == role]


@dataclass(frozen=True)
class GoalTitle:
    """A goal as questions name it: its id, and its title for matching."""

    id: str
    title: str


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def understand(
    table: SurveyTable,
    goals: Sequence[GoalTitle],
    mapping: SurveyMap,
    items: Mapping[str, tuple[str, str]] | None = None,
) -> Layout:
    """The role of every column of ``table`` (see the module doc). ``items`` are the named
    items goals list (``items:``), by their folded text: a question that is one rates it."""
    folded = [_fold(c.text) for c in table.columns]
    names = {" ".join(c.text.split()).casefold() for c in table.columns}
    long_form = "rating" in names and ({"goal", "item"} & names)
    layout = Layout(LONG if long_form else WIDE, [])
    chosen: dict[int, Role] = {}
    _mapped(table, mapping, layout, chosen, goals)
    for column, plain in zip(table.columns, folded, strict=True):
        if column.index in chosen:
            continue
        text = " ".join(column.text.split()).casefold()
        if not text:
            role = Role(column, IGNORED, "no header")
        elif long_form and text in ("goal", "item"):
            role = Role(column, SUBJECT, f"the {text} each row rates")
        elif long_form and text == "rating":
            role = Role(column, RATING, "the rating")
        elif long_form and text == "comment":
            role = Role(column, COMMENT, "the rater's comment")
        elif text in RATER_HEADERS:
            role = Role(column, RATER, "tells raters apart; never written")
        elif text in DATE_HEADERS:
            role = Role(column, DATE, "a timestamp")
        elif PRIVATE_HEADERS.search(text):
            role = Role(column, PRIVATE, "personal data: never read or written")
        elif text in TOOL_HEADERS or column.name.casefold() in TOOL_HEADERS:
            role = Role(column, IGNORED, f"a field of the survey tool ({table.tool})")
        elif GROUP_HEADER.search(plain) and mapping.group is None:
            role = Role(column, GROUP, "its header names the relationship")
        elif long_form:
            role = Role(column, IGNORED, "not a column of the long form")
        else:
            role = _question(table, column, goals, mapping, items or {})
        chosen[column.index] = role
    layout.roles = [chosen[c.index] for c in table.columns]
    _one_each(layout)
    return layout


def _mapped(
    table: SurveyTable,
    mapping: SurveyMap,
    layout: Layout,
    chosen: dict[int, Role],
    goals: Sequence[GoalTitle],
) -> None:
    """The roles the mapping file gives, with a problem for each column it names wrongly."""
    known = {g.id.casefold(): g.id for g in goals}
    wanted: list[tuple[Ref, str, Target | None]] = []
    for ref, role in ((mapping.rater, RATER), (mapping.group, GROUP), (mapping.date, DATE)):
        if ref is not None:
            wanted.append((ref, role, None))
    for ref, question in mapping.questions:
        wanted.append((ref, RATING if question.kind != IGNORE else IGNORED, question))
    for ref, comment in mapping.comments:
        wanted.append((ref, COMMENT if comment.kind != IGNORE else IGNORED, comment))
    for ref, role, target in wanted:
        column = _find(table, ref, layout)
        if column is None:
            continue
        resolved = target
        if target is not None and target.kind == GOAL:
            goal = known.get(target.name.casefold())
            if goal is None:
                listed = ", ".join(g.id for g in goals) or "none yet"
                layout.problems.append(
                    f"{ref.where}: no goal {target.name!r} (goals: {listed}); "
                    "name a goal id or {item: NAME}"
                )
                continue
            resolved = Target(GOAL, goal)
        if column.index in chosen:
            layout.problems.append(f"{ref.where}: {column.label} is already mapped above")
            continue
        line = ref.where.rsplit(":", 2)[-2]
        chosen[column.index] = Role(column, role, f"--map line {line}", resolved)


def _find(table: SurveyTable, ref: Ref, layout: Layout) -> Column | None:
    exact = [c for c in table.columns if ref.matches(c.index, c.text, c.name)]
    found = exact or [c for c in table.columns if ref.starts(c.text)]
    if len(found) == 1:
        return found[0]
    shown = f"column {ref.key}" if isinstance(ref.key, int) else f"{ref.key!r}"
    if not found:
        layout.problems.append(
            f"{ref.where}: no column {shown} in {table.name}; name a column by its header "
            "text, the start of it, or its number"
        )
    else:
        numbers = ", ".join(str(c.index + 1) for c in found)
        layout.problems.append(
            f"{ref.where}: {shown} names columns {numbers}; give more of the header or the number"
        )
    return None


def _question(
    table: SurveyTable,
    column: Column,
    goals: Sequence[GoalTitle],
    mapping: SurveyMap,
    items: Mapping[str, tuple[str, str]],
) -> Role:
    """A wide export's question: which goal it rates, a comment on one, or nothing."""
    parts = _parts(column.text)
    matched = matched_goals(column.text, goals)
    values = [text for _, text in table.values(column)]
    answers = [read_answer(v, mapping.values) for v in values]
    ratings = all(a.readable for a in answers)
    # Free text throughout is a comment; a rating column with a few odd answers is still
    # a rating column, and each odd answer an error at its line.
    commenting = bool(COMMENT_HEADER.search(_fold(column.text))) or (
        bool(values) and all(a.number is None for a in answers)
    )
    if len(matched) > 1:
        both = " and ".join(matched)
        return Role(
            column, IGNORED, f"AMBIGUOUS: names {both}; say which under questions: in --map"
        )
    if matched:
        goal, why = next(iter(matched.items()))
        role = COMMENT if commenting else RATING
        return Role(column, role, why, Target(GOAL, goal))
    named = next((items[k] for p in parts if (k := " ".join(p.split()).casefold()) in items), None)
    if named is not None:
        text, goal = named
        why = f"names an item {goal} lists under items:"
        return Role(column, COMMENT if commenting else RATING, why, Target(ITEM, text))
    if mapping.unmatched == ITEM and values and ratings:
        name = " ".join(parts[-1].split())
        return Role(
            column, RATING, "names no goal: a named item (unmatched: item)", Target(ITEM, name)
        )
    if values and ratings and any(a.worded for a in answers):
        return Role(column, IGNORED, "UNMATCHED: holds ratings but names no goal or item")
    return Role(column, IGNORED, "names no goal or item")


def matched_goals(text: str, goals: Sequence[GoalTitle]) -> dict[str, str]:
    """The goals ``text`` names, each with why: it (or a grid row in it) begins with the
    goal's id, or contains the goal's title."""
    matched: dict[str, str] = {}
    for part in _parts(text):
        plain = _fold(part)
        for goal in goals:
            if re.match(rf"^\W*{re.escape(goal.id.casefold())}(?![\w])", part.casefold()):
                matched.setdefault(goal.id, f"begins with {goal.id}")
            elif _fold(goal.title) and f" {_fold(goal.title)} " in f" {plain} ":
                matched.setdefault(goal.id, f"contains the title of {goal.id}")
    return matched


def _parts(text: str) -> list[str]:
    """The texts a question may name its goal in: all of it, a grid row in brackets, the
    part after the last `` - `` (Qualtrics' matrix rows)."""
    parts = [text]
    bracket = re.search(r"\[([^\]]+)\]\s*$", text)
    if bracket:
        parts.append(bracket.group(1))
    if " - " in text:
        parts.append(text.rsplit(" - ", 1)[1])
    return parts


def _one_each(layout: Layout) -> None:
    """At most one rater, group and date column is used; ambiguous questions are problems."""
    for kind in (RATER, DATE):
        found = sorted(layout.of(kind), key=_preference)
        for extra in found[1:]:
            index = layout.roles.index(extra)
            layout.roles[index] = Role(extra.column, IGNORED, f"another {kind} column comes first")
    groups = layout.of(GROUP)
    if len(groups) > 1:
        labels = " and ".join(g.column.label for g in groups)
        layout.problems.append(
            f"both {labels} could hold the rater's group; name one with group: in --map"
        )
    for role in layout.roles:
        if role.why.startswith("AMBIGUOUS: "):
            layout.problems.append(f"{role.column.label} {role.why.removeprefix('AMBIGUOUS: ')}")
    seen: dict[tuple[str, str, str], Role] = {}
    for role in layout.roles:
        if role.target is None or role.target.kind == IGNORE or role.role not in (RATING, COMMENT):
            continue
        earlier = seen.setdefault((role.role, role.target.kind, role.target.name.casefold()), role)
        if earlier is not role:
            what = "rate" if role.role == RATING else "comment on"
            layout.problems.append(
                f"{earlier.column.label} and {role.column.label} both {what} {role.target}; "
                "say which is which under questions: or comments: in --map"
            )


def _preference(role: Role) -> int:
    """A mapped column first, then the header's place in its list (the best first)."""
    if role.why.startswith("--map"):
        return -1
    text = " ".join(role.column.text.split()).casefold()
    order = RATER_HEADERS if role.role == RATER else DATE_HEADERS
    return order.index(text) if text in order else len(order)


def stated_scale(layout: Layout) -> tuple[tuple[float, float], str] | None:
    """A scale the questions state, such as ``(-3 to +3)`` or ``on a scale of 1 to 5``."""
    for role in layout.of(RATING):
        found = SCALE_IN_TEXT.search(role.column.text.casefold().replace("\u2212", "-"))
        if found:
            low, high = float(found.group(1)), float(found.group(2))
            if low < high:
                return (low, high), f"stated in {role.column.label}"
    return None
