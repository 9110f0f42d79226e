"""engagement.md's phase is contradicted by the notes, or written with its old name.

`status`, `upcoming`, `session new` and the reports go by the phase, so a phase left
behind misleads them all. The rule warns when:

- the phase is `contracting` and a session has been held: move it on
  (`coachkit phase coaching`, or `assessment`, `planning`);
- the phase is before `closure` and a session note is a follow-up
  (`kind: follow-up`): follow-ups come after closure;
- the phase is before `closure` and the planned `end` has passed: run `coachkit close`,
  or move `end` if the engagement was extended;
- the phase is `closure`, `follow-up` or `completed` and engagement.md has no `end`:
  `coachkit close --end DATE` records it;
- the phase is `follow-up` and no follow-up session has been held;
- the phase is `completed` and a planned follow-up date (`follow_up:`) has not been held;
- the phase is `closed`, the old name of `completed`: write `phase: completed`.

Each is one finding at the `phase:` line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from coachkit.engagement.status import pending_follow_ups
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit
from coachkit.vocabulary import (
    AFTER_CLOSURE_PHASES,
    CLOSED_PHASES,
    CONTRACTING,
    FOLLOW_UP,
    OLD_PHASE_NAMES,
    PHASES,
)

CODE = "CK411"
NAME = "engagement-phase-mismatch"
SEVERITY = "warning"


def check(ctx: LintContext) -> Iterator[Hit]:
    note = ctx.engagement_note
    if note is None:
        return
    phase = note.meta.get("phase")
    if not isinstance(phase, str):
        return
    line, column = note.position_of("phase")
    for message in _contradictions(ctx, phase):
        yield Hit(note.path, line, column, message)


def _contradictions(ctx: LintContext, phase: str) -> Iterator[str]:
    engagement = ctx.engagement
    held = [s for s in engagement.sessions if s.date <= ctx.as_of]
    end = engagement.meta.get("end")
    end = end if isinstance(end, dt.date) else None
    if phase in OLD_PHASE_NAMES:
        new = OLD_PHASE_NAMES[phase]
        yield f"phase {phase!r} is the old name of {new!r}: write `phase: {new}`"
    before_closure = phase in PHASES and phase not in CLOSED_PHASES
    if phase == CONTRACTING and held:
        first = held[0]
        yield (
            f"phase is contracting, but session {first.number} was held on {first.date}: "
            "`coachkit phase coaching` (or assessment, planning)"
        )
    if before_closure:
        follow_ups = [s for s in engagement.sessions if s.is_follow_up]
        if follow_ups:
            name = follow_ups[0].path.relative_to(engagement.root).as_posix()
            yield f"phase is {phase}, but {name} is a follow-up: follow-ups come after closure"
        if end is not None and end < ctx.as_of:
            yield (
                f"phase is {phase}, but the planned end ({end}) has passed: `coachkit close`, "
                "or move end: if the engagement was extended"
            )
    if phase in CLOSED_PHASES and end is None:
        yield f"phase is {phase}, but engagement.md has no end date: `coachkit close --end DATE`"
    if phase == FOLLOW_UP and not any(s.is_follow_up for s in held):
        yield "phase is follow-up, but no follow-up session has been held"
    if phase in AFTER_CLOSURE_PHASES and phase != FOLLOW_UP:
        pending = pending_follow_ups(engagement, ctx.as_of)
        if pending:
            yield (
                f"phase is {phase}, but the follow-up planned for {pending[0]} has not been "
                "held: hold it, or take it out of follow_up:"
            )
