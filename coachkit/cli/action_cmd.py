"""``coachkit action``: add action items, mark them done or dropped, list them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from coachkit.cli.common import (
    DATE,
    echo_resolved,
    engagement_root,
    json_option,
    no_commit_option,
    print_json,
    print_table,
    report_write,
)


@click.group()
def action() -> None:
    """Add, complete, drop and list action items.

    Items live in the `actions:` list of the note where they were agreed,
    usually the latest session note.
    """


@action.command("add")
@click.argument("title")
@click.option("--owner", required=True, help="Who will do it (usually the client).")
@click.option("--due", required=True, type=DATE, help="When it is due: 2026-03-13, fri, +2w, eom…")
@click.option("--goal", help="The goal it serves, e.g. G1.")
@click.option("--accountability", help="Who or what checks that it happened.")
@click.option(
    "--in",
    "in_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The note to add it to [default: the latest session note].",
)
@no_commit_option
def action_add(
    title: str,
    owner: str,
    due: dt.date,
    goal: str | None,
    accountability: str | None,
    in_file: Path | None,
    no_commit: bool,
) -> None:
    """Add an action item to the latest session note and commit it.

    Prints the path of the note; the new id goes to stderr.

    \b
    Example:
      coachkit action add "Hand the Q3 budget review to Priya" --owner Jordan \\
          --due fri --goal G1 --accountability "Priya confirms in the Monday 1:1"
    """
    from coachkit.actions import add_action

    result = add_action(
        engagement_root(),
        title,
        owner=owner,
        due=due,
        goal=goal,
        accountability=accountability,
        in_file=in_file,
        commit=not no_commit,
    )
    echo_resolved("due", due)
    click.echo(f"added {result.data['id']}: {result.data['title']}", err=True)
    report_write(result)


def _set_status(action_id: str, status: str, day: dt.date | None, no_commit: bool) -> None:
    from coachkit.actions import set_status
    from coachkit.dates import today

    when = day or today()
    result = set_status(engagement_root(), action_id, status, when, commit=not no_commit)
    report_write(result, {"done": when} if status == "done" and result.paths else None)


@action.command("done")
@click.argument("action_id", metavar="ID")
@click.option("--date", "day", type=DATE, help="When it was done [default: today].")
@no_commit_option
def action_done(action_id: str, day: dt.date | None, no_commit: bool) -> None:
    """Mark action item ID done, with the date, in whichever note holds it.

    \b
    Example:
      coachkit action done k7m2 --date yesterday
    """
    _set_status(action_id, "done", day, no_commit)


@action.command("drop")
@click.argument("action_id", metavar="ID")
@no_commit_option
def action_drop(action_id: str, no_commit: bool) -> None:
    """Mark action item ID dropped (no longer pursued); it stays in the note.

    \b
    Example:
      coachkit action drop k7m2
    """
    _set_status(action_id, "dropped", None, no_commit)


@action.command("list")
@click.option(
    "--status",
    type=click.Choice(["open", "done", "dropped", "all"]),
    default="open",
    show_default=True,
    help="Which items to list.",
)
@json_option
def action_list(status: str, as_json: bool) -> None:
    """List the engagement's action items, soonest due first.

    \b
    Examples:
      coachkit action list
      coachkit action list --status all --json
    """
    from coachkit.dates import today
    from coachkit.engagement_loader import load_engagement

    engagement = load_engagement(engagement_root())
    engagement.raise_for_problems()
    as_of = today()
    items = [a for a in engagement.actions if status in ("all", a.status)]
    items.sort(key=lambda a: (a.due is None, a.due or dt.date.max, a.id))
    rows: list[dict[str, Any]] = [
        {
            "id": a.id,
            "title": a.title,
            "owner": a.owner,
            "due": a.due,
            "status": a.status,
            "days_overdue": a.days_overdue(as_of),
            "goal": a.goal,
            "accountability": a.accountability,
            "done": a.done,
            "path": a.path,
            "line": a.line,
        }
        for a in items
    ]
    if as_json:
        print_json(rows)
        return
    if not rows:
        click.echo(f"No {'' if status == 'all' else status + ' '}action items.")
        return
    print_table(
        [
            [r["id"], r["status"], r["due"] or "-", _late(r["days_overdue"]), r["owner"] or "-", r["title"]]
            for r in rows
        ],
        ["ID", "STATUS", "DUE", "LATE", "OWNER", "TITLE"],
    )


def _late(days: int) -> str:
    return f"{days}d" if days else ""
