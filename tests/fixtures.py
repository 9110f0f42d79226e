"""The note texts that many tests read, kept in one place instead of a copy in each module.

The good engagement (Jordan Lee, as of 2026-02-12) lints clean: an agreement that settles
every term agreement-missing-terms asks for, one goal with a measure, one
session whose single action item has an owner, a due date and accountability, and a baseline
feedback round. Tests change it a line at a time with ``str.replace`` to make one rule fire.
"""

from __future__ import annotations

ENGAGEMENT = """\
---
client: Jordan Lee
sponsor: Sam Ortiz  # CTO
start: 2026-01-12
end: 2026-07-10
cadence: 2w
phase: coaching
---
# Coaching agreement: Jordan Lee

## Roles
Jordan sets the agenda; the coach is responsible for the process; Sam gives feedback.

## Logistics
Every two weeks on video, Thursdays at 08:00.

## Fees and cancellation
Acme pays the fee per session; a session cancelled with less than 48 hours' notice is held.

## Confidentiality
What Jordan says stays between Jordan and the coach, except where someone is at risk of harm.

## Who sees what
The sponsor sees the goals and the final report, never the session notes.

## Ending the engagement
Either side may end it with two weeks' notice.

## Record keeping
The coach keeps the notes for one year after the last session, then deletes them.
"""

GOAL = """\
---
id: G1
title: Delegate strategic decisions
status: active
measure: Direct reports rate delegation on the 360
target_date: 2026-06-30
---
# G1: Delegate strategic decisions
"""

SESSION = """\
---
session: 1
date: 2026-02-05
actions:
  - id: k7m2
    title: Keep a decision log for a week
    owner: Jordan
    due: 2026-02-20
    status: open
    goal: G1
    accountability: Reviewed together in session 2
duration: 60
---
# Session 1 with Jordan Lee: 2026-02-05

## Next steps
Bring the decision log to session 2.
"""

FEEDBACK = """\
---
kind: baseline
date: 2026-01-08
scale: [1, 5]
responses:
  - {rater: R1, group: manager, goal: G1, rating: 2}
---
# Baseline 360
"""

# A minimal engagement (Riley Chen at Globex: client, sponsor, start); the tests of
# `coachkit lint` and of `lint --fix` put their own session notes beside it.
RILEY_ENGAGEMENT = (
    "---\nclient: Riley Chen\nsponsor: Sam Ortiz\nstart: 2026-01-05\n---\n# Agreement\n"
)
