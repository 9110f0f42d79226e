"""The coachkit the bench times: a wheel of the checkout, installed and byte-compiled.

An editable checkout is not what a coach runs: its import finder (loaded from a
``.pth`` file at every start) costs about 8 ms per process, and its modules are
compiled on first use. So the bench builds a wheel of the checkout
(``pip wheel --no-deps --no-index --no-build-isolation``: nothing is downloaded),
installs it into a throw-away venv below the bench's temporary folder and runs
``compileall`` over it (the wheel is built from a copy of the checkout
without build/ or caches). That venv sees the project venv's dependencies through
one ``.pth`` line naming their folder (a plain path line, so the editable
finder among them is never loaded) and nothing else; every timed Python
process, ``python -c "import click"`` and the floors too, runs on that venv's
interpreter, so start-up is compared like with like.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

from tools.bench.timing import HIDDEN_VARIABLES

NOT_COPIED = [".git", ".venv", ".ci", ".hypothesis", ".*_cache", "__pycache__"]
NOT_COPIED += ["build", "dist", "*.egg-info"]


@dataclass(frozen=True)
class Installed:
    """Where the timed coachkit lives."""

    wheel: str  # the wheel's file name
    venv: Path
    python: Path  # the venv's interpreter
    coachkit: Path  # the venv's `coachkit` entry-point script
    package: Path  # the installed package folder


def _run(command: list[str], what: str, cwd: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in HIDDEN_VARIABLES}
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd, env=env)
    if done.returncode:
        raise SystemExit(f"{what} failed (exit {done.returncode}): {done.stderr.strip()}")
    return done.stdout


def install_wheel(checkout: Path, folder: Path) -> Installed:
    """Build a wheel of ``checkout``, install it into a new venv in ``folder``, compile it."""
    # Built from a copy: setuptools builds in the source folder, and a stale build/
    # there would ship modules the checkout has since deleted.
    source = folder / "source"
    shutil.copytree(checkout, source, ignore=shutil.ignore_patterns(*NOT_COPIED))
    dist = folder / "dist"
    pip = [sys.executable, "-m", "pip"]
    offline = ["--no-deps", "--no-index"]
    _run(
        [*pip, "wheel", "-q", *offline, "--no-build-isolation", "-w", str(dist), str(source)],
        "building the wheel",
    )
    (wheel,) = dist.glob("coachkit-*.whl")
    env_dir = folder / "venv"
    venv.create(env_dir, system_site_packages=False, with_pip=False)
    python = env_dir / "bin" / "python"
    own = _run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        "asking the venv for its site-packages",
    ).strip()
    # Read after the venv's own site-packages, so the installed wheel wins over the
    # project's editable coachkit; a path line loads none of that folder's .pth files.
    Path(own, "zz-bench-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    _run(
        [*pip, "--python", str(python), "install", "-q", *offline, str(wheel)],
        "installing the wheel",
    )
    package = Path(own) / "coachkit"
    _run([str(python), "-m", "compileall", "-q", str(package)], "compileall")
    where = _run(
        [str(python), "-c", "import coachkit; print(coachkit.__file__)"],
        "importing the installed coachkit",
        cwd=folder,  # not the checkout: `python -c` looks in the current folder first
    ).strip()
    if not where.startswith(str(package)):
        raise SystemExit(f"the bench venv imports coachkit from {where}, not from {package}")
    return Installed(wheel.name, env_dir, python, env_dir / "bin" / "coachkit", package)
