"""``coachkit sync``: fetch, merge and push every repository holding engagements."""

from __future__ import annotations

import os
from pathlib import Path

import click

from coachkit.cli.listing import paths_argument
from coachkit.cli.outcome import Outcome


@click.command()
@paths_argument
@click.option(
    "--check",
    is_flag=True,
    help="Fetch, then only report how far ahead and behind each repository is; exit 1 when any is.",
)
def sync(paths: tuple[Path, ...], check: bool) -> Outcome:
    """Fetch, merge and push each repository holding engagements: one line each.

    PATHs work as for `coachkit overdue`; engagements in one repository (a
    practice) make one line. For each: fetch from the branch's upstream, merge
    what came in (with the notes' merge driver, `coachkit git-setup`), push what
    was committed here. Merge, not rebase: no commit made here is ever rewritten
    or lost. A repository with uncommitted changes, no remote or upstream, or a
    merge in progress is left alone; a conflict the driver cannot solve is
    undone (`git merge --abort`); a refused push keeps your commits here. Each
    says so in its line (on stderr), the other repositories still sync, and the
    exit status is 2.

    --check fetches (only the remote-tracking branches move) and reports
    "ahead N, behind M" or "up to date"; it exits 1 when anything is ahead or
    behind. docs/team.md has the whole practice.

    \b
    Examples:
      coachkit sync ~/clients
      coachkit sync --check       # exit 1 if anything needs a sync
    """
    from coachkit.engagement.practice import resolve_engagements
    from coachkit.storage.sync import sync_engagements

    cwd = Path.cwd()
    results = sync_engagements(resolve_engagements(paths, cwd), check=check)
    for result in results:
        line = f"{_shown(result.top, cwd)}: {result.summary}"
        click.echo(line, err=result.stopped is not None)
    if any(result.stopped is not None for result in results):
        return Outcome.PROBLEMS
    if check and any(result.ahead or result.behind for result in results):
        return Outcome.FOUND
    return Outcome.OK


def _shown(top: Path, cwd: Path) -> str:
    """The repository as the coach would type it: relative below the current folder."""
    try:
        relative = top.resolve().relative_to(cwd.resolve())
    except ValueError:
        return str(top)
    return "." if relative == Path() else relative.as_posix().replace("/", os.sep)
