"""Every test runs with its own HOME, git identity and config, and a fixed today."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run

TODAY = "2026-02-12"


@pytest.fixture(autouse=True)
def isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's git config, coachkit config or cache."""
    home = tmp_path_factory.mktemp("home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Test Coach\n\temail = coach@example.com\n"
        "[commit]\n\tgpgSign = false\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("COACHKIT_TODAY", TODAY)
    for name in (
        "COACHKIT_CONFIG_DIR",
        "EDITOR",
        "VISUAL",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
    ):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The shipped sample engagement, committed in a fresh repository."""
    result = run("sample", str(tmp_path / "acme-jordan-lee"))
    assert result.exit_code == 0, result.output
    return tmp_path / "acme-jordan-lee"
