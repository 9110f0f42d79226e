"""Reports land only on report files: ``coachkit report -o PATH [--force]`` and ``reports/``.

Every case runs the real command line in a subprocess (a FIFO must not hang the
test run): a device, a FIFO, a socket, a folder and a link are refused without
being opened; a note of any engagement is never replaced, even with --force;
paths outside the engagement and ``../x.md`` work; a failure leaves nothing
behind, not even an empty ``reports/``.
"""

from __future__ import annotations

import os
import resource
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from coachkit.errors import WriteRefused
from coachkit.storage import atomic_write as safe_write
from coachkit.storage.atomic_write import replace_unchanged
from tests.helpers import commits, git, run

NOT_REGULAR = "a report is written only to a regular file"
NOTE = "a report never replaces a note, even with --force; choose another name"


def coachkit(
    *args: str, cwd: Path, preexec: Callable[[], None] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m coachkit ARGS`` in ``cwd``, given 60 s at most (a hang fails the test)."""
    return subprocess.run(
        [sys.executable, "-m", "coachkit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=preexec,
        check=False,
    )


def report_to(engagement: Path, output: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return coachkit("report", "--format", "md", "-o", output, *extra, cwd=engagement)


def temp_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob(".*.tmp")]


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_a_device_is_refused_and_stays_a_device(sample: Path, force: tuple[str, ...]) -> None:
    result = report_to(sample, "/dev/null", *force)
    assert result.returncode == 2
    assert result.stderr == f"/dev/null: is a device; {NOT_REGULAR}\n"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not list(Path("/dev").glob(".null.*.tmp"))


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_a_fifo_is_refused_without_hanging(
    sample: Path, tmp_path: Path, force: tuple[str, ...]
) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result = report_to(sample, str(fifo), *force)  # a hang is a TimeoutExpired
    assert result.returncode == 2
    assert result.stderr == f"{fifo}: is a FIFO (named pipe); {NOT_REGULAR}\n"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert temp_files(tmp_path) == []


def test_a_socket_is_refused(sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "sock.md"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        result = report_to(sample, str(path), "--force")
    assert result.returncode == 2
    assert result.stderr == f"{path}: is a socket; {NOT_REGULAR}\n"
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_folder_is_refused(sample: Path) -> None:
    result = report_to(sample, "sessions", "--force")
    assert result.returncode == 2
    assert result.stderr == "sessions: is a folder; give a file name, e.g. sessions/report.html\n"


def test_a_symbolic_link_is_refused_and_its_target_kept(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    result = report_to(sample, str(link), "--force")
    assert result.returncode == 2
    assert result.stderr.startswith(f"{link}: is a symbolic link to {target}; ")
    assert target.read_text(encoding="utf-8") == "keep me"
    assert link.is_symlink()


@pytest.mark.parametrize(
    "note",
    [
        "engagement.md",
        "sessions/01-2026-01-15.md",
        "goals/G1-delegate-strategic-decisions.md",
        "../other/engagement.md",
        "../other/sessions/02-2026-01-29.md",
    ],
)
@pytest.mark.parametrize("force", [(), ("--force",)])
def test_a_note_of_any_engagement_is_never_replaced(
    sample: Path, note: str, force: tuple[str, ...]
) -> None:
    assert run("sample", str(sample.parent / "other"), "--no-commit").exit_code == 0
    path = sample / note
    before = path.read_bytes()
    result = report_to(sample, note, *force)
    assert result.returncode == 2
    assert result.stderr == f"{note}: is a coachkit note (it starts with front matter); {NOTE}\n"
    assert path.read_bytes() == before
    assert git(sample, "status", "--porcelain") == ""


def test_no_report_goes_where_it_would_be_read_as_a_note(sample: Path) -> None:
    result = report_to(sample, "sessions/summary.md")
    assert result.returncode == 2
    assert result.stderr == (
        "sessions/summary.md: a report there would be read as a note (every .md file in "
        f"sessions/ of the engagement {sample} is read as a note); choose another name\n"
    )
    assert not (sample / "sessions" / "summary.md").exists()


def test_a_missing_folder_is_named(sample: Path) -> None:
    result = report_to(sample, "../nowhere/x.md")
    assert result.returncode == 2
    assert result.stderr == "../nowhere: no such folder; nothing was written\n"
    assert not (sample.parent / "nowhere").exists()


def test_a_relative_path_up_and_out_is_written_like_the_shell_would(sample: Path) -> None:
    head = commits(sample)[0]
    result = report_to(sample, "../x.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "../x.md\n"
    assert (sample.parent / "x.md").read_text(encoding="utf-8").startswith("# Coaching report")
    assert commits(sample)[0] == head
    assert git(sample, "status", "--porcelain") == ""


def test_an_absolute_path_outside_the_engagement_is_written(sample: Path, tmp_path: Path) -> None:
    desktop = tmp_path / "Desktop"
    desktop.mkdir()
    out = desktop / "jordan-lee.md"
    result = report_to(sample, str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out}\n"
    assert out.read_text(encoding="utf-8").startswith("# Coaching report")
    assert temp_files(desktop) == []


def test_a_reports_folder_linked_outside_is_refused_by_name(sample: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (sample / "reports").symlink_to(outside)
    result = coachkit("report", "--format", "md", cwd=sample)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{sample}: reports/ is a symbolic link to {outside}; ")
    assert list(outside.iterdir()) == []


def _tiny_files() -> None:
    """Files of at most 300 bytes: the report's write fails once reports/ is made."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))


@pytest.mark.parametrize(
    ("failure", "said"),
    [
        ("unknown audience", "unknown audience 'nobody'"),
        ("unknown format", "unknown format 'docx'"),
        ("broken template", "template error: 'nope' is undefined"),
        ("write fails", "File too large"),  # after reports/ was made for it
    ],
)
def test_a_failure_leaves_no_reports_folder_and_no_temp_file(
    sample: Path, failure: str, said: str
) -> None:
    args = ["report", "--format", "md"]
    preexec = None
    if failure == "unknown audience":
        args += ["--for", "nobody"]
    elif failure == "unknown format":
        args = ["report", "--format", "docx"]
    elif failure == "broken template":
        (sample / "templates").mkdir()
        (sample / "templates" / "report.md.j2").write_text("{{ nope }}\n", encoding="utf-8")
    else:
        # Compiled templates and parsed notes cached first: only the report's write fails.
        assert coachkit("report", "--format", "md", "--dry-run", cwd=sample).returncode == 0
        preexec = _tiny_files
    head = commits(sample)[0]
    result = coachkit(*args, cwd=sample, preexec=preexec)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert said in result.stderr
    assert not (sample / "reports").exists()
    assert temp_files(sample) == []
    assert commits(sample)[0] == head


def test_an_old_report_is_replaced_only_if_it_is_still_the_file_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old-report.md"
    path.write_text("# old report\n", encoding="utf-8")
    seen = os.lstat(path)
    write_temp = safe_write._write_temp

    def edited_meanwhile(
        directory: Path, name: str, data: bytes, mode: int | None, durable: bool = True
    ) -> Path:
        temp = write_temp(directory, name, data, mode, durable)
        path.write_text("# edited by the coach, a bit longer\n", encoding="utf-8")
        return temp

    monkeypatch.setattr(safe_write, "_write_temp", edited_meanwhile)
    with pytest.raises(WriteRefused) as caught:
        replace_unchanged(path, b"# new report\n", seen)
    assert "changed while coachkit was writing it; nothing was written" in str(caught.value)
    assert path.read_text(encoding="utf-8") == "# edited by the coach, a bit longer\n"
    assert temp_files(tmp_path) == []
