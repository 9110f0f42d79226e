"""The click group every command hangs from, and the table of commands.

Only click is imported at module level, and each command's module is imported
only when that command runs, so ``coachkit --help`` starts fast; each command
imports the core it needs when it runs.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from coachkit import __version__
from coachkit.cli.error_handler import QuickExit
from coachkit.cli.group import CoachkitGroup

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# name: (module, attribute, the first line of its help). `coachkit --help` lists the
# commands from this table without importing them; tests/test_docs.py checks that
# each line is the command's own first help line.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "action": (
        "coachkit.cli.action_cmd",
        "action",
        "Add, edit, reschedule, complete, drop, reopen and list action items.",
    ),
    "calendar": (
        "coachkit.cli.calendar_cmd",
        "calendar",
        "Write sessions, follow-ups and due dates as an iCalendar (.ics) file.",
    ),
    "completion": (
        "coachkit.cli.completion_cmd",
        "completion",
        "Print the shell completion script for bash, zsh or fish.",
    ),
    "close": (
        "coachkit.cli.close_cmd",
        "close",
        "Close the engagement: end date, goal outcomes, follow-ups, open action items.",
    ),
    "feedback": (
        "coachkit.cli.feedback_cmd",
        "feedback",
        "Record stakeholder feedback rounds (feedback/*.md) and summarise them per goal.",
    ),
    "git-setup": (
        "coachkit.cli.git_setup_cmd",
        "git_setup",
        "Install coachkit's merge driver in the git repository holding PATH.",
    ),
    "goal": (
        "coachkit.cli.goal_cmd",
        "goal",
        "Add, edit and list the engagement's goals (goals/G1-….md).",
    ),
    "hours": (
        "coachkit.cli.hours_cmd",
        "hours",
        "Count coaching hours for the ICF or EMCC log: one row per client, totals, progress.",
    ),
    "init": (
        "coachkit.cli.init_cmd",
        "init",
        "Start an engagement in PATH: write engagement.md and commit it.",
    ),
    "lint": (
        "coachkit.cli.lint_cmd",
        "lint",
        "Check engagements for plans that will slip: missing dates, owners, measures…",
    ),
    "merge-driver": (
        "coachkit.cli.merge_driver_cmd",
        "merge_driver",
        "Merge a note as git's merge driver: front matter item by item, body as text.",
    ),
    "overdue": (
        "coachkit.cli.overdue_cmd",
        "overdue",
        "List open action items past their due date, most overdue first.",
    ),
    "phase": (
        "coachkit.cli.phase_cmd",
        "phase",
        "Show the engagement's phase, or move it to NAME and commit engagement.md.",
    ),
    "report": (
        "coachkit.cli.report_cmd",
        "report",
        "Write the plan, progress or closure report for the client or sponsor, and commit it.",
    ),
    "sample": (
        "coachkit.cli.sample_cmd",
        "sample",
        "Create a sample engagement in PATH to try coachkit on.",
    ),
    "session": (
        "coachkit.cli.session_cmd",
        "session",
        "Scaffold and list session notes (sessions/NN-YYYY-MM-DD.md).",
    ),
    "status": (
        "coachkit.cli.status_cmd",
        "status",
        "One row per engagement: contract used, next session, open and overdue actions.",
    ),
    "sync": (
        "coachkit.cli.sync_cmd",
        "sync",
        "Fetch, merge and push each repository holding engagements: one line each.",
    ),
    "upcoming": (
        "coachkit.cli.upcoming_cmd",
        "upcoming",
        "List sessions, follow-ups and action items coming up, in date order.",
    ),
    "templates": (
        "coachkit.cli.templates_cmd",
        "templates",
        "List and show templates, and where each one comes from.",
    ),
}


class LazyGroup(CoachkitGroup):
    """The top-level group: commands are imported when they run, not to list them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        command: click.Command = getattr(importlib.import_module(spec[0]), spec[1])
        if "_COACHKIT_COMPLETE" in os.environ:  # a shell asking for completions
            from coachkit.cli.completion_values import attach

            attach(cmd_name, command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, spec[2]) for name, spec in sorted(COMMANDS.items())])


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="coachkit")
@click.option(
    "-C",
    "directory",
    type=click.Path(file_okay=False),
    metavar="PATH",
    help="Run as if coachkit was started in PATH (like git -C).",
)
def cli(directory: str | None) -> None:
    """coachkit: coaching engagements as git-tracked Markdown notes.

    Each engagement is a folder with engagement.md, goals/, sessions/ and
    feedback/. Engagement commands find theirs by walking up from the current
    folder to engagement.md.

    \b
    Start here:
      coachkit init acme-jordan-lee --client "Jordan Lee" --sponsor "Sam Ortiz"
      cd acme-jordan-lee
      coachkit goal add "Delegate strategic decisions" --measure "..."
      $EDITOR "$(coachkit session new)"
      coachkit action add "Hand Q3 budget review to Priya" --owner Jordan --due fri

    Exit codes: 0 ok, 1 a check found something, 2 usage, input or environment error.
    """
    if directory is not None:
        try:
            os.chdir(directory)
        except OSError as exc:
            raise click.BadParameter(
                f"cannot enter {directory}: {exc.strerror}", param_hint="-C"
            ) from None


def run() -> None:
    """Run the command line in ``sys.argv`` through click (see :func:`coachkit.cli.main`).

    A listing that has printed everything leaves at once (it ends with
    :class:`~coachkit.cli.error_handler.QuickExit`): tearing down the interpreter (freeing every object it read) would cost ~10 ms and do nothing.
    The cyclic garbage collector is off: a command lives for a fraction of a second,
    makes almost no cycles, and would otherwise walk every object it read, again
    and again (~5 ms on a 5,000-note practice).
    """
    try:
        cli(prog_name="coachkit")
    except QuickExit as done:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):
            pass
        os._exit(done.code if isinstance(done.code, int) else 0)
