"""Generated notes and Markdown reports pass the structural Markdown rules, by pymarkdownlnt.

Only structure is checked: headings (levels, ATX spacing, one h1, blank lines around),
lists (markers, indentation, numbering, blank lines around), blank lines (around fences
and tables, no runs of them, one newline at the end). Style rules (line length, inline
HTML, bare URLs…) are off: a note's HTML comments are prompts, and a long action title
is the coach's own. A goal's front-matter ``title:`` is data, not the page's title, so
MD025 does not count it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run

pymarkdown_api = pytest.importorskip(
    "pymarkdown.api", reason="pymarkdownlnt is a dev dependency: pip install -e '.[dev]'"
)

STRUCTURAL = (
    "md001",  # heading levels go up one at a time
    "md003",  # one heading style
    "md004",  # one bullet style
    "md005",  # list items at one indentation
    "md007",  # nested list indentation
    "md012",  # no runs of blank lines
    "md018",  # space after # in a heading
    "md019",
    "md020",
    "md021",
    "md022",  # blank lines around headings
    "md023",  # headings start at the left margin
    "md025",  # one h1
    "md029",  # ordered list numbering
    "md030",  # space after a list marker
    "md031",  # blank lines around fences
    "md032",  # blank lines around lists
    "md047",  # one newline at the end
    "md058",  # blank lines around tables
)


def structural_failures(path: Path) -> list[str]:
    """``path:line:col: RULE description`` for each structural rule the file breaks."""
    api = pymarkdown_api.PyMarkdownApi().enable_extension_by_identifier("front-matter")
    api.set_string_property("plugins.md025.front_matter_title", "coachkit-none")
    for rule in ALL_RULES:
        if rule not in STRUCTURAL:
            api.disable_rule_by_identifier(rule)
    for rule in STRUCTURAL:
        api.enable_rule_by_identifier(rule)
    found = api.scan_path(str(path))
    return [
        f"{failure.scan_file}:{failure.line_number}:{failure.column_number}: "
        f"{failure.rule_id} {failure.rule_description} {failure.extra_error_information}".rstrip()
        for failure in found.scan_failures
    ]


ALL_RULES = tuple(f"md{number:03d}" for number in range(1, 61))


def _written(result_stdout: str) -> Path:
    """The note or report a command printed it wrote first (a follow-up also edits the phase)."""
    paths = [line for line in result_stdout.splitlines() if line.endswith(".md")]
    assert paths, result_stdout
    return Path(paths[0])


def test_generated_notes_pass_the_structural_rules(sample: Path, tmp_path: Path) -> None:
    written = []
    for args in (
        ("init", str(tmp_path / "newco"), "--client", "Kim Park", "--role", "CTO"),
        ("init", str(tmp_path / "oldco"), "--client", "Kim Park", "--organization", "Acme"),
        ("goal", "add", "Listen first", "--measure", "Peers rate listening"),
        ("session", "new"),
        ("close", "--goal", "G1=achieved"),
    ):
        result = run(*args, "--no-commit", cwd=sample)
        assert result.exit_code == 0, result.output
        if args[0] != "close":
            written.append(_written(result.stdout))
    follow_up = run(
        "session", "new", "--no-commit", cwd=sample, env={"COACHKIT_TODAY": "2026-04-01"}
    )
    assert follow_up.exit_code == 0, follow_up.output
    written.append(_written(follow_up.stdout))
    assert "kind: follow-up" in written[-1].read_text(encoding="utf-8")
    assert len(written) == 5
    problems = [line for path in written for line in structural_failures(path)]
    assert problems == []


@pytest.mark.parametrize("kind", ["plan", "progress", "closure"])
@pytest.mark.parametrize("audience", ["client", "sponsor"])
def test_markdown_reports_pass_the_structural_rules(sample: Path, kind: str, audience: str) -> None:
    result = run("report", "--kind", kind, "--for", audience, "--no-commit", cwd=sample)
    assert result.exit_code == 0, result.output
    assert structural_failures(_written(result.stdout)) == []
