"""``coachkit git-setup``: install the merge driver in an existing repository."""

from __future__ import annotations

from pathlib import Path

import click

from coachkit.cli.common import no_commit_option, report_write


@click.command("git-setup")
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=".")
@no_commit_option
def git_setup(path: Path, no_commit: bool) -> None:
    """Install coachkit's merge driver in the git repository holding PATH.

    Adds the lines that send engagement notes to the driver to .gitattributes
    (engagement.md, goals/, sessions/ and feedback/ notes at any depth) and
    commits it; sets merge.coachkit.name and merge.coachkit.driver in the
    clone's own config. Git never copies config between clones: run it once in
    every clone, and again after moving or rebuilding coachkit's Python
    environment (the driver runs this Python with -m coachkit). Running it again
    changes nothing.

    \b
    Example:
      git clone git@example.com:practice/notes.git && cd notes && coachkit git-setup
    """
    from coachkit.merging.git_setup import git_setup as install

    report_write(install(path, commit=not no_commit))
