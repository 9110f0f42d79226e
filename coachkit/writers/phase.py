"""Read and move the engagement's phase: one line of engagement.md.

The phase is the coach's own statement of where the engagement stands, so coachkit
moves it only when a command's effect says so (``close`` to closure, the first
follow-up session to follow-up) or when the coach asks (``coachkit phase NAME``).
Any known phase may be set, backwards too, to correct a slip; lint
(``engagement-phase-mismatch``) says when the notes contradict it.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.errors import CoachkitError
from coachkit.notes.front_matter_edit import EditableNote, open_for_edit, set_fields
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult, edits_of
from coachkit.vocabulary import OLD_PHASE_NAMES, PHASES


def checked_phase(name: str) -> str:
    """``name`` as a known phase (case and spaces forgiven); a one-line error otherwise."""
    wanted = name.strip().lower()
    if wanted in PHASES:
        return wanted
    if wanted in OLD_PHASE_NAMES:
        raise CoachkitError(
            f"phase {name!r} is the old name of {OLD_PHASE_NAMES[wanted]!r}; "
            f"use `coachkit phase {OLD_PHASE_NAMES[wanted]}`"
        )
    nearest = difflib.get_close_matches(wanted, PHASES, n=1)
    hint = f" (did you mean {nearest[0]!r}?)" if nearest else ""
    raise CoachkitError(f"unknown phase {name!r}: one of {', '.join(PHASES)}{hint}")


def edit_phase(root: Path, phase: str) -> EditableNote:
    """engagement.md opened with its ``phase:`` line set to ``phase`` (added when missing);
    not yet saved, so a writer can save it with its other files."""
    note = open_for_edit(root / ENGAGEMENT_FILE)

    def mutate(data: Any) -> None:
        data["phase"] = phase

    set_fields(note, lambda mapping: mapping, {"phase": phase}, mutate)
    return note


@writes_engagement
def set_phase(root: Path, name: str, *, commit: bool = True) -> WriteResult:
    """Set ``phase:`` in engagement.md to ``name`` and commit that one file."""
    phase = checked_phase(name)
    note = open_for_edit(root / ENGAGEMENT_FILE)
    before = note.data().get("phase")
    if before == phase:
        return WriteResult([], notes=[f"phase is already {phase}: nothing changed"])
    plan = commit_plan(root, commit)
    note = edit_phase(root, phase)
    note.save()
    was = f"{before}" if before else "no phase"
    result = WriteResult(
        [note.path],
        notes=[f"phase: {was} -> {phase}"],
        data={"phase": phase},
        edits=edits_of([note]),
    )
    if before in PHASES and PHASES.index(str(before)) > PHASES.index(phase):
        result.notes.append(f"moved back from {before} to {phase}")
    return finish(root, result, f"Move the engagement to phase {phase}", plan)


# What moves each phase on: shown by `coachkit phase` and documented in docs/format.md.
NEXT_MOVE = {
    "contracting": "`coachkit phase assessment` (or planning, coaching) once the agreement is signed",
    "assessment": "`coachkit phase planning` once the baseline feedback is in",
    "planning": "`coachkit phase coaching` once the goals are agreed",
    "coaching": "`coachkit close` at the end",
    "closure": "the first follow-up session (`coachkit session new` after the end date)",
    "follow-up": "`coachkit phase completed` after the last follow-up",
    "completed": "nothing: the engagement is complete",
}


def current_phase(root: Path) -> tuple[str | None, str]:
    """engagement.md's phase as written (None when missing) and a line saying what moves it."""
    from coachkit.notes.reader import read_note

    phase = read_note(root / ENGAGEMENT_FILE).meta.get("phase")
    if phase is None:
        return None, "no phase in engagement.md: set one with `coachkit phase NAME`"
    text = str(phase)
    if text in OLD_PHASE_NAMES:
        new = OLD_PHASE_NAMES[text]
        return text, f"{text!r} is the old name of {new!r}: `coachkit phase {new}` renames it"
    if text not in PHASES:
        return text, f"{text!r} is not a phase coachkit knows: one of {', '.join(PHASES)}"
    return text, f"next: {NEXT_MOVE[text]}"
