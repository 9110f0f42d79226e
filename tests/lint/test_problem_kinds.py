"""Problems met while reading notes: each kind is reported by exactly one rule."""

from __future__ import annotations

from collections import Counter

from coachkit.errors import ProblemKind
from coachkit.lint.rules import all_rules


def test_every_kind_of_problem_belongs_to_exactly_one_rule() -> None:
    claims = Counter(kind for rule in all_rules() for kind in rule.kinds)
    assert {kind: claims[kind] for kind in ProblemKind} == {kind: 1 for kind in ProblemKind}


def test_the_reader_s_problems_are_reported_by_the_rules_the_docs_name() -> None:
    by_kind = {kind: rule.name for rule in all_rules() for kind in rule.kinds}
    assert by_kind[ProblemKind.UNREADABLE] == "yaml-invalid"
    assert by_kind[ProblemKind.WRONG_TYPE] == "yaml-invalid"
    assert by_kind[ProblemKind.DUPLICATE_KEY] == "duplicate-key"
    assert by_kind[ProblemKind.INVALID_DATE] == "invalid-date"
    assert by_kind[ProblemKind.NO_FRONT_MATTER] == "front-matter-missing"
