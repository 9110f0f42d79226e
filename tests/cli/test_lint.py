"""`coachkit lint` as a coach or a CI job runs it: formats, exit codes, rule choice, --fix."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import click.testing
import pytest

from coachkit.cli import cli
from coachkit.lint.finding import Finding, Hit, Rule, TextEdit
from coachkit.lint.runner import LintReport
from tests.fixtures import RILEY_ENGAGEMENT
from tests.helpers import build_file_tree, commits, committed_files, git, run

SESSION = """\
---
session: 1
date: 2026-01-15
actions:
  - id: a1b2
    title: Draft the delegation map
    owner: Riley
    due: 2026-03-01
    status: open
  - id: c3d4
    title: Ask Priya what she wants to own
    owner: Riley
    status: open
---
# Session 1
"""
LINE_RE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) (?P<rule>[a-z0-9-]+) (?P<message>.+)$"
)
SUMMARY_RE = re.compile(r"^\d+ errors?, \d+ warnings?, \d+ info in \d+ files?$")


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The format must not depend on where the tests run (GitHub Actions sets GITHUB_ACTIONS)."""
    for name in ("GITHUB_ACTIONS", "COACHKIT_LINT_FORMAT", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def engagement(tmp_path: Path) -> Path:
    """A small committed engagement with one open item that has no due date (c3d4, line 10)."""
    root = build_file_tree(
        tmp_path / "globex-riley-chen",
        {"engagement.md": RILEY_ENGAGEMENT, "sessions/01-2026-01-15.md": SESSION},
    )
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Start")
    return root


MISSING_DUE = "sessions/01-2026-01-15.md:10:5: error action-missing-due action c3d4 has no due date"


# --- text ------------------------------------------------------------------------------------


def test_text_lines_and_summary(engagement: Path) -> None:
    result = run("lint", "--select", "action-missing-due", cwd=engagement)
    assert result.exit_code == 1, result.output
    assert result.stdout == f"{MISSING_DUE}\n1 error, 0 warnings, 0 info in 2 files\n"
    assert result.stderr == ""


def test_paths_are_relative_to_the_current_folder(engagement: Path) -> None:
    result = run("lint", "globex-riley-chen", "--select", "CK201", cwd=engagement.parent)
    assert result.stdout.splitlines()[0] == f"globex-riley-chen/{MISSING_DUE}"
    elsewhere = engagement.parent / "elsewhere"
    elsewhere.mkdir()
    outside = run("lint", str(engagement), "--select", "CK201", cwd=elsewhere)
    assert outside.stdout.splitlines()[0] == f"{engagement}/{MISSING_DUE}"


def test_a_single_note_reports_only_that_note(engagement: Path) -> None:
    build_file_tree(
        engagement,
        {"goals/G1-x.md": "---\nactions:\n  - id: e5f6\n    title: T\n    status: open\n---\n"},
    )
    result = run("lint", "sessions/01-2026-01-15.md", "--select", "CK201", cwd=engagement)
    assert result.stdout == f"{MISSING_DUE}\n1 error, 0 warnings, 0 info in 1 file\n"
    both = run("lint", "--select", "CK201", cwd=engagement)
    assert "goals/G1-x.md:3:5: error action-missing-due action e5f6 has no due date" in both.stdout


def test_a_folder_and_a_note_together(engagement: Path, tmp_path: Path) -> None:
    other = build_file_tree(
        tmp_path / "practice" / "initech-sam",
        {"engagement.md": RILEY_ENGAGEMENT, "sessions/01-2026-01-15.md": SESSION},
    )
    build_file_tree(
        engagement,
        {"goals/G1-x.md": "---\nactions:\n  - id: e5f6\n    title: T\n    status: open\n---\n"},
    )
    result = run(
        "lint", str(other.parent), "sessions/01-2026-01-15.md", "--select", "CK201", cwd=engagement
    )
    assert result.stdout == (
        f"{MISSING_DUE}\n{other}/{MISSING_DUE}\n2 errors, 0 warnings, 0 info in 3 files\n"
    )


def test_the_sample_engagement_in_every_format(sample: Path) -> None:
    text = run("lint", cwd=sample)
    assert text.exit_code in (0, 1), text.output
    *lines, summary = text.stdout.splitlines()
    assert all(LINE_RE.match(line) for line in lines), lines
    assert SUMMARY_RE.match(summary) and summary.endswith(" in 7 files")
    records = json.loads(run("lint", "--format", "json", cwd=sample).stdout)
    assert len(records) == len(lines)
    github = run("lint", "--format", "github", cwd=sample).stdout.splitlines()
    assert len(github) == len(lines)
    assert all(
        re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=[a-z0-9-]+::", g)
        for g in github
    )
    sarif = json.loads(run("lint", "--format", "sarif", cwd=sample).stdout)
    assert len(sarif["runs"][0]["results"]) == len(lines)


def test_the_sample_is_clean_for_missing_dates(sample: Path) -> None:
    result = run("lint", "--select", "action-missing-due,yaml-invalid", cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == "0 errors, 0 warnings, 0 info in 7 files\n"


# --- json, github, sarif ---------------------------------------------------------------------


def test_json_records(engagement: Path) -> None:
    result = run("lint", "--select", "CK201", "--format", "json", cwd=engagement)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {
            "path": str(engagement / "sessions/01-2026-01-15.md"),
            "line": 10,
            "column": 5,
            "code": "CK201",
            "rule": "action-missing-due",
            "severity": "error",
            "message": "action c3d4 has no due date",
            "fixable": False,
        }
    ]
    assert result.stdout.startswith("[\n  {\n")


def test_json_with_nothing_found_is_an_empty_list(engagement: Path) -> None:
    result = run("lint", "--select", "CK1", "--format", "json", cwd=engagement)
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_github_workflow_commands(engagement: Path) -> None:
    result = run("lint", "--select", "CK201", "--format", "github", cwd=engagement)
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=sessions/01-2026-01-15.md,line=10,col=5,title=action-missing-due::"
        "action c3d4 has no due date\n"
    )


def test_github_escapes_data_and_properties(tmp_path: Path) -> None:
    from coachkit.lint.output_formats import render_github

    finding = Finding(
        tmp_path / "a,b:c.md",
        3,
        1,
        "CK901",
        "unused-suppression",
        "info",
        "100% done\r\nnext: x, y",
    )
    warning = Finding(tmp_path / "w.md", 4, 2, "CK201", "action-missing-due", "warning", "plain")
    report = LintReport([finding, warning], 1, 2)
    assert render_github(report, tmp_path) == (
        "::notice file=a%2Cb%3Ac.md,line=3,col=1,title=unused-suppression::100%25 done%0D%0Anext: x, y\n"
        "::warning file=w.md,line=4,col=2,title=action-missing-due::plain\n"
    )


def _check_sarif(log: dict[str, object]) -> None:
    """The properties SARIF 2.1.0's schema requires, and the ones code scanning reads."""
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    runs = log["runs"]
    assert isinstance(runs, list) and len(runs) == 1
    run_ = runs[0]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "coachkit" and isinstance(driver["version"], str)
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert re.fullmatch(r"CK\d{3}", rule["id"]) and re.fullmatch(r"[a-z0-9-]+", rule["name"])
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"].startswith(rule["shortDescription"]["text"])
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    base_ids = run_.get("originalUriBaseIds", {})
    for result in run_["results"]:
        assert result["ruleId"] in ids and ids[result["ruleIndex"]] == result["ruleId"]
        assert result["level"] in ("none", "note", "warning", "error")
        assert isinstance(result["message"]["text"], str) and result["message"]["text"]
        for location in result["locations"]:
            physical = location["physicalLocation"]
            artifact = physical["artifactLocation"]
            assert "\\" not in artifact["uri"]
            assert artifact.get("uriBaseId") is None or artifact["uriBaseId"] in base_ids
            assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1


def test_sarif_log(engagement: Path) -> None:
    from coachkit.lint.rules import all_rules

    result = run("lint", "--select", "CK201", "--format", "sarif", cwd=engagement)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    _check_sarif(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in all_rules()]
    missing_due = next(r for r in driver["rules"] if r["id"] == "CK201")
    assert missing_due["name"] == "action-missing-due"
    assert missing_due["shortDescription"] == {"text": "An open action item has no due date."}
    assert missing_due["defaultConfiguration"] == {"level": "error"}
    assert log["runs"][0]["originalUriBaseIds"] == {"%SRCROOT%": {"uri": engagement.as_uri() + "/"}}
    [finding] = log["runs"][0]["results"]
    assert finding["ruleId"] == "CK201" and finding["level"] == "error"
    assert finding["message"] == {"text": "action c3d4 has no due date"}
    assert finding["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "sessions/01-2026-01-15.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 10, "startColumn": 5},
            }
        }
    ]


def test_sarif_outside_the_current_folder_uses_file_uris(engagement: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    log = json.loads(
        run("lint", str(engagement), "--select", "CK201", "--format", "sarif", cwd=elsewhere).stdout
    )
    _check_sarif(log)
    artifact = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": (engagement / "sessions/01-2026-01-15.md").as_uri()}


def test_info_findings_are_notes_in_sarif(engagement: Path) -> None:
    build_file_tree(
        engagement,
        {"goals/G1-x.md": "---\ntitle: X  # coachkit: ignore[action-missing-due]\n---\n"},
    )
    log = json.loads(
        run("lint", "--format", "sarif", "--select", "CK201,CK901", cwd=engagement).stdout
    )
    levels = {r["ruleId"]: r["level"] for r in log["runs"][0]["results"]}
    assert levels == {"CK201": "error", "CK901": "note"}


# --- choosing the format ---------------------------------------------------------------------


def test_format_from_the_environment(engagement: Path) -> None:
    in_actions = run("lint", "--select", "CK201", cwd=engagement, env={"GITHUB_ACTIONS": "true"})
    assert in_actions.stdout.startswith("::error file=")
    chosen = run(
        "lint",
        "--select",
        "CK201",
        cwd=engagement,
        env={"GITHUB_ACTIONS": "true", "COACHKIT_LINT_FORMAT": "json"},
    )
    assert json.loads(chosen.stdout)[0]["rule"] == "action-missing-due"
    flag = run(
        "lint",
        "--select",
        "CK201",
        "--format",
        "text",
        cwd=engagement,
        env={"COACHKIT_LINT_FORMAT": "json"},
    )
    assert flag.stdout.startswith("sessions/")


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (
            ["--format", "xml"],
            {},
            "--format: unknown format 'xml'; use text, json, github, sarif\n",
        ),
        (
            [],
            {"COACHKIT_LINT_FORMAT": "yaml"},
            "COACHKIT_LINT_FORMAT: unknown format 'yaml'; use text, json, github, sarif\n",
        ),
    ],
)
def test_unknown_format(
    engagement: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    result = run("lint", *args, cwd=engagement, env=env)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


# --- exit codes ------------------------------------------------------------------------------


def _warn_config(engagement: Path) -> None:
    build_file_tree(
        engagement, {".coachkit.yaml": "lint:\n  severity:\n    action-missing-due: warning\n"}
    )


def test_exit_codes(engagement: Path) -> None:
    assert run("lint", "--select", "CK1", cwd=engagement).exit_code == 0
    assert run("lint", "--select", "CK201", cwd=engagement).exit_code == 1
    assert run("lint", "--select", "CK201", "--exit-zero", cwd=engagement).exit_code == 0
    assert run("lint", "--select", "bogus", "--exit-zero", cwd=engagement).exit_code == 2


def test_warnings_pass_unless_strict(engagement: Path) -> None:
    _warn_config(engagement)
    lenient = run("lint", "--select", "CK201", cwd=engagement)
    assert lenient.exit_code == 0
    assert lenient.stdout == (
        "sessions/01-2026-01-15.md:10:5: warning action-missing-due action c3d4 has no due date\n"
        "0 errors, 1 warning, 0 info in 2 files\n"
    )
    assert run("lint", "--select", "CK201", "--strict", cwd=engagement).exit_code == 1
    assert (
        run("lint", "--select", "CK201", "--strict", "--exit-zero", cwd=engagement).exit_code == 0
    )


def test_info_passes_even_when_strict(engagement: Path) -> None:
    build_file_tree(
        engagement,
        {
            "goals/G1-x.md": "---\ntitle: X  # coachkit: ignore[action-missing-due]\n---\n",
            "sessions/01-2026-01-15.md": SESSION.replace(
                "    owner: Riley\n    status", "    owner: Riley\n    due: 2026-03-02\n    status"
            ),
        },
    )
    result = run("lint", "--select", "action-missing-due,CK9", "--strict", cwd=engagement)
    assert result.exit_code == 0
    assert result.stdout == (
        "goals/G1-x.md:2:11: info unused-suppression suppression of action-missing-due matches no finding; remove it\n"
        "0 errors, 0 warnings, 1 info in 3 files\n"
    )


# --- choosing rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "found"),
    [
        (["--select", "action-missing-due"], True),
        (["--select", "CK201"], True),
        (["--select", "ck2"], True),
        (["--select", "CK1,CK2"], True),
        (["--select", "CK1", "--select", "CK2"], True),
        (["--select", "CK1"], False),
        (["--ignore", "action-missing-due"], False),
        (["--ignore", "CK201"], False),
        (["--ignore", "CK2"], False),
        (["--select", "CK2", "--ignore", "action-missing-due"], False),
        (["--ignore", "CK1, CK2,CK3,CK4,CK5,CK6,CK7,CK8,CK9"], False),
    ],
)
def test_select_and_ignore(engagement: Path, args: list[str], found: bool) -> None:
    result = run("lint", *args, cwd=engagement)
    assert (MISSING_DUE in result.stdout) is found, result.output


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_is_one_line(engagement: Path, option: str) -> None:
    result = run("lint", option, "action-missing-dew", cwd=engagement)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"{option}: unknown rule 'action-missing-dew'; `coachkit lint --list-rules` lists them\n"
    )


def test_unknown_rule_in_config_is_one_line_even_when_nothing_fires(engagement: Path) -> None:
    build_file_tree(engagement, {".coachkit.yaml": "lint:\n  ignore: [action-missing-dew]\n"})
    result = run("lint", "--select", "CK1", cwd=engagement)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"{engagement}/.coachkit.yaml:2:3: unknown rule 'action-missing-dew'; `coachkit lint --list-rules` lists them\n"
    )


def test_config_ignores_and_closest_wins(engagement: Path) -> None:
    build_file_tree(engagement, {".coachkit.yaml": "lint:\n  ignore: [CK201]\n"})
    assert run("lint", "--select", "CK201", cwd=engagement).exit_code == 0
    build_file_tree(engagement, {"sessions/.coachkit.yaml": "lint:\n  select: [CK2]\n"})
    assert MISSING_DUE in run("lint", "--select", "CK201", cwd=engagement).stdout


def test_a_path_that_does_not_exist(engagement: Path) -> None:
    result = run("lint", "nowhere", cwd=engagement)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "nowhere: no such file or folder\n",
    )


def test_outside_any_engagement(tmp_path: Path) -> None:
    result = run("lint", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no engagement.md" in result.stderr


def test_a_broken_file_is_a_finding_not_a_crash(engagement: Path) -> None:
    build_file_tree(engagement, {"goals/G1-x.md": "---\ntitle: [unclosed\n---\n"})
    result = run("lint", "--select", "yaml-invalid", cwd=engagement)
    assert result.exit_code == 1
    assert (
        result.stdout.splitlines()[0]
        == "goals/G1-x.md:3:1: error yaml-invalid invalid YAML: did not find expected ',' or ']'"
    )


# --- rule documentation ----------------------------------------------------------------------


def test_list_rules_shows_every_rule(tmp_path: Path) -> None:
    from coachkit.lint.rules import all_rules

    result = run("lint", "--list-rules", cwd=tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["code", "name", "severity", "summary"]
    rules = all_rules()
    assert len(lines) == len(rules) + 1
    for line, rule in zip(lines[1:], rules, strict=True):
        assert line.split(None, 3) == [rule.code, rule.name, rule.severity, rule.summary]


@pytest.mark.parametrize("name", ["action-missing-due", "CK201", "ck201"])
def test_explain(tmp_path: Path, name: str) -> None:
    result = run("lint", "--explain", name, cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "CK201 action-missing-due (error)\n\nAn open action item has no due date.\n\n"
    )
    assert "`due: YYYY-MM-DD`" in result.stdout


def test_explain_unknown_rule(tmp_path: Path) -> None:
    result = run("lint", "--explain", "no-such-rule", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "coachkit: unknown rule 'no-such-rule'; `coachkit lint --list-rules` lists them\n"
    )


# --- colour ----------------------------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the CliRunner's stdout claim to be a terminal (one that can colour)."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setattr(
        click.testing._NamedTextIOWrapper, "isatty", lambda self: True, raising=False
    )


def _on_terminal(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """stdout of ``coachkit ARGS`` with styles kept (``run`` lets click strip them)."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        result = click.testing.CliRunner().invoke(
            cli, list(args), env=env, color=True, catch_exceptions=False
        )
    finally:
        os.chdir(previous)
    return result.stdout


def test_colour_on_a_terminal(engagement: Path, terminal: None) -> None:
    stdout = _on_terminal(engagement, "lint", "--select", "CK201")
    assert stdout == (
        "sessions/01-2026-01-15.md:10:5: \x1b[31merror\x1b[0m action-missing-due action c3d4 has no due date\n"
        "\x1b[31m1 error, 0 warnings, 0 info in 2 files\x1b[0m\n"
    )


def test_no_color_is_respected(engagement: Path, terminal: None) -> None:
    stdout = _on_terminal(engagement, "lint", "--select", "CK201", env={"NO_COLOR": "1"})
    assert stdout == f"{MISSING_DUE}\n1 error, 0 warnings, 0 info in 2 files\n"


def test_no_colour_in_a_pipe(engagement: Path) -> None:
    assert (
        _on_terminal(engagement, "lint", "--select", "CK201")
        == f"{MISSING_DUE}\n1 error, 0 warnings, 0 info in 2 files\n"
    )


# --- fixes -----------------------------------------------------------------------------------

DATE_RE = re.compile(
    r"^[ \t]*(?:- )?(?:due|done|date): *(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ \t]+#[^\r\n]*)?[ \t]*\r?$",
    re.M,
)


def _iso_dates(ctx: object) -> Iterator[Hit]:
    """A stand-in for date-not-iso: `2026-3-5` -> `2026-03-05`, with a TextEdit."""
    engagement = ctx.engagement  # type: ignore[attr-defined]
    for path in engagement.notes:
        text = ctx.text(path)  # type: ignore[attr-defined]
        for match in DATE_RE.finditer(text):
            old = text[match.start("y") : match.end("d")]
            new = f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
            if old != new:
                line = text.count("\n", 0, match.start("y")) + 1
                column = match.start("y") - text.rfind("\n", 0, match.start("y"))
                yield Hit(
                    path,
                    line,
                    column,
                    f"write {old} as {new}",
                    (TextEdit(match.start("y"), old, new),),
                )


STAND_IN = Rule(
    "CK998",
    "iso-date-stand-in",
    "warning",
    "Dates not written YYYY-MM-DD (test stand-in).",
    _iso_dates,
)


@pytest.fixture(params=["date-not-iso", "iso-date-stand-in"])
def fixer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The rule that fixes `2026-3-5`: the real one, and a stand-in that tests the machinery alone."""
    if request.param == "iso-date-stand-in":
        import coachkit.lint.rules
        import coachkit.lint.runner

        rules = [*coachkit.lint.rules.all_rules(), STAND_IN]
        monkeypatch.setattr(coachkit.lint.rules, "all_rules", lambda: rules)
        monkeypatch.setattr(coachkit.lint.runner, "all_rules", lambda: rules)
    return str(request.param)


def _session(newline: str = "\n", bom: bool = False) -> bytes:
    text = SESSION.replace("    due: 2026-03-01\n", "    due: 2026-3-5  # agreed on the call\n")
    data = text.replace("\n", newline).encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


@pytest.mark.parametrize(
    ("newline", "bom"), [("\n", False), ("\r\n", False), ("\n", True)], ids=["lf", "crlf", "bom"]
)
def test_fix_changes_only_the_date(engagement: Path, fixer: str, newline: str, bom: bool) -> None:
    note = engagement / "sessions/01-2026-01-15.md"
    other = (engagement / "engagement.md").read_bytes()
    note.write_bytes(_session(newline, bom))
    git(engagement, "commit", "-q", "-am", "Dates as typed")
    before = note.read_bytes()

    result = run("lint", "--fix", "--select", fixer, cwd=engagement)

    assert result.exit_code == 0, result.output
    after = note.read_bytes()
    assert after == before.replace(b"due: 2026-3-5 ", b"due: 2026-03-05 ")
    assert after.count(newline.encode()) == before.count(newline.encode())
    assert after.startswith(b"\xef\xbb\xbf") is bom
    assert (engagement / "engagement.md").read_bytes() == other
    assert result.stdout == f"{note}\n0 errors, 0 warnings, 0 info in 2 files\n"
    assert re.search(
        rf"^fixed sessions/01-2026-01-15.md:8:\d+: {fixer}: '2026-3-5' -> '2026-03-05'$",
        result.stderr,
        re.M,
    )
    assert commits(engagement)[0] == f"Fix lint findings: {fixer}"
    assert committed_files(engagement) == ["sessions/01-2026-01-15.md"]
    assert git(engagement, "status", "--porcelain") == ""


def test_fix_commits_only_the_fixed_file(engagement: Path, fixer: str) -> None:
    (engagement / "sessions/01-2026-01-15.md").write_bytes(_session())
    # Committed: a fix of a line the coach has edited and not committed is not committed
    # (tests/storage/test_commit_only_coachkit_change.py).
    git(engagement, "commit", "-q", "-am", "Dates as typed")
    (engagement / "notes.txt").write_text("unrelated work in progress\n", encoding="utf-8")
    (engagement / "engagement.md").write_text(
        RILEY_ENGAGEMENT + "Edited, not committed.\n", encoding="utf-8"
    )
    result = run("lint", "--fix", "--select", fixer, cwd=engagement)
    assert result.exit_code == 0, result.output
    assert git(engagement, "show", "--name-only", "--format=", "HEAD").split() == [
        "sessions/01-2026-01-15.md"
    ]
    assert git(engagement, "status", "--porcelain").splitlines() == [
        " M engagement.md",
        "?? notes.txt",
    ]


def test_fix_with_no_commit(engagement: Path, fixer: str) -> None:
    (engagement / "sessions/01-2026-01-15.md").write_bytes(_session())
    git(engagement, "commit", "-q", "-am", "Dates as typed")
    result = run("lint", "--fix", "--no-commit", "--select", fixer, cwd=engagement)
    assert result.exit_code == 0, result.output
    assert commits(engagement)[0] == "Dates as typed"
    assert "not committed (--no-commit)" in result.stderr
    assert b"due: 2026-03-05" in (engagement / "sessions/01-2026-01-15.md").read_bytes()


def test_fix_keeps_json_output_parseable(engagement: Path, fixer: str) -> None:
    (engagement / "sessions/01-2026-01-15.md").write_bytes(_session())
    result = run("lint", "--fix", "--select", f"{fixer},CK201", "--format", "json", cwd=engagement)
    assert result.exit_code == 1
    assert [r["rule"] for r in json.loads(result.stdout)] == ["action-missing-due"]
    assert f"{engagement}/sessions/01-2026-01-15.md\n" in result.stderr


def test_diff_writes_nothing(engagement: Path, fixer: str) -> None:
    note = engagement / "sessions/01-2026-01-15.md"
    note.write_bytes(_session())
    git(engagement, "commit", "-q", "-am", "Dates as typed")
    before = note.read_bytes()
    result = run("lint", "--diff", "--select", fixer, cwd=engagement)
    assert result.exit_code == 0, result.output
    assert note.read_bytes() == before
    assert commits(engagement)[0] == "Dates as typed"
    assert result.stdout == (
        "--- a/sessions/01-2026-01-15.md\n"
        "+++ b/sessions/01-2026-01-15.md\n"
        "@@ -5,7 +5,7 @@\n"
        "   - id: a1b2\n"
        "     title: Draft the delegation map\n"
        "     owner: Riley\n"
        "-    due: 2026-3-5  # agreed on the call\n"
        "+    due: 2026-03-05  # agreed on the call\n"
        "     status: open\n"
        "   - id: c3d4\n"
        "     title: Ask Priya what she wants to own\n"
    )
    assert "would fix 1 finding in 1 file" in result.stderr


def test_fix_commits_once_per_engagement(tmp_path: Path, fixer: str) -> None:
    practice = build_file_tree(
        tmp_path / "practice",
        {
            f"{name}/{path}": content
            for name in ("acme", "globex")
            for path, content in (
                ("engagement.md", RILEY_ENGAGEMENT),
                ("sessions/01-2026-01-15.md", _session().decode()),
            )
        },
    )
    git(practice, "init", "-q")
    git(practice, "add", ".")
    git(practice, "commit", "-q", "-m", "Start")
    result = run("lint", "--fix", "--select", fixer, cwd=practice)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        f"{practice}/acme/sessions/01-2026-01-15.md",
        f"{practice}/globex/sessions/01-2026-01-15.md",
    ]
    assert commits(practice) == [f"Fix lint findings: {fixer}"] * 2 + ["Start"]
    assert committed_files(practice, "HEAD") == ["globex/sessions/01-2026-01-15.md"]
    assert committed_files(practice, "HEAD~1") == ["acme/sessions/01-2026-01-15.md"]


def test_nothing_to_fix(engagement: Path) -> None:
    result = run("lint", "--fix", "--select", "CK201", cwd=engagement)
    assert result.exit_code == 1
    assert result.stdout == f"{MISSING_DUE}\n1 error, 0 warnings, 0 info in 2 files\n"
    assert commits(engagement) == ["Start"]


def test_a_stale_fix_is_refused(engagement: Path) -> None:
    from coachkit.lint.fixes import fix_findings

    note = engagement / "sessions/01-2026-01-15.md"
    before = note.read_bytes()
    offset = before.decode().index("2026-03-01")
    stale = Finding(
        note,
        8,
        10,
        "CK998",
        "iso-date-stand-in",
        "warning",
        "m",
        (TextEdit(offset, "2026-3-1", "2026-03-01"),),
    )
    outcome = fix_findings([stale], [engagement], engagement)
    assert outcome.paths == []
    assert outcome.refused == [
        f"{note}:8: not fixed: the file no longer holds '2026-3-1' where iso-date-stand-in found it; run `coachkit lint` again"
    ]
    assert note.read_bytes() == before


def test_a_fix_that_breaks_the_yaml_is_refused(engagement: Path) -> None:
    from coachkit.lint.fixes import fix_findings

    note = engagement / "sessions/01-2026-01-15.md"
    before = note.read_bytes()
    offset = before.decode().index("Riley")
    bad = Finding(
        note,
        7,
        12,
        "CK998",
        "iso-date-stand-in",
        "warning",
        "m",
        (TextEdit(offset, "Riley", "[Riley"),),
    )
    outcome = fix_findings([bad], [engagement], engagement)
    assert (
        outcome.paths == []
        and "not fixed: the fix would leave the file unreadable" in outcome.refused[0]
    )
    assert note.read_bytes() == before


def test_the_command_offers_every_format() -> None:
    from coachkit.cli.lint_cmd import FORMAT_CHOICES
    from coachkit.lint.output_formats import FORMATS

    assert FORMAT_CHOICES == FORMATS
