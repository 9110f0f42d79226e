"""``coachkit merge-driver``: the merge driver git runs for engagement notes."""

from __future__ import annotations

from pathlib import Path

import click

from coachkit.cli.outcome import Outcome

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command("merge-driver")
@click.argument("base", type=_FILE)
@click.argument("ours", type=_FILE)
@click.argument("theirs", type=_FILE)
@click.argument("path")
def merge_driver(base: Path, ours: Path, theirs: Path, path: str) -> Outcome:
    """Merge a note as git's merge driver: front matter item by item, body as text.

    Git runs it as `%O %A %B %P` (the common ancestor, ours, theirs, the note's
    path) for the notes .gitattributes names; `coachkit git-setup` installs it.
    The merged note is written into OURS. Action items are merged by id,
    feedback responses by rater and goal, lists of goals and dates as sets: an
    item added on both sides, or a field changed on one side, never conflicts.
    A field changed differently on both sides is marked with standard conflict
    markers around its lines only, and the exit status is 1; the body is merged
    by `git merge-file`. A note that does not parse is merged as text, with one
    line saying why; a binary file or a missing file is an error (status 2) and
    OURS is left as it was.

    \b
    Example (by hand, as git would run it):
      coachkit merge-driver base.md ours.md theirs.md sessions/03-2026-02-12.md
    """
    from coachkit.merging.driver import run_driver

    result = run_driver(base, ours, theirs, path)
    for line in result.lines:
        click.echo(line, err=True)
    return Outcome.OK if result.clean else Outcome.FOUND
