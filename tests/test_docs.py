"""The documentation keeps up with the commands.

Every command has help text and every leaf command an example; docs/cli.md is
what `make docs` generates today; every command is named in README.md or
docs/cli.md; and every `--json` listing prints exactly the fields docs/json.md
documents, with the documented types.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from coachkit.cli.reference import iter_commands, render_reference
from tests.helpers import build_file_tree, run

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
COMMANDS = iter_commands()
LEAVES = [
    (path, command, ctx) for path, command, ctx in COMMANDS if not isinstance(command, click.Group)
]


def _leaf_params() -> list[Any]:
    return [pytest.param(path, command, ctx, id=path) for path, command, ctx in LEAVES]


@pytest.mark.parametrize(
    ("path", "command"), [(p, c) for p, c, _ in COMMANDS], ids=[p for p, _, _ in COMMANDS]
)
def test_every_command_has_help_text(path: str, command: click.Command) -> None:
    assert (command.help or "").strip(), f"{path} has no help text: give the command a docstring"
    assert command.get_short_help_str().strip(), f"{path} has no one-line summary"


@pytest.mark.parametrize(("path", "command", "ctx"), _leaf_params())
def test_every_leaf_command_help_has_an_example(
    path: str, command: click.Command, ctx: click.Context
) -> None:
    assert "Example" in command.get_help(ctx), (
        f"{path} --help shows no example: add an 'Example:' block"
    )


@pytest.mark.parametrize(
    ("path", "command"), [(p, c) for p, c, _ in COMMANDS], ids=[p for p, _, _ in COMMANDS]
)
def test_every_option_has_help_text(path: str, command: click.Command) -> None:
    bare = [
        p.opts[0]
        for p in command.params
        if isinstance(p, click.Option) and not (p.help or "").strip()
    ]
    assert not bare, f"{path}: options without help text: {', '.join(bare)}"


def test_cli_reference_is_up_to_date() -> None:
    actual = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert actual == render_reference(), "docs/cli.md is stale: run `make docs` and commit it"


def test_reference_module_prints_the_reference() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "coachkit.cli.reference"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert result.stdout == render_reference()
    assert result.stderr == ""


def test_every_command_is_named_in_the_readme_or_the_reference() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [path for path, _, _ in COMMANDS if path not in readme and path not in reference]
    assert not missing, f"not documented in README.md or docs/cli.md: {', '.join(missing)}"


def _documented_json_fields() -> dict[str, list[tuple[str, str]]]:
    """{listing command: [(field, type)]} from the tables in docs/json.md."""
    text = (DOCS / "json.md").read_text(encoding="utf-8")
    listings: dict[str, list[tuple[str, str]]] = {}
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        heading = section.split("\n", 1)[0]
        rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+?) \|", section, flags=re.M)
        for listing in re.findall(r"`coachkit (.+?) --json`", heading):
            listings[listing] = rows
    return listings


JSON_FIELDS = _documented_json_fields()
# Options that make each listing show every kind of row in the sample.
LISTING_ARGS = {"action list": ["--status", "all"]}
# Notes a listing needs beside the sample to print any row (the sample has no interview round).
LISTING_NOTES = {
    "feedback summary --themes": {
        "feedback/2026-01-06-interview.md": "---\nkind: interview\ndate: 2026-01-06\n"
        "themes:\n  peer: {strengths: [Calm under pressure], needs: [Shares plans late]}\n---\n"
    }
}


def _has_type(value: Any, documented: str) -> bool:
    base, _, null = documented.partition(" or ")
    if value is None:
        return null == "null"
    if base == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if base == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if base == "list of two numbers":
        return (
            isinstance(value, list)
            and len(value) == 2
            and all(_has_type(item, "number") for item in value)
        )
    if base == "boolean":
        return isinstance(value, bool)
    if base == "list of strings":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if base == "date string":
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    return base == "string" and isinstance(value, str)


def _takes(command: click.Command, name: str) -> bool:
    return any(param.name == name for param in command.params)


def test_json_md_documents_every_listing() -> None:
    listings = {
        path.removeprefix("coachkit ") for path, command, _ in LEAVES if _takes(command, "as_json")
    }
    # A heading may name an option that changes the listing's rows (feedback summary --themes).
    assert {name.split(" --")[0] for name in JSON_FIELDS} == listings


@pytest.mark.parametrize("listing", sorted(JSON_FIELDS))
def test_json_output_has_the_documented_fields(listing: str, sample: Path) -> None:
    build_file_tree(sample, LISTING_NOTES.get(listing, {}))
    result = run(*listing.split(), *LISTING_ARGS.get(listing, []), "--json", cwd=sample)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows, f"{listing} --json printed no rows for the sample"
    fields = JSON_FIELDS[listing]
    for row in rows:
        assert list(row) == [name for name, _ in fields], (
            f"{listing} --json fields differ from docs/json.md"
        )
        for name, documented in fields:
            assert _has_type(row[name], documented), (
                f"{listing}: {name}={row[name]!r} is not {documented}"
            )


LISTINGS_WITH_CSV = sorted(
    path.removeprefix("coachkit ")
    for path, command, _ in LEAVES
    if _takes(command, "fmt") and _takes(command, "as_json")
)


@pytest.mark.parametrize("listing", LISTINGS_WITH_CSV)
def test_csv_output_has_the_documented_fields(listing: str, sample: Path) -> None:
    result = run(*listing.split(), "--format", "csv", cwd=sample)
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0]
    assert header.split(",") == [name for name, _ in JSON_FIELDS[listing]]


def test_docs_lint_lists_every_rule() -> None:
    from coachkit.lint.rules import all_rules

    text = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    for rule in all_rules():
        assert f"| {rule.code} | `{rule.name}` | {rule.severity} | {rule.summary} |" in text, (
            rule.name
        )


def test_the_lazy_command_table_matches_each_command() -> None:
    import importlib

    from coachkit.cli import COMMANDS

    for name, (module, attribute, summary) in COMMANDS.items():
        command = getattr(importlib.import_module(module), attribute)
        assert command.name == name
        assert (command.help or "").strip().splitlines()[0] == summary, name


def test_top_level_help_imports_no_command_and_no_heavy_library() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from coachkit.cli import cli\n"
        "try:\n"
        "    cli(['--help'], prog_name='coachkit')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in sys.modules if m.endswith('_cmd') or m.split('.')[0] in "
        "('yaml', 'jinja2', 'git', 'frontmatter', 'ruamel')]\n"
        "print(','.join(sorted(loaded)), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == ""


def test_listing_json_is_exactly_indent_two() -> None:
    """The fast JSON layout is the text json.dumps(indent=2) writes, whatever the values."""
    import datetime as dt
    import json

    from coachkit.json_output import json_text, to_jsonable

    cases: list[object] = [
        [{"a": 1, "b": "x}\x00{y]\x00[", "c": None, "d": True, "e": 1.5, "f": dt.date(2026, 1, 2)}],
        [{"a": 'é"\\', "b": "\n"}, {"a": "}{", "b": "]["}],
        [{"a": [1, 2]}],
        [],
        [{}],
        {"x": 1},
        [{"k": {"n": 1}}],
        [{"a": 1}, {"b": 2}],
        [{"a": "%s"}, {"a": "\u2028"}],
    ]
    for rows in cases:
        assert json_text(rows) == json.dumps(to_jsonable(rows), indent=2, ensure_ascii=False)
