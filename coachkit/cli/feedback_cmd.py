"""``coachkit feedback``: record stakeholder feedback rounds and summarise them per goal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from coachkit.cli.common import DATE, engagement_root, no_commit_option, print_table, report_write
from coachkit.cli.listing import chosen_format, emit, format_options, listed
from coachkit.cli.outcome import Listed
from coachkit.vocabulary import FEEDBACK_KINDS, one_of

if TYPE_CHECKING:
    from coachkit.feedback.survey_import import ImportPlan

KIND_HELP = f"The kind of round: {one_of(FEEDBACK_KINDS)}."
DATE_HELP = "When the round closed [default: today]."
SCALE_HELP = "Lowest and highest rating [default: -3,3 for a mini-survey, 1,5 otherwise]."
# The fields of GoalRoundSummary.as_dict(), documented in docs/json.md.
SUMMARY_FIELDS = [
    "goal",
    "item",
    "kind",
    "date",
    "scale",
    "mean",
    "raters",
    "improved_share",
    "declined_share",
    "reaches_plus_one",
    "self_rating",
    "gap",
    "path",
]
# The fields of coachkit.feedback.rounds.theme_records(), documented in docs/json.md.
THEME_FIELDS = ["kind", "date", "group", "theme", "text", "path"]

F = TypeVar("F", bound=Callable[..., Any])


def round_options(func: F) -> F:
    """``--kind``, ``--date`` and ``--scale`` of ``add`` (``import`` has defaults of its own)."""
    func = click.option("--scale", metavar="LOW,HIGH", help=SCALE_HELP)(func)
    func = click.option("--date", "day", type=DATE, help=DATE_HELP)(func)
    return click.option("--kind", required=True, metavar="KIND", help=KIND_HELP)(func)


@click.group()
def feedback() -> None:
    """Record stakeholder feedback rounds (feedback/*.md) and summarise them per goal.

    Raters appear only as codes (R1, R2…), never by name.
    """


@feedback.command("add")
@round_options
@click.option(
    "--rating",
    "ratings",
    multiple=True,
    metavar="RATER:GROUP:GOAL:VALUE",
    help="One rater's rating of one goal, e.g. R1:manager:G1:2. Repeat for each rating. "
    "GROUP is self, manager, peer, direct-report or other.",
)
@click.option(
    "--item-rating",
    "item_ratings",
    multiple=True,
    metavar="RATER:GROUP:ITEM:VALUE",
    help="One rater's rating of a named item (a competency or 360 statement), e.g. "
    "'R1:manager:Delegates decisions with clear authority:2'. A goal's items: make it "
    "count for the goal. Repeat for each rating.",
)
@click.option(
    "--strength",
    "strengths",
    multiple=True,
    metavar="GROUP:TEXT",
    help="A strength a rater group sees, e.g. 'peer:Calm under pressure'. Repeatable.",
)
@click.option(
    "--hidden-strength",
    "hidden_strengths",
    multiple=True,
    metavar="GROUP:TEXT",
    help="A strength the group sees that the client did not know. Repeatable.",
)
@click.option(
    "--need",
    "needs",
    multiple=True,
    metavar="GROUP:TEXT",
    help="A development need the group sees, e.g. 'direct-report:Decides late'. Repeatable.",
)
@click.option(
    "--comment",
    "comments",
    multiple=True,
    metavar="RATER:GOAL:TEXT",
    help="A comment on that rater's rating of GOAL, e.g. 'R2:G1:Asks before deciding'.",
)
@no_commit_option
def feedback_add(
    kind: str,
    day: dt.date | None,
    scale: str | None,
    ratings: tuple[str, ...],
    item_ratings: tuple[str, ...],
    strengths: tuple[str, ...],
    hidden_strengths: tuple[str, ...],
    needs: tuple[str, ...],
    comments: tuple[str, ...],
    no_commit: bool,
) -> None:
    """Record a round of ratings or themes: write feedback/DATE-KIND.md and commit it.

    Ratings rate a goal (--rating) or a named item (--item-rating), so an
    assessment can come before the goals. Themes (--strength, --hidden-strength,
    --need) sum up what a rater group said; a round of themes alone, such as
    stakeholder interviews, has no ratings and no scale. Everything is checked
    against the scale, the goals and the groups before anything is written.

    \b
    Examples:
      coachkit feedback add --kind mini-survey --date 2026-03-15 \\
          --rating R1:manager:G1:2 --rating R2:peer:G1:1 \\
          --rating R3:direct-report:G1:2 --rating R4:direct-report:G1:1 \\
          --comment "R2:G1:Hands over the budget review now"
      coachkit feedback add --kind interview --date 2026-01-10 \\
          --strength "direct-report:Calm under pressure" \\
          --need "peer:Shares plans late"
    """
    from coachkit.dates import today
    from coachkit.feedback.record import (
        add_round,
        attach_comment,
        parse_item_rating_option,
        parse_rating_option,
        parse_scale,
    )
    from coachkit.feedback.themes import parse_theme_option

    when = day or today()
    responses = [parse_rating_option(text) for text in ratings]
    responses += [parse_item_rating_option(text) for text in item_ratings]
    for text in comments:
        responses = attach_comment(responses, text)
    themes = [
        parse_theme_option(option, text)
        for option, texts in (
            ("--strength", strengths),
            ("--hidden-strength", hidden_strengths),
            ("--need", needs),
        )
        for text in texts
    ]
    bounds = parse_scale(scale) if scale is not None else None
    result = add_round(
        engagement_root(), kind, when, bounds, responses, commit=not no_commit, themes=themes
    )
    report_write(result, {"date": when})


@feedback.command("import")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(path_type=Path))
@click.option("--kind", required=True, metavar="KIND", help=KIND_HELP)
@click.option(
    "--date",
    "day",
    type=DATE,
    help="When the round closed [default: the day of the latest timestamp, else today].",
)
@click.option(
    "--scale",
    metavar="LOW,HIGH",
    help="Lowest and highest rating [default: from --map or the file, else the earlier "
    "round's for a final or mini-survey, else the kind's when every rating fits it].",
)
@click.option(
    "--map",
    "map_file",
    metavar="FILE.yaml",
    type=click.Path(path_type=Path),
    help="A mapping file: the rater, group and date columns, what each group answer "
    "means, which question rates which goal or item, the scale (docs/format.md).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show how each column was understood, the raters, groups and ratings; write nothing.",
)
@no_commit_option
def feedback_import(
    csv_file: Path,
    kind: str,
    day: dt.date | None,
    scale: str | None,
    map_file: Path | None,
    dry_run: bool,
    no_commit: bool,
) -> None:
    """Record a round from a survey tool's CSV export and commit it.

    Reads Google Forms, Microsoft Forms, SurveyMonkey (two header rows) and
    Qualtrics (three) exports with one row per respondent, and the long form with
    one row per rater and goal (rater, group, goal or item, rating, comment). A
    question rates a goal when its text begins with the goal's id ("G1 - To what
    degree…") or contains its title; a Relationship, Role or Group column gives
    the rater's group (line manager, direct report, peer, self, other); Likert
    words such as "Somewhat more effective" count -3…+3. --map FILE.yaml says
    anything else. Raters are told apart by a rater or respondent column, else one
    per row (said on the first line); names and e-mail addresses are never
    written. The date is the latest timestamp's unless --date is given; the scale
    comes from --scale, the map, the file, or the earlier round of a final or
    mini-survey, and a kind's default only when every rating fits it (said in one
    line). Every bad row is listed, and then nothing is written.

    \b
    Example:
      coachkit feedback import responses.csv --kind mini-survey --dry-run
      coachkit feedback import responses.csv --kind mini-survey
    with responses.csv (Google Forms):
      Timestamp,Email Address,Your relationship to Jordan,G1 - Delegating …
      2026/03/14 9:12:03 AM GMT,priya@acme.example,Direct report,Somewhat more effective
    """
    from coachkit.feedback.record import parse_scale
    from coachkit.feedback.survey_import import import_survey, plan_import

    bounds = parse_scale(scale) if scale is not None else None
    root = engagement_root()
    if dry_run:
        for line in _dry_run_lines(plan_import(root, csv_file, kind, day, bounds, map_file)):
            click.echo(line)
        return
    plan, result = import_survey(root, csv_file, kind, day, bounds, map_file, commit=not no_commit)
    if plan.identity:
        click.echo(plan.identity, err=True)  # how raters were counted comes first
    report_write(result, {"date": plan.day})


def _of(role: str) -> str:
    return "on" if role == "comment" else "of"


def _dry_run_lines(plan: ImportPlan) -> list[str]:
    """How the import understood the file, for ``--dry-run``."""
    from coachkit.dates import describe

    form = "one row per rater and goal" if plan.layout.form == "long" else "one row per respondent"
    lines = [plan.identity] if plan.identity else []
    rows = "1 header row" if plan.header_rows == 1 else f"{plan.header_rows} header rows"
    lines.append(f"{plan.name}: {plan.tool} export, {rows}, {form}")
    lines.append("columns:")
    width = max(len(role.column.label) for role in plan.layout.roles)
    for role in plan.layout.roles:
        what = role.role if role.target is None else f"{role.role} {_of(role.role)} {role.target}"
        lines.append(f"  {role.column.label:<{width}}  {what}: {role.why}")
    raters = plan.raters_by_group()
    total = sum(raters.values())
    lines.append(
        f"raters: {total} ("
        + ", ".join(f"{group} {count}" for group, count in sorted(raters.items()))
        + ")"
    )
    if plan.groups:
        lines.append(
            "group answers: " + ", ".join(f"{a!r} → {g} ({n})" for a, (g, n) in plan.groups.items())
        )
    lines.append("ratings:")
    for subject, (count, others) in plan.ratings_by_subject().items():
        lines.append(f"  {subject}: {count} ({others} from stakeholders, {count - others} self)")
    low, high = plan.scale
    lines.append(f"scale: [{low:g}, {high:g}], {plan.scale_source}")
    lines.append(f"date: {describe(plan.day)}, {plan.day_source}")
    lines += plan.notes
    lines.append(f"would write feedback/{plan.day.isoformat()}-{plan.kind}.md")
    lines.append("dry run: nothing written")
    return lines


@feedback.command("summary")
@click.option(
    "--themes",
    "show_themes",
    is_flag=True,
    help="List the rounds' themes (strengths and development needs per rater group) instead.",
)
@format_options
def feedback_summary(show_themes: bool, fmt: str, as_json: bool) -> Listed:
    """Per goal, then per item no goal names, and round: mean rating, raters, shares, self.

    MEAN, RATERS and UP/DOWN count stakeholders only; SELF is the client's own
    rating, never part of them, and GAP is SELF minus MEAN. They follow the
    reports' anonymity rule: a mean and shares of fewer than 3 stakeholders are
    not shown (-). UP/DOWN are the shares of ratings of +1 or more and of -1 or
    less, shown only for a scale centred on 0 (a mini-survey's "how much has it
    changed"). A goal's rows, oldest first, are its trend. Items (named
    competencies or 360 statements) that a goal's items: name count for the
    goal. --themes lists each round's themes per rater group instead. A file
    that cannot be read, or a rating that cannot be counted, is reported on
    stderr with its line, and the command exits with status 2 after printing
    the rest.

    \b
    Examples:
      coachkit feedback summary --json
      coachkit feedback summary --themes
    """
    from coachkit.feedback.rounds import engagement_rounds, summarize, theme_records

    rounds, problems = engagement_rounds(engagement_root())
    chosen = chosen_format(fmt, as_json)
    if show_themes:
        themes = theme_records(rounds)
        emit(
            themes,
            chosen,
            THEME_FIELDS,
            lambda: (
                [[t["kind"], t["date"], t["group"], t["theme"], t["text"]] for t in themes],
                ["KIND", "DATE", "GROUP", "THEME", "TEXT"],
            ),
            "No themes yet: record them with `coachkit feedback add --strength GROUP:TEXT`.",
        )
        return listed(problems, False)
    records = [s.as_dict() for s in summarize(rounds)]
    if chosen == "csv":
        records = [{**r, "scale": _scale_text(r["scale"])} for r in records]
    goals = [r for r in records if r["goal"] is not None]
    items = [r for r in records if r["goal"] is None]
    emit(
        goals if chosen == "table" and goals else records,
        chosen,
        SUMMARY_FIELDS,
        lambda: (
            (
                [[r["goal"], *_figures(r, shares=True)] for r in goals],
                ["GOAL", "KIND", "DATE", "SCALE", "MEAN", "RATERS", "UP/DOWN", "SELF", "GAP"],
            )
            if goals
            else _item_table(items)
        ),
        f"No {'ratings' if rounds else 'feedback'} yet: "
        "record a round with `coachkit feedback add` or `feedback import`.",
    )
    if chosen == "table" and goals and items:
        click.echo()
        print_table(*_item_table(items))
    with_themes = sum(1 for r in rounds if r.themes)
    if chosen == "table" and with_themes:
        rounds_text = "round holds" if with_themes == 1 else "rounds hold"
        click.echo(f"{with_themes} {rounds_text} themes: coachkit feedback summary --themes")
    return listed(problems, False)


def _figures(r: dict[str, Any], *, shares: bool) -> list[object]:
    """A summary record's cells from KIND to GAP (UP/DOWN only with ``shares``)."""
    up, down = r["improved_share"], r["declined_share"]
    cells: list[object] = [
        r["kind"],
        r["date"],
        _scale_text(r["scale"]),
        _figure(r["mean"], "{:.2f}"),
        r["raters"],
    ]
    if shares:
        cells.append("-" if up is None else f"{up:.0%}/{down:.0%}")
    return [*cells, _figure(r["self_rating"], "{:.2f}"), _figure(r["gap"], "{:+.2f}")]


def _item_table(items: list[dict[str, Any]]) -> tuple[list[list[Any]], list[str]]:
    """Items no goal names: the item last, where a long text is cut to fit."""
    return (
        [[*_figures(r, shares=False), r["item"]] for r in items],
        ["KIND", "DATE", "SCALE", "MEAN", "RATERS", "SELF", "GAP", "ITEM"],
    )


def _figure(value: object, form: str) -> str:
    """A figure for the table; ``-`` where there is none (or it is withheld)."""
    return "-" if value is None else form.format(value)


def _scale_text(scale: object) -> str:
    low, high = scale if isinstance(scale, list) else ("?", "?")
    return f"[{low}, {high}]"
