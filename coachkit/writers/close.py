"""Close an engagement: end date, each goal's final status and outcome, follow-up dates,
and what becomes of the action items still open.

Every change goes through the lossless writer, so ``git diff`` after ``coachkit
close`` shows exactly the lines that changed: ``phase``, ``end`` and
``follow_up`` in engagement.md, ``status`` and ``outcome`` in each goal file,
``status`` and ``reason`` (or ``due`` and ``rescheduled``) of each open item.
All edits are prepared and checked before the first file is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from coachkit.dates import shift
from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.loader import load_engagement
from coachkit.engagement.model import Engagement, Goal
from coachkit.errors import CoachkitError, UnknownId
from coachkit.notes.front_matter_edit import (
    EditableNote,
    open_for_edit,
    set_fields,
    set_scalar_list,
)
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult, edits_of
from coachkit.vocabulary import (
    ACTION_DROPPED,
    AFTER_CLOSURE_PHASES,
    CLOSURE,
    FINAL_GOAL_STATUSES,
    GOAL_ACTIVE,
    OPEN_ACTION_CHOICES,
)
from coachkit.writers.actions import edit_item

FOLLOW_UP_WEEKS = (6, 12)
KEEP, DROP, CARRY = OPEN_ACTION_CHOICES
CLOSED_REASON = "engagement closed"


def parse_assignments(values: Iterable[str], option: str, example: str) -> dict[str, str]:
    """``["G1=achieved", "g2=dropped"]`` as ``{"G1": "achieved", "G2": "dropped"}``.

    The same goal given twice with different values is an error.
    """
    found: dict[str, str] = {}
    for value in values:
        goal, sep, text = value.partition("=")
        goal, text = goal.strip(), text.strip()
        if not sep or not goal or not text:
            raise CoachkitError(f"{option} expects GOAL=VALUE, e.g. {example}, not {value!r}")
        key = goal.upper()
        if key in found and found[key] != text:
            raise CoachkitError(f"{option} gives {goal} twice ({found[key]!r} and {text!r})")
        found[key] = text
    return found


def _goal_by_id(engagement: Engagement, goal_id: str, option: str) -> Goal:
    for goal in engagement.goals:
        if goal.id.upper() == goal_id.upper():
            return goal
    ids = ", ".join(g.id for g in engagement.goals) or "none"
    raise UnknownId(f"{option} names goal {goal_id!r}, which does not exist (goals: {ids})")


def default_follow_up(end: dt.date) -> list[dt.date]:
    """6 and 12 weeks after ``end``: a follow-up is held after the engagement ends, so a date
    counted from an earlier last session could fall before the end and never be held."""
    return [shift(end, weeks, "w") for weeks in FOLLOW_UP_WEEKS]


@writes_engagement
def close_engagement(
    root: Path,
    *,
    end: dt.date,
    statuses: Mapping[str, str],
    outcomes: Mapping[str, str],
    follow_up: Sequence[dt.date] = (),
    open_actions: str | None = None,
    commit: bool = True,
) -> WriteResult:
    """Record the closure in engagement.md and the goal files, then commit those files.

    ``statuses`` and ``outcomes`` map goal ids to a final status and outcome
    text; goals not named keep their status and are reported as still open.
    Without ``follow_up`` dates, existing ones are kept, else the defaults are
    6 and 12 weeks after the last session.

    ``open_actions`` says what becomes of the action items still open: ``keep``
    leaves them open; ``drop`` drops them with ``reason: engagement closed``;
    ``carry`` keeps them open for the follow-up period, giving each one due
    before the first follow-up date that date as its new due date (the old one
    kept in ``rescheduled:``, as ``action reschedule`` does). ``None`` keeps them
    and says it was the default.
    """
    if open_actions not in (None, *OPEN_ACTION_CHOICES):
        raise CoachkitError(f"--open-actions must be keep, drop or carry, not {open_actions!r}")
    engagement = load_engagement(root)
    engagement.raise_for_problems()
    goal_changes: dict[Path, tuple[Goal, dict[str, Any]]] = {}
    for goal_id, status in statuses.items():
        goal = _goal_by_id(engagement, goal_id, "--goal")
        if status not in FINAL_GOAL_STATUSES:
            raise CoachkitError(
                f"--goal {goal.id}={status}: the final status must be one of "
                f"{', '.join(FINAL_GOAL_STATUSES)}"
            )
        goal_changes.setdefault(goal.path, (goal, {}))[1]["status"] = status
    for goal_id, text in outcomes.items():
        goal = _goal_by_id(engagement, goal_id, "--outcome")
        goal_changes.setdefault(goal.path, (goal, {}))[1]["outcome"] = text
    start = engagement.meta.get("start")
    if isinstance(start, dt.date) and end < start:
        raise CoachkitError(f"--end {end} is before the engagement's start {start}")

    notes: list[str] = []
    existing = [d for d in engagement.meta.get("follow_up") or [] if isinstance(d, dt.date)]
    early = [day for day in follow_up if day <= end]
    if early:
        raise CoachkitError(
            f"--follow-up {early[0]} is not after the end {end}: a follow-up comes after the "
            "engagement ends"
        )
    if follow_up:
        dates = sorted(set(follow_up))
    elif existing:
        dates = existing
        notes.append("follow-up dates kept: " + ", ".join(d.isoformat() for d in existing))
    else:
        dates = default_follow_up(end)
    engagement_changes: dict[str, Any] = {"end": end}
    phase = engagement.meta.get("phase")
    if phase in AFTER_CLOSURE_PHASES:
        notes.append(f"phase stays {phase}")
    else:
        engagement_changes = {"phase": CLOSURE, "end": end}

    plan = commit_plan(root, commit)
    edits: dict[Path, EditableNote] = {
        root / ENGAGEMENT_FILE: _edit_engagement(root, engagement_changes, dates)
    }
    for path, (_goal, changes) in goal_changes.items():
        edits[path] = _edit_root(open_for_edit(path), changes)
    notes.extend(_settle_open_actions(engagement, open_actions, dates, edits))
    saved = [note for note in edits.values() if note.render() != note.original]
    written = [note.path for note in saved]
    for note in edits.values():
        note.save()

    final = {goal.id: goal.status for goal in engagement.goals}
    for goal, changes in goal_changes.values():
        final[goal.id] = changes.get("status", goal.status)
        notes.extend(f"{goal.id} {key}: {value}" for key, value in changes.items())
    still_open = [goal for goal in engagement.goals if final[goal.id] == GOAL_ACTIVE]
    for goal in still_open:
        notes.append(
            f"still open: {goal.id} {goal.title}; close it with --goal {goal.id}=STATUS "
            f"({', '.join(FINAL_GOAL_STATUSES)})"
        )
    result = WriteResult(
        written,
        edits=edits_of(saved),
        notes=notes,
        data={"end": end, "follow_up": dates, "open_goals": [g.id for g in still_open]},
    )
    if not written:
        result.notes.append("nothing changed")
        return result
    message = f"Close the engagement with {engagement.client}"
    open_count = len(engagement.open_actions())
    if open_count and open_actions in (DROP, CARRY):
        message += (
            f"; drop {_count(open_count)}"
            if open_actions == DROP
            else (f"; carry {_count(open_count)} into the follow-up period")
        )
    return finish(root, result, message, plan)


def _settle_open_actions(
    engagement: Engagement,
    choice: str | None,
    dates: Sequence[dt.date],
    edits: dict[Path, EditableNote],
) -> list[str]:
    """Edit the open action items as ``choice`` says, in ``edits`` (notes opened for
    editing, by path; a note not yet there is opened); return what to tell the coach."""
    items = engagement.open_actions()
    if not items:
        return []
    ids = ", ".join(item.id for item in items)
    if choice is None or choice == KEEP:
        why = (
            " (the default; --open-actions drop or carry to change that)" if choice is None else ""
        )
        return [f"{_count(len(items))} left open{why}: {ids}"]
    said: list[str] = []
    for item in items:
        note = edits.get(item.path) or edits.setdefault(item.path, open_for_edit(item.path))
        if choice == DROP:
            edit_item(note, item, {"status": ACTION_DROPPED, "reason": CLOSED_REASON})
            continue
        first = dates[0] if dates else None
        if first is not None and item.due is not None and item.due < first:
            edit_item(note, item, {"due": first}, append=("rescheduled", item.due))
            said.append(f"{item.id} due {first} (was {item.due})")
        else:
            said.append(f"{item.id} due {item.due or 'when agreed'}")
    if choice == DROP:
        return [f"dropped {_count(len(items))} ({CLOSED_REASON}): {ids}"]
    return [f"carried into the follow-up period, still open: {', '.join(said)}"]


def _count(number: int) -> str:
    return f"{number} open action item{'s' if number != 1 else ''}"


def _edit_root(note: EditableNote, changes: dict[str, Any]) -> EditableNote:
    def mutate(data: Any) -> None:
        data.update(changes)

    set_fields(note, lambda root: root, changes, mutate)
    return note


def _edit_engagement(root: Path, changes: dict[str, Any], dates: list[dt.date]) -> EditableNote:
    note = _edit_root(open_for_edit(root / ENGAGEMENT_FILE), changes)
    if note.data().get("follow_up") != dates:
        set_scalar_list(note, "follow_up", dates)
    return note
