"""The click group every coachkit command runs under."""

from __future__ import annotations

from typing import Any

import click

from coachkit.cli.error_handler import run_command
from coachkit.errors import CoachkitError


class CoachkitGroup(click.Group):
    """A group whose commands end through :func:`~coachkit.cli.error_handler.run_command`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        run_command(ctx, lambda: _refuse_undecodable(args))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        return run_command(ctx, lambda: super(CoachkitGroup, self).invoke(ctx))


def _refuse_undecodable(args: list[str]) -> None:
    # Bytes that are not text in the system's encoding reach Python as lone
    # surrogates; nothing can be written or committed with them.
    for arg in args:
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            raise CoachkitError(f"argument '{shown}' is not valid UTF-8 text; type it again")
