"""SARIF valid against the official 2.1.0 schema for any folder name, and GitHub
annotations placed from the repository's top (or GITHUB_WORKSPACE) wherever lint runs."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from tests.helpers import build_file_tree, git, run

jsonschema = pytest.importorskip("jsonschema", reason="the dev extra installs jsonschema")
SCHEMA = Path(__file__).parents[1] / "data" / "sarif-schema-2.1.0.json"
# A folder name with a space, "#" (a fragment if left raw) and "%" (an escape if left raw).
AWKWARD = "Acme #2 (50% off)"
SESSION = """\
---
session: 1
date: 2026-01-15
actions:
  - id: c3d4
    title: Ask Priya what she wants to own
    owner: Riley
    status: open
---
# Session 1
"""


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "COACHKIT_LINT_FORMAT"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A repository holding one engagement in a folder with an awkward name."""
    top = tmp_path / "practice"
    build_file_tree(
        top / "clients" / AWKWARD,
        {
            "engagement.md": "---\nclient: Riley Chen\nphase: coaching\nstart: 2026-01-01\n---\n",
            "sessions/01-2026-01-15.md": SESSION,
        },
    )
    git(top, "init", "-q")
    return top


def _validator() -> object:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # Every format jsonschema knows: the schema says draft-04 but uses draft-06's
    # uri-reference, which the SARIF validator (SARIF1002) checks too.
    checker = jsonschema.FormatChecker()
    if "uri-reference" not in checker.checkers:
        pytest.skip("jsonschema checks URI formats only with rfc3986-validator installed")
    return jsonschema.Draft4Validator(schema, format_checker=checker)


@pytest.mark.parametrize("where", [".", "clients", f"clients/{AWKWARD}"])
def test_sarif_is_valid_and_its_uris_lead_to_the_file(repository: Path, where: str) -> None:
    validator = _validator()
    result = run("lint", "--select", "CK201", "--format", "sarif", cwd=repository / where)
    assert result.exit_code == 1, result.output
    log = json.loads(result.stdout)
    errors = [e.message for e in validator.iter_errors(log)]  # type: ignore[attr-defined]
    assert errors == []
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    assert all(rule["helpUri"].endswith("docs/lint.md#rules") for rule in driver["rules"])
    artifact = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert " " not in artifact["uri"] and "#" not in artifact["uri"]
    base = run_["originalUriBaseIds"][artifact["uriBaseId"]]["uri"]
    target = Path(unquote(urlparse(urljoin(base, artifact["uri"])).path))
    assert target == repository / "clients" / AWKWARD / "sessions" / "01-2026-01-15.md"


def test_sarif_for_a_file_outside_the_current_folder_is_valid(repository: Path) -> None:
    validator = _validator()
    elsewhere = repository.parent / "elsewhere 100%"
    elsewhere.mkdir()
    result = run("lint", str(repository), "--select", "CK201", "--format", "sarif", cwd=elsewhere)
    log = json.loads(result.stdout)
    assert [e.message for e in validator.iter_errors(log)] == []  # type: ignore[attr-defined]
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": (repository / "clients" / AWKWARD / "sessions/01-2026-01-15.md").as_uri()}


def _annotated_file(stdout: str) -> str:
    """The ``file=`` property, its workflow-command escapes undone."""
    [line] = stdout.splitlines()
    escaped = line.split("file=", 1)[1].split(",line=", 1)[0]
    return escaped.replace("%2C", ",").replace("%3A", ":").replace("%25", "%")


def test_github_annotations_start_at_the_repository_top(repository: Path) -> None:
    sessions = repository / "clients" / AWKWARD / "sessions"
    result = run("lint", "..", "--select", "CK201", "--format", "github", cwd=sessions)
    assert result.exit_code == 1, result.output
    assert _annotated_file(result.stdout) == f"clients/{AWKWARD}/sessions/01-2026-01-15.md"


def test_github_annotations_start_at_github_workspace(repository: Path) -> None:
    sessions = repository / "clients" / AWKWARD / "sessions"
    result = run(
        "lint",
        "..",
        "--select",
        "CK201",
        "--format",
        "github",
        cwd=sessions,
        env={"GITHUB_WORKSPACE": str(repository / "clients")},
    )
    assert _annotated_file(result.stdout) == f"{AWKWARD}/sessions/01-2026-01-15.md"
