"""Add goals to an engagement and change them, editing only the lines that change."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from coachkit.engagement.ids import next_goal_id, slugify
from coachkit.engagement.loader import load_engagement
from coachkit.engagement.model import Engagement, Goal
from coachkit.errors import CoachkitError, UnknownId
from coachkit.notes.front_matter_edit import (
    format_scalar,
    open_for_edit,
    set_fields,
    set_scalar_list,
)
from coachkit.storage.atomic_write import create_file
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult, edits_of
from coachkit.templating.data import plain_data
from coachkit.templating.lookup import render
from coachkit.vocabulary import GOAL_STATUSES, SHARE_LEVELS, one_of


@writes_engagement
def add_goal(
    root: Path,
    title: str,
    *,
    measure: str | None = None,
    baseline: str | None = None,
    target: str | None = None,
    target_date: dt.date | None = None,
    competency: str | None = None,
    stakeholders: Sequence[str] = (),
    commit: bool = True,
) -> WriteResult:
    """Write ``goals/G<n>-<slug>.md`` for a new goal and commit it."""
    if not title.strip():
        raise CoachkitError("a goal needs a title")
    engagement = load_engagement(root)
    engagement.raise_for_problems()
    goal_id = next_goal_id(engagement.goal_ids())
    plan = commit_plan(root, commit)
    path = root / "goals" / f"{goal_id}-{slugify(title)}.md"
    context = {
        "id": goal_id,
        "title": title.strip(),
        "measure": measure,
        "baseline": baseline,
        "target": target,
        "target_date": target_date,
        "competency": competency,
        "stakeholders": split_stakeholders(stakeholders),
        "engagement": plain_data(engagement.meta, root),
    }
    create_file(path, render("goal", context, root).encode("utf-8"))
    result = WriteResult([path], data={"id": goal_id})
    return finish(root, result, f"Add goal {goal_id}: {title.strip()}", plan)


def split_stakeholders(values: Sequence[str]) -> list[str]:
    """``["Priya (DR), Tom", "Sam"]`` as ``["Priya (DR)", "Tom", "Sam"]``: each value
    may hold several names separated by commas; blanks and repeats are dropped."""
    names = (name.strip() for value in values for name in value.split(","))
    return list(dict.fromkeys(name for name in names if name))


# The goal keys `goal edit` changes; stakeholders is a list, the rest one value each.
EDITABLE_GOAL_KEYS = (
    "title",
    "status",
    "competency",
    "measure",
    "baseline",
    "target",
    "target_date",
    "stakeholders",
    "outcome",
    "share",
)
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@writes_engagement
def edit_goal(
    root: Path, goal_id: str, changes: Mapping[str, Any], commit: bool = True
) -> WriteResult:
    """Change some of a goal's fields in its file, line by line, and commit it.

    The file keeps its name when the title changes: the id, not the name, is
    what other notes refer to. A baseline or target that is a plain number is
    written as a number, as in the template.
    """
    if not changes:
        raise CoachkitError(
            "nothing to change: give at least one of "
            + ", ".join("--" + key.replace("_", "-") for key in EDITABLE_GOAL_KEYS)
        )
    engagement = load_engagement(root)
    engagement.raise_for_problems()
    goal = _find_goal(engagement, goal_id)
    note = open_for_edit(goal.path)
    current = note.data()
    scalars: dict[str, Any] = {}
    stakeholders: list[str] | None = None
    for key, given in changes.items():
        value = _checked(key, given)
        if key == "stakeholders":
            if _plain_list(current.get(key)) != value:
                stakeholders = value
        elif current.get(key) != value:
            scalars[key] = value
    if not scalars and stakeholders is None:
        return WriteResult([], notes=[f"{goal.id} already has these values; nothing changed"])
    plan = commit_plan(root, commit)
    if scalars:
        set_fields(note, lambda node: node, scalars, lambda data: data.update(scalars))
    if stakeholders is not None:
        set_scalar_list(note, "stakeholders", stakeholders)
    note.save()
    changed = [*scalars, *(["stakeholders"] if stakeholders is not None else [])]
    result = WriteResult(
        [goal.path], data={"id": goal.id, "changed": changed}, edits=edits_of([note])
    )
    title = scalars.get("title", goal.title)
    return finish(root, result, f"Edit goal {goal.id} ({', '.join(changed)}): {title}", plan)


def _find_goal(engagement: Engagement, goal_id: str) -> Goal:
    for goal in engagement.goals:
        if goal.id.lower() == goal_id.strip().lower():
            return goal
    ids = ", ".join(g.id for g in engagement.goals) or "none yet; add one with `coachkit goal add`"
    raise UnknownId(f"no goal {goal_id!r} in this engagement (goals: {ids})")


def _checked(key: str, value: Any) -> Any:
    """``value`` for the goal key ``key`` as it will be written, or a one-line error."""
    if key not in EDITABLE_GOAL_KEYS:
        raise CoachkitError(f"goal edit cannot change {key!r}")
    if key == "stakeholders":
        return split_stakeholders(value)
    if key == "target_date":
        return value
    text = str(value).strip()
    if not text:
        raise CoachkitError(f"--{key.replace('_', '-')} must not be empty")
    if key == "status" and text.lower() not in GOAL_STATUSES:
        raise CoachkitError(f"--status must be {one_of(GOAL_STATUSES)}, not {text!r}")
    if key == "share" and text.lower() not in SHARE_LEVELS:
        raise CoachkitError(f"--share must be {one_of(SHARE_LEVELS)}, not {text!r}")
    if key in ("status", "share"):
        return text.lower()
    if key in ("baseline", "target") and _NUMBER.match(text):
        number = float(text) if "." in text else int(text)
        return number if format_scalar(number) == text else text
    return text


def _plain_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]
