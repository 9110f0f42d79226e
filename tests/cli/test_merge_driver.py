"""The merge driver under real `git merge`, `git rebase` and `git pull` across clones, and
`coachkit git-setup` installing it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.helpers import commits, committed_files, git, run

NOTE = "sessions/02-2026-01-29.md"


def clones(tmp_path: Path, sample: Path) -> tuple[Path, Path]:
    """Two clones of a bare repository holding the sample, each with the driver set up."""
    assert run("git-setup", cwd=sample).exit_code == 0
    remote = tmp_path / "remote.git"
    git(tmp_path, "clone", "-q", "--bare", str(sample), str(remote))
    made = []
    for name in ("laptop", "desktop"):
        git(tmp_path, "clone", "-q", str(remote), name)
        result = run("git-setup", cwd=tmp_path / name)
        assert result.exit_code == 0, result.output
        assert result.stdout == ""  # .gitattributes came with the clone; only config is set
        made.append(tmp_path / name)
    return made[0], made[1]


def add_action(clone: Path, title: str) -> str:
    result = run(
        "action", "add", title, "--owner", "Jordan", "--due", "2026-02-20", "--goal", "G1",
        "--accountability", "Sam asks at the 1:1", cwd=clone,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stderr.split("added ", 1)[1].split(":", 1)[0]


def actions_in(clone: Path) -> list[str]:
    result = run("action", "list", "--status", "all", "--json", cwd=clone)
    assert result.exit_code == 0, result.output
    return sorted(row["id"] for row in json.loads(result.stdout))


@pytest.mark.parametrize(
    "combine",
    [
        ["merge", "--no-edit", "origin/main"],
        ["rebase", "origin/main"],
        ["pull", "--no-rebase", "--no-edit"],
        ["pull", "--rebase"],
    ],
    ids=["git merge", "git rebase", "git pull", "git pull --rebase"],
)
def test_items_added_in_two_clones_to_the_same_note_merge_cleanly(
    tmp_path: Path, sample: Path, combine: list[str]
) -> None:
    laptop, desktop = clones(tmp_path, sample)
    before = actions_in(laptop)
    first = add_action(laptop, "Book the offsite room")
    git(laptop, "push", "-q", "origin", "main")
    second = add_action(desktop, "Draft the delegation contract")
    if combine[0] != "pull":
        git(desktop, "fetch", "-q", "origin")
    git(desktop, *combine)
    assert git(desktop, "status", "--porcelain") == ""
    assert actions_in(desktop) == sorted([*before, first, second])
    lint = run("lint", "--strict", "--ignore", "action-overdue", cwd=desktop)
    assert lint.exit_code == 0, lint.output
    text = (desktop / NOTE).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text


def test_the_same_field_changed_in_two_clones_conflicts_on_that_line_only(
    tmp_path: Path, sample: Path
) -> None:
    laptop, desktop = clones(tmp_path, sample)
    assert run("action", "reschedule", "t9hc", "2026-02-24", cwd=laptop).exit_code == 0
    git(laptop, "push", "-q", "origin", "main")
    assert run("action", "reschedule", "t9hc", "2026-02-27", cwd=desktop).exit_code == 0
    assert run("action", "done", "w3fn", cwd=desktop).exit_code == 0
    git(desktop, "fetch", "-q", "origin")
    merging = subprocess.run(
        ["git", "merge", "--no-edit", "origin/main"],
        cwd=desktop,
        capture_output=True,
        text=True,
        check=False,
    )
    assert merging.returncode != 0
    assert f"{NOTE}: conflict in due of action t9hc: resolve the marked lines" in merging.stderr
    text = (desktop / NOTE).read_text(encoding="utf-8")
    assert (
        "<<<<<<< ours\n    due: 2026-02-27\n=======\n    due: 2026-02-24\n>>>>>>> theirs\n" in text
    )
    assert text.count("<<<<<<<") == 1
    assert "    rescheduled: [2026-02-10]\n" in text  # the same on both sides: merged
    refused = run("action", "list", cwd=desktop)
    assert refused.exit_code == 2
    assert "merge conflict markers" in refused.stderr


def test_git_setup_writes_the_attributes_and_config_once(sample: Path) -> None:
    (sample / ".gitattributes").write_text("*.pdf binary", encoding="utf-8")
    git(sample, "add", ".gitattributes")
    git(sample, "commit", "-q", "-m", "Mark PDFs binary")
    result = run("git-setup", cwd=sample / "sessions")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{sample / '.gitattributes'}\n"
    assert (sample / ".gitattributes").read_text(encoding="utf-8") == (
        "*.pdf binary\n"
        "# coachkit: merge engagement notes item by item (coachkit git-setup)\n"
        "engagement.md merge=coachkit\n"
        "**/goals/*.md merge=coachkit\n"
        "**/sessions/*.md merge=coachkit\n"
        "**/feedback/*.md merge=coachkit\n"
    )
    assert commits(sample)[0] == "Merge engagement notes with coachkit's merge driver"
    assert committed_files(sample) == [".gitattributes"]
    assert git(sample, "config", "merge.coachkit.name").strip() == (
        "coachkit: engagement notes merged item by item"
    )
    driver = git(sample, "config", "merge.coachkit.driver").strip()
    assert driver.endswith(" -m coachkit merge-driver %O %A %B %P")
    attributes = git(sample, "check-attr", "merge", "--", NOTE, "goals/G1-x.md", "reports/r.md")
    assert attributes.splitlines() == [
        f"{NOTE}: merge: coachkit",
        "goals/G1-x.md: merge: coachkit",
        "reports/r.md: merge: unspecified",
    ]
    again = run("git-setup", cwd=sample)
    assert again.exit_code == 0
    assert again.stdout == ""
    assert again.stderr == f"the merge driver is already set up in {sample}\n"


def test_git_setup_outside_a_repository_is_one_line(tmp_path: Path) -> None:
    result = run("git-setup", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{Path('.')}: is not in a git repository; run `git init` (or `coachkit init`) first\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_init_in_a_practice_repository_says_how_to_install_the_driver(tmp_path: Path) -> None:
    practice = tmp_path / "practice"
    practice.mkdir()
    git(practice, "init", "-q")
    result = run("init", "clients/jordan", "--client", "Jordan", cwd=practice)
    assert result.exit_code == 0, result.output
    assert "`coachkit git-setup` installs coachkit's merge driver" in result.stderr
    assert not (practice / ".gitattributes").exists()


def test_git_setup_commits_only_its_lines_of_gitattributes(sample: Path) -> None:
    (sample / ".gitattributes").write_text(
        "*.pdf binary\n*.png binary\n*.csv text\n", encoding="utf-8"
    )
    git(sample, "add", ".gitattributes")
    git(sample, "commit", "-q", "-m", "Mark PDFs binary")
    mine = "*.pdf binary diff=pdf\n*.png binary\n*.csv text\n"
    (sample / ".gitattributes").write_text(mine, encoding="utf-8")
    result = run("git-setup", cwd=sample)
    assert result.exit_code == 0, result.output
    committed = git(sample, "show", "HEAD:.gitattributes")
    assert committed.startswith("*.pdf binary\n*.png binary\n*.csv text\n# coachkit: merge")
    text = (sample / ".gitattributes").read_text(encoding="utf-8")
    assert text.startswith(mine + "# coachkit: merge")
    assert git(sample, "status", "--porcelain") == " M .gitattributes\n"
