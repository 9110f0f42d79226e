"""An engagement in progress has had no session for more than twice its cadence.

In the assessment, planning and coaching phases a long silence usually means the
client has drifted away, or the notes were not written. Book the next session
(a note dated in the future counts), write up the sessions held, or move the
engagement on (`phase: closure`). Needs a readable `cadence:`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.status import engagement_status
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Hit
from coachkit.vocabulary import ACTIVE_PHASES

CODE = "CK406"
NAME = "engagement-gone-quiet"
SEVERITY = "warning"


def check(ctx: LintContext) -> Iterator[Hit]:
    engagement = ctx.engagement
    note = engagement.notes.get(engagement.root / ENGAGEMENT_FILE)
    if note is None or engagement.meta.get("phase") not in ACTIVE_PHASES:
        return
    status = engagement_status(engagement, ctx.as_of)
    if not status.quiet:
        return
    if status.last_session is not None:
        since = f"the last session was on {status.last_session}, {status.days_since_last_session} days ago"
    else:
        start = engagement.meta.get("start")
        days = (ctx.as_of - start).days if isinstance(start, dt.date) else 0
        since = f"no session since the start on {start}, {days} days ago"
    message = f"engagement gone quiet: {since}, more than twice the cadence ({engagement.cadence})"
    yield Hit(note.path, note.meta.line, note.meta.column, message)
