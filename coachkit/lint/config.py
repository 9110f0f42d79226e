"""Which rules run and how severe they are: flags, ``.coachkit.yaml`` and inline comments.

A ``lint:`` section in ``.coachkit.yaml`` (found by walking up from each file,
closest wins) may hold ``select``, ``ignore`` (rule names or codes; code
prefixes such as ``CK2`` allowed) and ``severity`` (``{rule: error|warning|info}``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachkit.errors import CoachkitError, NoteError
from coachkit.lint.finding import SEVERITIES, Rule
from coachkit.storage.settings import read_settings
from coachkit.vocabulary import CONFIG_FILE

SUPPRESS_RE = re.compile(r"#\s*coachkit:\s*ignore\[([^\]]*)\]")


_CODE_PREFIX_RE = re.compile(r"^CK\d{0,3}$", re.IGNORECASE)


def matches(rule: Rule, patterns: Sequence[str]) -> bool:
    """True when a pattern names the rule, is its code, or a code prefix such as ``CK2``."""
    return any(_matches(rule, p) for p in patterns)


def _matches(rule: Rule, pattern: str) -> bool:
    if pattern == rule.name:
        return True
    return bool(_CODE_PREFIX_RE.match(pattern)) and rule.code.startswith(pattern.upper())


def _specificity(rule: Rule, pattern: str) -> int:
    """How closely ``pattern`` names ``rule``: the name beats the code, which beats a prefix."""
    return 10 if pattern == rule.name else len(pattern)


def check_patterns(patterns: Sequence[str], rules: Sequence[Rule], where: str) -> None:
    """Refuse a name or code that matches no rule."""
    for pattern in patterns:
        if not any(matches(rule, [pattern]) for rule in rules):
            raise CoachkitError(
                f"{where}: unknown rule {pattern!r}; `coachkit lint --list-rules` lists them"
            )


@dataclass
class FileConfig:
    """The ``lint:`` settings that apply to one folder."""

    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)

    def enabled(self, rule: Rule) -> bool:
        if self.select and not matches(rule, self.select):
            return False
        return not matches(rule, self.ignore)

    def severity_of(self, rule: Rule) -> str:
        """The most specific ``severity`` setting for ``rule``, else its default."""
        candidates = [
            (_specificity(rule, p), level)
            for p, level in self.severity.items()
            if _matches(rule, p)
        ]
        return max(candidates)[1] if candidates else rule.severity


class ConfigFinder:
    """Finds and caches the ``lint:`` section that applies to each folder."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = rules
        self._by_folder: dict[Path, FileConfig] = {}

    def for_file(self, path: Path) -> FileConfig:
        return self._for_folder(path.absolute().parent)

    def _for_folder(self, folder: Path) -> FileConfig:
        cached = self._by_folder.get(folder)
        if cached is not None:
            return cached
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            config = self._parse(candidate)
        elif folder.parent == folder:
            config = FileConfig()
        else:
            config = self._for_folder(folder.parent)
        self._by_folder[folder] = config
        return config

    def _parse(self, path: Path) -> FileConfig:
        data = read_settings(path)
        section: Any = data.get("lint")
        if section is None:
            return (
                self._for_folder(path.parent.parent)
                if path.parent.parent != path.parent
                else FileConfig()
            )
        line, column = data.position_of("lint")
        if not isinstance(section, dict):
            raise NoteError(
                path, line, column, "lint must be a mapping with select, ignore or severity"
            )
        config = FileConfig(
            select=self._names(path, section, "select"),
            ignore=self._names(path, section, "ignore"),
        )
        severities = section.get("severity") or {}
        if not isinstance(severities, dict):
            raise NoteError(
                path, line, column, "lint.severity must map rule names to error, warning or info"
            )
        for name, level in severities.items():
            check_patterns([str(name)], self.rules, f"{path}:{line}:{column}")
            if level not in SEVERITIES:
                raise NoteError(
                    path,
                    line,
                    column,
                    f"severity of {name} must be error, warning or info, not {level!r}",
                )
            config.severity[str(name)] = str(level)
        unknown = set(section) - {"select", "ignore", "severity"}
        if unknown:
            raise NoteError(
                path,
                line,
                column,
                f"unknown lint setting {sorted(unknown)[0]!r}: use select, ignore or severity",
            )
        return config

    def _names(self, path: Path, section: dict[str, Any], key: str) -> list[str]:
        value = section.get(key) or []
        names = [str(v) for v in (value if isinstance(value, list) else [value])]
        line, column = getattr(section, "position_of", lambda k: (1, 1))(key)
        check_patterns(names, self.rules, f"{path}:{line}:{column}")
        return names


def suppressions(text: str) -> dict[int, tuple[int, list[str]]]:
    """``{line: (column, [rule, …])}`` for each ``# coachkit: ignore[…]`` comment in the front matter."""
    found: dict[int, tuple[int, list[str]]] = {}
    if "coachkit:" not in text:
        return found
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return found
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        match = SUPPRESS_RE.search(line)
        if match:
            names = [name.strip() for name in match.group(1).split(",") if name.strip()]
            found[number] = (match.start() + 1, names)
    return found
