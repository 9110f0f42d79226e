"""One place that turns errors into one line on stderr and an exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from coachkit.errors import EXIT_ERROR, CoachkitError
from coachkit.storage.user_folders import cache_home


def _crash_log() -> Path:
    return cache_home() / "crash.log"


def report_crash(exc: BaseException) -> str:
    """Save the traceback for a bug report and return the one line to show."""
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


class CoachkitGroup(click.Group):
    """A group whose commands' errors become one clear line and exit code 2."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Bytes that are not text in the system's encoding reach Python as lone
        # surrogates; nothing can be written or committed with them.
        for arg in args:
            if any("\ud800" <= ch <= "\udfff" for ch in arg):
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                click.echo(
                    error_line(f"argument '{shown}' is not valid UTF-8 text; type it again"),
                    err=True,
                )
                ctx.exit(EXIT_ERROR)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except CoachkitError as exc:
            click.echo(error_line(str(exc)), err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            # The system refused something (a name too long, a full disk, no permission):
            # the user's to act on, said in one line with the file it is about.
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(error_line(f"{where}{exc.strerror or exc}"), err=True)
            ctx.exit(EXIT_ERROR)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("coachkit: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:
            click.echo(report_crash(exc), err=True)
            ctx.exit(EXIT_ERROR)
