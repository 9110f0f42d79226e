"""One place maps what a command returns or raises to 0, 1 or 2, and to the quick exit."""

from __future__ import annotations

from collections.abc import Callable

import click
import pytest

from coachkit.cli.error_handler import QuickExit, run_command
from coachkit.cli.outcome import Listed, Outcome
from coachkit.errors import CoachkitError


def exit_of(command: Callable[[], object]) -> tuple[int | None, bool]:
    """The status ``command`` ends with (None: the ordinary end) and whether it is quick."""
    ctx = click.Context(click.Command("stand-in"))
    try:
        run_command(ctx, command)
    except QuickExit as quick:
        return int(quick.code or 0), True
    except click.exceptions.Exit as done:
        return done.exit_code, False
    return None, False


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (None, (None, False)),
        (Outcome.OK, (None, False)),
        (Outcome.FOUND, (1, False)),
        (Outcome.PROBLEMS, (2, False)),
        (Listed(), (0, True)),
        (Listed(Outcome.FOUND), (1, True)),
        (Listed(Outcome.PROBLEMS), (2, True)),
    ],
)
def test_outcomes_map_to_exit_codes(result: object, expected: tuple[int | None, bool]) -> None:
    assert exit_of(lambda: result) == expected


def test_an_error_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    def refuse() -> None:
        raise CoachkitError("no engagement.md here")

    assert exit_of(refuse) == (2, False)
    assert capsys.readouterr().err == "coachkit: no engagement.md here\n"


def test_click_s_own_exits_pass_through() -> None:
    def usage() -> None:
        raise click.UsageError("no such option")

    with pytest.raises(click.UsageError):
        exit_of(usage)
