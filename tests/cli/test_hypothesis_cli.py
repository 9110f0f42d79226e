"""Property: whatever a coach types, every command succeeds, reports a finding, or fails cleanly.

For generated option values, arguments, dates, CSV exports and front matter, each
command run on a copy of the sample engagement must:

- exit 0, or 1 for a command with a check (``lint``, ``overdue --check``), or 2;
- never print a Python traceback or coachkit's "internal error" line, and never hang;
- on exit 2, print one non-empty line on stderr (coachkit's own ``path:line:col:
  message`` or ``coachkit: …``), or click's usage error (a ``Usage:`` block and one
  ``Error:`` line), and change no file at all, not even in ``.git``;
- write only inside the engagement (plus the file named by ``report -o`` and the
  folder named by ``init``/``sample``), list on stdout every file it wrote, delete
  nothing, and leave an engagement that still reads.

Click usage errors are exit 2 too: they are accepted as click prints them (a
``Usage:`` block and one ``Error:`` line, or a group's help when no command is given),
since click, not coachkit, formats them.

Runs are in-process (``tests.helpers.run``) with ``sys.argv`` set as a real process
has it. Bugs the properties found are fixed and kept, each as a test at the end with
its smallest reproducer.

Deeper runs: ``COACHKIT_HYPOTHESIS_SCALE=10 pytest tests/cli/test_hypothesis_cli.py`` (ten times
the examples).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import Run, run
from tests.hypothesis_strategies import (
    cli_text,
    comment_options,
    csv_exports,
    dates,
    examples,
    front_matter_notes,
    kinds,
    rating_options,
    scales,
    surrogate_text,
    time_limit,
)

# About 1 s per 30 examples of a command on a 2-core machine.
CLI_SETTINGS = settings(
    max_examples=examples(30),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# A PDF is printed by a browser that always fails: the error path, fast and the same everywhere.
# --edit opens an editor that changes nothing.
ENV = {"COACHKIT_CHROMIUM": "false", "EDITOR": "true", "VISUAL": "true"}
TIME_LIMIT = 60
ENGAGEMENT = "acme-jordan-lee"
T = TypeVar("T")

# --- the workspace ---------------------------------------------------------------------


@dataclass
class Workspace:
    """One example's copy of the sample engagement, inside the watched folder.

    ``watched`` (the test's tmp_path) holds the pristine sample and ``outside/``, whose
    ``acme-jordan-lee`` is the copy the command works on.
    """

    watched: Path
    outside: Path
    engagement: Path

    def location(self, where: str) -> tuple[Path, list[str]]:
        """The folder to run in, and the global options, for a named place."""
        e = self.engagement
        return {
            "engagement": (e, []),
            "sessions": (e / "sessions", []),
            "goals": (e / "goals", []),
            "above": (self.outside, []),
            "-C engagement": (self.outside, ["-C", ENGAGEMENT]),
            "-C sessions": (self.outside, ["-C", f"{ENGAGEMENT}/sessions"]),
            "-C missing": (e, ["-C", "no-such-folder"]),
            "-C file": (e, ["-C", "engagement.md"]),
        }[where]


def fresh_workspace(watched: Path, pristine: Path) -> Workspace:
    """A new copy of ``pristine`` (the committed sample) for one example."""
    outside = watched / "outside"
    if outside.exists():
        shutil.rmtree(outside)
    outside.mkdir()
    engagement = outside / ENGAGEMENT
    shutil.copytree(pristine, engagement, symlinks=True)
    return Workspace(watched, outside, engagement)


ENGAGEMENT_PLACES = ["engagement", "engagement", "engagement", "sessions", "-C engagement"]
places = st.one_of(
    st.sampled_from(ENGAGEMENT_PLACES),
    st.sampled_from(["goals", "above", "-C sessions", "-C missing", "-C file"]),
)

# --- what a command changed ------------------------------------------------------------

Entry = bytes | str  # a file's bytes, or a symlink's target ("-> target")


def snapshot(root: Path) -> dict[str, Entry]:
    """Every file (its bytes) and symlink below ``root``; folders do not count."""
    found: dict[str, Entry] = {}
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        for name in [*dirs, *files]:
            path = base / name
            key = str(path.relative_to(root))
            if path.is_symlink():
                found[key] = f"-> {os.readlink(path)}"
            elif name in files:
                found[key] = path.read_bytes()
    return found


def _is_git_internal(relative: str) -> bool:
    return ".git" in Path(relative).parts


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


@dataclass
class Expect:
    """What a run may do besides writing inside the engagement."""

    exits: tuple[int, ...] = (0, 2)
    writes: bool = False
    allowed_files: Sequence[Path] = ()  # files it may write outside the engagement
    allowed_folders: Sequence[Path] = ()  # folders it may write in, outside the engagement
    listed: bool = True  # written files are printed on stdout
    listing: bool = False  # a listing may name several broken files, one line each
    gathers: bool = False  # an import lists every problem, one line each, then a count
    extra: dict[str, str] = field(default_factory=dict)  # extra environment


USAGE_FIRST_LINE = re.compile(r"\AUsage: coachkit\b")
# coachkit's own one line: "coachkit: message", or "WHERE: message" where WHERE is a
# file (with its line and column when there is one), a path given or an option.
OWN_ERROR = re.compile(r"\A(?:coachkit: .+|[^'\"].*?: .+)\Z")
PROBLEM_LINE = re.compile(r"\A(?:coachkit: \S.*|.+?:\d+(?::\d+)?: \S.*)\Z")


def describe(args: Sequence[str], cwd: Path, workspace: Workspace) -> str:
    where = cwd.relative_to(workspace.watched) if _within(cwd, workspace.watched) else cwd
    return f"coachkit {' '.join(repr(a) for a in args)}  (in {where})"


# The last line of an import that lists several problems.
PROBLEM_COUNT = re.compile(r"\Acoachkit: \d+ problems in .+; nothing was written\Z")


def check_error_output(stderr: str, how: str, listing: bool, gathers: bool = False) -> None:
    """Exit 2's stderr: one line of coachkit's own, or click's usage error."""
    assert stderr.strip(), f"exit 2 with nothing on stderr: {how}"
    if USAGE_FIRST_LINE.match(stderr):
        errors = [line for line in stderr.split("\n") if line.startswith("Error: ")]
        if not errors:  # a group run without a command: click shows its help, exit 2
            assert "\nCommands:\n" in stderr, f"click usage without an Error line: {how}\n{stderr}"
            return
        assert len(errors) == 1, (
            f"click usage error with {len(errors)} Error lines: {how}\n{stderr}"
        )
        return
    lines = stderr.rstrip("\n").splitlines()
    if gathers and len(lines) > 1:
        bad = [line for line in lines[:-1] if not PROBLEM_LINE.match(line)]
        assert not bad, f"a problem line is not path:line: message: {how}\n{bad!r}"
        assert PROBLEM_COUNT.match(lines[-1]), f"no count of the problems last: {how}\n{stderr}"
        return
    if listing and len(lines) > 1:
        bad = [line for line in lines if not PROBLEM_LINE.match(line)]
        assert not bad, f"a problem line is not path:line:col: message: {how}\n{bad!r}"
        return
    assert len(lines) == 1, f"exit 2 with {len(lines)} lines on stderr: {how}\n{stderr!r}"
    assert OWN_ERROR.match(lines[0]), f"not coachkit's own message: {how}\n{stderr!r}"


def run_as_process(args: Sequence[str], cwd: Path, extra: dict[str, str]) -> Run:
    """``run``, with sys.argv set as a real process would have it (the crash log writes it)."""
    saved = sys.argv
    sys.argv = ["coachkit", *args]
    try:
        with time_limit(TIME_LIMIT):
            return run(*args, cwd=cwd, env={**ENV, **extra})
    finally:
        sys.argv = saved


def invoke(workspace: Workspace, args: Sequence[str], cwd: Path, expect: Expect) -> Run:
    """Run coachkit once and check the property; return what it printed."""
    how = describe(args, cwd, workspace)
    before = snapshot(workspace.watched)
    result: Run | None = None
    crash: Exception | None = None
    try:
        result = run_as_process(args, cwd, expect.extra)
    except Exception as exc:  # it escaped coachkit: a user would see a Python traceback
        crash = exc
    after = snapshot(workspace.watched)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if crash is not None:
        raise AssertionError(f"Python traceback: {how}") from crash
    assert result is not None

    assert result.exit_code in expect.exits, (
        f"exit {result.exit_code}: {how}\n{result.stderr[-2000:]}"
    )
    assert "Traceback" not in result.output, f"traceback: {how}\n{result.output[-3000:]}"
    assert "internal error" not in result.stderr, f"crash: {how}\n{result.stderr}"

    if result.exit_code == 2:
        check_error_output(result.stderr, how, expect.listing, expect.gathers)
        assert not changed, f"exit 2 but changed {changed}: {how}\n{result.stderr}"
        return result
    if not expect.writes:
        assert not changed, f"a read-only command changed {changed}: {how}"
        return result

    deleted = [k for k in before.keys() - after.keys() if not _is_git_internal(k)]
    assert not deleted, f"deleted {deleted}: {how}"
    engagement = workspace.engagement.resolve()
    base = cwd / args[1] if args[:1] == ["-C"] else cwd
    printed = result.stdout + (result.stderr if "lint" in args else "")
    listed = {(base / line).resolve() for line in printed.split("\n") if line.strip()}
    for relative in changed:
        path = workspace.watched.resolve() / relative
        if _is_git_internal(relative) or relative not in after:
            continue  # git's own files (a commit); deletions are checked above
        inside = _within(path, engagement)
        allowed = any(path == f.resolve() for f in expect.allowed_files) or any(
            _within(path, d.resolve()) for d in expect.allowed_folders
        )
        assert inside or allowed, f"wrote {relative} outside the engagement: {how}"
        if expect.listed:
            assert path in listed, f"wrote {relative} without printing it: {how}\n{result.stdout}"
    return result


def assert_still_reads(workspace: Workspace, how: str) -> None:
    """After a successful write, every note still parses and every list still loads."""
    for args in (["goal", "list", "--json"], ["action", "list", "--status", "all", "--json"]):
        result = run(*args, cwd=workspace.engagement, env=ENV)
        assert result.exit_code == 0, f"after {how}, `{' '.join(args)}` says:\n{result.stderr}"


def action_items(workspace: Workspace) -> list[dict[str, object]]:
    result = run("action", "list", "--status", "all", "--json", cwd=workspace.engagement)
    assert result.exit_code == 0, result.stderr
    items: list[dict[str, object]] = json.loads(result.stdout)
    return items


@pytest.fixture
def pristine(sample: Path) -> Path:
    """The committed sample engagement, built once per test and copied per example."""
    return sample


# --- helpers to build argv -------------------------------------------------------------


def positional(value: str) -> list[str]:
    """An argument, after ``--`` when it would otherwise read as an option."""
    return ["--", value] if value.startswith("-") else [value]


class Draw(Protocol):
    """``data.draw``."""

    def __call__(self, strategy: st.SearchStrategy[T], label: object = None) -> T: ...


def maybe(draw: Draw, option: str, values: st.SearchStrategy[str]) -> list[str]:
    """``[option, value]``, or nothing."""
    return [option, draw(values)] if draw(st.booleans()) else []


def flag(draw: Draw, name: str) -> list[str]:
    """``[name]``, or nothing."""
    return [name] if draw(st.booleans()) else []


some_text = st.one_of(cli_text, cli_text, cli_text, cli_text, surrogate_text)
ACTION_IDS = [
    "t9hc",
    "T9HC",
    "w3fn",
    " t9hc ",
    "k7m2",
    "zzzz",
    "t9h",
    "t9hcx",
    "",
    "*",
    "t9hc,w3fn",
]
action_ids = st.one_of(st.sampled_from(ACTION_IDS), cli_text)
GOAL_IDS = ["G1", "g2", "G2", "G3", "G0", "G01", "", "1", "goal"]
goal_ids = st.one_of(st.sampled_from(GOAL_IDS), cli_text)
formats = st.one_of(st.sampled_from(["table", "json", "csv"]), st.sampled_from(["JSON", "", "xml"]))
within = st.one_of(
    st.integers(0, 400).map(str),
    st.sampled_from(["-1", "x", "", "1.5", "0x10", "2913000", "3000000", "9" * 12, "9" * 30]),
)
IN_FILES = [
    "sessions/02-2026-01-29.md",
    "sessions/01-2026-01-15.md",
    "engagement.md",
    "goals/G1-delegate-strategic-decisions.md",
    "feedback/2026-02-05-mini-survey.md",
    "../outside.md",
    "sessions/99-2026-12-31.md",
    "sessions",
    "sessions/../engagement.md",
    "/etc/hostname",
    "",
]
in_files = st.one_of(st.sampled_from(IN_FILES), cli_text)
LIST_PATHS = [
    ".",
    "..",
    "sessions",
    "engagement.md",
    "sessions/02-2026-01-29.md",
    "feedback/2026-02-05-mini-survey.md",
    "missing",
    ".git",
    "",
    "/nonexistent-coachkit-path",
]
list_paths = st.lists(st.one_of(st.sampled_from(LIST_PATHS), cli_text), max_size=3)


def located(workspace: Workspace, place: str, argv: list[str]) -> tuple[Path, list[str]]:
    """Where to run ``argv``, and the argv with the place's global options in front."""
    cwd, options = workspace.location(place)
    return cwd, [*options, *argv]


# --- action ----------------------------------------------------------------------------


@CLI_SETTINGS
@given(data=st.data())
def test_action_add(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    title = draw(some_text)
    owner = draw(some_text)
    argv = [
        "action",
        "add",
        "--owner",
        owner,
        "--due",
        draw(dates),
        *maybe(draw, "--goal", goal_ids),
        *maybe(draw, "--accountability", some_text),
        *(["--in", draw(in_files)] if draw(st.integers(0, 3)) == 0 else []),
        *flag(draw, "--no-commit"),
        *positional(title),
    ]
    cwd, args = located(workspace, draw(places), argv)
    result = invoke(workspace, args, cwd, Expect(writes=True))
    if result.exit_code == 0:
        how = describe(args, cwd, workspace)
        assert_still_reads(workspace, how)
        added = re.search(r"^added (\S+): ", result.stderr, re.M)
        assert added, f"no new id on stderr: {how}\n{result.stderr}"
        item = next(i for i in action_items(workspace) if i["id"] == added.group(1))
        assert item["title"] == title.strip(), f"title changed on the way: {how}\n{item}"
        assert item["owner"] == owner.strip(), f"owner changed on the way: {how}\n{item}"


@CLI_SETTINGS
@given(data=st.data())
def test_action_done_and_drop(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    verb = draw(st.sampled_from(["done", "drop"]))
    argv = ["action", verb, *flag(draw, "--no-commit")]
    if verb == "done":
        argv += maybe(draw, "--date", dates)
    argv += positional(draw(action_ids))
    run_writer(workspace, draw, argv)


@CLI_SETTINGS
@given(data=st.data())
def test_action_list_and_overdue(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    command = draw(st.sampled_from(["action list", "overdue"])).split()
    argv = [
        *command,
        *maybe(draw, "--as-of", dates),
        *maybe(draw, "--within", within),
        *maybe(draw, "--owner", some_text),
        *maybe(draw, "--format", formats),
        *flag(draw, "--json"),
        *flag(draw, "--no-cache"),
    ]
    check = False
    if command == ["overdue"]:
        check = draw(st.booleans())
        argv += ["--check"] if check else []
    else:
        argv += maybe(draw, "--status", st.sampled_from(["open", "done", "dropped", "all", "x"]))
        argv += flag(draw, "--overdue")
    argv += ["--", *draw(list_paths)]
    cwd, args = located(workspace, draw(places), argv)
    invoke(workspace, args, cwd, Expect(exits=(0, 1, 2) if check else (0, 2)))


@CLI_SETTINGS
@given(data=st.data())
def test_status(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    argv = [
        "status",
        *maybe(draw, "--as-of", dates),
        *maybe(draw, "--format", formats),
        *flag(draw, "--json"),
        *flag(draw, "--no-cache"),
        "--",
        *draw(list_paths),
    ]
    cwd, args = located(workspace, draw(places), argv)
    invoke(workspace, args, cwd, Expect())


def run_writer(workspace: Workspace, draw: Any, argv: list[str]) -> None:
    """Run a writing command from a drawn place; after success the engagement still reads."""
    cwd, args = located(workspace, draw(places), argv)
    result = invoke(workspace, args, cwd, Expect(writes=True))
    if result.exit_code == 0:
        assert_still_reads(workspace, describe(args, cwd, workspace))


# --- goal, session, init ---------------------------------------------------------------


@CLI_SETTINGS
@given(data=st.data())
def test_goal_add(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    argv = [
        "goal",
        "add",
        *maybe(draw, "--measure", some_text),
        *maybe(draw, "--baseline", some_text),
        *maybe(draw, "--target", some_text),
        *maybe(draw, "--target-date", dates),
        *maybe(draw, "--competency", some_text),
        *flag(draw, "--no-commit"),
        *positional(draw(some_text)),
    ]
    run_writer(workspace, draw, argv)


TEMPLATE_NAMES = ["session", "goal", "engagement", "report", "report.html", "session.md.j2"]
template_names = st.one_of(
    st.sampled_from(TEMPLATE_NAMES),
    st.sampled_from(["../x", "/etc/passwd", "a/b", ".hidden", "", "nope", "SESSION", "a\\b"]),
    cli_text,
)


@CLI_SETTINGS
@given(data=st.data())
def test_session_new(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    argv = [
        "session",
        "new",
        *maybe(draw, "--date", dates),
        *maybe(draw, "--template", template_names),
        *maybe(draw, "--format", some_text),
        *flag(draw, "--edit"),
        *flag(draw, "--no-commit"),
    ]
    run_writer(workspace, draw, argv)


INIT_PATHS = [
    "new-engagement",
    "a/b",
    "../x",
    "../../x",
    "../../../fresh",
    ".",
    "",
    "deep/er/still",
    f"../../../{ENGAGEMENT}",
    f"../../../{ENGAGEMENT}/sub",
    f"../../../{ENGAGEMENT}/engagement.md",
    "name with spaces",
    "ünïcödé",
    "-dash",
]


@CLI_SETTINGS
@given(data=st.data())
def test_init_and_sample(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    cwd = workspace.outside / "a" / "b" / "c"
    cwd.mkdir(parents=True)
    target = draw(st.one_of(st.sampled_from(INIT_PATHS), cli_text.filter(lambda t: ".." not in t)))
    if target.startswith("/"):
        target = str(cwd) + target  # an absolute path, but one inside the watched folder
    names = st.one_of(
        st.sampled_from(["Jordan Lee", "../../x", "/abs", "a/b", "", " ", "\t", "\x1b[2J", "\x7f"]),
        some_text,
    )
    if draw(st.integers(0, 4)) == 0:
        argv = ["sample", *flag(draw, "--no-commit"), *positional(target)]
    else:
        argv = [
            "init",
            "--client",
            draw(names),
            *maybe(draw, "--role", some_text),
            *maybe(draw, "--organization", names),
            *maybe(draw, "--sponsor", names),
            *maybe(draw, "--hr", names),
            *maybe(draw, "--coach", names),
            *maybe(draw, "--start", dates),
            *maybe(draw, "--end", dates),
            *maybe(draw, "--sessions", st.sampled_from(["12", "1", "0", "-1", "x", "1e3", ""])),
            *maybe(draw, "--session-length", st.sampled_from(["60", "5", "4", "0", "-60", "x"])),
            *maybe(
                draw,
                "--cadence",
                st.one_of(
                    st.sampled_from(["2w", "1w", "10d", "1mo", "0w", "2", "w", "1m"]), cli_text
                ),
            ),
            *flag(draw, "--no-commit"),
            *positional(target),
        ]
    folder = cwd / target
    result = invoke(
        workspace,
        argv,
        cwd,
        Expect(writes=True, allowed_folders=[folder]),
    )
    if result.exit_code == 0 and argv[0] == "init":
        how = describe(argv, cwd, workspace)
        listing = run("goal", "list", "--json", cwd=folder)
        assert listing.exit_code == 0, f"after {how}: {listing.stderr}"


# --- feedback --------------------------------------------------------------------------


@CLI_SETTINGS
@given(data=st.data())
def test_feedback_add(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    argv = ["feedback", "add", "--kind", draw(kinds), *maybe(draw, "--date", dates)]
    argv += maybe(draw, "--scale", scales)
    for rating in draw(st.lists(rating_options(), max_size=5)):
        argv += ["--rating", rating]
    for comment in draw(st.lists(comment_options(), max_size=2)):
        argv += ["--comment", comment]
    argv += flag(draw, "--no-commit")
    cwd, args = located(workspace, draw(places), argv)
    result = invoke(workspace, args, cwd, Expect(writes=True))
    if result.exit_code == 0:
        how = describe(args, cwd, workspace)
        assert_still_reads(workspace, how)
        summary = run("feedback", "summary", "--json", cwd=workspace.engagement)
        assert summary.exit_code == 0, f"after {how}: {summary.stderr}"


@CLI_SETTINGS
@given(data=st.data())
def test_feedback_import(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    export = workspace.outside / "survey.csv"
    export.write_bytes(draw(csv_exports()))
    name = draw(
        st.sampled_from(
            [
                str(export),
                "../survey.csv",
                "../survey.csv",
                "missing.csv",
                "sessions",
                "engagement.md",
                "",
            ]
        )
    )
    argv = ["feedback", "import", "--kind", draw(kinds), *maybe(draw, "--date", dates)]
    argv += [*maybe(draw, "--scale", scales), *flag(draw, "--no-commit"), *positional(name)]
    result = invoke(workspace, argv, workspace.engagement, Expect(writes=True, gathers=True))
    if result.exit_code == 0:
        how = describe(argv, workspace.engagement, workspace)
        assert_still_reads(workspace, how)
        summary = run("feedback", "summary", "--json", cwd=workspace.engagement)
        assert summary.exit_code == 0, f"after {how}: {summary.stderr}"


@settings(CLI_SETTINGS, max_examples=examples(10))
@given(data=st.data())
def test_feedback_summary(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    argv = ["feedback", "summary", *maybe(draw, "--format", formats), *flag(draw, "--json")]
    cwd, args = located(workspace, draw(places), argv)
    invoke(workspace, args, cwd, Expect())


# --- close, report ---------------------------------------------------------------------

GOAL_STATUSES = [
    "achieved",
    "partially-achieved",
    "not-achieved",
    "dropped",
    "ACHIEVED",
    "active",
    "x",
    "",
]


@st.composite
def assignments(draw: st.DrawFn, values: st.SearchStrategy[str]) -> str:
    if draw(st.integers(0, 5)) == 0:
        return draw(cli_text)
    return f"{draw(goal_ids)}{draw(st.sampled_from(['=', '=', ' = ', ':', '==']))}{draw(values)}"


@CLI_SETTINGS
@given(data=st.data())
def test_close(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    argv = ["close", *maybe(draw, "--end", dates)]
    for value in draw(st.lists(assignments(st.sampled_from(GOAL_STATUSES)), max_size=3)):
        argv += ["--goal", value]
    for value in draw(st.lists(assignments(some_text), max_size=3)):
        argv += ["--outcome", value]
    for day in draw(st.lists(dates, max_size=3)):
        argv += ["--follow-up", day]
    argv += flag(draw, "--no-commit")
    run_writer(workspace, draw, argv)


OUTPUTS = [
    "out.md",
    "report.html",
    "report.HTM",
    "x.pdf",
    "x.txt",
    "../outside-report.md",
    "../outside-report.html",
    "missing/folder/x.md",
    "engagement.md",
    "sessions",
    "sessions/",
    "../link.md",
    "",
    ".",
]


@CLI_SETTINGS
@given(data=st.data())
def test_report(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    (workspace.outside / "link.md").symlink_to(workspace.engagement / "engagement.md")
    draw = data.draw
    audience = draw(
        st.one_of(st.sampled_from(["client", "sponsor", "Client", "coach", ""]), cli_text)
    )
    fmt = draw(st.one_of(st.sampled_from(["md", "html", "pdf", "MD", "docx", ""]), cli_text))
    argv = ["report", *(["--for", audience] if draw(st.booleans()) else [])]
    argv += ["--format", fmt] if draw(st.booleans()) else []
    output = draw(st.sampled_from(OUTPUTS)) if draw(st.booleans()) else None
    argv += ["-o", output] if output is not None else []
    argv += [*flag(draw, "--force"), *flag(draw, "--dry-run"), *flag(draw, "--no-commit")]
    cwd, args = located(workspace, draw(st.sampled_from(ENGAGEMENT_PLACES)), argv)
    allowed = [] if output is None else [cwd / output]
    invoke(workspace, args, cwd, Expect(writes=True, allowed_files=allowed))


# --- lint, templates -------------------------------------------------------------------

RULE_NAMES = [
    "CK1",
    "CK2",
    "CK",
    "action-overdue",
    "action-missing-due",
    "yaml-invalid",
    "CK999",
    "nope",
    "",
    ",",
    "ck1",
    "*",
]
rule_lists = st.lists(st.one_of(st.sampled_from(RULE_NAMES), cli_text), max_size=3).map(",".join)


@CLI_SETTINGS
@given(data=st.data())
def test_lint(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    lint_formats = st.one_of(
        st.sampled_from(["text", "json", "github", "sarif", "TEXT", ""]), cli_text
    )
    argv = ["lint", *maybe(draw, "--format", lint_formats)]
    for option in ("--select", "--ignore"):
        for value in draw(st.lists(rule_lists, max_size=2)):
            argv += [option, value]
    argv += [*flag(draw, "--exit-zero"), *flag(draw, "--strict"), *maybe(draw, "--as-of", dates)]
    argv += [*flag(draw, "--no-commit"), *flag(draw, "--diff"), *flag(draw, "--no-cache")]
    extra = {}
    if draw(st.integers(0, 4)) == 0:
        extra["COACHKIT_LINT_FORMAT"] = draw(lint_formats)
    mode = draw(st.sampled_from(["check", "check", "fix", "list-rules", "explain"]))
    if mode == "fix":
        argv.append("--fix")
    elif mode == "list-rules":
        argv.append("--list-rules")
    elif mode == "explain":
        argv += ["--explain", draw(st.one_of(st.sampled_from(RULE_NAMES), cli_text))]
    # From these places, ".." is at most the folder holding the copy: --fix stays in it.
    paths = draw(list_paths)
    place = draw(st.sampled_from(ENGAGEMENT_PLACES))
    cwd, args = located(workspace, place, [*argv, "--", *paths])
    invoke(workspace, args, cwd, Expect(exits=(0, 1, 2), writes=mode == "fix", extra=extra))


@settings(CLI_SETTINGS, max_examples=examples(20))
@given(data=st.data())
def test_templates(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    if draw(st.booleans()):
        argv = ["templates", "show", *positional(draw(template_names))]
    else:
        argv = ["templates", "list", *maybe(draw, "--format", formats), *flag(draw, "--json")]
    cwd, args = located(workspace, draw(places), argv)
    invoke(workspace, args, cwd, Expect())


# --- any argv --------------------------------------------------------------------------

COMMANDS = [
    ["action", "add"],
    ["action", "done"],
    ["action", "drop"],
    ["action", "list"],
    ["action"],
    ["calendar"],
    ["close"],
    ["feedback", "add"],
    ["feedback", "import"],
    ["feedback", "summary"],
    ["goal", "add"],
    ["goal", "list"],
    ["lint"],
    ["overdue"],
    ["report"],
    ["session", "new"],
    ["session", "list"],
    ["status"],
    ["templates", "list"],
    ["templates", "show"],
    ["nope"],
    [],
]
TOKENS = [
    "--owner", "--due", "--goal", "--accountability", "--in", "--no-commit", "--date",
    "--status", "--overdue", "--as-of", "--within", "--format", "--json", "--check",
    "--end", "--outcome", "--follow-up", "--kind", "--scale", "--rating", "--comment",
    "--measure", "--baseline", "--target", "--target-date", "--competency", "--template",
    "--for", "--dry-run", "--select", "--ignore", "--strict", "--exit-zero", "--diff",
    "--explain", "--list-rules", "--force", "--no-cache", "-C", "-h", "--help", "--version", "--", "-",
    "--owner=", "--due=fri", "--json=1", "-x", "--no-such-option",
]  # fmt: skip
tokens = st.one_of(st.sampled_from(TOKENS), dates, action_ids, cli_text)


@settings(CLI_SETTINGS, max_examples=examples(50))
@given(data=st.data())
def test_any_argv(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    """Any tokens after any command: no -o, init or sample, so every write is inside."""
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    argv = [*draw(st.sampled_from(COMMANDS)), *draw(st.lists(tokens, max_size=6))]
    for at, token in enumerate(list(argv)):
        if token == "-C":
            argv[at + 1 : at + 2] = ["."]  # stay in the engagement
    cwd = workspace.engagement
    invoke(workspace, argv, cwd, Expect(exits=(0, 1, 2), writes=True))


# --- notes built from YAML-ish fragments ---------------------------------------------

NOTES = [
    "engagement.md",
    "sessions/02-2026-01-29.md",
    "goals/G1-delegate-strategic-decisions.md",
    "feedback/2026-02-05-mini-survey.md",
    "sessions/03-2026-02-12.md",
]
READERS = [
    ["action", "list", "--status", "all", "--json"],
    ["overdue", "--format", "csv"],
    ["status", "--json"],
    ["lint", "--format", "json"],
    ["goal", "list"],
    ["session", "list", "--json"],
    ["feedback", "summary"],
    ["report", "--dry-run", "--for", "sponsor"],
]
WRITERS = [
    ["action", "add", "Planted", "--owner", "Jordan", "--due", "fri", "--goal", "G1"],
    ["action", "done", "t9hc"],
    ["session", "new", "--no-commit"],
    ["goal", "add", "Planted goal"],
    ["close", "--goal", "G1=achieved", "--no-commit"],
    ["feedback", "add", "--kind", "final", "--rating", "R1:manager:G1:4"],
    ["report", "--for", "client"],
]


@settings(CLI_SETTINGS, max_examples=examples(50))
@given(data=st.data())
def test_planted_front_matter(tmp_path: Path, pristine: Path, data: st.DataObject) -> None:
    """A note with generated front matter: readers list what they can, writers refuse cleanly."""
    workspace = fresh_workspace(tmp_path, pristine)
    draw = data.draw
    note = workspace.engagement / draw(st.sampled_from(NOTES))
    note.write_bytes(draw(front_matter_notes()))
    args = draw(st.sampled_from(READERS + WRITERS))
    writes = args in WRITERS
    listing = args[0] in ("action", "overdue", "status") or args[:2] == ["feedback", "summary"]
    invoke(
        workspace,
        args,
        workspace.engagement,
        Expect(exits=(0, 1, 2) if args[0] == "lint" else (0, 2), writes=writes, listing=listing),
    )


# --- bugs the properties found, kept as regression tests ------------------------------
# Each test below is the smallest reproducer of a bug the properties above found (all
# fixed): surrogates in argv, dates past the calendar, names over 255 bytes, line breaks
# in quoted input, a missing "coachkit:" prefix, init leaving a folder, report --dry-run's
# early header, and the reader's ValueError on !!int/!!float and 5000-digit numbers.


def _pin(tmp_path: Path, pristine: Path, args: list[str], expect: Expect | None = None) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    invoke(workspace, args, workspace.engagement, expect or Expect(writes=True))


@pytest.mark.parametrize(
    "args",
    [
        ["action", "add", "t", "--owner", "\udcff", "--due", "today"],
        ["action", "add", "\udcff", "--owner", "o", "--due", "today"],
        ["goal", "add", "t", "--competency", ",\udcff"],
        ["session", "new", "--format", ",\udcff"],
        ["close", "--outcome", "G1=,\udcff"],
        [
            "feedback",
            "add",
            "--kind",
            "final",
            "--rating",
            "R1:manager:G1:4",
            "--comment",
            "R1:G1:\udcff",
        ],
    ],
    ids=[
        "action-add-owner",
        "action-add-title",
        "goal-add-competency",
        "session-new-format",
        "close-outcome",
        "feedback-comment",
    ],
)
def test_found_surrogate_in_argv(tmp_path: Path, pristine: Path, args: list[str]) -> None:
    _pin(tmp_path, pristine, args)


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--as-of", "0001-01-01"],
        ["overdue", "--within", "3000000"],
        ["action", "list", "--within", "99999999999999999999"],
        ["action", "list", "--as-of", "9999-12-31", "--within", "1"],
        ["session", "new", "--date", "9999-12-31"],
    ],
    ids=["overdue-as-of", "overdue-within", "action-list-within", "action-list-as-of", "session"],
)
def test_found_date_overflow(tmp_path: Path, pristine: Path, args: list[str]) -> None:
    _pin(tmp_path, pristine, args)


@pytest.mark.parametrize(
    "args",
    [
        ["sample", "x" * 300],
        ["init", "--client", "Jordan", "x" * 300],
        ["overdue", "x" * 300],
        ["session", "new", "--template", "x" * 300],
    ],
    ids=["sample", "init", "overdue", "session-new-template"],
)
def test_found_name_too_long(tmp_path: Path, pristine: Path, args: list[str]) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    expect = Expect(writes=True, allowed_folders=[workspace.engagement / ("x" * 300)])
    invoke(workspace, args, workspace.engagement, expect)


@pytest.mark.parametrize(
    "args",
    [
        ["status", "a\nb"],
        [
            "feedback",
            "add",
            "--kind",
            "final",
            "--rating",
            "R1:manager:G1:4",
            "--comment",
            "R1:G9:a\nb",
        ],
    ],
    ids=["status-path", "feedback-comment"],
)
def test_found_raw_line_break(tmp_path: Path, pristine: Path, args: list[str]) -> None:
    _pin(tmp_path, pristine, args)


@pytest.mark.parametrize(
    "args",
    [["session", "new", "--template", "a/b:c"], ["report", "--format", "pdf"]],
    ids=["template-name", "pdf-printer"],
)
def test_found_no_prefix(tmp_path: Path, pristine: Path, args: list[str]) -> None:
    _pin(tmp_path, pristine, args)


def test_found_init_leaves_folder(tmp_path: Path, pristine: Path) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    templates = workspace.outside / ".coachkit" / "templates"
    templates.mkdir(parents=True)
    (templates / "engagement.md.j2").write_text("---\nclient: {{ clinet }}\n---\n", "utf-8")
    folder = workspace.outside / "new-engagement"
    expect = Expect(writes=True, allowed_folders=[folder])
    result = invoke(
        workspace, ["init", "--client", "Jordan", str(folder)], workspace.outside, expect
    )
    assert result.exit_code == 2, result.output
    assert not folder.exists(), "exit 2, yet the folder was created"


def test_found_dry_run_header(tmp_path: Path, pristine: Path) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    (workspace.engagement / "engagement.md").write_text("---\nclient: [\n---\n", encoding="utf-8")
    invoke(workspace, ["report", "--dry-run"], workspace.engagement, Expect())


@pytest.mark.parametrize(
    "value", ["!!int x", "!!float x", "1" * 5000], ids=["int-tag", "float-tag", "5000-digits"]
)
def test_found_reader_value_error(tmp_path: Path, pristine: Path, value: str) -> None:
    workspace = fresh_workspace(tmp_path, pristine)
    note = workspace.engagement / "sessions" / "02-2026-01-29.md"
    note.write_text(f"---\nsession: 2\ndate: 2026-01-29\nx: {value}\n---\n", encoding="utf-8")
    expect = Expect(exits=(0, 1, 2), listing=True)
    invoke(workspace, ["lint", "--format", "json"], workspace.engagement, expect)
