"""``coachkit feedback import``: a survey tool's export as one feedback round.

The import reads the table (:mod:`coachkit.feedback.survey_table`), works out
what each column holds (:mod:`coachkit.feedback.survey_columns`, or the mapping
file of :mod:`coachkit.feedback.survey_map`), and turns every answer into a
response. Nothing is guessed silently:

- **raters** are told apart by a rater or respondent column; without one each row
  is one rater, and the first line the import prints says so. Names and e-mail
  addresses are never written: raters become R1, R2… unless every rater is a code;
- **the date** is the given one, else the latest timestamp's day;
- **the scale** comes from ``--scale``, the mapping file, the questions' text or
  the answers' Likert words; a final or mini-survey round then takes the scale of
  the earlier round of its kind, and only then the kind's default applies, when
  every rating fits it, with a line saying so.

Every problem is collected, each with ``file:line`` and what was expected, and
the import stops with all of them (up to :data:`MAX_PROBLEMS`) before anything is
written. :func:`plan_import` is the dry run; :func:`import_survey` writes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from coachkit.engagement.model import Engagement
from coachkit.feedback.likert import read_answer
from coachkit.feedback.record import RATER_CODE, FeedbackInputError, NewResponse, add_round
from coachkit.feedback.survey_columns import (
    COMMENT,
    DATE,
    GROUP,
    LONG,
    RATER,
    RATING,
    SUBJECT,
    GoalTitle,
    Layout,
    Role,
    stated_scale,
    understand,
)
from coachkit.feedback.survey_dates import latest_date
from coachkit.feedback.survey_groups import group_key, group_of
from coachkit.feedback.survey_map import GOAL, ITEM, MapError, SurveyMap, Target, read_map
from coachkit.feedback.survey_table import QUALTRICS, SurveyTable, read_table
from coachkit.storage.write_result import WriteResult
from coachkit.vocabulary import FEEDBACK_KINDS, RATER_GROUPS, one_of

__all__ = ["MAX_PROBLEMS", "ImportPlan", "SurveyImportError", "import_survey", "plan_import"]

MAX_PROBLEMS = 20
# Rounds whose scale, when not given, follows the earlier round of the same kind.
FOLLOWS_EARLIER_SCALE = ("final", "mini-survey")
WORD_EXAMPLE = 'a number or a rating such as "Somewhat more effective" (docs/format.md)'


class SurveyImportError(FeedbackInputError):
    """Everything wrong with an import, one line each; the first is the message."""

    def __init__(self, name: str, problems: list[str]) -> None:
        shown = problems[:MAX_PROBLEMS]
        lines = list(shown)
        if len(problems) > 1:
            more = f", the first {len(shown)} shown" if len(problems) > len(shown) else ""
            lines.append(f"{len(problems)} problems in {name}{more}; nothing was written")
        super().__init__(shown[0])
        self.problems = lines

    def lines(self) -> list[str]:
        return self.problems


@dataclass
class ImportPlan:
    """What an import would write, and how it understood the file (for ``--dry-run``)."""

    name: str
    tool: str
    header_rows: int
    layout: Layout
    kind: str
    day: dt.date
    day_source: str
    scale: tuple[float, float]
    scale_source: str
    identity: str
    responses: list[NewResponse]
    groups: dict[str, tuple[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def source_notes(self) -> list[str]:
        """Where the date and the scale came from, when the coach did not give them, and
        how the group answers were read (the dry run shows these its own way)."""
        notes = []
        if self.day_source != "given":
            notes.append(f"{self.name}: round date {self.day.isoformat()}, {self.day_source}")
        if self.scale_source.startswith(("the default", "the earlier")):
            notes.append(f"{self.name}: scale {_scale_text(self.scale)}, {self.scale_source}")
        if any(_plainly(a) != g for a, (g, _) in self.groups.items()):
            shown = ", ".join(f"{a!r} → {g}" for a, (g, _) in self.groups.items())
            notes.append(f"{self.name}: groups read as {shown}")
        return notes

    def raters_by_group(self) -> Counter[str]:
        groups = {r.rater: r.group for r in self.responses}
        return Counter(groups.values())

    def ratings_by_subject(self) -> dict[str, tuple[int, int]]:
        """Per goal or item: its ratings and how many of them are stakeholders'."""
        found: dict[str, tuple[int, int]] = {}
        for r in self.responses:
            subject = r.goal or f"item {r.item!r}"
            total, others = found.get(subject, (0, 0))
            found[subject] = (total + 1, others + (r.group != "self"))
        return found


def import_survey(
    root: Path,
    csv_path: Path,
    kind: str,
    day: dt.date | None,
    scale: tuple[float, float] | None,
    map_path: Path | None = None,
    *,
    commit: bool = True,
) -> tuple[ImportPlan, WriteResult]:
    """Write the round :func:`plan_import` finds and commit it."""
    plan = plan_import(root, csv_path, kind, day, scale, map_path)
    notes = [*plan.source_notes(), *plan.notes]
    result = add_round(root, kind, plan.day, plan.scale, plan.responses, commit=commit, notes=notes)
    return plan, result


def plan_import(
    root: Path,
    csv_path: Path,
    kind: str,
    day: dt.date | None,
    scale: tuple[float, float] | None,
    map_path: Path | None = None,
) -> ImportPlan:
    """How ``csv_path`` would be recorded; raises :class:`SurveyImportError` with every problem."""
    from coachkit.engagement.loader import load_engagement

    if kind not in FEEDBACK_KINDS:
        raise FeedbackInputError(f"kind must be one of {', '.join(FEEDBACK_KINDS)}, not {kind!r}")
    try:
        mapping = read_map(map_path) if map_path is not None else SurveyMap("")
    except MapError as exc:
        raise SurveyImportError(str(map_path), exc.problems) from None
    table = read_table(csv_path)  # a file that is no table at all: one line (TableError)
    engagement = load_engagement(root)
    engagement.raise_for_problems()
    goals = [GoalTitle(g.id, g.title) for g in engagement.goals]
    layout = understand(table, goals, mapping, _listed_items(engagement))
    reading = _Reading(table, layout, mapping, goals)
    problems = [*table.problems, *(_at(table.name, p) for p in layout.problems)]
    if not problems:
        reading.read_rows()
        problems += reading.problems
    if problems:
        raise SurveyImportError(table.name, problems)
    if not reading.rows:
        raise SurveyImportError(table.name, [f"{table.name}: {_nothing_found(table, layout)}"])
    responses, identity = _label_raters(table, layout, reading.rows)
    problems += _repeats(responses)
    when, day_source, trouble = _round_date(table, layout, day)
    problems += trouble
    if problems:
        raise SurveyImportError(table.name, problems)
    assert when is not None
    bounds, scale_source, trouble = _scale(
        engagement, kind, when, scale, mapping, layout, reading, responses
    )
    problems += trouble
    if problems:
        raise SurveyImportError(table.name, problems)
    plan = ImportPlan(
        table.name,
        table.tool,
        table.header_rows,
        layout,
        kind,
        when,
        day_source,
        bounds,
        scale_source,
        identity,
        responses,
        reading.group_answers(),
    )
    plan.notes = _notes(plan, reading)
    return plan


def _listed_items(engagement: Engagement) -> dict[str, tuple[str, str]]:
    """The items goals list (``items:``), by folded text: each one's text and goal."""
    from coachkit.feedback.items import read_goal_items

    found: dict[str, tuple[str, str]] = {}
    for goal in engagement.goals:
        note = engagement.notes.get(goal.path)
        for text in read_goal_items(note.meta if note is not None else {}, goal.path)[0]:
            found.setdefault(" ".join(text.split()).casefold(), (text, goal.id))
    return found


def _at(name: str, problem: str) -> str:
    """A column problem names the file unless it already names the mapping file's line."""
    head = problem.split(": ", 1)[0]
    return problem if ":" in head and " " not in head else f"{name}:1: {problem}"


def _nothing_found(table: SurveyTable, layout: Layout) -> str:
    if not table.rows:
        return "no answers below the header row"
    if layout.form != LONG and not layout.of(RATING):
        return (
            "no question names a goal: begin its text with the goal's id (G1 - …) or use "
            "the goal's title, or map the questions with --map (docs/format.md)"
        )
    return "no ratings: every answer is empty or says the rater could not judge"


@dataclass(frozen=True)
class _Found:
    """One rating read from the file, before raters get their codes."""

    identity: tuple[str, str]  # ("rater", value) or ("row", line)
    response: NewResponse


class _Reading:
    """Reads every row by the layout, collecting responses and every problem."""

    def __init__(
        self, table: SurveyTable, layout: Layout, mapping: SurveyMap, goals: list[GoalTitle]
    ) -> None:
        self.table = table
        self.layout = layout
        self.mapping = mapping
        self.goals = {g.id.casefold(): g.id for g in goals}
        self.titles = goals
        self.rows: list[_Found] = []
        self.problems: list[str] = []
        self.answers: Counter[str] = Counter()
        self.group_by_answer: dict[str, str] = {}
        self.worded = False
        self.skipped_previews = 0
        self.lost_comments = 0
        self.no_rater = 0

    def problem(self, line: int, message: str) -> None:
        self.problems.append(f"{self.table.name}:{line}: {message}")

    def group_answers(self) -> dict[str, tuple[str, int]]:
        return {a: (self.group_by_answer[a], n) for a, n in self.answers.items()}

    def read_rows(self) -> None:
        status = next((c for c in self.table.columns if c.name.casefold() == "status"), None)
        rater = self.layout.first(RATER)
        group = self.layout.first(GROUP)
        for row in self.table.rows:
            if (
                self.table.tool == QUALTRICS
                and status
                and row.cell(status.index)
                in (
                    "Survey Preview",
                    "1",
                )
            ):
                self.skipped_previews += 1
                continue
            who = row.cell(rater.column.index) if rater else ""
            if rater and not who:
                self.no_rater += 1
            identity = ("rater", who) if who else ("row", str(row.line))
            answer = row.cell(group.column.index) if group else ""
            found = group_of(answer, self.mapping.groups)
            if found is None:
                where = group.column.label if group else "group"
                self.problem(
                    row.line,
                    f"{where}: {answer!r} is not a group; expected {one_of(RATER_GROUPS)} "
                    "(docs/format.md lists the answers read as each), or map it under "
                    "groups: in --map",
                )
                continue
            if group is not None:
                self.answers[answer] += 1
                self.group_by_answer[answer] = found
            if self.layout.form == LONG:
                self.read_long(row.line, row.cells, identity, found)
            else:
                self.read_wide(row.line, row.cells, identity, found)

    def cell(self, cells: tuple[str, ...], role: Role | None) -> str:
        if role is None or role.column.index >= len(cells):
            return ""
        return cells[role.column.index].strip()

    def rating(self, line: int, role: Role, text: str) -> int | float | None:
        value = read_answer(text, self.mapping.values)
        if value.number is None and value.rated:
            self.problem(line, f"{role.column.label}: expected {WORD_EXAMPLE}, not {text!r}")
        self.worded = self.worded or value.worded
        return value.number

    def read_wide(
        self, line: int, cells: tuple[str, ...], identity: tuple[str, str], group: str
    ) -> None:
        comments = {
            (r.target.kind, r.target.name): r
            for r in self.layout.of(COMMENT)
            if r.target is not None
        }
        for role in self.layout.of(RATING):
            target = role.target
            assert target is not None
            text = self.cell(cells, role)
            comment = self.cell(cells, comments.get((target.kind, target.name)))
            number = self.rating(line, role, text)
            if number is None:
                self.lost_comments += bool(comment) and not read_answer(text).rated
                continue
            self.rows.append(
                _Found(identity, _response(target, group, number, comment, self.table.name, line))
            )

    def read_long(
        self, line: int, cells: tuple[str, ...], identity: tuple[str, str], group: str
    ) -> None:
        subject_role = self.layout.first(SUBJECT)
        rating_role = self.layout.first(RATING)
        assert subject_role is not None and rating_role is not None
        subject = self.cell(cells, subject_role)
        is_item = " ".join(subject_role.column.text.split()).casefold() == "item"
        if not subject:
            what = "an item's text" if is_item else "a goal id such as G1"
            self.problem(line, f"the {'item' if is_item else 'goal'} is empty; name {what}")
            return
        target = Target(ITEM, " ".join(subject.split())) if is_item else self.goal(line, subject)
        if target is None:
            return
        text = self.cell(cells, rating_role)
        if not text:
            self.problem(line, "the rating is empty; fill it in or remove the row")
            return
        number = self.rating(line, rating_role, text)
        if number is None:
            return
        comment = self.cell(cells, self.layout.first(COMMENT))
        self.rows.append(
            _Found(identity, _response(target, group, number, comment, self.table.name, line))
        )

    def goal(self, line: int, text: str) -> Target | None:
        """The goal a long export's row names: its id, or a text beginning with it or
        holding its title."""
        exact = self.goals.get(text.casefold())
        if exact:
            return Target(GOAL, exact)
        from coachkit.feedback.survey_columns import matched_goals

        found = matched_goals(text, self.titles)
        if len(found) == 1:
            return Target(GOAL, next(iter(found)))
        known = ", ".join(g.id for g in self.titles)
        self.problem(
            line,
            f"response names goal {text!r}, which does not exist (goals: {known})"
            if known
            else f"response names goal {text!r}, but the engagement has no goals yet; "
            "use an item column instead, or add the goal with `coachkit goal add`",
        )
        return None


def _response(
    target: Target, group: str, number: int | float, comment: str, name: str, line: int
) -> NewResponse:
    goal = target.name if target.kind == GOAL else ""
    response = NewResponse("", group, goal, number, comment or None, f"{name}:{line}")
    return replace(response, item=target.name) if target.kind == ITEM else response


def _label_raters(
    table: SurveyTable, layout: Layout, rows: list[_Found]
) -> tuple[list[NewResponse], str]:
    """Each rater's code, and the line saying how raters were told apart."""
    name = table.name
    kinds = {row.identity[0] for row in rows}
    codes = kinds == {"rater"} and all(RATER_CODE.fullmatch(r.identity[1]) for r in rows)
    labels: dict[tuple[str, str], str] = {}
    for row in rows:
        labels.setdefault(row.identity, row.identity[1] if codes else f"R{len(labels) + 1}")
    responses = [replace(row.response, rater=labels[row.identity]) for row in rows]
    count = len(labels)
    raters = f"{count} rater{'s' if count != 1 else ''}"
    codes_text = f"R1…R{count}" if count > 1 else "R1"
    rater = layout.first(RATER)
    if rater is None:
        return responses, (
            f"{name}: one rater per row, as the export has no rater or respondent column: "
            f"{raters}, written as {codes_text}"
        )
    if codes:
        return responses, ""
    how = (
        "codes"
        if all(RATER_CODE.fullmatch(r.identity[1]) for r in rows if r.identity[0] == "rater")
        else "names, not codes; no name was written"
    )
    how = (
        "one per respondent"
        if " ".join(rater.column.text.split()).casefold() != "rater"
        else f"the rater column holds {how}"
    )
    return responses, (
        f"{name}: raters told apart by {rater.column.label}: {raters}, written as "
        f"{codes_text} in order of first appearance ({how})"
    )


def _repeats(responses: list[NewResponse]) -> list[str]:
    """One rating per rater and goal or item: a second one would count the rater twice."""
    problems = []
    seen: dict[tuple[str, str, str], NewResponse] = {}
    for r in responses:
        key = (r.rater, "goal" if r.goal else "item", (r.goal or r.item or "").casefold())
        earlier = seen.setdefault(key, r)
        if earlier is not r:
            what = r.goal or f"item {r.item!r}"
            problems.append(
                f"{r.source}: {r.rater} already rated {what} ({earlier.source}); "
                f"keep one rating per rater and {key[1]}"
            )
    return problems


def _round_date(
    table: SurveyTable, layout: Layout, given: dt.date | None
) -> tuple[dt.date | None, str, list[str]]:
    """The round's date, where it came from, and the timestamps that could not be read."""
    from coachkit.dates import today

    if given is not None:
        return given, "given", []
    column = layout.first(DATE)
    if column is None:
        return today(), "today: the export has no timestamp column; give --date to change it", []
    found = latest_date(table.values(column.column))
    problems = [
        f"{table.name}:{line}: {column.column.label}: expected a timestamp such as "
        f"2026-03-14 10:05:12 or 3/14/2026 10:05:12, not {text!r}; or give --date"
        for line, text in found.problems
    ]
    if found.day is None:
        return today(), "today: no timestamp in the export; give --date to change it", problems
    source = f"the latest in {column.column.label}"
    if found.note:
        source += f" ({found.note})"
    return found.day, source, problems


def _scale(
    engagement: Engagement,
    kind: str,
    day: dt.date,
    given: tuple[float, float] | None,
    mapping: SurveyMap,
    layout: Layout,
    reading: _Reading,
    responses: list[NewResponse],
) -> tuple[tuple[float, float], str, list[str]]:
    """The round's scale, where it came from, and every rating outside it."""
    from coachkit.feedback.rounds import default_scale

    stated = stated_scale(layout)
    if given is not None:
        scale, source = given, "given with --scale"
    elif mapping.scale is not None:
        scale, source = mapping.scale, f"the mapping file ({mapping.scale_where})"
    elif stated is not None:
        scale, source = stated
    elif reading.worded:
        scale, source = (-3.0, 3.0), "the answers' Likert words (-3…+3, docs/format.md)"
    else:
        earlier = _earlier_scale(engagement, kind, day) if kind in FOLLOWS_EARLIER_SCALE else None
        if earlier is not None:
            scale, source = earlier
        else:
            scale = default_scale(kind)
            values = [float(r.rating) for r in responses]
            if not all(scale[0] <= v <= scale[1] for v in values):
                low, high = min(values), max(values)
                return (
                    scale,
                    "",
                    [
                        f"{reading.table.name}: no scale given, and the ratings from {low:g} to "
                        f"{high:g} do not fit {_scale_text(scale)}, the default for a {kind} "
                        "round; give --scale LOW,HIGH or scale: in --map"
                    ],
                )
            source = (
                f"the default for a {kind} round, as every rating fits it; "
                "give --scale if the survey used another"
            )
    problems = [
        f"{r.source}: rating {_number_text(r.rating)} is outside the scale {_scale_text(scale)}"
        for r in responses
        if not scale[0] <= r.rating <= scale[1]
    ]
    return scale, source, problems


def _earlier_scale(
    engagement: Engagement, kind: str, day: dt.date
) -> tuple[tuple[float, float], str] | None:
    """The scale of the latest round of ``kind`` on or before ``day``, if any."""
    from coachkit.feedback.rounds import read_rounds

    rounds = [r for r in read_rounds(engagement)[0] if r.kind == kind and r.date <= day]
    if not rounds:
        return None
    latest = max(rounds, key=lambda r: (r.date, str(r.path)))
    where = latest.path.relative_to(engagement.root) if latest.path.is_absolute() else latest.path
    return latest.scale, f"the earlier {kind} round ({where})"


def _plainly(answer: str) -> str:
    """An answer that is just a group's name (``Direct reports``), as that name."""
    return group_key(answer).replace(" ", "-").removesuffix("s")


def _scale_text(scale: tuple[float, float]) -> str:
    return f"[{scale[0]:g}, {scale[1]:g}]"


def _number_text(value: int | float) -> str:
    if isinstance(value, int) and abs(value) > 10**15:
        digits = str(abs(value))
        return f"{'-' if value < 0 else ''}{digits[:6]}… ({len(digits)} digits)"
    return str(value)


def _notes(plan: ImportPlan, reading: _Reading) -> list[str]:
    """What else the coach should know about the import, one line each (how raters
    were told apart, the date and the scale are said apart)."""
    name = plan.name
    notes: list[str] = []
    if reading.no_rater and plan.layout.first(RATER) is not None:
        notes.append(
            f"{name}: {reading.no_rater} row(s) without a rater or respondent, "
            "each counted as a different rater"
        )
    if reading.skipped_previews:
        notes.append(f"{name}: {reading.skipped_previews} survey preview row(s) left out")
    if reading.lost_comments:
        notes.append(
            f"{name}: {reading.lost_comments} comment(s) beside no rating left out "
            "(a comment belongs to a rating)"
        )
    for role in plan.layout.roles:
        if role.why.startswith("UNMATCHED: "):
            notes.append(
                f"{name}: {role.column.label} holds ratings but names no goal or item; "
                "left out (map it under questions: in --map)"
            )
    if plan.layout.first(GROUP) is None:
        notes.append(f"{name}: no relationship column, so every rater counts as other")
    return notes
