"""``lint --fix`` for ids that collide after a merge: a goal id or a session number used twice.

Two clones that each add goal ``G3`` (or session 3) merge without a conflict:
the files have different names. ``duplicate-id`` and
``duplicate-session-number`` report it; the fix renumbers the *later* one and
every reference to it, as edits (:class:`~coachkit.lint.finding.TextEdit`) that
:mod:`coachkit.lint.fixes` applies and commits like any other fix, plus the
file renames, committed in the same commit.

**Which one is later.** A goal: the one whose file was added by the later
commit (committer date); one not committed yet is the latest; then the file
name. A session: the later ``date:``, then the later commit, then the file name.

**Goals.** The later goal takes the next free number (one past the highest in
use): its ``id:`` and its file name (``G3-slug.md`` becomes ``G4-slug.md``).
A reference (``goal:`` in an action item or a feedback response, an entry of a
``goals:`` list) in the goal's own file is its own. Anywhere else it is ambiguous
(both goals were ``G3``), so git history decides: the reference follows the
later goal when the commit that last wrote its line (``git blame``) descends from
the commit that added the later goal but not from the one that added the earlier
goal, or when the earlier goal was added first on the same line of history (a
rebase). A reference written after both goals were there, or not committed, is
left as it is and named, so the coach can decide.

**Sessions.** Numbers are given again in order from the collision on: the later
session takes the next number, and a session after it moves up only if it
would collide in turn (3, 3, 4 become 3, 4, 5; 3, 3, 7 become 3, 4, 7). Each
renumbered note gets its ``session:`` and its file name (``03-2026-02-13.md``
becomes ``04-2026-02-13.md``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from coachkit.engagement.model import Engagement, Goal, Session
from coachkit.errors import NoteError
from coachkit.lint.finding import Finding, TextEdit
from coachkit.notes.reader import decode, split_front_matter
from coachkit.storage.git_calls import repository_top, run_git

GOAL_RULE = "duplicate-id"
SESSION_RULE = "duplicate-session-number"
_GOAL_ID = re.compile(r"^[Gg]([0-9]+)$")
_SESSION_NAME = re.compile(r"^([0-9]+)(-.*)$")
_UNCOMMITTED = float("inf")

# Which values of a front matter to look at: (key, the value is an entry of a list under it).
Wanted = Callable[[str, bool], bool]


@dataclass
class Renumbering:
    """The edits and renames that renumber every collision, and what was left as it was."""

    findings: list[Finding] = field(default_factory=list)
    renames: dict[Path, Path] = field(default_factory=dict)
    left: list[str] = field(default_factory=list)


def wanted(finding: Finding) -> bool:
    """Whether ``finding`` is a collision this module fixes (a goal id, a session number)."""
    if finding.rule == SESSION_RULE:
        return True
    return finding.rule == GOAL_RULE and finding.message.startswith("goal id ")


def renumber(findings: Iterable[Finding], roots: Sequence[Path]) -> Renumbering:
    """The renumbering of every engagement that has a finding :func:`wanted` fixes."""
    from coachkit.engagement.loader import load_engagement

    by_root: dict[Path, dict[str, Finding]] = {}
    for finding in findings:
        if wanted(finding):
            by_root.setdefault(_root_of(finding.path, roots), {}).setdefault(finding.rule, finding)
    plan = Renumbering()
    for root, rules in sorted(by_root.items(), key=lambda item: str(item[0])):
        engagement = load_engagement(root)
        history = _History(root)
        if GOAL_RULE in rules:
            _goals(engagement, history, rules[GOAL_RULE], plan)
        if SESSION_RULE in rules:
            _sessions(engagement, history, rules[SESSION_RULE], plan)
    return plan


def _root_of(path: Path, roots: Sequence[Path]) -> Path:
    holding = [r for r in roots if path.absolute().is_relative_to(r.absolute())]
    return max(holding, key=lambda r: len(r.absolute().parts)) if holding else path.parent.parent


class _History:
    """What git knows about an engagement's files: when each was added, who wrote a line."""

    def __init__(self, root: Path) -> None:
        self.top = repository_top(root)
        self._ancestors: dict[tuple[str, str], bool] = {}

    def added(self, path: Path) -> tuple[float, str | None]:
        """The committer time and id of the commit that added ``path`` (inf: not committed)."""
        if self.top is None:
            return _UNCOMMITTED, None
        log = run_git(self.top, "log", "--diff-filter=A", "--format=%H %ct", "--", str(path))
        lines = log.out.split("\n") if log.ok else []
        last = [line for line in lines if line.strip()]
        if not last:
            return _UNCOMMITTED, None
        sha, when = last[-1].split()
        return float(when), sha

    def wrote(self, path: Path, line: int) -> str | None:
        """The commit that last wrote ``line`` of ``path``; None when it is not committed."""
        if self.top is None:
            return None
        blame = run_git(self.top, "blame", "--porcelain", "-L", f"{line},{line}", "--", str(path))
        sha = blame.out.split(" ", 1)[0] if blame.ok else ""
        return None if not sha or set(sha) == {"0"} else sha

    def descends(self, commit: str, ancestor: str) -> bool:
        key = (commit, ancestor)
        if key not in self._ancestors:
            assert self.top is not None
            self._ancestors[key] = run_git(
                self.top, "merge-base", "--is-ancestor", ancestor, commit
            ).ok
        return self._ancestors[key]


def _finding(like: Finding, path: Path, line: int, column: int, edit: TextEdit) -> Finding:
    return Finding(path, line, column, like.code, like.rule, like.severity, like.message, (edit,))


# --- goals


def _goals(engagement: Engagement, history: _History, like: Finding, plan: Renumbering) -> None:
    numbers = [int(m.group(1)) for g in engagement.goals if (m := _GOAL_ID.match(g.id))]
    next_number = max(numbers, default=0) + 1
    by_id: dict[str, list[Goal]] = {}
    for goal in engagement.goals:
        by_id.setdefault(goal.id.casefold(), []).append(goal)
    for same in by_id.values():
        if len(same) < 2:
            continue
        ages = {goal.path: history.added(goal.path) for goal in same}
        ordered = sorted(same, key=lambda g: (ages[g.path][0], g.path.name))
        first = ordered[0]
        for later in ordered[1:]:
            new_id = f"G{next_number}"
            next_number += 1
            _rename_goal(engagement, history, like, plan, first, later, ages, new_id)


def _rename_goal(
    engagement: Engagement,
    history: _History,
    like: Finding,
    plan: Renumbering,
    first: Goal,
    later: Goal,
    ages: dict[Path, tuple[float, str | None]],
    new_id: str,
) -> None:
    old = later.id
    name = later.path.name
    if (
        name.casefold().startswith(old.casefold() + "-")
        or name.casefold() == f"{old.casefold()}.md"
    ):
        plan.renames[later.path] = later.path.with_name(new_id + name[len(old) :])
    for path, line, column, edit in _scalars(later.path, _key("id"), old, new_id, top_only=True):
        plan.findings.append(_finding(like, path, line, column, edit))
    for path, line, column, edit in _headings(later.path, rf"\b{re.escape(old)}\b", new_id):
        plan.findings.append(_finding(like, path, line, column, edit))
    first_sha, later_sha = ages[first.path][1], ages[later.path][1]
    linear = (
        first_sha is not None and later_sha is not None and history.descends(later_sha, first_sha)
    )
    for note_path in engagement.notes:
        for path, line, column, edit in _scalars(note_path, _is_goal_reference, old, new_id):
            if note_path == later.path:
                plan.findings.append(_finding(like, path, line, column, edit))
                continue
            if note_path == first.path:
                continue
            wrote = history.wrote(path, line)
            if wrote is not None and (later_sha is None or not history.descends(wrote, later_sha)):
                continue  # written before the later goal existed: the earlier one's
            if (
                wrote is not None
                and later_sha is not None
                and (linear or first_sha is None or not history.descends(wrote, first_sha))
            ):
                plan.findings.append(_finding(like, path, line, column, edit))
            else:
                shown = _relative(path, engagement.root)
                plan.left.append(
                    f"{shown}:{line}:{column}: {like.rule}: left as {old}: written when both goals "
                    f"{old} existed; if it means {later.title!r}, write {new_id}"
                )


def _is_goal_reference(key: str, in_list: bool) -> bool:
    return key in ("goal", "goals")


def _key(name: str) -> Wanted:
    return lambda key, in_list: key == name and not in_list


# --- sessions


def _sessions(engagement: Engagement, history: _History, like: Finding, plan: Renumbering) -> None:
    same_day = Counter((s.number, s.date) for s in engagement.sessions)

    def order(session: Session) -> tuple[int, object, float, str]:
        # git is asked only to order two notes with one number and one date
        added = history.added(session.path)[0] if same_day[session.number, session.date] > 1 else 0
        return (session.number, session.date, added, session.path.name)

    previous = 0
    for session in sorted(engagement.sessions, key=order):
        number = session.number if session.number > previous else previous + 1
        previous = number
        if number == session.number:
            continue
        found = _SESSION_NAME.match(session.path.name)
        if found is not None and int(found.group(1)) == session.number:
            width = max(len(found.group(1)), 2)
            plan.renames[session.path] = session.path.with_name(
                f"{number:0{width}d}{found.group(2)}"
            )
        for path, line, column, edit in _scalars(
            session.path, _key("session"), str(session.number), str(number), top_only=True
        ):
            plan.findings.append(_finding(like, path, line, column, edit))
        for path, line, column, edit in _headings(
            session.path, rf"(?<=\b[Ss]ession ){session.number}\b", str(number)
        ):
            plan.findings.append(_finding(like, path, line, column, edit))


# --- finding the values in a note's front matter


def _scalars(
    path: Path, is_wanted: Wanted, old: str, new: str, top_only: bool = False
) -> Iterator[tuple[Path, int, int, TextEdit]]:
    """Edits turning each wanted scalar equal to ``old`` (case ignored) into ``new``.

    ``is_wanted(key, in_list)`` says which values count: the value of ``key``, or
    (``in_list``) an entry of the list under ``key``; ``top_only``: top-level keys only.
    """
    try:
        text = decode(path, path.read_bytes())[0]
        split = split_front_matter(path, text)
    except (OSError, NoteError):  # unreadable: lint reports it; nothing to renumber there
        return
    if split is None:
        return
    try:
        root = yaml.compose(text[split.yaml_start : split.yaml_end], Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    for node in _values(root, is_wanted, top_only):
        if str(node.value).casefold() != old.casefold():
            continue
        start = split.yaml_start + node.start_mark.index
        written = text[start : split.yaml_start + node.end_mark.index]
        at = written.casefold().find(old.casefold())
        if at < 0:
            continue
        offset = start + at
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        yield path, line, column, TextEdit(offset, written[at : at + len(old)], new)


def _headings(path: Path, pattern: str, new: str) -> Iterator[tuple[Path, int, int, TextEdit]]:
    """The note's own headings in its body that name the old id (``# G3: …``, ``# Session 3 …``).

    The rest of the body is the coach's prose, and stays as written.
    """
    try:
        text = decode(path, path.read_bytes())[0]
        split = split_front_matter(path, text)
    except (OSError, NoteError):
        return
    start = split.body_start if split is not None else 0
    for heading in re.finditer(r"^#{1,6}[ \t][^\r\n]*", text[start:], re.M):
        found = re.search(pattern, heading.group(0), re.I)
        if found is None:
            continue
        offset = start + heading.start() + found.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        yield path, line, column, TextEdit(offset, found.group(0), new)


def _values(node: Node | None, is_wanted: Wanted, top_only: bool = False) -> Iterator[ScalarNode]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else ""
            if isinstance(value, ScalarNode) and is_wanted(name, False):
                yield value
            elif isinstance(value, SequenceNode) and is_wanted(name, True):
                yield from (item for item in value.value if isinstance(item, ScalarNode))
            if not top_only:
                yield from _values(value, is_wanted)
    elif isinstance(node, SequenceNode) and not top_only:
        for item in node.value:
            yield from _values(item, is_wanted)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)
