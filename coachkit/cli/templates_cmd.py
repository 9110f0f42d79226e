"""``coachkit templates``: see which templates exist and which file wins."""

from __future__ import annotations

from pathlib import Path

import click

from coachkit.cli.listing import chosen_format, emit, format_options


def _maybe_engagement() -> Path | None:
    from coachkit.engagement.loader import find_engagement_root
    from coachkit.errors import EngagementNotFound

    try:
        return find_engagement_root(Path.cwd())
    except EngagementNotFound:
        return None


@click.group()
def templates() -> None:
    """List and show templates, and where each one comes from.

    Lookup order: the engagement's templates/, the practice's
    .coachkit/templates/, your config folder's templates/, then the built-ins.
    """


@templates.command("list")
@format_options
def templates_list(fmt: str, as_json: bool) -> None:
    """List every template and which file wins for each name.

    \b
    Example:
      coachkit templates list
    """
    from coachkit.templating.lookup import list_templates

    found = list_templates(_maybe_engagement())
    rows = [
        {"name": s.name, "origin": s.origin, "location": s.location, "active": wins}
        for s, wins in found
    ]
    emit(
        rows,
        chosen_format(fmt, as_json),
        ["name", "origin", "location", "active"],
        lambda: (
            [
                [r["name"], r["origin"], "" if r["active"] else "(shadowed)", r["location"]]
                for r in rows
            ],
            ["NAME", "FROM", "", "LOCATION"],
        ),
        "No templates found.",
    )


@templates.command("show")
@click.argument("name")
def templates_show(name: str) -> None:
    """Print template NAME; stderr says which file wins.

    \b
    Example: copy the built-in session template to start your own override
      coachkit templates show session > session.md.j2
      mkdir -p templates && mv session.md.j2 templates/
    """
    from coachkit.templating.lookup import find_template, template_text

    source = find_template(name, _maybe_engagement())
    click.echo(f"{source.name}: {source.origin} template {source.location}", err=True)
    click.echo(template_text(source), nl=False)
