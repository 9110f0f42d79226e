"""Run the rules over engagements and turn hits into findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.cache.two_processes import share_misses
from coachkit.engagement.loader import find_engagement_root
from coachkit.engagement.model import Engagement
from coachkit.engagement.practice import load_all, resolve_engagements
from coachkit.errors import EngagementNotFound
from coachkit.lint.config import ConfigFinder, check_patterns, matches
from coachkit.lint.context import LintContext
from coachkit.lint.finding import Finding, Hit, Rule
from coachkit.lint.findings_cache import FindingsCache
from coachkit.lint.rules import all_rules

UNUSED_SUPPRESSION = "unused-suppression"
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Selection:
    """Rules chosen on the command line (names, codes or code prefixes)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def wants(self, rule: Rule) -> bool:
        if self.select and not matches(rule, self.select):
            return False
        return not matches(rule, self.ignore)


@dataclass
class LintReport:
    """Findings, sorted by file and line, and how many files and engagements were read."""

    findings: list[Finding] = field(default_factory=list)
    engagements: int = 0
    files: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass
class LintTargets:
    """Engagements to lint whole, and engagements of which only some named notes are reported."""

    whole: list[Path]
    partial: dict[Path, set[Path]]

    @property
    def roots(self) -> list[Path]:
        return [*self.whole, *self.partial]


def lint_targets(paths: Sequence[Path], cwd: Path) -> LintTargets:
    """What PATHs mean to lint: a folder is every engagement at or below it; a note
    (a ``.md`` file, as pre-commit passes them) is read with its engagement, but only
    its own findings are reported. No PATH: the current engagement or all below ``cwd``.
    """
    for path in paths:
        if not path.exists():
            raise EngagementNotFound(f"{path}: no such file or folder")
    notes = [p for p in paths if p.suffix == ".md" and p.is_file()]
    folders = [p for p in paths if p not in notes]
    whole = resolve_engagements(folders, cwd) if folders or not notes else []
    seen = {root.resolve() for root in whole}
    partial: dict[Path, set[Path]] = {}
    for note in notes:
        root = find_engagement_root(note.parent)
        if root not in seen:
            partial.setdefault(root, set()).add(note.resolve())
    return LintTargets(whole, partial)


def lint_paths(
    targets: LintTargets,
    as_of: dt.date,
    selection: Selection = Selection(),
    cache: FindingsCache | None = None,
) -> LintReport:
    """Load and lint ``targets``; for partial engagements report only the named notes.

    With a ``cache``, a whole engagement whose findings are stored under the same
    key (notes, configuration, date, selection, coachkit) is not read at all.
    """
    if cache is None:
        loaded = load_all(targets.roots)[0]
        report = lint_engagements(loaded[: len(targets.whole)], as_of, selection)
        partial = loaded[len(targets.whole) :]
    else:
        report = _lint_through(cache, targets.whole, as_of, selection)
        partial = load_all(list(targets.partial))[0]
    if targets.partial:
        named = lint_engagements(partial, as_of, selection)
        wanted = set().union(*targets.partial.values())
        report.findings.extend(f for f in named.findings if f.path.resolve() in wanted)
        report.findings.sort(key=lambda f: (str(f.path), f.line, f.column))
        report.files += len(wanted)
        report.engagements += named.engagements
    return report


def _lint_through(
    cache: FindingsCache, roots: Sequence[Path], as_of: dt.date, selection: Selection
) -> LintReport:
    """Lint whole engagements, taking the findings of unchanged ones from ``cache``.

    When many notes must be read, a forked child lints about half of the
    engagements and leaves their findings in the cache (:mod:`coachkit.cache.two_processes`).
    """
    report = LintReport(engagements=len(roots))
    choice = (selection.select, selection.ignore)
    misses = []
    for root in roots:
        key, newest, notes = cache.key(root, as_of, choice)
        stored = cache.get(root, key)
        if stored is None:
            misses.append((root, key, newest, notes))
            continue
        report.findings.extend(stored[0])
        report.files += stored[1]

    def lint_one(root: Path, key: Any, newest: int) -> tuple[list[Finding], int]:
        one = lint_engagements(load_all([root])[0], as_of, selection)
        cache.put(root, key, newest, one.findings, one.files)
        return one.findings, one.files

    done, theirs = share_misses(
        range(len(misses)),
        lambda i: cache.will_store(misses[i][2]),
        lambda i: misses[i][3],
        lambda i: lint_one(*misses[i][:3]),
    )
    results = list(done.values())
    for i in theirs:
        root, key, newest, _ = misses[i]
        results.append(cache.get(root, key) or lint_one(root, key, newest))
    for findings, files in results:
        report.findings.extend(findings)
        report.files += files
    _sort(report.findings)
    return report


def _sort(findings: list[Finding]) -> None:
    findings.sort(
        key=lambda f: (str(f.path), f.line, f.column, _SEVERITY_ORDER[f.severity], f.code)
    )


def lint_engagements(
    engagements: Sequence[Engagement], as_of: dt.date, selection: Selection = Selection()
) -> LintReport:
    """Every finding in ``engagements`` after configuration and inline suppressions."""
    rules = all_rules()
    check_patterns([*selection.select, *selection.ignore], rules, "--select/--ignore")
    configs = ConfigFinder(rules)
    report = LintReport(engagements=len(engagements))
    by_name = {rule.name: rule for rule in rules}
    for engagement in engagements:
        # Read every lint: section that applies, so a bad one fails even where nothing fires.
        for path in [engagement.root / "engagement.md", *engagement.notes]:
            configs.for_file(path)
    for engagement in engagements:
        ctx = LintContext(engagement, as_of)
        report.files += len(engagement.notes) + len(
            {p.path for p in engagement.problems} - set(engagement.notes)
        )
        hits, ran = _run_rules(ctx, rules, selection)
        used: set[tuple[Path, int, str]] = set()
        for rule, hit in hits:
            config = configs.for_file(hit.path)
            if not config.enabled(rule):
                continue
            marker = ctx.suppression_for(hit.path, hit.line, rule.name)
            if marker is not None:
                used.add((hit.path, marker, rule.name))
                continue
            report.findings.append(_finding(rule, hit, config.severity_of(rule)))
        if selection.wants(by_name[UNUSED_SUPPRESSION]):
            report.findings.extend(_unused_suppressions(ctx, by_name, ran, used, configs))
    _sort(report.findings)
    return report


def _run_rules(
    ctx: LintContext, rules: Sequence[Rule], selection: Selection
) -> tuple[list[tuple[Rule, Hit]], set[str]]:
    """Every hit of every selected rule; a rule that crashes becomes a finding, not a crash."""
    hits: list[tuple[Rule, Hit]] = []
    ran: set[str] = set()
    for rule in rules:
        if rule.name == UNUSED_SUPPRESSION or not selection.wants(rule):
            continue
        ran.add(rule.name)
        try:
            hits.extend((rule, hit) for hit in rule.check(ctx))
        except Exception as exc:  # a bug in one rule must not hide every other finding
            where = ctx.engagement.root / "engagement.md"
            message = f"rule {rule.name} failed on this engagement ({type(exc).__name__}: {exc}); please report it"
            hits.append((rule, Hit(where, 1, 1, message)))
    return hits, ran


def _unused_suppressions(
    ctx: LintContext,
    by_name: dict[str, Rule],
    ran: set[str],
    used: set[tuple[Path, int, str]],
    configs: ConfigFinder,
) -> list[Finding]:
    """Suppressions that hid nothing, for rules that ran and are enabled where the comment is."""
    unused_rule = by_name[UNUSED_SUPPRESSION]
    findings = []
    for path, line, column, name in ctx.all_suppressions():
        if (path, line, name) in used:
            continue
        config = configs.for_file(path)
        known = by_name.get(name)
        if known is not None and (name not in ran or not config.enabled(known)):
            continue
        if not config.enabled(unused_rule):
            continue
        message = (
            f"suppression of {name} matches no finding; remove it"
            if known is not None
            else f"suppression names unknown rule {name!r}; `coachkit lint --list-rules` lists them"
        )
        findings.append(
            _finding(unused_rule, Hit(path, line, column, message), config.severity_of(unused_rule))
        )
    return findings


def _finding(rule: Rule, hit: Hit, severity: str) -> Finding:
    return Finding(
        hit.path, hit.line, hit.column, rule.code, rule.name, severity, hit.message, hit.edits
    )
