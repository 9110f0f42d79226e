"""``coachkit completion SHELL``: the shell completion script, from click's own."""

from __future__ import annotations

import click

from coachkit.cli.outcome import Listed

SHELLS = ("bash", "zsh", "fish")


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> Listed:
    """Print the shell completion script for bash, zsh or fish.

    Completes commands and options, and their values: formats, report kinds and
    audiences, action ids (with their titles), goal ids and template names, read
    from the engagement you are in. Load it from your shell's start-up file.

    \b
    Examples:
      eval "$(coachkit completion bash)"          # in ~/.bashrc
      eval "$(coachkit completion zsh)"           # in ~/.zshrc
      coachkit completion fish > ~/.config/fish/completions/coachkit.fish
    """
    from click.shell_completion import get_completion_class

    from coachkit.cli import cli
    from coachkit.cli.completion_values import COMPLETE_VAR

    script_class = get_completion_class(shell)
    assert script_class is not None  # every name in SHELLS is one of click's
    click.echo(script_class(cli, {}, "coachkit", COMPLETE_VAR).source())
    return Listed()
