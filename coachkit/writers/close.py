"""Close an engagement: end date, each goal's final status and outcome, follow-up dates.

Every change goes through the lossless writer, so ``git diff`` after ``coachkit
close`` shows exactly the lines that changed: ``phase``, ``end`` and
``follow_up`` in engagement.md, ``status`` and ``outcome`` in each goal file.
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
from coachkit.storage.write_result import WriteResult
from coachkit.vocabulary import (
    AFTER_CLOSURE_PHASES,
    CLOSURE,
    FINAL_GOAL_STATUSES,
    GOAL_ACTIVE,
)

FOLLOW_UP_WEEKS = (6, 12)


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


def default_follow_up(engagement: Engagement, end: dt.date) -> list[dt.date]:
    """6 and 12 weeks after the last session held by ``end`` (or after ``end`` itself)."""
    held = [s.date for s in engagement.sessions if s.date <= end]
    last = held[-1] if held else end
    return [shift(last, weeks, "w") for weeks in FOLLOW_UP_WEEKS]


@writes_engagement
def close_engagement(
    root: Path,
    *,
    end: dt.date,
    statuses: Mapping[str, str],
    outcomes: Mapping[str, str],
    follow_up: Sequence[dt.date] = (),
    commit: bool = True,
) -> WriteResult:
    """Record the closure in engagement.md and the goal files, then commit those files.

    ``statuses`` and ``outcomes`` map goal ids to a final status and outcome
    text; goals not named keep their status and are reported as still open.
    Without ``follow_up`` dates, existing ones are kept, else the defaults are
    6 and 12 weeks after the last session.
    """
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
    if follow_up:
        dates = sorted(set(follow_up))
    elif existing:
        dates = existing
        notes.append("follow-up dates kept: " + ", ".join(d.isoformat() for d in existing))
    else:
        dates = default_follow_up(engagement, end)
        if not any(s.date <= end for s in engagement.sessions):
            notes.append("no session held yet: follow-ups counted from the end date")
    engagement_changes: dict[str, Any] = {"end": end}
    phase = engagement.meta.get("phase")
    if phase in AFTER_CLOSURE_PHASES:
        notes.append(f"phase stays {phase}")
    else:
        engagement_changes = {"phase": CLOSURE, "end": end}

    plan = commit_plan(root, commit)
    edits: list[EditableNote] = [_edit_engagement(root, engagement_changes, dates)]
    for path, (_goal, changes) in goal_changes.items():
        edits.append(_edit_root(open_for_edit(path), changes))
    written = [note.path for note in edits if note.render() != note.original]
    for note in edits:
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
        notes=notes,
        data={"end": end, "follow_up": dates, "open_goals": [g.id for g in still_open]},
    )
    if not written:
        result.notes.append("nothing changed")
        return result
    return finish(root, result, f"Close the engagement with {engagement.client}", plan)


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
