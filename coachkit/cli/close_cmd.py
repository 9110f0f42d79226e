"""``coachkit close``: move the engagement to closure and record each goal's outcome."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from coachkit.cli.common import DATE, echo_resolved, engagement_root, no_commit_option, report_write
from coachkit.vocabulary import FINAL_GOAL_STATUSES, OPEN_ACTION_CHOICES, one_of


@click.command()
@click.option("--end", type=DATE, help="The engagement's end date [default: today].")
@click.option(
    "--goal",
    "goal_statuses",
    multiple=True,
    metavar="G=STATUS",
    help=f"A goal's final status: {one_of(FINAL_GOAL_STATUSES)}. Repeat per goal.",
)
@click.option(
    "--outcome",
    "goal_outcomes",
    multiple=True,
    metavar="G=TEXT",
    help="What came of a goal, in a sentence. Repeat per goal.",
)
@click.option(
    "--follow-up",
    "follow_up",
    type=DATE,
    multiple=True,
    help="A follow-up date; repeat for several [default: 6 and 12 weeks after the end date].",
)
@click.option(
    "--open-actions",
    type=click.Choice(OPEN_ACTION_CHOICES),
    help="What becomes of the action items still open: keep them open, drop them "
    "(reason: engagement closed), or carry them into the follow-up period "
    "[default: ask at a terminal, else keep].",
)
@no_commit_option
def close(
    end: dt.date | None,
    goal_statuses: tuple[str, ...],
    goal_outcomes: tuple[str, ...],
    follow_up: tuple[dt.date, ...],
    open_actions: str | None,
    no_commit: bool,
) -> None:
    """Close the engagement: end date, goal outcomes, follow-ups, open action items.

    Sets `phase: closure`, `end` and `follow_up` in engagement.md and `status`
    and `outcome` in each goal file named, changing only those lines, and
    commits the files it changed. Goals given no status keep theirs and are
    listed on stderr as still open.

    Open action items: `--open-actions keep` leaves them open; `drop` drops
    them with `reason: engagement closed`; `carry` keeps them open for the
    follow-up period, moving each one due before the first follow-up to that
    date (the old date kept in `rescheduled:`). Without the option, close asks
    when it runs at a terminal and otherwise keeps them, saying so in one line.

    \b
    Example:
      coachkit close --end 2026-07-10 --open-actions carry \\
          --goal G1=achieved --outcome "G1=Priya and Tom own the platform roadmap" \\
          --goal G2=partially-achieved --follow-up 2026-09-10 --follow-up 2026-12-10
    """
    from coachkit.dates import today
    from coachkit.writers.close import close_engagement, parse_assignments

    statuses = parse_assignments(goal_statuses, "--goal", "G1=achieved")
    outcomes = parse_assignments(goal_outcomes, "--outcome", '"G1=Priya owns the roadmap"')
    end = end or today()
    root = engagement_root()
    if open_actions is None:
        open_actions = _ask_about_open_actions(root)
    result = close_engagement(
        root,
        end=end,
        statuses={goal: status.lower() for goal, status in statuses.items()},
        outcomes=outcomes,
        follow_up=follow_up,
        open_actions=open_actions,
        commit=not no_commit,
    )
    echo_resolved("end", end)
    follow_ups = result.data["follow_up"]
    assert isinstance(follow_ups, list)
    for day in follow_ups:
        echo_resolved("follow-up", day)
    report_write(result)


def _ask_about_open_actions(root: Path) -> str | None:
    """At a terminal, ask what to do with the open items (if any); else None (keep)."""
    if not sys.stdin.isatty():
        return None
    from coachkit.engagement.loader import load_engagement

    engagement = load_engagement(root)
    engagement.raise_for_problems()
    items = engagement.open_actions()
    if not items:
        return None
    for item in items:
        click.echo(f"  {item.id}  due {item.due or '-'}  {item.title}", err=True)
    answer: str = click.prompt(
        f"{len(items)} action item{'s are' if len(items) != 1 else ' is'} still open: "
        "keep, drop or carry into the follow-up period?",
        type=click.Choice(OPEN_ACTION_CHOICES),
        default=OPEN_ACTION_CHOICES[0],
        err=True,
    )
    return answer
