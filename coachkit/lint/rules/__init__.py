"""Every lint rule, one module each. A rule module defines CODE, NAME, SEVERITY, a
docstring that is its documentation, and ``check(ctx)`` yielding hits."""

from __future__ import annotations

import importlib
from types import ModuleType

from coachkit.lint.finding import Rule

RULE_MODULES = (
    "yaml_invalid",
    "action_missing_due",
    "unused_suppression",
)


def _rule(module: ModuleType) -> Rule:
    return Rule(module.CODE, module.NAME, module.SEVERITY, module.__doc__ or "", getattr(module, "check", _none))


def _none(ctx: object) -> tuple[()]:
    return ()


def all_rules() -> list[Rule]:
    """Every rule, in code order."""
    modules = [importlib.import_module(f"coachkit.lint.rules.{name}") for name in RULE_MODULES]
    return sorted((_rule(m) for m in modules), key=lambda r: r.code)
