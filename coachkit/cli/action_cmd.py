"""``coachkit action``: add action items, edit and reschedule them, mark them done,\ndropped or open again, list them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from coachkit.cli.action_rows import emit_action_rows
from coachkit.cli.common import (
    DATE,
    echo_resolved,
    engagement_root,
    no_commit_option,
    print_json_records,
    report_write,
)
from coachkit.cli.listing import (
    as_of_option,
    chosen_format,
    excel_requested,
    format_options,
    listed,
    no_cache_option,
    owner_option,
    paths_argument,
    within_option,
)
from coachkit.cli.outcome import Listed
from coachkit.vocabulary import ACTION_DROPPED, ACTION_STATUSES, SHARE_LEVELS


@click.group()
def action() -> None:
    """Add, edit, reschedule, complete, drop, reopen and list action items.

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
    from coachkit.writers.actions import add_action

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


def _set_status(
    action_id: str, status: str, day: dt.date | None, no_commit: bool, reason: str | None = None
) -> None:
    from coachkit.dates import today
    from coachkit.writers.actions import set_status

    when = day or today()
    result = set_status(
        engagement_root(), action_id, status, when, commit=not no_commit, reason=reason
    )
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
@click.option("--reason", help="Why it is no longer pursued; kept as `reason:` on the item.")
@no_commit_option
def action_drop(action_id: str, reason: str | None, no_commit: bool) -> None:
    """Mark action item ID dropped (no longer pursued); it stays in the note.

    The reason is optional, and kept as `reason:` on the item. Dropping an item
    that is already dropped only sets its reason.

    \b
    Example:
      coachkit action drop k7m2 --reason "Priya now owns the budget review"
    """
    _set_status(action_id, ACTION_DROPPED, None, no_commit, reason)


@action.command("reopen")
@click.argument("action_id", metavar="ID")
@no_commit_option
def action_reopen(action_id: str, no_commit: bool) -> None:
    """Set a done or dropped action item ID back to open.

    Removes its `done:` date and its `reason:`; the due date stays (give it a
    new one with `coachkit action reschedule`).

    \b
    Example:
      coachkit action reopen k7m2
    """
    from coachkit.writers.actions import reopen_action

    report_write(reopen_action(engagement_root(), action_id, commit=not no_commit))


@action.command("reschedule")
@click.argument("action_id", metavar="ID")
@click.argument("due", metavar="DATE", type=DATE)
@no_commit_option
def action_reschedule(action_id: str, due: dt.date, no_commit: bool) -> None:
    """Give open action item ID a new due date, keeping the old one.

    Each earlier due date is added to the item's `rescheduled:` list, so lint
    and reports can count how often it slipped. To correct a mistyped date
    without counting a slip, use `coachkit action edit ID --due DATE`.

    \b
    Example:
      coachkit action reschedule k7m2 +1w
    """
    from coachkit.writers.actions import reschedule_action

    result = reschedule_action(engagement_root(), action_id, due, commit=not no_commit)
    report_write(result, {"due": due})


@action.command("edit")
@click.argument("action_id", metavar="ID")
@click.option("--title", help="The new title.")
@click.option("--owner", help="Who will do it.")
@click.option("--due", type=DATE, help="A corrected due date (not counted as a slip).")
@click.option("--goal", help="The goal it serves, e.g. G1.")
@click.option("--accountability", help="Who or what checks that it happened.")
@click.option("--share", type=click.Choice(SHARE_LEVELS), help="Who may see it.")
@no_commit_option
def action_edit(
    action_id: str,
    title: str | None,
    owner: str | None,
    due: dt.date | None,
    goal: str | None,
    accountability: str | None,
    share: str | None,
    no_commit: bool,
) -> None:
    """Change action item ID's title, owner, due date, goal, accountability or share.

    Give at least one option; only those lines change. `--share` says who may
    see the item: coach (only you), client (the default) or sponsor.

    \b
    Example:
      coachkit action edit k7m2 --owner Priya --goal G2 --share sponsor
    """
    from coachkit.writers.actions import edit_action

    given = {
        "title": title,
        "owner": owner,
        "due": due,
        "goal": goal,
        "accountability": accountability,
        "share": share,
    }
    changes = {key: value for key, value in given.items() if value is not None}
    result = edit_action(engagement_root(), action_id, changes, commit=not no_commit)
    report_write(result, {"due": due} if result.paths else None)


@action.command("list")
@paths_argument
@click.option(
    "--status",
    type=click.Choice([*ACTION_STATUSES, "all"]),
    default="open",
    show_default=True,
    help="Which items to list.",
)
@click.option("--overdue", is_flag=True, help="Only open items past their due date.")
@as_of_option
@within_option("Only items overdue or due in the next DAYS days.")
@owner_option
@format_options
@no_cache_option
def action_list(
    paths: tuple[Path, ...],
    status: str,
    overdue: bool,
    as_of: dt.date | None,
    within: int | None,
    owner: str | None,
    fmt: str,
    as_json: bool,
    no_cache: bool,
) -> Listed:
    """List action items, most overdue first, then soonest due.

    Without PATHs: the current engagement (or every engagement below the current
    folder). Filters and formats are those of `coachkit overdue`.

    \b
    Examples:
      coachkit action list
      coachkit action list --status all --json
      coachkit action list ~/clients --owner jordan --within 7 --format csv
    """
    from coachkit.dates import today
    from coachkit.engagement.practice import (
        ActionFilter,
        action_records,
        load_practice,
        select_actions,
    )

    engagements, problems = load_practice(paths, Path.cwd(), use_cache=not no_cache)
    statuses = ACTION_STATUSES if status == "all" else (status,)
    wanted = ActionFilter(
        as_of or today(), statuses, overdue_only=overdue, within=within, owner=owner
    )
    if chosen_format(fmt, as_json) == "json" and not excel_requested():
        records = action_records(engagements, wanted)
        if records is not None:
            print_json_records(records)
            return listed(problems, False)
    rows = select_actions(engagements, wanted)
    label = "" if status == "all" else f"{status} "
    emit_action_rows(
        rows,
        chosen_format(fmt, as_json),
        f"No {label}action items.",
        with_engagement=len(engagements) > 1,
    )
    return listed(problems, False)
