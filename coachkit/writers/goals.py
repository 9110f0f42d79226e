"""Add goals to an engagement."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachkit.engagement.ids import next_goal_id, slugify
from coachkit.engagement.loader import load_engagement
from coachkit.errors import CoachkitError
from coachkit.storage.atomic_write import create_file
from coachkit.storage.commits import commit_plan, finish
from coachkit.storage.lock import writes_engagement
from coachkit.storage.write_result import WriteResult
from coachkit.templating.data import plain_data
from coachkit.templating.lookup import render


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
        "engagement": plain_data(engagement.meta, root),
    }
    create_file(path, render("goal", context, root).encode("utf-8"))
    result = WriteResult([path], data={"id": goal_id})
    return finish(root, result, f"Add goal {goal_id}: {title.strip()}", plan)
