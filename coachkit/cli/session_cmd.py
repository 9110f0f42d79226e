"""``coachkit session``: scaffold and list session notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from coachkit.cli.common import DATE, engagement_root, no_commit_option, report_write
from coachkit.cli.listing import chosen_format, emit, format_options
from coachkit.vocabulary import ATTENDANCE, BILLING, SESSION_KINDS


class ClockParam(click.ParamType):  # type: ignore[type-arg]
    """A local time of day ``HH:MM``, as a session's start."""

    name = "HH:MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from coachkit.dates import clock_problem, normal_clock

        problem = clock_problem(str(value))
        if problem:
            self.fail(f"the start {problem}", param, ctx)
        return normal_clock(str(value))


@click.group()
def session() -> None:
    """Scaffold and list session notes (sessions/NN-YYYY-MM-DD.md)."""


def _open_editor(path: Path) -> None:
    """Run $VISUAL or $EDITOR (as click would) on the new note; a failure is one line
    with the editor's exit status, and the writer then removes the note."""
    import os
    import shlex
    import subprocess

    from coachkit.errors import CoachkitError

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        status = subprocess.call([*shlex.split(editor), str(path)])
    except (OSError, ValueError) as exc:
        raise CoachkitError(f"could not start the editor {editor!r}: {exc}") from None
    if status != 0:
        raise CoachkitError(f"the editor {editor!r} exited with status {status}")


@session.command("new")
@click.option("--date", "day", type=DATE, help="The session's date [default: today].")
@click.option(
    "--template",
    help="Template name (see `coachkit templates list`) [default: session, or follow-up].",
)
@click.option("--format", "fmt", help="How you meet: in-person, video, phone.")
@click.option("--start", type=ClockParam(), help="The local time the session starts, e.g. 09:30.")
@click.option(
    "--duration",
    type=click.IntRange(min=1),
    metavar="MINUTES",
    help="Minutes coached [default: the engagement's session_length].",
)
@click.option(
    "--attended",
    type=click.Choice(ATTENDANCE),
    help="Whether the session took place; a no-show or late cancel counts no hours [default: held].",
)
@click.option(
    "--billing",
    type=click.Choice(BILLING),
    help="How this session is billed [default: the engagement's billing, else paid].",
)
@click.option(
    "--kind",
    type=click.Choice(SESSION_KINDS),
    help="session or follow-up [default: follow-up after the end date once closed, else session].",
)
@click.option(
    "--backdate",
    is_flag=True,
    help="Allow a date before the latest session: numbered and prefilled as of that date.",
)
@click.option("--again", is_flag=True, help="Allow a second session on a date that has one.")
@click.option("--edit", is_flag=True, help="Open the note in $VISUAL/$EDITOR before committing it.")
@no_commit_option
def session_new(
    day: dt.date | None,
    template: str | None,
    fmt: str | None,
    start: str | None,
    duration: int | None,
    attended: str | None,
    billing: str | None,
    kind: str | None,
    backdate: bool,
    again: bool,
    edit: bool,
    no_commit: bool,
) -> None:
    """Scaffold the next session note and print its path.

    The note follows the ten-step session structure and is prefilled with every
    action item open on its date (overdue ones marked), the previous session's
    homework and next steps, and the active goals.

    After closure (phase closure or later), a date past the end writes a
    follow-up session (template follow-up, `kind: follow-up`), which is not
    counted against the contract; the first one moves the phase to follow-up
    in the same commit. A date before the latest session needs --backdate, a
    second session on one date --again.

    \b
    Examples:
      coachkit session new
      coachkit session new --date tomorrow --format video --start 09:30
      coachkit session new --date 2026-02-19 --attended no-show --backdate
      coachkit session new --date 2026-02-03 --backdate
      $EDITOR "$(coachkit session new)"
    """
    from coachkit.dates import today
    from coachkit.writers.sessions import SessionFacts, new_session

    day = day or today()
    result = new_session(
        engagement_root(),
        day,
        template=template,
        fmt=fmt,
        kind=kind,
        backdate=backdate,
        again=again,
        commit=not no_commit,
        edit=_open_editor if edit else None,
        facts=SessionFacts(start, duration, attended, billing),
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
            "kind": s.kind,
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
        ["session", "kind", "date", "duration", "next_session", "actions", "path"],
        lambda: (
            [
                [
                    r["session"],
                    r["kind"],
                    r["date"],
                    r["duration"] or "-",
                    r["actions"],
                    Path(r["path"]).name,
                ]
                for r in rows
            ],
            ["#", "KIND", "DATE", "MINUTES", "ACTIONS", "FILE"],
        ),
        "No sessions yet: scaffold one with `coachkit session new`.",
    )
