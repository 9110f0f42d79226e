"""``coachkit goal``: add and list an engagement's goals."""

from __future__ import annotations

import datetime as dt

import click

from coachkit.cli.common import DATE, engagement_root, no_commit_option, report_write
from coachkit.cli.listing import chosen_format, emit, format_options


@click.group()
def goal() -> None:
    """Add and list the engagement's goals (goals/G1-….md)."""


@goal.command("add")
@click.argument("title")
@click.option("--measure", help="How progress is observed, e.g. '360 item: delegates decisions'.")
@click.option("--baseline", help="Where the client starts on the measure.")
@click.option("--target", help="Where the client wants to be.")
@click.option("--target-date", type=DATE, help="When the target should be reached.")
@click.option("--competency", help="The competency the goal develops, e.g. Delegation.")
@no_commit_option
def goal_add(
    title: str,
    measure: str | None,
    baseline: str | None,
    target: str | None,
    target_date: dt.date | None,
    competency: str | None,
    no_commit: bool,
) -> None:
    """Add a goal: write goals/G<n>-<title>.md and commit it.

    \b
    Example:
      coachkit goal add "Delegate strategic decisions" --competency Delegation \\
          --measure "Direct reports rate 'delegates decisions' on the 360" \\
          --baseline 2.1 --target 3.5 --target-date 2026-06-30
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
        commit=not no_commit,
    )
    report_write(result, {"target date": target_date})


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
