"""``coachkit close``: move the engagement to closure and record each goal's outcome."""

from __future__ import annotations

import datetime as dt

import click

from coachkit.cli.common import DATE, echo_resolved, engagement_root, no_commit_option, report_write
from coachkit.vocabulary import FINAL_GOAL_STATUSES, one_of


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
    help="A follow-up date; repeat for several [default: 6 and 12 weeks after the last session].",
)
@no_commit_option
def close(
    end: dt.date | None,
    goal_statuses: tuple[str, ...],
    goal_outcomes: tuple[str, ...],
    follow_up: tuple[dt.date, ...],
    no_commit: bool,
) -> None:
    """Close the engagement: end date, each goal's final status and outcome, follow-ups.

    Sets `phase: closure`, `end` and `follow_up` in engagement.md and `status`
    and `outcome` in each goal file named, changing only those lines, and
    commits the files it changed. Goals given no status keep theirs and are
    listed on stderr as still open. It never prompts: everything is an option.

    \b
    Example:
      coachkit close --end 2026-07-10 \\
          --goal G1=achieved --outcome "G1=Priya and Tom own the platform roadmap" \\
          --goal G2=partially-achieved --follow-up 2026-09-10 --follow-up 2026-12-10
    """
    from coachkit.dates import today
    from coachkit.writers.close import close_engagement, parse_assignments

    statuses = parse_assignments(goal_statuses, "--goal", "G1=achieved")
    outcomes = parse_assignments(goal_outcomes, "--outcome", '"G1=Priya owns the roadmap"')
    end = end or today()
    result = close_engagement(
        engagement_root(),
        end=end,
        statuses={goal: status.lower() for goal, status in statuses.items()},
        outcomes=outcomes,
        follow_up=follow_up,
        commit=not no_commit,
    )
    echo_resolved("end", end)
    follow_ups = result.data["follow_up"]
    assert isinstance(follow_ups, list)
    for day in follow_ups:
        echo_resolved("follow-up", day)
    report_write(result)
