"""What shell completion offers for option values and arguments click cannot know.

click completes commands, options and ``Choice`` values by itself. Report kinds,
audiences and formats, lint's formats, action ids, goal ids and template names are
plain text to click (checked by the command, or looked up in the engagement), so each
gets a ``shell_complete`` callback here. The callbacks are attached only while a shell
asks for completions (``_COACHKIT_COMPLETE`` is set, see :func:`attach`), read the
engagement through the parse cache, and offer nothing rather than fail: a completion
must never print an error into the coach's prompt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem

if TYPE_CHECKING:
    from coachkit.engagement.model import EngagementView

COMPLETE_VAR = "_COACHKIT_COMPLETE"

Completer = Callable[[click.Context, click.Parameter, str], list[CompletionItem]]


def _items(values: Iterable[tuple[str, str | None]], incomplete: str) -> list[CompletionItem]:
    wanted = incomplete.lower()
    return [
        CompletionItem(value, help=help_text)
        for value, help_text in values
        if value.lower().startswith(wanted)
    ]


def _words(words: Iterable[str]) -> Completer:
    def complete(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return _items(((word, None) for word in words), incomplete)

    return complete


def _engagement_root(ctx: click.Context) -> Path | None:
    """The engagement the command would act on: from ``-C PATH`` if given, else the cwd."""
    from coachkit.engagement.loader import find_engagement_root
    from coachkit.errors import CoachkitError

    directory = ctx.find_root().params.get("directory")
    try:
        return find_engagement_root(Path(directory) if directory else Path.cwd())
    except (CoachkitError, OSError):
        return None


def _actions(statuses: tuple[str, ...]) -> Completer:
    """Action ids in ``statuses``, each with its title as the help zsh and fish show."""

    def complete(
        ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        engagement = _engagement(ctx)
        if engagement is None:
            return []
        items = [(a.id, a.title) for a in engagement.actions if a.id and a.status in statuses]
        return _items(items, incomplete)

    return complete


def _goals(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    engagement = _engagement(ctx)
    if engagement is None:
        return []
    return _items(((g.id, g.title) for g in engagement.goals if g.id), incomplete)


def _engagement(ctx: click.Context) -> EngagementView | None:
    """The engagement being completed in, through the parse cache; None outside one or when
    a note is broken (completion offers nothing then; lint says why)."""
    from coachkit.cache.parse_cache import EngagementCache

    root = _engagement_root(ctx)
    if root is None:
        return None
    try:
        return EngagementCache.default().load(root)
    except Exception:
        return None


def _templates(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from coachkit.templating.lookup import list_templates

    try:
        found = list_templates(_engagement_root(ctx))
    except Exception:  # an unreadable folder: offer nothing
        return []
    return _items(((s.name, s.origin) for s, wins in found if wins), incomplete)


def _table() -> dict[tuple[str, str], Completer]:
    """(command path, parameter name) -> its completer."""
    from coachkit.cli.lint_cmd import FORMAT_CHOICES
    from coachkit.report.model import AUDIENCES, KINDS
    from coachkit.vocabulary import ACTION_DONE, ACTION_DROPPED, ACTION_OPEN

    open_items = _actions((ACTION_OPEN,))
    closed_items = _actions((ACTION_DONE, ACTION_DROPPED))
    every_item = _actions((ACTION_OPEN, ACTION_DONE, ACTION_DROPPED))
    return {
        ("report", "kind"): _words(KINDS),
        ("report", "audience"): _words(AUDIENCES),
        ("report", "fmt"): _words(("md", "html", "pdf")),
        ("lint", "fmt"): _words(FORMAT_CHOICES),
        ("action done", "action_id"): open_items,
        ("action drop", "action_id"): open_items,
        ("action reschedule", "action_id"): open_items,
        ("action edit", "action_id"): every_item,
        ("action reopen", "action_id"): closed_items,
        ("action add", "goal"): _goals,
        ("action edit", "goal"): _goals,
        ("goal edit", "goal_id"): _goals,
        ("session new", "template"): _templates,
        ("templates show", "name"): _templates,
    }


def attach(name: str, command: click.Command) -> None:
    """Give ``command`` (and its subcommands) their completers from the table."""
    table = _table()
    stack: list[tuple[str, click.Command]] = [(name, command)]
    while stack:
        path, current = stack.pop()
        for param in current.params:
            completer = table.get((path, param.name or ""))
            if completer is not None:
                param._custom_shell_complete = completer
        if isinstance(current, click.Group):
            stack.extend((f"{path} {sub}", cmd) for sub, cmd in current.commands.items())
