"""One place that turns errors into one line on stderr and an exit code."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from coachkit.errors import EXIT_ERROR, CoachkitError
from coachkit.user_cache import cache_home


def _crash_log() -> Path:
    return cache_home() / "crash.log"


def report_crash(exc: BaseException) -> str:
    """Save the traceback for a bug report and return the one line to show."""
    import traceback

    log = _crash_log()
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {dt.datetime.now().isoformat()} coachkit {' '.join(sys.argv[1:])}\n")
            handle.write("".join(traceback.format_exception(exc)))
        where = f"details in {log}"
    except OSError:
        where = "no crash log could be written"
    return f"coachkit: internal error: {type(exc).__name__}: {exc} ({where}; please report it)"


class CoachkitGroup(click.Group):
    """A group whose commands' errors become one clear line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except CoachkitError as exc:
            message = str(exc)
            if not message.startswith(("coachkit:", "/")) and ":" not in message.split(" ", 1)[0]:
                message = f"coachkit: {message}"
            click.echo(message, err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("coachkit: interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:
            click.echo(report_crash(exc), err=True)
            ctx.exit(EXIT_ERROR)
