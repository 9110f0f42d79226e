"""Start a new engagement folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from coachkit.dates import parse_cadence
from coachkit.engagement.listing import ENGAGEMENT_FILE
from coachkit.engagement.loader import EMAIL_RE
from coachkit.errors import CoachkitError
from coachkit.merging.git_setup import install as install_merge_driver
from coachkit.merging.git_setup import merge_driver_hint
from coachkit.storage.atomic_write import create_file
from coachkit.storage.commits import commit_plan, finish, init_repository
from coachkit.storage.lock import engagement_lock
from coachkit.storage.write_result import WriteResult
from coachkit.templating.lookup import render


@dataclass
class EngagementDetails:
    """What ``coachkit init`` knows about the engagement being started."""

    client: str
    start: dt.date
    organization: str | None = None
    role: str | None = None
    sponsor: str | None = None
    hr: str | None = None
    coach: str | None = None
    end: dt.date | None = None
    sessions_planned: int | None = None
    session_length: int = 60
    cadence: str = "2w"
    # The facts a credential's coaching log needs (docs/hours.md).
    contact: str | None = None
    billing: str | None = None
    group_size: int | None = None
    icf_listing: str | None = None


def init_engagement(folder: Path, details: EngagementDetails, commit: bool = True) -> WriteResult:
    """Create ``folder/engagement.md`` (the folder may exist) and commit it."""
    if not details.client.strip():
        raise CoachkitError("--client must not be empty")
    parse_cadence(details.cadence)
    if details.contact is not None and not EMAIL_RE.match(details.contact):
        raise CoachkitError(
            f"--contact must be the client's e-mail address, not {details.contact!r}"
        )
    if details.end and details.end < details.start:
        raise CoachkitError(f"the end date {details.end} is before the start date {details.start}")
    folder = folder.absolute()
    if folder.is_symlink():
        raise CoachkitError(f"{folder}: is a symbolic link; give the real folder")
    target = folder / ENGAGEMENT_FILE
    if target.exists():
        raise CoachkitError(f"{target}: already exists; this folder is an engagement already")
    plan = commit_plan(folder, commit)
    text = render("engagement", vars(details), folder)  # before mkdir: a failure leaves nothing
    folder.mkdir(parents=True, exist_ok=True)
    create_file(target, text.encode("utf-8"))
    result = WriteResult([target])
    if plan is None and init_repository(folder):
        result.notes.append(f"initialised a git repository in {folder}")
        install_merge_driver(folder, result)
    elif plan is None:
        result.notes.extend(merge_driver_hint(folder))
    where = f" ({details.organization})" if details.organization else ""
    # Locked once the repository exists, so the lock is the one later writers take.
    with engagement_lock(folder):
        return finish(folder, result, f"Start engagement with {details.client}{where}", plan)
