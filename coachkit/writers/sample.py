"""The sample engagement shipped with coachkit, for trying it out and for the demo."""

from __future__ import annotations

from pathlib import Path

from coachkit.errors import CoachkitError
from coachkit.storage.atomic_write import create_file
from coachkit.storage.commits import commit_plan, finish, init_repository
from coachkit.storage.lock import engagement_lock
from coachkit.storage.write_result import WriteResult

SAMPLE_NAME = "acme-jordan-lee"


def sample_source() -> Path:
    """The folder of the shipped sample engagement."""
    import coachkit.sample

    return Path(coachkit.sample.__file__).parent / SAMPLE_NAME


def create_sample(dest: Path, commit: bool = True) -> WriteResult:
    """Copy the sample engagement into ``dest`` (which must not hold one) and commit it."""
    if (dest / "engagement.md").exists():
        raise CoachkitError(f"{dest}: already holds an engagement; choose another folder")
    dest = dest.absolute()
    plan = commit_plan(dest, commit)
    source = sample_source()
    written: list[Path] = []
    for path in sorted(source.rglob("*.md")):
        target = dest / path.relative_to(source)
        create_file(target, path.read_bytes())
        written.append(target)
    result = WriteResult(written)
    if plan is None and init_repository(dest):
        result.notes.append(f"initialised a git repository in {dest}")
    # Locked once the repository exists, so the lock is the one later writers take.
    with engagement_lock(dest):
        return finish(dest, result, "Add the sample engagement (Jordan Lee, Acme Logistics)", plan)
