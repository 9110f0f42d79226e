"""Bad input is normal input: one line, exit 2, no traceback, nothing lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coachkit import __version__
from tests.helpers import build_file_tree, run

READ_COMMANDS = [
    ("goal", "list"),
    ("session", "list"),
    ("action", "list"),
    ("overdue",),
    ("status",),
]
WRITE_COMMANDS = [
    ("session", "new"),
    ("goal", "add", "A goal"),
    ("action", "add", "X", "--owner", "J", "--due", "fri"),
    ("action", "done", "t9hc"),
    ("action", "drop", "t9hc"),
]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.parts
    }


@pytest.mark.parametrize("args", READ_COMMANDS + WRITE_COMMANDS)
def test_outside_any_engagement(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    if args in (("action", "list"), ("overdue",), ("status",)):  # practice commands also look below
        assert result.stderr == (
            f"coachkit: no engagement.md in {tmp_path}, above it or below it; cd into an engagement, "
            "pass a PATH, or create one with `coachkit init PATH --client NAME`\n"
        )
        return
    assert result.stderr == (
        f"coachkit: no engagement.md in {tmp_path} or any folder above it; cd into an engagement, "
        "pass -C PATH, or create one with `coachkit init PATH --client NAME`\n"
    )


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (
            b"---\nclient: [unclosed\n---\n",
            "engagement.md:3:1: invalid YAML: did not find expected ',' or ']'",
        ),
        (
            b"---\nclient: J\nclient: K\n---\n",
            "engagement.md:3:1: duplicate key 'client' (first on line 2); keep one of them",
        ),
        (
            b"---\nclient: J\nstart: 2026-13-01\n---\n",
            "engagement.md:3:8: invalid date '2026-13-01': there is no month 13",
        ),
        (
            b"---\nclient: J\n",
            "engagement.md:1:1: front matter never closed: add a line '---' after it",
        ),
        (
            b"---\n- a\n- b\n---\n",
            "engagement.md:2:1: front matter must be a mapping of keys to values, found a list",
        ),
        (
            b"---\nclient: J\xe9\n---\n",
            "engagement.md:2:10: not valid UTF-8 (byte 0xe9); save the file as UTF-8",
        ),
        (
            b"---\norganization: Acme\n---\n",
            "engagement.md:2:1: engagement.md has no client: add a line 'client: NAME'",
        ),
    ],
)
@pytest.mark.parametrize("args", READ_COMMANDS + WRITE_COMMANDS)
def test_broken_engagement_file(
    sample: Path, content: bytes, line: str, args: tuple[str, ...]
) -> None:
    (sample / "engagement.md").write_bytes(content)
    before = _snapshot(sample)
    result = run(*args, cwd=sample)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"{sample}/{line}\n"
    assert "Traceback" not in result.output
    assert _snapshot(sample) == before


def test_every_broken_file_does_not_hide_the_first(sample: Path) -> None:
    build_file_tree(
        sample,
        {"sessions/01-2026-01-15.md": "---\nsession: 1\ndate: 2026-01-15\nactions: 3\n---\n"},
    )
    result = run("action", "list", cwd=sample)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{sample}/sessions/01-2026-01-15.md:4:1: actions must be a list of items ('- id: …')\n"
    )


def test_dash_c_runs_elsewhere(sample: Path, tmp_path: Path) -> None:
    result = run("-C", str(sample), "action", "list", cwd=tmp_path)
    assert result.exit_code == 0
    assert "t9hc" in result.stdout
    missing = run("-C", str(tmp_path / "nope"), "action", "list", cwd=tmp_path)
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output


def test_unknown_command_and_option_are_usage_errors(sample: Path) -> None:
    assert run("frobnicate", cwd=sample).exit_code == 2
    assert run("action", "list", "--nope", cwd=sample).exit_code == 2


def test_version_and_short_help() -> None:
    assert run("--version").stdout == f"coachkit, version {__version__}\n"
    for args in [
        (),
        ("action",),
        ("action", "add"),
        ("session", "new"),
        ("init",),
        ("templates", "show"),
    ]:
        result = run(*args, "-h")
        assert result.exit_code == 0, args
        assert result.stdout.startswith("Usage: coachkit"), args


def test_python_dash_m_runs_the_cli(sample: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coachkit", "action", "list", "--json"],
        cwd=sample,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"id": "t9hc"' in done.stdout


def test_unexpected_crash_is_one_line_with_a_log(
    sample: Path, isolated_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coachkit.engagement.loader

    def explode(root: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(coachkit.engagement.loader, "load_engagement", explode)
    result = run("session", "list", cwd=sample)
    log = isolated_environment / ".cache" / "coachkit" / "crash.log"
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"coachkit: internal error: RuntimeError: boom (details in {log}; please report it)\n"
    )
    assert "Traceback (most recent call last)" in log.read_text(encoding="utf-8")


def test_bad_settings_file_stops_before_anything_is_written(sample: Path) -> None:
    build_file_tree(sample, {".coachkit.yaml": "# practice settings\ncommit: maybe\n"})
    before = _snapshot(sample)
    result = run("action", "add", "X", "--owner", "J", "--due", "fri", cwd=sample)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{sample / '.coachkit.yaml'}:2:1: commit must be true or false, not 'maybe'\n"
    )
    assert _snapshot(sample) == before


def test_empty_template_is_refused(sample: Path) -> None:
    build_file_tree(sample, {"templates/session.md.j2": ""})
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{sample / 'templates' / 'session.md.j2'}: the template renders nothing; fill it in or delete it\n"
    )


def test_actions_cannot_be_added_to_feedback_files(sample: Path) -> None:
    result = run(
        "action",
        "add",
        "X",
        "--owner",
        "J",
        "--due",
        "fri",
        "--in",
        "feedback/2026-01-08-baseline-360.md",
        cwd=sample,
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "feedback/2026-01-08-baseline-360.md: action items live in engagement.md, goals/ or sessions/ notes, not here\n"
    )


def test_a_symlinked_folder_cannot_lead_a_write_out_of_the_engagement(
    sample: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    (sample / "sessions").rename(outside)
    (sample / "sessions").symlink_to(outside, target_is_directory=True)
    before = {p.name: p.read_bytes() for p in outside.iterdir()}
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{sample / 'sessions' / '03-2026-02-12.md'}: leads outside the engagement {sample} "
        "through a symbolic link; coachkit never writes outside the engagement\n"
    )
    done = run("action", "done", "t9hc", cwd=sample)
    assert done.exit_code == 2
    assert "leads outside the engagement" in done.stderr
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before
