"""coachkit's command line: a thin layer of click over the core.

Only click is imported at module level, so ``coachkit --help`` starts fast;
each command imports the core it needs when it runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from coachkit import __version__
from coachkit.cli.action_cmd import action
from coachkit.cli.close_cmd import close
from coachkit.cli.errors import CoachkitGroup
from coachkit.cli.feedback_cmd import feedback
from coachkit.cli.goal_cmd import goal
from coachkit.cli.init_cmd import init
from coachkit.cli.lint_cmd import lint
from coachkit.cli.overdue_cmd import overdue
from coachkit.cli.report_cmd import report
from coachkit.cli.sample_cmd import sample
from coachkit.cli.session_cmd import session
from coachkit.cli.status_cmd import status
from coachkit.cli.templates_cmd import templates

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=CoachkitGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="coachkit")
@click.option(
    "-C",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="PATH",
    help="Run as if coachkit was started in PATH (like git -C).",
)
def cli(directory: Path | None) -> None:
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


for command in (
    init,
    goal,
    session,
    action,
    feedback,
    close,
    report,
    overdue,
    status,
    lint,
    templates,
    sample,
):
    cli.add_command(command)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="coachkit")
