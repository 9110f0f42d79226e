"""Every lint rule, one module each. A rule module defines CODE, NAME, SEVERITY, a
docstring that is its documentation, and ``check(ctx)`` yielding hits. A rule that
reports problems met while reading notes names their kinds in ``KINDS``
(:class:`~coachkit.errors.ProblemKind`; each kind belongs to exactly one rule), and its
check yields ``ctx.problems(KINDS)``."""

from __future__ import annotations

import importlib
from types import ModuleType

from coachkit.lint.finding import Rule

RULE_MODULES = (
    # file and YAML
    "yaml_invalid",
    "duplicate_key",
    "invalid_date",
    "front_matter_missing",
    "unknown_key",
    "date_not_iso",
    "date_from_timestamp",
    "portable_value",
    # action items
    "action_missing_due",
    "action_missing_owner",
    "action_missing_accountability",
    "action_unknown_goal",
    "action_overdue",
    "action_done_without_date",
    "duplicate_id",
    "action_missing_id",
    "action_invalid_status",
    "action_missing_title",
    # goals
    "goal_missing_measure",
    "goal_missing_target_date",
    "goal_without_actions",
    "goal_target_after_engagement_end",
    "goal_invalid_status",
    # sessions and engagement
    "session_missing_next_steps",
    "session_missing_date",
    "engagement_missing_client",
    "engagement_missing_sponsor",
    "agreement_missing_terms",
    "engagement_gone_quiet",
    "engagement_invalid_phase",
    "engagement_phase_mismatch",
    "session_fact_invalid",
    "session_missing_duration",
    "engagement_end_before_start",
    "duplicate_session_number",
    "private_text_unsafe",
    # stakeholder feedback
    "feedback_invalid",
    "feedback_rating_out_of_scale",
    "feedback_unknown_goal",
    # the lint run itself
    "unused_suppression",
)


def _rule(module: ModuleType) -> Rule:
    return Rule(
        module.CODE,
        module.NAME,
        module.SEVERITY,
        module.__doc__ or "",
        getattr(module, "check", _none),
        getattr(module, "KINDS", ()),
    )


def _none(ctx: object) -> tuple[()]:
    return ()


def all_rules() -> list[Rule]:
    """Every rule, in code order."""
    modules = [importlib.import_module(f"coachkit.lint.rules.{name}") for name in RULE_MODULES]
    return sorted((_rule(m) for m in modules), key=lambda r: r.code)
