"""Colour as no-color.org and force-color.org say: NO_COLOR non-empty, FORCE_COLOR, TERM=dumb."""

from __future__ import annotations

import os
from pathlib import Path

import click.testing
import pytest

from coachkit.cli import cli


@pytest.fixture
def engagement(sample: Path) -> Path:
    return sample


def _lint(cwd: Path, env: dict[str, str], tty: bool, monkeypatch: pytest.MonkeyPatch) -> str:
    """stdout of ``coachkit lint`` with styles kept, on a terminal or not."""
    monkeypatch.setenv("TERM", "xterm-256color")
    for name in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "COACHKIT_LINT_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    if tty:
        monkeypatch.setattr(
            click.testing._NamedTextIOWrapper, "isatty", lambda self: True, raising=False
        )
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = click.testing.CliRunner().invoke(
            cli,
            ["lint", "--select", "CK205"],
            env={"COACHKIT_TODAY": "2026-02-12", **env},
            color=True,  # keep what coachkit printed: the decision is coachkit's
        )
    finally:
        os.chdir(previous)
    return result.stdout


@pytest.mark.parametrize(
    ("env", "tty", "coloured"),
    [
        ({}, True, True),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # set but empty: as if unset
        ({"TERM": "dumb"}, True, False),
        ({}, False, False),  # a pipe
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "TERM": "dumb"}, False, True),
        ({"FORCE_COLOR": ""}, False, False),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),  # NO_COLOR wins
    ],
)
def test_colour(
    engagement: Path,
    env: dict[str, str],
    tty: bool,
    coloured: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdout = _lint(engagement, env, tty, monkeypatch)
    assert "warning" in stdout
    assert ("\x1b[" in stdout) is coloured
