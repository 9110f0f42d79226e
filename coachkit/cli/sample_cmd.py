"""``coachkit sample``: a realistic engagement to try coachkit on."""

from __future__ import annotations

from pathlib import Path

import click

from coachkit.cli.common import no_commit_option, report_write


@click.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default="acme-jordan-lee")
@no_commit_option
def sample(path: Path, no_commit: bool) -> None:
    """Create a sample engagement in PATH to try coachkit on.

    Jordan Lee, VP Engineering at Acme Logistics: two goals, two session notes
    with action items, a baseline 360 and a mid-point mini-survey. Its dates are in early 2026; set
    COACHKIT_TODAY=2026-02-12 to see it as the coach did that day.

    \b
    Example:
      coachkit sample /tmp/acme-jordan-lee && cd /tmp/acme-jordan-lee
      COACHKIT_TODAY=2026-02-12 coachkit action list
    """
    from coachkit.writers.sample import create_sample

    report_write(create_sample(path, commit=not no_commit))
