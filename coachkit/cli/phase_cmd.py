"""``coachkit phase``: show or move the engagement's phase."""

from __future__ import annotations

import click

from coachkit.cli.common import engagement_root, no_commit_option, report_write


@click.command()
@click.argument("name", required=False, metavar="[NAME]")
@no_commit_option
def phase(name: str | None, no_commit: bool) -> None:
    """Show the engagement's phase, or move it to NAME and commit engagement.md.

    The phases, in order: contracting, assessment, planning, coaching, closure,
    follow-up, completed. Without NAME, prints the phase and, on stderr, what
    moves it on. With NAME, changes the one `phase:` line of engagement.md and
    commits it. `coachkit close` moves to closure and the first follow-up session
    to follow-up by themselves.

    \b
    Examples:
      coachkit phase
      coachkit phase coaching
    """
    if name is None:
        from coachkit.writers.phase import current_phase

        shown, hint = current_phase(engagement_root())
        if shown is not None:
            click.echo(shown)
        click.echo(hint, err=True)
        return
    from coachkit.writers.phase import set_phase

    report_write(set_phase(engagement_root(), name, commit=not no_commit))
