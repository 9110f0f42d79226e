"""Add action items and change their status, editing only the lines that change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from coachkit.engagement.ids import new_action_id
from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.loader import load_engagement
from coachkit.engagement.model import ActionRecord, Engagement
from coachkit.errors import CoachkitError, UnknownId
from coachkit.notes.front_matter_edit import append_to_list, mapping_get, open_for_edit, set_fields
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult


def _target_file(engagement: Engagement, in_file: Path | None) -> Path:
    if in_file is None:
        latest = engagement.latest_session()
        return latest.path if latest else engagement.root / ENGAGEMENT_FILE
    path = in_file if in_file.is_absolute() else Path.cwd() / in_file
    path = path.resolve()
    if not path.is_relative_to(engagement.root.resolve()):
        raise CoachkitError(f"{in_file}: is outside the engagement {engagement.root}")
    if not path.is_file() or path.suffix != ".md":
        raise CoachkitError(f"{in_file}: is not a note (.md file) in this engagement")
    relative = path.relative_to(engagement.root.resolve())
    if relative != Path(ENGAGEMENT_FILE) and (
        len(relative.parts) != 2 or relative.parts[0] not in ("sessions", "goals")
    ):
        raise CoachkitError(
            f"{in_file}: action items live in engagement.md, goals/ or sessions/ notes, not here"
        )
    return path


@writes_engagement
def add_action(
    root: Path,
    title: str,
    *,
    owner: str,
    due: dt.date,
    goal: str | None = None,
    accountability: str | None = None,
    in_file: Path | None = None,
    commit: bool = True,
) -> WriteResult:
    """Append a new open action item to a note's ``actions:`` and commit it."""
    if not title.strip():
        raise CoachkitError("an action item needs a title")
    if not owner.strip():
        raise CoachkitError("--owner must name who will do it")
    engagement = load_engagement(root)
    engagement.raise_for_problems()
    if goal is not None:
        goal = _known_goal(engagement, goal)
    path = _target_file(engagement, in_file)
    plan = commit_plan(root, commit)
    item: dict[str, Any] = {
        "id": new_action_id(a.id for a in engagement.actions),
        "title": title.strip(),
        "owner": owner.strip(),
        "due": due,
        "status": "open",
    }
    if goal:
        item["goal"] = goal
    if accountability:
        item["accountability"] = accountability.strip()
    note = open_for_edit(path)
    line = append_to_list(note, "actions", item)
    note.save()
    result = WriteResult(
        [path], data={**item, "due": due.isoformat(), "path": str(path), "line": line}
    )
    return finish(root, result, f"Add action {item['id']}: {item['title']}", plan)


def _known_goal(engagement: Engagement, goal: str) -> str:
    for known in engagement.goal_ids():
        if known.lower() == goal.strip().lower():
            return known
    ids = ", ".join(sorted(engagement.goal_ids())) or "none yet; add one with `coachkit goal add`"
    raise UnknownId(f"no goal {goal!r} in this engagement (goals: {ids})")


def _locator(item: ActionRecord) -> Any:
    def locate(root: MappingNode) -> MappingNode:
        found = mapping_get(root, "actions")
        if found and isinstance(found[1], SequenceNode):
            for node in found[1].value:
                id_pair = mapping_get(node, "id") if isinstance(node, MappingNode) else None
                if (
                    id_pair
                    and isinstance(id_pair[1], ScalarNode)
                    and id_pair[1].value.lower() == item.id.lower()
                ):
                    return node  # type: ignore[no-any-return]
        raise UnknownId(
            f"{item.path}:{item.line}: action {item.id} moved while coachkit was editing; run again"
        )

    return locate


@writes_engagement
def set_status(
    root: Path, action_id: str, status: str, when: dt.date, commit: bool = True
) -> WriteResult:
    """Mark an item ``done`` (with its done date) or ``dropped``, in whichever file holds it."""
    engagement = load_engagement(root)
    engagement.raise_for_problems()
    item = engagement.find_action(action_id)
    if item.status == status:
        when_text = f" ({item.done})" if item.done else ""
        return WriteResult([], notes=[f"{item.id} is already {status}{when_text}; nothing changed"])
    plan = commit_plan(root, commit)
    changes: dict[str, Any] = {"status": status}
    if status == "done":
        changes["done"] = when

    def mutate(data: Any) -> None:
        for entry in data["actions"]:
            if str(entry.get("id", "")).lower() == item.id.lower():
                entry.update(changes)

    note = open_for_edit(item.path)
    set_fields(note, _locator(item), changes, mutate)
    note.save()
    verb = "Mark action {id} done" if status == "done" else "Drop action {id}"
    result = WriteResult(
        [item.path],
        data={"id": item.id, "status": status, "path": str(item.path), "line": item.line},
    )
    return finish(root, result, verb.format(id=item.id) + f": {item.title}", plan)
