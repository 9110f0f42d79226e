"""A warm ``overdue --format json`` answered before click prints exactly what click would.

Each case runs coachkit as a real process three times: once to fill the parse
cache, once more (the quick answer, when it can give one) and once with
``--no-cache`` through click; stdout, stderr and the exit status must be the same.
Whether click was imported is read from ``-X importtime``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coachkit.cli.quick import _request
from tests.helpers import run_process

SETTLE_S = 1.1  # notes younger than a second are never cached (parse_cache.SETTLE_NS)


def coachkit(*args: str, cwd: Path, timing: bool = False) -> subprocess.CompletedProcess[str]:
    return run_process(*args, cwd=cwd, python_options=("-X", "importtime") if timing else ())


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three engagements from the sample, one client named with quotes and accents,
    one folder with a space and an accent, one a level deeper; settled, so cacheable."""
    top = tmp_path_factory.mktemp("quick") / "practice"
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Alex Rivera",
        GIT_AUTHOR_EMAIL="alex@example.org",
        GIT_COMMITTER_NAME="Alex Rivera",
        GIT_COMMITTER_EMAIL="alex@example.org",
        COACHKIT_TODAY="2026-03-01",
    )
    first = top / "acme-jordan-lee"
    subprocess.run(
        [sys.executable, "-m", "coachkit", "sample", str(first)],
        env=env,
        check=True,
        capture_output=True,
    )
    shutil.rmtree(first / ".git", ignore_errors=True)
    for copy in ("globex zoë-ødegaard", "east/initech-sam"):
        shutil.copytree(first, top / copy)
    note = top / "globex zoë-ødegaard" / "engagement.md"
    text = note.read_text(encoding="utf-8")
    client = next(line for line in text.splitlines() if line.startswith("client:"))
    note.write_text(text.replace(client, "client: 'Zoë \"Z\" Ødegaard\\ tab'"), encoding="utf-8")
    time.sleep(SETTLE_S)
    return top


def imported(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }


def without_imports(stderr: str) -> str:
    return "".join(
        line + "\n" for line in stderr.splitlines() if not line.startswith("import time:")
    )


def check_same(args: list[str], cwd: Path, quick: bool) -> subprocess.CompletedProcess[str]:
    """Run ``args`` cold, warm and uncached; the warm run is quick (no click) iff ``quick``."""
    coachkit(*args, cwd=cwd)  # fills the cache
    warm = coachkit(*args, cwd=cwd, timing=True)
    uncached = coachkit(*args, "--no-cache", cwd=cwd)
    assert ("click" not in imported(warm)) is quick, without_imports(warm.stderr)
    assert (warm.stdout, without_imports(warm.stderr), warm.returncode) == (
        uncached.stdout,
        uncached.stderr,
        uncached.returncode,
    )
    return warm


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "{top}", "--format", "json"],
        ["overdue", "--json", "{top}/"],
        ["overdue", "--format=json", "{top}/east", "{top}/globex zoë-ødegaard/sessions"],
        ["overdue", "--json", "--owner", "JORDAN", "{top}"],
        ["overdue", "--json", "--owner=Jordan", "--check", "{top}"],
    ],
)
def test_a_warm_practice_is_answered_before_click(practice: Path, args: list[str]) -> None:
    given = [arg.replace("{top}", str(practice)) for arg in args]
    warm = check_same(given, practice.parent, quick=True)
    assert '"client": "Zoë \\"Z\\" Ødegaard\\\\ tab"' in warm.stdout or "globex" not in warm.stdout
    assert warm.stdout.startswith("[\n  {")
    assert warm.returncode == (1 if "--check" in args else 0)


@pytest.mark.parametrize(
    "args",
    [
        ["action", "list", "{top}", "--status", "all", "--json"],
        ["action", "list", "--json", "{top}"],
        ["action", "list", "--json", "--status=done", "--owner", "JORDAN", "{top}/"],
        ["action", "list", "--json", "--overdue", "{top}/east", "{top}/globex zoë-ødegaard"],
        ["action", "list", "--format", "json", "--status", "dropped", "{top}"],
        ["action", "list", "--json", "--status", "all", "--owner", "nobody", "{top}"],
    ],
)
def test_a_warm_action_list_is_answered_before_click(practice: Path, args: list[str]) -> None:
    given = [arg.replace("{top}", str(practice)) for arg in args]
    unknown_owner = "nobody" in args
    warm = check_same(given, practice.parent, quick=not unknown_owner)
    assert warm.returncode == (2 if unknown_owner else 0)
    if "all" in args and not unknown_owner:
        assert warm.stdout.count('"status": ') > warm.stdout.count('"status": "open"') > 0


def test_relative_paths_and_the_current_folder(practice: Path) -> None:
    check_same(["overdue", "--json", "practice"], practice.parent, quick=True)
    check_same(["overdue", "--json", "."], practice / "east", quick=True)
    check_same(["overdue", "--json", "."], practice / "acme-jordan-lee", quick=True)
    check_same(["overdue", "--json"], practice / "acme-jordan-lee" / "sessions", quick=True)
    check_same(["overdue", "--json"], practice, quick=True)


def test_nothing_overdue_is_an_empty_list(practice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHKIT_TODAY", "2000-01-01")
    warm = check_same(["overdue", "--json", "--check", str(practice)], practice, quick=True)
    assert (warm.stdout, warm.returncode) == ("[]\n", 0)


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--json", "--owner", "nobody", "{top}"],  # an error, said by click's path
        ["overdue", "--json", "{top}/nowhere"],
        ["overdue", "--json", "--within", "7", "{top}"],
        ["overdue", "--format", "table", "{top}"],
        ["overdue", "--json", "--coach", "all", "{top}"],
        ["overdue", "--json", "--as-of", "2026-01-01", "{top}"],
    ],
)
def test_anything_else_goes_through_click(practice: Path, args: list[str]) -> None:
    check_same([arg.replace("{top}", str(practice)) for arg in args], practice, quick=False)


def test_a_fixed_today_in_another_form_goes_through_click(
    practice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACHKIT_TODAY", "2026-3-1")
    check_same(["overdue", "--json", str(practice)], practice, quick=False)
    monkeypatch.setenv("COACHKIT_TODAY", "2026-W09-7")  # refused by click's path, not read here
    assert check_same(["overdue", "--json", str(practice)], practice, quick=False).returncode == 2


@pytest.mark.parametrize(
    ("settings", "quick"),
    [
        ("commit: false\n", True),  # no team: answered
        ("team: false\n", True),
        ("team: true\n", False),  # only the git identity's engagements: click's path
        ("team: maybe\n", False),  # an error at its line: click's path says it
        ("team: [\n", False),  # broken YAML
    ],
)
def test_settings_files_are_read_for_team(practice: Path, settings: str, quick: bool) -> None:
    place = practice / "east" / ".coachkit.yaml"
    place.write_text(settings, encoding="utf-8")
    try:
        check_same(["overdue", "--json", "--coach", "all", str(practice / "east")], practice, False)
        result = check_same(["overdue", "--json", str(practice / "east")], practice, quick)
        assert result.returncode == (2 if settings in ("team: maybe\n", "team: [\n") else 0)
    finally:
        place.unlink()


def test_a_broken_note_is_reported_by_click(practice: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(practice / "acme-jordan-lee", copy)
    (copy / "goals" / "G9-broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    result = check_same(["overdue", "--json", str(copy)], tmp_path, quick=False)
    assert result.returncode == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["status", "--json"],
        ["overdue"],
        ["overdue", "--json", "--"],
        ["overdue", "--json", "-h"],
        ["overdue", "--json", "--owner"],
        ["overdue", "--json", "--owner", "--check"],
        ["overdue", "--json", "--owner="],
        ["overdue", "--json", ""],
        ["overdue", "--json", "caf\udce9"],
        ["-C", "x", "overdue", "--json"],
        ["overdue", "--json", "--overdue"],  # action list's flag
        ["action", "list"],  # a table
        ["action", "list", "--json", "--check"],  # overdue's flag
        ["action", "list", "--json", "--status", "closed"],
        ["action", "list", "--json", "--within", "3"],
        ["action", "add", "--json"],
    ],
)
def test_command_lines_the_quick_answer_leaves_to_click(argv: list[str]) -> None:
    assert _request(argv) is None
