"""Shared output for listings: one set of format flags, tables that fit 80 columns, colour rules."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from coachkit.cli.common import DATE, print_json, print_table
from coachkit.cli.outcome import Listed, Outcome

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "json", "csv")


EXCEL_KEY = "coachkit.excel"


def _remember_excel(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta[EXCEL_KEY] = True


def format_options(func: F) -> F:
    """``--format table|json|csv``, ``--json`` (short for ``--format json``) and
    ``--excel`` (CSV for Excel), which :func:`emit` reads from the click context so
    the commands need not pass it along."""
    func = click.option(
        "--excel",
        is_flag=True,
        expose_value=False,
        callback=_remember_excel,
        help="CSV for Excel: a UTF-8 byte order mark and CRLF line ends (implies --format csv).",
    )(func)
    func = click.option("--json", "as_json", is_flag=True, help="Short for --format json.")(func)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


# The arguments and options every practice listing shares (overdue, status, action list, lint).
paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]..."
)
as_of_option = click.option(
    "--as-of", type=DATE, help="Judge dates as of this day [default: today]."
)
owner_option = click.option("--owner", help="Only items owned by NAME (ignoring case).")
coach_option = click.option(
    "--coach",
    metavar="NAME",
    help="Only engagements whose coach: is NAME (ignoring case); `all`: everyone's. "
    "[default: everyone's; with team: true in .coachkit.yaml, your git user.name's]",
)
no_cache_option = click.option(
    "--no-cache",
    is_flag=True,
    help="Read every note instead of reusing what the parse cache kept from unchanged notes.",
)


def within_option(help_text: str) -> Callable[[F], F]:
    """``--within DAYS``, with the help that fits the listing."""
    return click.option("--within", type=click.IntRange(min=0), metavar="DAYS", help=help_text)


def chosen_format(fmt: str, as_json: bool) -> str:
    return "json" if as_json else fmt


def use_colour() -> bool:
    """Whether to colour, as no-color.org and force-color.org say: never when
    ``NO_COLOR`` is set to a non-empty value (an empty one counts as unset); always
    when ``FORCE_COLOR`` is non-empty, even through a pipe; never on ``TERM=dumb``;
    else only on a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        ctx = click.get_current_context(silent=True)
        if ctx is not None:
            ctx.color = True  # click.echo would strip the colour off a pipe
        return True
    return os.environ.get("TERM") != "dumb" and sys.stdout.isatty()


def paint(text: str, colour: str) -> str:
    return click.style(text, fg=colour) if use_colour() and text else text


def print_csv(records: Sequence[dict[str, Any]], fields: Sequence[str], excel: bool) -> None:
    """``records`` as spreadsheet-safe CSV (``coachkit/csv_output.py``); bytes, so the
    byte order mark and CRLF reach Excel whatever the terminal's encoding."""
    from coachkit.csv_output import csv_text

    click.echo(csv_text(records, fields, excel).encode("utf-8"), nl=False)


def excel_requested() -> bool:
    """Whether ``--excel`` was given (which :func:`emit` checks against the format)."""
    ctx = click.get_current_context(silent=True)
    return ctx is not None and bool(ctx.meta.get(EXCEL_KEY))


def _excel_format(fmt: str) -> tuple[str, bool]:
    """The format to print and whether CSV is for Excel: ``--excel`` asks for CSV, and
    refuses a format given as anything else."""
    ctx = click.get_current_context(silent=True)
    if ctx is None or not ctx.meta.get(EXCEL_KEY):
        return fmt, False
    if fmt != "csv" and ctx.get_parameter_source("fmt") is not ParameterSource.DEFAULT:
        raise click.UsageError(f"--excel writes CSV; it cannot go with --format {fmt}", ctx)
    if ctx.params.get("as_json"):
        raise click.UsageError("--excel writes CSV; it cannot go with --json", ctx)
    return "csv", True


def emit(
    records: Sequence[dict[str, Any]],
    fmt: str,
    fields: Sequence[str],
    table: Callable[[], tuple[list[list[Any]], list[str]]],
    empty: str,
) -> None:
    """Print ``records`` as JSON, CSV, or the table ``table()`` builds."""
    fmt, excel = _excel_format(fmt)
    if fmt == "json":
        print_json(list(records))
    elif fmt == "csv":
        print_csv(records, fields, excel)
    elif not records:
        click.echo(empty)
    else:
        rows, headers = table()
        print_table(rows, headers)


def report_problems(problems: Sequence[Any]) -> None:
    """Each broken file as one ``path:line:col: message`` line on stderr."""
    for problem in problems:
        click.echo(str(problem), err=True)


def listed(problems: Sequence[Any], found: bool) -> Listed:
    """A listing's result: its broken files reported on stderr (status 2), else whether
    a check found something (status 1)."""
    report_problems(problems)
    if problems:
        return Listed(Outcome.PROBLEMS)
    return Listed(Outcome.FOUND if found else Outcome.OK)
