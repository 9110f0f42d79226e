"""The domain's words, defined once: engagement phases, goal and action statuses,
feedback kinds and rater groups (docs/format.md describes each).

Plain strings and tuples, with no imports, so any layer may use them at no cost.
Order matters where a tuple is shown to a user: it is the order of the docs.
"""

from __future__ import annotations

# --- engagement phases, in the order an engagement goes through them
PHASES = ("contracting", "assessment", "planning", "coaching", "closure", "follow-up", "completed")
CONTRACTING = "contracting"  # the phase `coachkit init` writes
COACHING = "coaching"
CLOSURE = "closure"  # the phase `coachkit close` sets
FOLLOW_UP = "follow-up"  # the phase the first follow-up session moves to
COMPLETED = "completed"
# Old spellings still read as the phase they name; lint (engagement-phase-mismatch) suggests
# the new one. `closed` was the last phase before `completed` replaced it.
OLD_PHASE_NAMES = {"closed": COMPLETED}
# Before coaching starts: a session held then means the phase was not moved on.
BEFORE_COACHING_PHASES = ("contracting", "assessment", "planning")
# Coaching is under way: only then can an engagement go quiet (lint's engagement-gone-quiet).
ACTIVE_PHASES = ("assessment", "planning", "coaching")
# The engagement has been closed: no longer quiet, and its report is final.
CLOSED_PHASES = ("closure", "follow-up", "completed", "closed")
# After closure: closing again records outcomes but does not move the phase back.
AFTER_CLOSURE_PHASES = ("follow-up", "completed", "closed")

# --- kinds of session note: a coaching session counts against the contract, a follow-up not
SESSION_KIND = "session"
FOLLOW_UP_KIND = "follow-up"
SESSION_KINDS = (SESSION_KIND, FOLLOW_UP_KIND)

# --- the facts of a session a coaching log counts (docs/hours.md)
HELD = "held"  # a session without `attended:` was held
ATTENDANCE = (HELD, "no-show", "late-cancel")
PAID = "paid"  # the billing of a session and an engagement without `billing:`
PRO_BONO = "pro-bono"
RECIPROCAL = "reciprocal"
BILLING = (PAID, PRO_BONO, RECIPROCAL)
# May the client be named in a credential's coaching log? Unlisted clients are counted, unnamed.
ICF_LISTED = "listed"
ICF_ANONYMOUS = "anonymous"
ICF_LISTINGS = (ICF_LISTED, ICF_ANONYMOUS)
# A group coached together: the ICF log counts groups of at most 15.
GROUP_SIZE_MIN, GROUP_SIZE_MAX = 1, 15

# --- goal statuses; a goal without one is active
GOAL_ACTIVE = "active"
GOAL_STATUSES = ("active", "achieved", "partially-achieved", "not-achieved", "dropped")
FINAL_GOAL_STATUSES = tuple(status for status in GOAL_STATUSES if status != GOAL_ACTIVE)
# How a report names each status.
GOAL_STATUS_LABELS = {
    "active": "Open",
    "achieved": "Achieved",
    "partially-achieved": "Partially achieved",
    "not-achieved": "Not achieved",
    "dropped": "Dropped",
}

# --- action item statuses; an item without one is open
ACTION_OPEN = "open"
ACTION_DONE = "done"
ACTION_DROPPED = "dropped"
ACTION_STATUSES = (ACTION_OPEN, ACTION_DONE, ACTION_DROPPED)
# What `coachkit close --open-actions` does with the items still open (keep: the default).
OPEN_ACTION_CHOICES = ("keep", "drop", "carry")

# --- who may see a goal or an action item (`share:`); without one, the client may
SHARE_LEVELS = ("coach", "client", "sponsor")

# --- a team practice: `--coach all` lists every coach's engagements (docs/team.md)
ALL_COACHES = "all"

# --- kinds of stakeholder feedback round, with the title a new round's note gets
FEEDBACK_KINDS = ("baseline", "360", "interview", "mini-survey", "mid-point", "final")
FEEDBACK_KIND_TITLES = {
    "baseline": "Baseline",
    "360": "360 feedback",
    "interview": "Stakeholder interviews",
    "mini-survey": "Mini-survey",
    "mid-point": "Mid-point review",
    "final": "Final survey",
}

# --- rater groups: the client rating themselves, the named stakeholder groups, and the rest
SELF = "self"
OTHER = "other"
# Stakeholder groups that can stand on their own in a breakdown, in the order shown.
NAMED_GROUPS = ("manager", "peer", "direct-report")
RATER_GROUPS = (SELF, *NAMED_GROUPS, OTHER)


def one_of(words: tuple[str, ...], last: str = "or") -> str:
    """``("a", "b", "c")`` as ``"a, b or c"``, for help texts and messages."""
    return f"{', '.join(words[:-1])} {last} {words[-1]}" if len(words) > 1 else "".join(words)


# The settings file, in an engagement or any folder above it (storage/settings.py).
CONFIG_FILE = ".coachkit.yaml"
