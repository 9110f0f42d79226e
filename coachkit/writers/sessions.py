"""Scaffold session notes, prefilled with what is open."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coachkit.cache.parse_cache import EngagementCache
from coachkit.engagement.ids import next_session_number
from coachkit.engagement.model import EngagementView, Goal
from coachkit.notes.privacy import public_text
from coachkit.notes.sections import sections
from coachkit.storage.atomic_write import create_file
from coachkit.storage.commits import CommitOutcome, commit_plan, finish
from coachkit.storage.lock import engagement_lock
from coachkit.storage.write_result import WriteResult
from coachkit.templating.data import plain_data
from coachkit.templating.lookup import render


def session_context(
    engagement: EngagementView, number: int, day: dt.date, fmt: str | None
) -> dict[str, Any]:
    """Everything the session template can use: nothing that needs the notes' front
    matter, so a cached engagement serves (see :func:`new_session`)."""
    previous: dict[str, Any] | None = None
    earlier = [s for s in engagement.sessions if s.date <= day]
    if earlier:
        last = earlier[-1]
        parts = sections(last.body, last.path, last.body_line)
        previous = {
            "number": last.number,
            "date": last.date,
            "path": str(last.path.relative_to(engagement.root)),
            "homework": parts.get("homework", ""),
            "next_steps": parts.get("next steps", ""),
        }
    open_actions = [
        {
            "id": item.id,
            "title": public_text(item.title, item.path, first_line=item.line),
            "owner": item.owner,
            "due": item.due,
            "goal": item.goal,
            "days_overdue": item.days_overdue(day),
            "path": str(item.path.relative_to(engagement.root)),
        }
        for item in engagement.open_actions()
    ]
    duration = engagement.meta.get("session_length")
    # Plain data only: a Goal holds its Path, whose methods could read or write any file.
    context: dict[str, Any] = plain_data(
        {
            "engagement": {**engagement.meta, "client": engagement.client},
            "session": {
                "number": number,
                "date": day,
                "duration": duration if isinstance(duration, int) else None,
                "format": fmt,
                "next_session": engagement.next_after(day),
            },
            "goals": [_public_goal(goal) for goal in engagement.active_goals()],
            "open_actions": open_actions,
            "previous": previous,
        },
        engagement.root,
    )
    return context


def _public_goal(goal: Goal) -> Goal:
    """``goal`` with its texts as they may be carried into a note (private parts out)."""

    def shown(text: str | None) -> str | None:
        return None if text is None else public_text(text, goal.path, first_line=goal.line)

    return dataclasses.replace(
        goal,
        title=shown(goal.title) or goal.id,
        measure=shown(goal.measure),
        baseline=shown(goal.baseline),
        target=shown(goal.target),
        competency=shown(goal.competency),
        stakeholders=[shown(name) or "" for name in goal.stakeholders],
    )


def new_session(
    root: Path,
    day: dt.date,
    *,
    template: str = "session",
    fmt: str | None = None,
    commit: bool = True,
    edit: Callable[[Path], None] | None = None,
) -> WriteResult:
    """Write ``sessions/NN-YYYY-MM-DD.md`` from the session template and commit it.

    ``edit``, when given, is called with the new file before the commit, so what
    the coach types in the editor is part of the commit. The engagement's write
    lock is held from reading to committing, except while the editor is open, so
    other commands can run then.
    """
    with engagement_lock(root):
        # Through the parse cache: what a session note needs is in it, and a hit spares
        # parsing every note (and importing YAML) on each new session.
        engagement = EngagementCache.default().load(root)
        engagement.raise_for_problems()
        number = next_session_number(s.number for s in engagement.sessions)
        path = root / "sessions" / f"{number:02d}-{day.isoformat()}.md"
        context = session_context(engagement, number, day, fmt)
        plan = commit_plan(root, commit)
        create_file(path, render(template, context, root).encode("utf-8"))
        if edit is None:
            return _commit_session(root, path, number, day, context, plan)
    edit(path)
    with engagement_lock(root):
        return _commit_session(root, path, number, day, context, plan)


def _commit_session(
    root: Path,
    path: Path,
    number: int,
    day: dt.date,
    context: dict[str, Any],
    plan: CommitOutcome | None,
) -> WriteResult:
    result = WriteResult([path], data={"session": number, "date": day.isoformat()})
    overdue = sum(1 for item in context["open_actions"] if item["days_overdue"])
    result.notes.append(
        f"session {number} on {day.isoformat()}: {len(context['open_actions'])} open action items"
        + (f", {overdue} overdue" if overdue else "")
    )
    return finish(root, result, f"Add session {number} ({day.isoformat()})", plan)
