"""Names typed on the command line never lead a write (or a template read) out of the engagement."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run

ESCAPES = ["../../x", "../x", "/etc/passwd", "a/../../b", "..", "x/../../../y"]


def files_below(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if ".git" not in p.parts}


@pytest.mark.parametrize("name", ESCAPES)
def test_a_goal_title_becomes_a_file_inside_goals(sample: Path, name: str) -> None:
    outside = files_below(sample.parent) - files_below(sample)
    result = run("goal", "add", name, "--measure", "m", cwd=sample)
    assert result.exit_code == 0, result.output
    new = Path(result.stdout.strip())
    assert new.resolve().parent == (sample / "goals").resolve()
    assert files_below(sample.parent) - files_below(sample) == outside


@pytest.mark.parametrize("name", ESCAPES)
def test_a_client_name_is_only_text(tmp_path: Path, name: str) -> None:
    result = run("init", str(tmp_path / "eng"), "--client", name)
    assert result.exit_code == 0, result.output
    assert {p.relative_to(tmp_path) for p in files_below(tmp_path)} == {
        Path("eng"),
        Path("eng/engagement.md"),
        Path("eng/.gitattributes"),  # the merge driver's lines, written by init with its repository
    }


@pytest.mark.parametrize("name", ESCAPES)
def test_a_template_name_is_never_a_path(sample: Path, name: str) -> None:
    for args in (("session", "new", "--template", name), ("templates", "show", name)):
        result = run(*args, cwd=sample)
        assert result.exit_code == 2
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "not a template name" in result.stderr
