"""Add action items, edit, reschedule, complete, drop and reopen them, editing only the
lines that change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from coachkit.engagement.ids import new_action_id
from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.loader import load_engagement
from coachkit.engagement.model import ActionRecord, Engagement
from coachkit.errors import CoachkitError, UnknownId
from coachkit.notes.front_matter_edit import (
    EditableNote,
    append_to_list,
    append_to_nested_list,
    mapping_get,
    open_for_edit,
    remove_fields,
    set_fields,
)
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult, edits_of
from coachkit.vocabulary import (
    ACTION_DONE,
    ACTION_DROPPED,
    ACTION_OPEN,
    SHARE_LEVELS,
    one_of,
)


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
        [path],
        data={**item, "due": due.isoformat(), "path": str(path), "line": line},
        edits=edits_of([note]),
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


def _item_editor(item: ActionRecord) -> tuple[Any, Any]:
    """The locator of ``item``'s mapping, and a function applying a change to the parsed data."""

    def entry_of(data: Any) -> Any:
        for entry in data["actions"]:
            if str(entry.get("id", "")).lower() == item.id.lower():
                return entry
        raise UnknownId(f"{item.path}:{item.line}: action {item.id} moved; run again")

    return _locator(item), entry_of


def edit_item(
    note: EditableNote,
    item: ActionRecord,
    changes: Mapping[str, Any],
    *,
    remove: Sequence[str] = (),
    append: tuple[str, Any] | None = None,
) -> None:
    """Apply ``changes`` (set), ``remove`` (keys) and ``append`` (one list value) to
    ``item`` in ``note``, opened for editing; the caller saves it.

    Several items of one note can be edited in turn before a single save (as
    ``coachkit close`` does).
    """
    locate, entry_of = _item_editor(item)
    if append is not None:
        key, value = append

        def add(data: Any) -> None:
            entry = entry_of(data)
            entry[key] = [*(entry.get(key) or []), value]

        append_to_nested_list(note, locate, key, value, add)
    if changes:
        set_fields(note, locate, changes, lambda data: entry_of(data).update(changes))
    present = [key for key in remove if _current(item, key) is not None]
    if present:

        def drop_keys(data: Any) -> None:
            for key in present:
                entry_of(data).pop(key, None)

        remove_fields(note, locate, present, drop_keys)


def _save_item(
    root: Path,
    item: ActionRecord,
    changes: dict[str, Any],
    message: str,
    commit: bool,
    *,
    remove: Sequence[str] = (),
    append: tuple[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    notes: list[str] | None = None,
) -> WriteResult:
    """Edit ``item`` in its note (see :func:`edit_item`), write it and commit it with
    ``message``."""
    plan = commit_plan(root, commit)
    note = open_for_edit(item.path)
    edit_item(note, item, changes, remove=remove, append=append)
    note.save()
    result = WriteResult(
        [item.path],
        notes=notes or [],
        data={"id": item.id, "path": str(item.path), "line": item.line, **(data or {})},
        edits=edits_of([note]),
    )
    return finish(root, result, message, plan)


def _load(root: Path) -> Engagement:
    engagement = load_engagement(root)
    engagement.raise_for_problems()
    return engagement


@writes_engagement
def set_status(
    root: Path,
    action_id: str,
    status: str,
    when: dt.date,
    commit: bool = True,
    reason: str | None = None,
) -> WriteResult:
    """Mark an item ``done`` (with its done date) or ``dropped`` (with an optional
    ``reason``), in whichever file holds it.

    A done item loses a ``reason:`` left from an earlier drop; a dropped one keeps
    its ``done:`` date, which says when it was last done.
    """
    reason = _text(reason, "--reason") if reason is not None else None
    item = _load(root).find_action(action_id)
    changes: dict[str, Any] = {}
    if item.status != status:
        changes["status"] = status
        if status == ACTION_DONE:
            changes["done"] = when
    if status == ACTION_DROPPED and reason and item.extra.get("reason") != reason:
        changes["reason"] = reason
    if not changes:
        when_text = f" ({item.done})" if item.done and status == ACTION_DONE else ""
        return WriteResult([], notes=[f"{item.id} is already {status}{when_text}; nothing changed"])
    if status == ACTION_DONE:
        verb = "Mark action {id} done"
    elif item.status == ACTION_DROPPED:
        verb = "Give the reason action {id} was dropped"
    else:
        verb = "Drop action {id}"
    return _save_item(
        root,
        item,
        changes,
        verb.format(id=item.id) + f": {item.title}",
        commit,
        remove=("reason",) if status == ACTION_DONE else (),
        data={"status": status},
    )


@writes_engagement
def reopen_action(root: Path, action_id: str, commit: bool = True) -> WriteResult:
    """Set a done or dropped item back to ``open``, removing its ``done:`` and ``reason:``.

    Its due date stays: if it has passed, the item is overdue again, and
    ``coachkit action reschedule`` gives it a new one.
    """
    item = _load(root).find_action(action_id)
    if item.status == ACTION_OPEN:
        return WriteResult([], notes=[f"{item.id} is already open; nothing changed"])
    return _save_item(
        root,
        item,
        {"status": ACTION_OPEN},
        f"Reopen action {item.id}: {item.title}",
        commit,
        remove=("done", "reason"),
        data={"status": ACTION_OPEN, "was": item.status, "due": item.due},
    )


@writes_engagement
def reschedule_action(root: Path, action_id: str, due: dt.date, commit: bool = True) -> WriteResult:
    """Give an open item a new due date, keeping the old one at the end of its
    ``rescheduled:`` list (so the slips can be counted)."""
    item = _load(root).find_action(action_id)
    if item.status != ACTION_OPEN:
        raise CoachkitError(
            f"{item.path}:{item.line}: action {item.id} is {item.status}; "
            f"reopen it first with `coachkit action reopen {item.id}`"
        )
    if item.due == due:
        return WriteResult([], notes=[f"{item.id} is already due {due}; nothing changed"])
    slips = len(_earlier_dues(item))
    if item.due is not None:
        slips += 1
    notes = [f"{item.id} was due {item.due}; rescheduled {_times(slips)}"] if item.due else []
    return _save_item(
        root,
        item,
        {"due": due},
        f"Reschedule action {item.id} to {due}"
        + (f" (was {item.due})" if item.due else "")
        + f": {item.title}",
        commit,
        append=("rescheduled", item.due) if item.due is not None else None,
        data={"due": due, "was": item.due, "rescheduled": slips},
        notes=notes,
    )


def _earlier_dues(item: ActionRecord) -> list[Any]:
    earlier = item.extra.get("rescheduled")
    return list(earlier) if isinstance(earlier, list) else []


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


# The keys `action edit` changes, by option name.
EDITABLE_ACTION_KEYS = ("title", "owner", "due", "goal", "accountability", "share")


@writes_engagement
def edit_action(
    root: Path, action_id: str, changes: Mapping[str, Any], commit: bool = True
) -> WriteResult:
    """Change some of an item's ``title``, ``owner``, ``due``, ``goal``,
    ``accountability`` and ``share``, in place.

    A new due date here is a correction, not a slip: it is not added to
    ``rescheduled:`` (``coachkit action reschedule`` does that).
    """
    if not changes:
        raise CoachkitError(
            "nothing to change: give at least one of "
            + ", ".join(f"--{key}" for key in EDITABLE_ACTION_KEYS)
        )
    engagement = _load(root)
    item = engagement.find_action(action_id)
    wanted: dict[str, Any] = {}
    for key, given in changes.items():
        value = _checked(engagement, key, given)
        if _current(item, key) != value:
            wanted[key] = value
    if not wanted:
        return WriteResult([], notes=[f"{item.id} already has these values; nothing changed"])
    return _save_item(
        root,
        item,
        wanted,
        f"Edit action {item.id} ({', '.join(wanted)}): {wanted.get('title', item.title)}",
        commit,
        data={key: value for key, value in wanted.items()},
    )


def _checked(engagement: Engagement, key: str, value: Any) -> Any:
    """``value`` for the item key ``key`` as it will be written, or a one-line error."""
    if key not in EDITABLE_ACTION_KEYS:
        raise CoachkitError(f"action edit cannot change {key!r}")
    if key == "goal":
        return _known_goal(engagement, value)
    if key == "share":
        return share_level(value)
    return value if key == "due" else _text(value, f"--{key}")


def _current(item: ActionRecord, key: str) -> Any:
    """The item's value for ``key``, a field of the model or a key it keeps in ``extra``."""
    return getattr(item, key) if hasattr(item, key) else item.extra.get(key)


def share_level(value: str) -> str:
    """``value`` as one of :data:`SHARE_LEVELS`, or a one-line error."""
    word = value.strip().lower()
    if word not in SHARE_LEVELS:
        raise CoachkitError(f"--share must be {one_of(SHARE_LEVELS)}, not {value!r}")
    return word


def _text(value: str, option: str) -> str:
    if not str(value).strip():
        raise CoachkitError(f"{option} must not be empty")
    return str(value).strip()
