"""Generate docs/cli.md, the command-line reference, from the click command tree.

``make docs`` runs ``python -m coachkit.cli.reference > docs/cli.md``; a test
fails when docs/cli.md no longer matches, so a changed command cannot ship with
stale documentation. The help is rendered at a fixed width, so the output does
not depend on the terminal it was generated in.
"""

from __future__ import annotations

import click

from coachkit.cli import cli

PROG_NAME = "coachkit"
# What a terminal at least 100 columns wide shows (max_content_width is 100; click keeps 2 spare).
HELP_WIDTH = 98

HEADER = """\
# coachkit command-line reference

<!-- Generated from the commands' --help by `make docs`
     (python -m coachkit.cli.reference > docs/cli.md). Do not edit by hand. -->

Every command also takes `-h` for `--help`. The file format is in [format.md](format.md),
the `--json` output of the listings in [json.md](json.md).
"""


def _context(command: click.Command, name: str, parent: click.Context | None) -> click.Context:
    """The context click would build for ``command``, without parsing any arguments."""
    settings = {**command.context_settings}
    if parent is None:
        settings["terminal_width"] = HELP_WIDTH
    return command.context_class(command, parent=parent, info_name=name, **settings)


def iter_commands(
    command: click.Command = cli, name: str = PROG_NAME, parent: click.Context | None = None
) -> list[tuple[str, click.Command, click.Context]]:
    """Every visible command below ``command`` (itself first) as (full name, command, context)."""
    ctx = _context(command, name, parent)
    found = [(ctx.command_path, command, ctx)]
    if isinstance(command, click.Group):
        for sub_name in command.list_commands(ctx):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                found.extend(iter_commands(sub, sub_name, ctx))
    return found


def _anchor(title: str) -> str:
    return title.lower().replace(" ", "-")


def render_reference() -> str:
    """docs/cli.md: a contents list, then each command's heading and ``--help``."""
    commands = iter_commands()
    contents = [f"- [{path}](#{_anchor(path)})" for path, _, _ in commands]
    parts = [HEADER, "\n".join(contents) + "\n"]
    for path, command, ctx in commands:
        level = "##" if path.count(" ") <= 1 else "###"
        parts.append(f"{level} {path}\n\n```text\n{command.get_help(ctx).rstrip()}\n```\n")
    return "\n".join(parts)


def main() -> None:
    """Print the reference on stdout."""
    click.echo(render_reference(), nl=False)


if __name__ == "__main__":
    main()
