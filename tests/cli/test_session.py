"""`coachkit session new|list` through the CLI, against a real repository."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from tests.golden_files import assert_golden
from tests.helpers import build_file_tree, commits, committed_files, git, run


def test_session_new_scaffolds_prefilled_note_and_commits_it(sample: Path) -> None:
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0, result.output
    path = sample / "sessions" / "03-2026-02-12.md"
    assert result.stdout == f"{path}\n"
    assert "date 2026-02-12 (Thu)" in result.stderr
    assert "session 3 on 2026-02-12: 2 open action items, 1 overdue" in result.stderr
    assert_golden("session-03.md", path.read_text(encoding="utf-8"))
    assert commits(sample)[0] == "Add session 3 (2026-02-12)"
    assert committed_files(sample) == ["sessions/03-2026-02-12.md"]
    assert git(sample, "status", "--porcelain") == ""


def test_session_new_numbers_on_and_takes_the_date_grammar(sample: Path) -> None:
    assert run("session", "new", "--date", "yesterday", cwd=sample).exit_code == 0
    result = run("session", "new", "--date", "+2w", "--format", "video", cwd=sample)
    assert result.exit_code == 0, result.output
    assert "date 2026-02-26 (Thu)" in result.stderr
    note = sample / "sessions" / "04-2026-02-26.md"
    assert note.is_file()
    text = note.read_text(encoding="utf-8")
    assert "session: 4\ndate: 2026-02-26\n" in text
    assert "format: video\n" in text
    assert "next_session: 2026-03-12\n" in text
    assert "From session 3 (2026-02-11)" in text


def test_session_new_marks_overdue_items_as_of_the_session_date(sample: Path) -> None:
    result = run("session", "new", "--date", "2026-02-21", cwd=sample)
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "`t9hc` Hand the Q3 capacity plan" in text
    assert "**overdue 11 days**" in text
    assert "(Jordan, due 2026-02-20) **overdue 1 day**" in text


def test_previous_private_text_is_not_carried_forward(sample: Path) -> None:
    text = Path(run("session", "new", cwd=sample).stdout.strip()).read_text(encoding="utf-8")
    assert "CFO" not in text
    assert "burnout" not in text


def test_engagement_template_override_wins_and_renders_sandboxed(sample: Path) -> None:
    build_file_tree(
        sample, {"templates/session.md.j2": "---\nsession: {{ session.number }}\n---\n# Mine\n"}
    )
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 0, result.output
    assert (
        Path(result.stdout.strip()).read_text(encoding="utf-8") == "---\nsession: 3\n---\n# Mine\n"
    )


def test_sandbox_refuses_a_template_that_reaches_for_python_internals(sample: Path) -> None:
    build_file_tree(
        sample, {"templates/evil.md.j2": "{{ ''.__class__.__mro__[1].__subclasses__() }}\n"}
    )
    result = run("session", "new", "--template", "evil", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "template refused by the sandbox" in result.stderr or "template error" in result.stderr
    assert not (sample / "sessions" / "03-2026-02-12.md").exists()


def test_template_with_undefined_variable_names_file_and_line(sample: Path) -> None:
    build_file_tree(sample, {"templates/session.md.j2": "---\nsession: 1\n---\n\n{{ nope }}\n"})
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"{sample / 'templates' / 'session.md.j2'}:5: template error: 'nope' is undefined\n"
    )


def test_edit_opens_editor_before_the_commit(sample: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nopen(sys.argv[1], 'a').write('Typed in the editor.\\n')\n", encoding="utf-8"
    )
    result = run(
        "session", "new", "--edit", cwd=sample, env={"EDITOR": f"{sys.executable} {editor}"}
    )
    assert result.exit_code == 0, result.output
    shown = git(sample, "show", "HEAD:sessions/03-2026-02-12.md")
    assert shown.endswith("Typed in the editor.\n")


def test_a_failing_editor_leaves_nothing_and_a_retry_makes_one_note(
    sample: Path, tmp_path: Path
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nopen(sys.argv[1], 'a').write('Half typed.\\n')\nsys.exit(3)\n",
        encoding="utf-8",
    )
    failing = f"{sys.executable} {editor}"
    before = commits(sample)

    result = run("session", "new", "--edit", cwd=sample, env={"VISUAL": "", "EDITOR": failing})

    note = sample / "sessions" / "03-2026-02-12.md"
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"coachkit: the editor {failing!r} exited with status 3; removed {note}, nothing committed\n"
    )
    assert not note.exists()
    assert git(sample, "status", "--porcelain") == ""
    assert commits(sample) == before

    editor.write_text("import sys\n", encoding="utf-8")
    retry = run("session", "new", "--edit", cwd=sample, env={"VISUAL": "", "EDITOR": failing})

    assert retry.exit_code == 0, retry.output
    assert sorted(p.name for p in (sample / "sessions").iterdir()) == [
        "01-2026-01-15.md",
        "02-2026-01-29.md",
        "03-2026-02-12.md",
    ]
    assert committed_files(sample) == ["sessions/03-2026-02-12.md"]


def test_broken_note_stops_session_new_with_one_line(sample: Path) -> None:
    broken = sample / "sessions" / "02-2026-01-29.md"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("due: 2026-02-10", "due: 2026-02-30"), "utf-8"
    )
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr == f"{broken}:12:10: invalid date '2026-02-30': February 2026 has 28 days\n"
    )
    assert not (sample / "sessions" / "03-2026-02-12.md").exists()


def test_session_list_json(sample: Path) -> None:
    result = run("session", "list", "--json", cwd=sample)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["session"], r["date"], r["actions"]) for r in rows] == [
        (1, "2026-01-15", 2),
        (2, "2026-01-29", 2),
    ]
    assert rows[0]["path"] == str(sample / "sessions" / "01-2026-01-15.md")


def test_no_commit_leaves_the_note_untracked(sample: Path) -> None:
    result = run("session", "new", "--no-commit", cwd=sample)
    assert result.exit_code == 0
    assert "not committed (--no-commit)" in result.stderr
    assert git(sample, "status", "--porcelain") == "?? sessions/03-2026-02-12.md\n"


def test_python_error_in_a_template_is_a_template_error(sample: Path) -> None:
    build_file_tree(sample, {"templates/session.md.j2": "---\nsession: 1\n---\n{{ 1 / 0 }}\n"})
    result = run("session", "new", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == (
        f"{sample / 'templates' / 'session.md.j2'}:4: template error: division by zero\n"
    )


def test_an_edited_template_is_used_at_once_despite_the_compiled_cache(sample: Path) -> None:
    template = "---\nsession: {{ session.number }}\ndate: {{ session.date }}\n---\n# {word}\n"
    build_file_tree(sample, {"templates/session.md.j2": template.replace("{word}", "First")})
    first = run("session", "new", "--date", "2026-03-02", "--no-commit", cwd=sample)
    assert first.exit_code == 0, first.output
    assert "# First" in Path(first.stdout.strip()).read_text(encoding="utf-8")
    compiled = Path(os.environ["XDG_CACHE_HOME"]) / "coachkit" / "templates" / "sandboxed"
    assert list(compiled.iterdir())  # the compiled template was kept
    build_file_tree(sample, {"templates/session.md.j2": template.replace("{word}", "Second")})
    second = run("session", "new", "--date", "2026-03-09", "--no-commit", cwd=sample)
    assert second.exit_code == 0, second.output
    assert "# Second" in Path(second.stdout.strip()).read_text(encoding="utf-8")
