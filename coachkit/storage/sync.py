"""``coachkit sync``: bring each repository level with its remote, never losing a commit.

For each repository: fetch its upstream, merge what came in (the notes' merge
driver does the work where ``.gitattributes`` names it), push what is new here.
Merge, not rebase: a merge never rewrites a commit made on this machine (its
id stays the one printed when it was made, and lint's ``--fix`` can still tell
which side a goal or session came from), and a merge that cannot finish is
undone in one step, ``git merge --abort``, which leaves the branch, the index
and the files exactly as they were.

Nothing is attempted where it could lose work: a tree with uncommitted changes
to tracked files, a merge or rebase already in progress, a detached HEAD, a
branch without an upstream, or a repository without a remote each stop that
repository with one line saying what to do. A push the remote refuses (a hook,
or commits pushed by someone else meanwhile) keeps every commit here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coachkit.storage.git_calls import GitRun, repository_top, run_git

# Fetching and pushing talk to another machine: give up rather than hang a terminal.
NETWORK_TIMEOUT = 300.0
_IN_PROGRESS = {
    "MERGE_HEAD": "a merge is in progress: finish it (`git merge --continue`) or undo it (`git merge --abort`)",
    "rebase-merge": "a rebase is in progress: finish it (`git rebase --continue`) or undo it (`git rebase --abort`)",
    "rebase-apply": "a rebase is in progress: finish it (`git rebase --continue`) or undo it (`git rebase --abort`)",
    "CHERRY_PICK_HEAD": "a cherry-pick is in progress: finish it or undo it (`git cherry-pick --abort`)",
    "REVERT_HEAD": "a revert is in progress: finish it or undo it (`git revert --abort`)",
}


@dataclass
class SyncResult:
    """One repository's sync (or check): what moved, or what stopped it.

    ``ahead`` and ``behind`` are counted after the fetch, before anything else;
    ``pulled`` and ``pushed`` are the commits that came in and went out.
    """

    top: Path
    ahead: int = 0
    behind: int = 0
    pulled: int = 0
    pushed: int = 0
    merged: bool = False
    stopped: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """``up to date``, ``pulled 2, merged, pushed 1``, ``ahead 1, behind 3``, or why it stopped."""
        if self.stopped is not None:
            done = self._moved()
            return f"{done}; stopped: {self.stopped}" if done else f"stopped: {self.stopped}"
        return self._moved() or "up to date"

    def _moved(self) -> str:
        parts = []
        if self.pulled:
            parts.append(f"pulled {self.pulled}")
        if self.merged:
            parts.append("merged")
        if self.pushed:
            parts.append(f"pushed {self.pushed}")
        return ", ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {
            "repository": str(self.top),
            "ahead": self.ahead,
            "behind": self.behind,
            "pulled": self.pulled,
            "pushed": self.pushed,
            "merged": self.merged,
            "stopped": self.stopped,
        }


@dataclass
class CheckResult(SyncResult):
    """``sync --check``: the counts after a fetch; nothing merged or pushed."""

    @property
    def summary(self) -> str:
        if self.stopped is not None:
            return f"stopped: {self.stopped}"
        if not self.ahead and not self.behind:
            return "up to date"
        return f"ahead {self.ahead}, behind {self.behind}"


class _Stop(Exception):
    """One repository cannot go on; the message says why and what to do."""


def repositories(engagement_roots: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The repository tops holding the engagements (each once, sorted), and the
    engagements in no repository."""
    tops: set[Path] = set()
    outside: list[Path] = []
    for root in engagement_roots:
        top = repository_top(root)
        if top is None:
            outside.append(root)
        else:
            tops.add(top.resolve())
    return sorted(tops), outside


def sync_engagements(engagement_roots: Iterable[Path], check: bool = False) -> list[SyncResult]:
    """Sync (or, with ``check``, fetch and count) every repository holding an engagement."""
    tops, outside = repositories(engagement_roots)
    results = [sync_repository(top, check) for top in tops]
    kind = CheckResult if check else SyncResult
    results.extend(
        kind(
            root,
            stopped="not in a git repository; `git init` there, or move it into the practice repository",
        )
        for root in outside
    )
    return results


def sync_repository(top: Path, check: bool = False) -> SyncResult:
    """Fetch, merge and push one repository (``check``: fetch and count only)."""
    result: SyncResult = CheckResult(top) if check else SyncResult(top)
    try:
        _sync(top, result, check)
    except _Stop as stop:
        result.stopped = str(stop)
    return result


def _git(top: Path, *args: str) -> GitRun:
    return run_git(top, *args)


def _sync(top: Path, result: SyncResult, check: bool) -> None:
    _refuse_in_progress(top)
    branch = _branch(top)
    remote, merge_ref = _upstream(top, branch)
    if not check:
        _refuse_dirty(top)
    fetched = run_git(
        top, "fetch", "--quiet", "--no-write-fetch-head", remote, timeout=NETWORK_TIMEOUT
    )
    if not fetched.ok:
        raise _Stop(f"cannot fetch from {remote}: {fetched.why}; nothing changed here")
    upstream = _tracking_ref(top)
    result.ahead, result.behind = _counts(top, upstream)
    if check:
        return
    if result.behind:
        _merge(top, upstream, result)
    if result.ahead:
        _push(top, remote, branch, merge_ref, result)


def _refuse_in_progress(top: Path) -> None:
    found = _git(top, "rev-parse", "--absolute-git-dir")
    if not found.ok:
        raise _Stop(f"cannot read the repository: {found.why}")
    git_dir = Path(found.out.strip())
    for marker, what in _IN_PROGRESS.items():
        if (git_dir / marker).exists():
            raise _Stop(f"{what}, then sync")


def _branch(top: Path) -> str:
    found = _git(top, "symbolic-ref", "--quiet", "--short", "HEAD")
    if not found.ok:
        raise _Stop("not on a branch (detached HEAD): `git switch BRANCH`, then sync")
    branch = found.out.strip()
    if not _git(top, "rev-parse", "--quiet", "--verify", "HEAD").ok:
        raise _Stop(f"branch {branch} has no commit yet: commit your notes first")
    return branch


def _upstream(top: Path, branch: str) -> tuple[str, str]:
    """The remote and the remote's branch that ``branch`` follows; refuse without one."""
    remote = _git(top, "config", f"branch.{branch}.remote").out.strip()
    merge_ref = _git(top, "config", f"branch.{branch}.merge").out.strip()
    if remote and merge_ref and remote != ".":
        return remote, merge_ref
    remotes = _git(top, "remote").out.split()
    if not remotes:
        raise _Stop(
            "no remote: add the practice repository with `git remote add origin URL`, "
            f"then `git push -u origin {branch}` once"
        )
    raise _Stop(
        f"branch {branch} has no upstream: run `git push -u {remotes[0]} {branch}` once, then sync"
    )


def _refuse_dirty(top: Path) -> None:
    found = _git(top, "status", "--porcelain", "--untracked-files=no")
    changed = [line[3:] for line in found.out.splitlines() if line.strip()]
    if not found.ok:
        raise _Stop(f"cannot read the work tree: {found.why}")
    if changed:
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        raise _Stop(
            f"uncommitted changes ({changed[0]}{more}): commit them, or `git stash` them, then sync"
        )


def _tracking_ref(top: Path) -> str | None:
    """The remote-tracking ref of the upstream, or None while the remote has no such branch."""
    found = _git(top, "rev-parse", "--quiet", "--verify", "--symbolic-full-name", "@{upstream}")
    if found.ok and found.out.strip():
        return found.out.strip()
    return None


def _counts(top: Path, upstream: str | None) -> tuple[int, int]:
    """Commits here and not upstream, and upstream and not here."""
    if upstream is None:  # the remote branch does not exist yet: everything here is new
        return int(_git(top, "rev-list", "--count", "HEAD").out.strip() or 0), 0
    found = _git(top, "rev-list", "--left-right", "--count", f"HEAD...{upstream}")
    if not found.ok:
        raise _Stop(f"cannot compare with {upstream}: {found.why}")
    ahead, behind = found.out.split()
    return int(ahead), int(behind)


def _merge(top: Path, upstream: str | None, result: SyncResult) -> None:
    assert upstream is not None  # behind > 0 means the upstream exists
    if result.ahead:
        merged = _git(top, "merge", "--no-edit", "--no-ff", upstream)
    else:
        merged = _git(top, "merge", "--ff-only", upstream)
    if merged.ok:
        result.pulled = result.behind
        result.merged = bool(result.ahead)
        return
    conflicts = _git(top, "diff", "--name-only", "--diff-filter=U").out.split()
    undone = _abort_merge(top)
    if conflicts:
        more = f" and {len(conflicts) - 1} more" if len(conflicts) > 1 else ""
        raise _Stop(
            f"conflict in {conflicts[0]}{_what_conflicts(merged, conflicts[0])}{more}; {undone}: "
            "run `git pull`, keep one side of each marked conflict, `git commit`, then sync "
            f"(docs/team.md){_driver_hint(top)}"
        )
    raise _Stop(f"cannot merge {upstream}: {merged.why}; {undone}")


def _what_conflicts(merged: GitRun, path: str) -> str:
    """`` (due of action t9hc)``: what the merge driver said conflicts in ``path``, if it said."""
    said = f"{path}: conflict in "
    for line in (merged.err + "\n" + merged.out).splitlines():
        if line.startswith(said):
            return f" ({line[len(said) :].split(': resolve', 1)[0].strip()})"
    return ""


def _abort_merge(top: Path) -> str:
    """Undo a merge that stopped half-way; say what became of the local commits."""
    git_dir = Path(_git(top, "rev-parse", "--absolute-git-dir").out.strip())
    if not (git_dir / "MERGE_HEAD").exists():
        return "nothing changed here"
    aborted = _git(top, "merge", "--abort")
    if aborted.ok:
        return "merge aborted (`git merge --abort`), your commits and files are as they were"
    return f"`git merge --abort` failed ({aborted.why}): your commits are safe, run it by hand"


def _driver_hint(top: Path) -> str:
    """A pointer to the merge driver when ``.gitattributes`` has none configured here."""
    if _git(top, "config", "merge.coachkit.driver").out.strip():
        return ""
    return "; `coachkit git-setup` installs the driver that merges notes item by item"


def _push(top: Path, remote: str, branch: str, merge_ref: str, result: SyncResult) -> None:
    pushed = run_git(
        top, "push", "--quiet", remote, f"refs/heads/{branch}:{merge_ref}", timeout=NETWORK_TIMEOUT
    )
    if pushed.ok:
        result.pushed = result.ahead
        return
    commits = f"{result.ahead} commit{'s' if result.ahead != 1 else ''}"
    raise _Stop(
        f"push to {remote} refused ({_push_why(pushed)}); your {commits} "
        f"{'stays' if result.ahead == 1 else 'stay'} here, "
        "nothing is lost: fix that, then sync again"
    )


def _push_why(pushed: GitRun) -> str:
    """Which ref was rejected and why, with the remote's own last word (a hook's message)."""
    lines = [line.strip() for line in pushed.err.splitlines() if line.strip()]
    rejected = next((line.lstrip("! ").strip() for line in lines if "rejected]" in line), None)
    said = [line[len("remote:") :].strip() for line in lines if line.startswith("remote:")]
    said = [line for line in said if line]
    parts = [part for part in (rejected, said[-1] if said else None) if part]
    return ": ".join(parts) if parts else pushed.why
