"""``coachkit lint``: plans without deadlines, owners or accountability, caught before they slip."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coachkit.cli.common import no_commit_option, print_table
from coachkit.cli.listing import (
    as_of_option,
    no_cache_option,
    paint,
    paths_argument,
    use_colour,
)
from coachkit.cli.outcome import Listed, Outcome

if TYPE_CHECKING:
    from coachkit.lint.fixes import FixOutcome

FORMAT_CHOICES = ("text", "json", "github", "sarif")
FORMAT_ENV = "COACHKIT_LINT_FORMAT"
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _names(values: Sequence[str]) -> tuple[str, ...]:
    """``--select a,b --select c`` as ``("a", "b", "c")``."""
    return tuple(name.strip() for value in values for name in value.split(",") if name.strip())


def _chosen_format(fmt: str | None) -> str:
    """--format, else $COACHKIT_LINT_FORMAT, else github inside GitHub Actions, else text."""
    from coachkit.errors import CoachkitError

    where = "--format"
    if fmt is None:
        fmt, where = os.environ.get(FORMAT_ENV) or None, FORMAT_ENV
    if fmt is None:
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if fmt not in FORMAT_CHOICES:
        raise CoachkitError(f"{where}: unknown format {fmt!r}; use {', '.join(FORMAT_CHOICES)}")
    return fmt


def _list_rules() -> None:
    from coachkit.lint.rules import all_rules

    rows = [[rule.code, rule.name, rule.severity, rule.summary] for rule in all_rules()]
    print_table(rows, ["code", "name", "severity", "summary"], wrap_last=False)


def _explain(name: str) -> None:
    import inspect

    from coachkit.errors import CoachkitError
    from coachkit.lint.rules import all_rules

    for rule in all_rules():
        if name in (rule.name, rule.code) or name.upper() == rule.code:
            click.echo(f"{rule.code} {rule.name} ({rule.severity})\n\n{inspect.cleandoc(rule.doc)}")
            return
    raise CoachkitError(f"unknown rule {name!r}; `coachkit lint --list-rules` lists them")


def _report_fixes(outcome: FixOutcome, diff: bool, paths_on_stdout: bool) -> None:
    """The diff on stdout, or what was fixed on stderr and the fixed files on stdout.

    With a machine-readable format the fixed files go to stderr too, so stdout
    stays one JSON document or one list of workflow commands.
    """
    for line in outcome.refused:
        click.echo(line, err=True)
    if diff:
        click.echo(outcome.diff, nl=False)
        if not outcome.fixed:
            click.echo("nothing to fix", err=True)
            return
        findings = f"{outcome.fixed} finding{'s' if outcome.fixed != 1 else ''}"
        files = f"{len(outcome.paths)} file{'s' if len(outcome.paths) != 1 else ''}"
        click.echo(f"would fix {findings} in {files}; run `coachkit lint --fix` to apply", err=True)
        return
    for line in outcome.changes:
        click.echo(f"fixed {line}", err=True)
    for path in outcome.paths:
        click.echo(str(path), err=not paths_on_stdout)
    for result in outcome.results:
        if result.commit is not None:
            click.echo(result.commit.detail, err=True)


def _severity_paint(text: str, severity: str) -> str:
    return paint(text, SEVERITY_COLOURS[severity]) if severity in SEVERITY_COLOURS else text


@click.command()
@paths_argument
@click.option(
    "--format",
    "fmt",
    metavar="[text|json|github|sarif]",
    help=f"Output format [default: text; github when GITHUB_ACTIONS=true; ${FORMAT_ENV} sets it too].",
)
@click.option(
    "--select",
    multiple=True,
    metavar="NAMES",
    help="Run only these rules: names, codes or prefixes like CK2 (comma-separated or repeated).",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="NAMES",
    help="Skip these rules (names, codes or prefixes; comma-separated or repeated).",
)
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the safe fixes, commit the fixed files, then report what is left.",
)
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when errors are found (usage errors still exit 2).",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@as_of_option
@click.option("--list-rules", is_flag=True, help="List every rule: code, name, severity, summary.")
@click.option("--explain", metavar="NAME", help="Print the documentation of a rule (name or code).")
@no_commit_option
@no_cache_option
def lint(
    paths: tuple[Path, ...],
    fmt: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    diff: bool,
    exit_zero: bool,
    strict: bool,
    as_of: dt.date | None,
    list_rules: bool,
    explain: str | None,
    no_commit: bool,
    no_cache: bool,
) -> Outcome | Listed:
    """Check engagements for plans that will slip: missing dates, owners, measures…

    Every finding is one line, `path:line:col: severity rule-name message`.
    PATHs may be engagements, folders holding engagements (a practice) or single
    notes. With none: the current engagement, or every engagement below the
    current folder. Configure rules in the `lint:` section of a .coachkit.yaml,
    or silence one item with a YAML comment `# coachkit: ignore[rule-name]`.

    Exit codes: 0 no errors (warnings allowed), 1 at least one error (or any
    warning with --strict), 2 usage, configuration or internal error.

    \b
    Examples:
      coachkit lint ~/clients
      coachkit lint --select CK2 --ignore action-overdue
      coachkit lint --fix                      # fix what is safe, commit it
      coachkit lint ~/clients --format sarif > coachkit.sarif
      coachkit lint --explain action-missing-due
    """
    if list_rules:
        _list_rules()
        return Outcome.OK
    if explain is not None:
        _explain(explain)
        return Outcome.OK
    fmt = _chosen_format(fmt)

    from coachkit.dates import today
    from coachkit.lint.config import check_patterns
    from coachkit.lint.findings_cache import FindingsCache
    from coachkit.lint.output_formats import render, summary_line
    from coachkit.lint.rules import all_rules
    from coachkit.lint.runner import Selection, lint_paths, lint_targets

    rules = all_rules()
    selection = Selection(_names(select), _names(ignore))
    check_patterns(selection.select, rules, "--select")
    check_patterns(selection.ignore, rules, "--ignore")
    as_of = as_of or today()
    base = Path.cwd()
    targets = lint_targets(paths, base)
    # Fixing needs every finding's edits against the notes as they are: no cache.
    cache = None if no_cache or fix or diff else FindingsCache()
    report = lint_paths(targets, as_of, selection, cache)
    if fix or diff:
        from coachkit.lint.fixes import fix_findings

        outcome = fix_findings(
            report.findings, targets.roots, base, write=not diff, commit=not no_commit
        )
        _report_fixes(outcome, diff, paths_on_stdout=fmt == "text")
        if outcome.paths and not diff:
            report = lint_paths(targets, as_of, selection)
    if diff:
        click.echo(summary_line(report), err=True)
    else:
        paint_with = _severity_paint if use_colour() else None
        click.echo(render(report, fmt, rules, base, paint_with), nl=False)
    failed = report.count("error") or (strict and report.count("warning"))
    found = Outcome.FOUND if failed and not exit_zero else Outcome.OK
    # Only --fix writes; every other run has printed all it will print.
    return found if fix else Listed(found)
