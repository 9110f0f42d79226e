"""The one owner of exit codes: what a command returns or raises becomes 0, 1 or 2.

Commands return an :class:`~coachkit.cli.outcome.Outcome` (a listing wraps it in
:class:`~coachkit.cli.outcome.Listed`) or raise. :func:`run_command` maps the outcome
to its code; an error becomes one line on stderr (one per problem when it gathers
several) and status 2; a crash becomes one line and a log for the bug report
(:func:`report_crash`). click's own exits (usage errors, ``--help``) pass through
untouched.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from coachkit.cli.outcome import Listed, Outcome
from coachkit.errors import CoachkitError

if TYPE_CHECKING:
    from pathlib import Path

EXIT_OK = 0
EXIT_FOUND = 1  # a check found something (lint errors, overdue --check)
EXIT_ERROR = 2  # usage, input or environment error, and broken files in a listing
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT

_CODES = {Outcome.OK: EXIT_OK, Outcome.FOUND: EXIT_FOUND, Outcome.PROBLEMS: EXIT_ERROR}


class QuickExit(SystemExit):
    """The end of a listing: ``coachkit.cli.main`` leaves without interpreter teardown.

    A :class:`SystemExit`, so that anything else running the command line (click's
    test runner) sees an ordinary exit with the same code.
    """


def run_command(ctx: click.Context, command: Callable[[], object]) -> object:
    """Run ``command`` and end the run as its outcome or error says.

    Returns the command's result when it ended well and may end the ordinary way;
    otherwise exits: status 1 or 2 by its outcome, 2 (130 when interrupted) for an
    error, and a listing's every status by :class:`QuickExit`.
    """
    try:
        result = command()
    except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
        raise
    except CoachkitError as exc:
        for line in exc.lines():
            click.echo(error_line(line), err=True)
        code = exit_code_for(exc)
    except OSError as exc:
        # The system refused something (a name too long, a full disk, no permission, a
        # closed pipe): the user's to act on, said in one line with the file it is about.
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(error_line(f"{where}{exc.strerror or exc}"), err=True)
        code = exit_code_for(exc)
    except KeyboardInterrupt as exc:
        click.echo("coachkit: interrupted", err=True)
        code = exit_code_for(exc)
    except Exception as exc:
        click.echo(report_crash(exc), err=True)
        code = exit_code_for(exc)
    else:
        if isinstance(result, Listed):
            raise QuickExit(_CODES[result.outcome])
        code = _CODES[result] if isinstance(result, Outcome) else EXIT_OK
        if code == EXIT_OK:
            return result
    ctx.exit(code)


def exit_code_for(error: BaseException) -> int:
    """The status an error ends the run with: 130 for Ctrl-C, 2 for every other one
    (a :class:`~coachkit.errors.CoachkitError`, a refusal by the system, a crash)."""
    return EXIT_INTERRUPTED if isinstance(error, KeyboardInterrupt) else EXIT_ERROR


def _crash_log() -> Path:
    from coachkit.storage.user_folders import cache_home

    return cache_home() / "crash.log"


def report_crash(exc: BaseException) -> str:
    """Save the traceback for a bug report and return the one line to show."""
    import datetime as dt
    import traceback

    log = _crash_log()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8", errors="backslashreplace") as handle:
            command = " ".join(sys.argv[1:]).encode("utf-8", "backslashreplace").decode()
            handle.write(f"--- {dt.datetime.now().isoformat()} coachkit {command}\n")
            handle.write("".join(traceback.format_exception(exc)))
        where = f"details in {log}"
    except OSError:
        where = "no crash log could be written"
    return f"coachkit: internal error: {type(exc).__name__}: {exc} ({where}; please report it)"


def escaped(text: str) -> str:
    """``text`` with every character that would break a line or a terminal escaped."""
    return "".join(
        ch if ch.isprintable() or ch == "\t" else ch.encode("unicode_escape").decode()
        for ch in text
    )


def error_line(message: str) -> str:
    """``message`` as the one line coachkit prints: prefixed unless it starts with the
    place it is about (``path: …``, ``path:line:col: …``), and escaped (:func:`escaped`)."""
    message = escaped(message)
    head, separator, _ = message.partition(": ")
    names_a_place = separator and head and not any(ch.isspace() or ch in "'\"" for ch in head)
    if message.startswith("coachkit:") or names_a_place:
        return message
    return f"coachkit: {message}"
