"""``coachkit goal``: add, edit and list an engagement's goals."""

from __future__ import annotations

import datetime as dt

import click

from coachkit.cli.common import DATE, engagement_root, no_commit_option, report_write
from coachkit.cli.listing import chosen_format, emit, format_options
from coachkit.vocabulary import GOAL_STATUSES, SHARE_LEVELS


@click.group()
def goal() -> None:
    """Add, edit and list the engagement's goals (goals/G1-….md)."""


@goal.command("add")
@click.argument("title")
@click.option("--measure", help="How progress is observed, e.g. '360 item: delegates decisions'.")
@click.option("--baseline", help="Where the client starts on the measure.")
@click.option("--target", help="Where the client wants to be.")
@click.option("--target-date", type=DATE, help="When the target should be reached.")
@click.option("--competency", help="The competency the goal develops, e.g. Delegation.")
@click.option(
    "--stakeholders",
    multiple=True,
    help="Who will notice the change; comma-separated, or repeat the option.",
)
@no_commit_option
def goal_add(
    title: str,
    measure: str | None,
    baseline: str | None,
    target: str | None,
    target_date: dt.date | None,
    competency: str | None,
    stakeholders: tuple[str, ...],
    no_commit: bool,
) -> None:
    """Add a goal: write goals/G<n>-<title>.md and commit it.

    \b
    Example:
      coachkit goal add "Delegate strategic decisions" --competency Delegation \\
          --measure "Direct reports rate 'delegates decisions' on the 360" \\
          --baseline 2.1 --target 3.5 --target-date 2026-06-30 \\
          --stakeholders "Priya Nair (direct report), Sam Ortiz (manager)"
    """
    from coachkit.writers.goals import add_goal

    result = add_goal(
        engagement_root(),
        title,
        measure=measure,
        baseline=baseline,
        target=target,
        target_date=target_date,
        competency=competency,
        stakeholders=stakeholders,
        commit=not no_commit,
    )
    report_write(result, {"target date": target_date})


@goal.command("edit")
@click.argument("goal_id", metavar="ID")
@click.option("--title", help="The goal in a few words (the file keeps its name).")
@click.option("--status", type=click.Choice(GOAL_STATUSES), help="Where the goal stands.")
@click.option("--measure", help="How progress is observed by others.")
@click.option("--baseline", help="Where the client starts on the measure.")
@click.option("--target", help="Where the client wants to be.")
@click.option("--target-date", type=DATE, help="When the target should be reached.")
@click.option("--competency", help="The competency the goal develops.")
@click.option(
    "--stakeholders",
    multiple=True,
    help="Who will notice: replaces the list; comma-separated, or repeat the option.",
)
@click.option("--outcome", help="What came of it, in a line.")
@click.option("--share", type=click.Choice(SHARE_LEVELS), help="Who may see it.")
@no_commit_option
def goal_edit(
    goal_id: str,
    title: str | None,
    status: str | None,
    measure: str | None,
    baseline: str | None,
    target: str | None,
    target_date: dt.date | None,
    competency: str | None,
    stakeholders: tuple[str, ...],
    outcome: str | None,
    share: str | None,
    no_commit: bool,
) -> None:
    """Change any field of goal ID in goals/ID-….md, only those lines, and commit it.

    Give at least one option. `--share` says who may see the goal: coach
    (only you), client (the default) or sponsor.

    \b
    Example:
      coachkit goal edit G1 --target 4.0 --target-date 2026-07-10 \\
          --stakeholders "Priya Nair (direct report)" --stakeholders "Sam Ortiz (manager)"
    """
    from coachkit.writers.goals import edit_goal

    given = {
        "title": title,
        "status": status,
        "measure": measure,
        "baseline": baseline,
        "target": target,
        "target_date": target_date,
        "competency": competency,
        "stakeholders": stakeholders or None,
        "outcome": outcome,
        "share": share,
    }
    changes = {key: value for key, value in given.items() if value is not None}
    result = edit_goal(engagement_root(), goal_id, changes, commit=not no_commit)
    report_write(result, {"target date": target_date} if result.paths else None)


@goal.command("list")
@format_options
def goal_list(fmt: str, as_json: bool) -> None:
    """List the engagement's goals.

    \b
    Example:
      coachkit goal list --json
    """
    from coachkit.engagement.loader import load_engagement

    engagement = load_engagement(engagement_root())
    engagement.raise_for_problems()
    rows = [
        {
            "id": g.id,
            "title": g.title,
            "status": g.status,
            "competency": g.competency,
            "measure": g.measure,
            "baseline": g.baseline,
            "target": g.target,
            "target_date": g.target_date,
            "open_actions": sum(1 for a in engagement.open_actions() if a.goal == g.id),
            "path": g.path,
            "line": g.line,
        }
        for g in engagement.goals
    ]
    emit(
        rows,
        chosen_format(fmt, as_json),
        list(rows[0]) if rows else ["id"],
        lambda: (
            [
                [r["id"], r["status"], r["target_date"] or "-", r["open_actions"], r["title"]]
                for r in rows
            ],
            ["ID", "STATUS", "TARGET", "OPEN", "TITLE"],
        ),
        "No goals yet: add one with `coachkit goal add TITLE --measure ...`.",
    )
