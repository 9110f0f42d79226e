"""Test helpers: file trees, the CLI run in-process, and git inspection."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from coachkit.cli import cli


def build_file_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` below ``root``; bytes are written as is."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@dataclass
class Run:
    """What one coachkit invocation printed and returned."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``coachkit ARGS`` in-process in ``cwd``, the way a shell would."""
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(
            cli, list(args), env=env, prog_name="coachkit", catch_exceptions=False
        )
    finally:
        os.chdir(previous)
    return Run(result.exit_code, result.stdout, result.stderr)


def run_process(
    *args: str, cwd: Path, python_options: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run ``coachkit ARGS`` as a process of its own (``python -m coachkit``), as a shell
    would: for what only a whole process shows (start-up, exit, imports)."""
    return subprocess.run(
        [sys.executable, *python_options, "-m", "coachkit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=False,
        timeout=60,
    )


# Runs one command as `coachkit` does, in a fresh process, then prints on the last line of
# stderr every module it imported, so a test can say what a command loads and what not.
_WATCHING = (
    "import sys\n"
    "from coachkit.cli import cli\n"
    "try:\n"
    "    cli(sys.argv[1:], prog_name='coachkit')\n"
    "except SystemExit as exc:\n"
    "    assert not exc.code, exc.code\n"
    "print(','.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def run_watching_imports(
    *args: str, cwd: Path, env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run ``coachkit ARGS`` in a new process; what it did and every module it imported
    (the modules' line is taken off its stderr)."""
    done = subprocess.run(
        [sys.executable, "-c", _WATCHING, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    *said, modules = done.stderr.splitlines() or [""]
    done.stderr = "".join(line + "\n" for line in said)
    return done, set(filter(None, modules.split(",")))


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` and return its output."""
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def commits(cwd: Path) -> list[str]:
    """Commit subjects, newest first."""
    return git(cwd, "log", "--format=%s").splitlines()


def committed_files(cwd: Path, rev: str = "HEAD") -> list[str]:
    """Paths changed by commit ``rev``."""
    return git(cwd, "show", "--name-only", "--format=", rev).split()
