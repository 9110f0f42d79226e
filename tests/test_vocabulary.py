"""The domain's words are defined once, and docs/format.md lists the same ones."""

from __future__ import annotations

from pathlib import Path

from coachkit import vocabulary as words

FORMAT_DOC = (Path(__file__).parent.parent / "docs" / "format.md").read_text(encoding="utf-8")


def test_every_word_has_its_label_and_every_subset_is_a_subset() -> None:
    assert tuple(words.GOAL_STATUS_LABELS) == words.GOAL_STATUSES
    assert tuple(words.FEEDBACK_KIND_TITLES) == words.FEEDBACK_KINDS
    known = set(words.PHASES) | set(words.OLD_PHASE_NAMES)
    assert set(words.ACTIVE_PHASES) | set(words.CLOSED_PHASES) < known
    assert set(words.BEFORE_COACHING_PHASES) < set(words.PHASES)
    assert set(words.OLD_PHASE_NAMES.values()) <= set(words.PHASES)
    assert words.PHASES[-1] == words.COMPLETED
    assert set(words.AFTER_CLOSURE_PHASES) < set(words.CLOSED_PHASES)
    assert words.CLOSURE in words.CLOSED_PHASES
    assert words.ACTION_STATUSES == ("open", "done", "dropped")


def test_the_format_doc_lists_the_same_words_in_the_same_order() -> None:
    def listed(*items: str) -> str:
        return ", ".join(f"`{item}`" for item in items)

    assert listed(*words.PHASES) in FORMAT_DOC
    assert listed(*words.FEEDBACK_KINDS) in FORMAT_DOC
    assert "`active` (the default), " + listed(*words.FINAL_GOAL_STATUSES) in FORMAT_DOC
    assert listed(*words.NAMED_GROUPS) in FORMAT_DOC.replace("` or `", "`, `")


def test_one_of_reads_as_a_sentence() -> None:
    assert words.one_of(("open", "done", "dropped")) == "open, done or dropped"
    assert words.one_of(("open",)) == "open"
