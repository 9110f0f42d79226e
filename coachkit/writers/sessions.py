"""Scaffold session notes, prefilled with what was open on the session's date.

What note is written (its kind, number and any phase move) is decided first by
:func:`coachkit.writers.session_plan.plan_session`; this module renders and writes it.
A follow-up session and the phase move it implies are committed together.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachkit.cache.parse_cache import EngagementCache
from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.model import ActionRecord, EngagementView, Goal, sorted_actions
from coachkit.errors import CoachkitError
from coachkit.notes.privacy import public_text
from coachkit.notes.sections import sections
from coachkit.storage.atomic_write import create_file, replace_file
from coachkit.storage.commits import CommitOutcome, commit_plan, finish
from coachkit.storage.lock import engagement_lock
from coachkit.storage.write_result import FileEdit, WriteResult, edits_of
from coachkit.templating.data import plain_data
from coachkit.templating.lookup import render
from coachkit.vocabulary import ACTION_DONE, ACTION_OPEN, FOLLOW_UP_KIND
from coachkit.writers.session_plan import SessionPlan, plan_session

if TYPE_CHECKING:
    # The editor (and PyYAML) is imported only when a follow-up moves the phase.
    from coachkit.notes.front_matter_edit import EditableNote


def open_on(engagement: EngagementView, day: dt.date) -> list[ActionRecord]:
    """Items open on ``day``: agreed in a note dated on or before it (engagement.md and goal
    files count as agreed from the start), and open then (still open, or done after it)."""
    agreed = {s.path: s.date for s in engagement.sessions}
    return sorted_actions(
        item
        for item in engagement.actions
        if agreed.get(item.path, dt.date.min) <= day
        and (
            item.status == ACTION_OPEN
            or (item.status == ACTION_DONE and item.done is not None and item.done > day)
        )
    )


@dataclasses.dataclass(frozen=True)
class SessionFacts:
    """What ``session new`` may set in the note beyond its date and format (docs/format.md):
    the start time ``HH:MM``, the minutes, whether it was held, and its billing."""

    start: str | None = None
    duration: int | None = None
    attended: str | None = None
    billing: str | None = None


def session_context(
    engagement: EngagementView,
    number: int,
    day: dt.date,
    fmt: str | None,
    facts: SessionFacts | None = None,
) -> dict[str, Any]:
    """Everything the session template can use: nothing that needs the notes' front
    matter, so a cached engagement serves (see :func:`new_session`). Only what was open
    on ``day`` is listed, so a back-dated note shows nothing agreed after it."""
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
            "days_overdue": max((day - item.due).days, 0) if item.due else 0,
            "path": str(item.path.relative_to(engagement.root)),
        }
        for item in open_on(engagement, day)
    ]
    facts = facts or SessionFacts()
    duration = facts.duration or engagement.meta.get("session_length")
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
                "start": facts.start,
                "attended": facts.attended,
                "billing": facts.billing,
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


def follow_up_context(
    engagement: EngagementView,
    plan: SessionPlan,
    fmt: str | None,
    facts: SessionFacts | None = None,
) -> dict[str, Any]:
    """The session context, plus what a follow-up template uses: ``follow_up`` (``number``,
    ``planned`` dates, ``next`` planned date after this one), every goal with its final
    status, and the public text of engagement.md's ``## Sustainment plan``."""
    from coachkit.engagement.status import follow_up_dates
    from coachkit.notes.reader import read_note

    context = session_context(engagement, plan.number, plan.day, fmt, facts)
    planned = follow_up_dates(engagement)
    later = [d for d in planned if d > plan.day]
    note = read_note(engagement.root / ENGAGEMENT_FILE)
    parts = sections(note.body, note.path, note.body_line)
    context["session"]["next_session"] = later[0] if later else None
    context["goals"] = plain_data(
        [_public_goal(goal) for goal in engagement.goals], engagement.root
    )
    context["follow_up"] = plain_data(
        {"number": plan.follow_up_number, "planned": planned, "next": later[0] if later else None},
        engagement.root,
    )
    context["sustainment_plan"] = parts.get("sustainment plan", "")
    return context


def new_session(
    root: Path,
    day: dt.date,
    *,
    template: str | None = None,
    fmt: str | None = None,
    kind: str | None = None,
    backdate: bool = False,
    again: bool = False,
    commit: bool = True,
    edit: Callable[[Path], None] | None = None,
    facts: SessionFacts | None = None,
) -> WriteResult:
    """Write ``sessions/NN-YYYY-MM-DD.md`` from the session (or follow-up) template and commit it.

    ``facts`` are the start, minutes, attendance and billing to write (the minutes
    default to the engagement's ``session_length:``). ``kind``, ``backdate`` and ``again`` are the choices :func:`plan_session` checks;
    ``template`` defaults to the kind's own. A follow-up that moves the phase edits
    engagement.md too, in the same commit. ``edit``, when given, is called with the new
    file before the commit, so what the coach types in the editor is part of the commit.
    The engagement's write lock is held from reading to committing, except while the
    editor is open, so other commands can run then.
    """
    with engagement_lock(root):
        # Through the parse cache: what a session note needs is in it, and a hit spares
        # parsing every note (and importing YAML) on each new session.
        engagement = EngagementCache.default().load(root)
        engagement.raise_for_problems()
        plan = plan_session(engagement, day, kind, backdate=backdate, again=again)
        path = root / "sessions" / f"{plan.number:02d}-{day.isoformat()}.md"
        if plan.is_follow_up:
            context = follow_up_context(engagement, plan, fmt, facts)
        else:
            context = session_context(engagement, plan.number, day, fmt, facts)
        name = template or ("follow-up" if plan.is_follow_up else "session")
        text = render(name, context, root)
        if plan.is_follow_up:
            _require_follow_up_kind(name, path, text)
        phase_note: EditableNote | None = None
        if plan.phase_move is not None:
            from coachkit.writers.phase import edit_phase

            phase_note = edit_phase(root, plan.phase_move)
        commits = commit_plan(root, commit)
        create_file(path, text.encode("utf-8"))
        written = [path]
        if phase_note is not None:
            try:
                phase_note.save()
            except BaseException:
                path.unlink(missing_ok=True)  # all or nothing: no follow-up without its phase
                raise
            written.append(phase_note.path)
        edits = edits_of([phase_note] if phase_note is not None else [])
        if edit is None:
            return _commit_session(root, written, edits, plan, context, commits)
    try:
        edit(path)
    except BaseException as exc:
        _undo_new_session(root, path, phase_note)
        if isinstance(exc, CoachkitError):
            # One line: what the editor did, and that nothing of this session is left.
            raise CoachkitError(f"{exc.message}; removed {path}, nothing committed") from None
        raise
    with engagement_lock(root):
        return _commit_session(root, written, edits, plan, context, commits)


def _undo_new_session(root: Path, path: Path, phase_note: EditableNote | None) -> None:
    """Remove a new note whose editing failed, and put back the phase it moved, so a
    retry makes one note, not a second one for the same date."""
    with engagement_lock(root):
        path.unlink(missing_ok=True)
        if phase_note is not None:
            replace_file(phase_note.path, phase_note.original, phase_note.render())


def _require_follow_up_kind(name: str, path: Path, text: str) -> None:
    """A follow-up's note must say so, or it would be counted against the contract."""
    from coachkit.notes.reader import parse_note

    if parse_note(path, text.encode("utf-8")).meta.get("kind") != FOLLOW_UP_KIND:
        raise CoachkitError(
            f"template {name!r} does not write `kind: follow-up` in the front matter, which a "
            "follow-up session needs; nothing was written"
        )


def _commit_session(
    root: Path,
    written: list[Path],
    edits: dict[Path, FileEdit],
    plan: SessionPlan,
    context: dict[str, Any],
    commits: CommitOutcome | None,
) -> WriteResult:
    number, day = plan.number, plan.day.isoformat()
    result = WriteResult(
        written, data={"session": number, "date": day, "kind": plan.kind}, edits=edits
    )
    overdue = sum(1 for item in context["open_actions"] if item["days_overdue"])
    items = f"{len(context['open_actions'])} open action items" + (
        f", {overdue} overdue" if overdue else ""
    )
    if plan.is_follow_up:
        result.notes.append(
            f"follow-up {plan.follow_up_number} (session {number}) on {day}: {items}; "
            "not counted against the contract"
        )
        message = f"Add follow-up session {number} ({day})"
    else:
        result.notes.append(f"session {number} on {day}: {items}")
        message = f"Add session {number} ({day})"
    result.notes.extend(plan.notes)
    if plan.phase_move is not None:
        message += f"; phase {plan.phase_move}"
    return finish(root, result, message, commits)
