"""The built wheel ships the templates and the sample: install it in a fresh venv and use it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import time
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_scaffolds_a_session(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("coachkit-*.whl")
    # The fresh venv borrows the test run's installed dependencies (a .pth line, read after
    # the venv's own site-packages) and nothing else: the wheel goes into the venv and must
    # win over the editable install, whose finder a plain path line never loads.
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=False, with_pip=False)
    python = env_dir / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    Path(own, "zz-test-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = dict(
        os.environ, COACHKIT_TODAY="2026-02-12", PATH=f"{env_dir / 'bin'}:{os.environ['PATH']}"
    )
    where = subprocess.run(
        [str(python), "-c", "import coachkit.templates as t; print(t.__file__)"],
        check=True, capture_output=True, text=True, cwd=tmp_path, env=env,
    ).stdout  # fmt: skip
    assert where.startswith(str(env_dir)), where
    coachkit = env_dir / "bin" / "coachkit"
    subprocess.run(
        [str(coachkit), "sample", "acme"], check=True, capture_output=True, cwd=tmp_path, env=env
    )
    done = subprocess.run(
        [str(coachkit), "session", "new"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path / "acme",
        env=env,
    )
    note = Path(done.stdout.strip())
    assert note == tmp_path / "acme" / "sessions" / "03-2026-02-12.md"
    assert "## Review progress" in note.read_text(encoding="utf-8")
    listed = subprocess.run(
        [str(coachkit), "templates", "list"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    ).stdout
    assert "coachkit.templates:session.md.j2" in listed
    linted = subprocess.run(
        [str(coachkit), "lint", "--format", "json"],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path / "acme",
        env=env,
    )
    assert linted.returncode == 0, linted.stderr
    assert '"rule": "action-overdue"' in linted.stdout
    # A warm overdue --format json is answered before click, and the installed coachkit
    # imports neither click nor pathlib nor typing for it (the point of cli/quick.py).
    time.sleep(1.1)  # notes younger than a second are never cached
    overdue = [str(python), "-X", "importtime", str(coachkit), "overdue", "--json"]
    engagement = tmp_path / "acme"
    first = subprocess.run(
        overdue, check=True, capture_output=True, text=True, cwd=engagement, env=env
    )
    warm = subprocess.run(
        overdue, check=True, capture_output=True, text=True, cwd=engagement, env=env
    )
    assert warm.stdout == first.stdout and warm.stdout.startswith("[\n  {"), warm.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in warm.stderr.splitlines() if "|" in line}
    assert "coachkit.cache.layout" in imported
    assert not imported & {"click", "pathlib", "typing", "coachkit.engagement.model"}, imported
