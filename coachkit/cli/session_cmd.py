"""``coachkit session``: scaffold and list session notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from coachkit.cli.common import DATE, engagement_root, no_commit_option, report_write
from coachkit.cli.listing import chosen_format, emit, format_options


@click.group()
def session() -> None:
    """Scaffold and list session notes (sessions/NN-YYYY-MM-DD.md)."""


def _open_editor(path: Path) -> None:
    click.edit(filename=str(path))


@session.command("new")
@click.option("--date", "day", type=DATE, help="The session's date [default: today].")
@click.option(
    "--template",
    default="session",
    show_default=True,
    help="Template name (see `coachkit templates list`).",
)
@click.option("--format", "fmt", help="How you meet: in-person, video, phone.")
@click.option("--edit", is_flag=True, help="Open the note in $VISUAL/$EDITOR before committing it.")
@no_commit_option
def session_new(
    day: dt.date | None, template: str, fmt: str | None, edit: bool, no_commit: bool
) -> None:
    """Scaffold the next session note and print its path.

    The note follows the ten-step session structure and is prefilled with every
    open action item (overdue ones marked), the previous session's homework and
    next steps, and the active goals.

    \b
    Examples:
      coachkit session new
      coachkit session new --date tomorrow --format video
      $EDITOR "$(coachkit session new)"
    """
    from coachkit.dates import today
    from coachkit.writers.sessions import new_session

    day = day or today()
    result = new_session(
        engagement_root(),
        day,
        template=template,
        fmt=fmt,
        commit=not no_commit,
        edit=_open_editor if edit else None,
    )
    report_write(result, {"date": day})


@session.command("list")
@format_options
def session_list(fmt: str, as_json: bool) -> None:
    """List the engagement's sessions, oldest first.

    \b
    Example:
      coachkit session list --json
    """
    from coachkit.engagement.loader import load_engagement

    engagement = load_engagement(engagement_root())
    engagement.raise_for_problems()
    rows: list[dict[str, Any]] = [
        {
            "session": s.number,
            "date": s.date,
            "duration": s.duration,
            "next_session": s.next_session,
            "actions": sum(1 for a in engagement.actions if a.path == s.path),
            "path": s.path,
        }
        for s in engagement.sessions
    ]
    emit(
        rows,
        chosen_format(fmt, as_json),
        ["session", "date", "duration", "next_session", "actions", "path"],
        lambda: (
            [
                [r["session"], r["date"], r["duration"] or "-", r["actions"], Path(r["path"]).name]
                for r in rows
            ],
            ["#", "DATE", "MINUTES", "ACTIONS", "FILE"],
        ),
        "No sessions yet: scaffold one with `coachkit session new`.",
    )
