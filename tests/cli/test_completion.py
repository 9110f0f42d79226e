"""`coachkit completion` and the completion protocol as a shell runs it.

Each case runs the installed `coachkit` in a subprocess with click's protocol variables
(`_COACHKIT_COMPLETE=bash_complete`, `COMP_WORDS`, `COMP_CWORD`), as bash's script does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run

COACHKIT = str(Path(sys.executable).with_name("coachkit"))


def complete(words: str, cwd: Path) -> list[str]:
    """What bash would offer after ``words`` (a trailing space completes a new word)."""
    count = len(words.split())
    cword = count if words.endswith(" ") else count - 1
    env = {
        **os.environ,
        "_COACHKIT_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(cword),
    }
    done = subprocess.run(
        [COACHKIT], cwd=cwd, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stderr == ""
    return [line.split(",", 1)[1] for line in done.stdout.splitlines() if line]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("coachkit report --for ", ["client", "sponsor"]),
        ("coachkit report --kind p", ["plan", "progress"]),
        ("coachkit report --format ", ["md", "html", "pdf"]),
        ("coachkit lint --format ", ["text", "json", "github", "sarif"]),
        ("coachkit overdue --format ", ["table", "json", "csv"]),
        ("coachkit action done ", ["t9hc", "w3fn"]),
        ("coachkit action reopen ", ["k7m2", "p4xq"]),
        ("coachkit action edit W", ["w3fn"]),
        ("coachkit goal edit ", ["G1", "G2"]),
        ("coachkit action add Title --goal ", ["G1", "G2"]),
        ("coachkit session new --kind ", ["session", "follow-up"]),
        ("coachkit completion ", ["bash", "zsh", "fish"]),
    ],
)
def test_completes_values(sample: Path, words: str, expected: list[str]) -> None:
    assert complete(words, sample) == expected


def test_completes_template_names(sample: Path) -> None:
    offered = complete("coachkit session new --template ", sample)
    assert {"session", "follow-up", "goal", "engagement"} <= set(offered)
    assert complete("coachkit templates show sess", sample) == ["session"]


def test_completes_ids_of_the_engagement_named_by_dash_c(sample: Path, tmp_path: Path) -> None:
    assert complete(f"coachkit -C {sample} goal edit ", tmp_path) == ["G1", "G2"]


def test_outside_an_engagement_ids_complete_to_nothing(tmp_path: Path) -> None:
    assert complete("coachkit action done ", tmp_path) == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_prints_the_script(shell: str) -> None:
    result = run("completion", shell)
    assert result.exit_code == 0, result.output
    assert "_COACHKIT_COMPLETE" in result.stdout
    assert f"{shell}_complete" in result.stdout


def test_the_bash_script_is_valid_bash(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "coachkit.bash"
    script.write_text(run("completion", "bash").stdout, encoding="utf-8")
    checked = subprocess.run([bash, "-n", str(script)], check=False, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_an_unknown_shell_is_a_usage_error() -> None:
    result = run("completion", "tcsh")
    assert result.exit_code == 2
    assert "'tcsh' is not one of 'bash', 'zsh', 'fish'" in result.stderr
