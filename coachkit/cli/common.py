"""Pieces every command shares: date options, output flags, reporting writes."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from coachkit.cli.terminal_text import fit, visible, width
from coachkit.json_output import json_text

F = TypeVar("F", bound=Callable[..., Any])


class DateParam(click.ParamType):  # type: ignore[type-arg]
    """A date as a coach types it: ISO, today, fri, +2w, +1mo, eow, eom…"""

    name = "DATE"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        from coachkit.dates import parse_date
        from coachkit.errors import InvalidDate

        try:
            return parse_date(str(value))
        except InvalidDate as exc:
            self.fail(str(exc), param, ctx)


DATE = DateParam()


def no_commit_option(func: F) -> F:
    """``--no-commit``: write the file but leave git alone."""
    return click.option("--no-commit", is_flag=True, help="Write the file but do not commit it.")(
        func
    )


def engagement_root() -> Path:
    """The engagement holding the current folder."""
    from coachkit.engagement.loader import find_engagement_root

    return find_engagement_root(Path.cwd())


def echo_resolved(label: str, day: dt.date) -> None:
    """Echo a date as it was understood, e.g. ``due 2026-03-13 (Fri)``."""
    from coachkit.dates import describe

    click.echo(f"{label} {describe(day)}", err=True)


def report_write(result: Any, dates: dict[str, dt.date | None] | None = None) -> None:
    """Print each written path on stdout; resolved dates, notes and the commit on stderr.

    Dates are echoed only once the command has succeeded, so an error stays one line.
    """
    for label, day in (dates or {}).items():
        if day is not None:
            echo_resolved(label, day)
    for path in result.paths:
        click.echo(str(path))
    for note in result.notes:
        click.echo(note, err=True)
    if result.commit is not None:
        click.echo(result.commit.detail, err=True)


def print_json(rows: Any) -> None:
    click.echo(json_text(rows))


def print_json_records(records: Sequence[str]) -> None:
    """Records already encoded (each ``{...}`` as :func:`json_text` lays it out) as one
    JSON array, written a slice at a time: the whole array as one string (and its bytes)
    would hold copies of every record at once, most of a large practice's peak memory."""
    from coachkit.cache.layout import json_array

    for piece in json_array(records):
        click.echo(piece, nl=False)


def print_table(
    rows: Sequence[Sequence[Any]], headers: Sequence[str], wrap_last: bool = True
) -> None:
    """A plain table that fits the terminal (80 columns when not a terminal).

    Cells may carry colour; widths count the columns a terminal gives each
    character (wide CJK characters two), and control characters in a cell are
    shown escaped, so a row stays one line. The last column is cut to fit.
    """
    text_rows = [[visible("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h)] + [width(r[i]) for r in text_rows]) for i, h in enumerate(headers)]
    import shutil

    columns = shutil.get_terminal_size((80, 24)).columns if sys.stdout.isatty() else 80
    if wrap_last and len(headers) > 1:
        used = sum(widths[:-1]) + 2 * (len(headers) - 1)
        widths[-1] = max(min(widths[-1], columns - used), 12)
    lines = [_join(list(headers), widths)]
    for row in text_rows:
        row[-1] = fit(row[-1], widths[-1])
        lines.append(_join(row, widths))
    click.echo("\n".join(lines))


def _join(cells: list[str], widths: list[int]) -> str:
    padded = [c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)]
    return "  ".join(padded).rstrip()
