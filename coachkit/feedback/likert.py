"""The words survey tools export for a rating, as numbers (the table is in docs/format.md).

A mini-survey asks "how much more or less effective has Jordan become?" and a form
tool exports the answer as the option's words. One table turns those words into
-3…+3, so the same answer always counts the same; a mapping file's ``values:``
adds words of the coach's own. An answer that says the rater could not judge
("Not observed", "N/A") is no rating at all, not a zero.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["LIKERT", "NOT_RATED", "LikertValue", "likert_key", "read_answer"]

# Each answer's words, as a coach's form would offer them, by the number they count as.
LIKERT_WORDS: dict[int, tuple[str, ...]] = {
    3: (
        "much more effective",
        "significantly more effective",
        "significant improvement",
        "much better",
        "much improved",
        "greatly improved",
    ),
    2: (
        "more effective",
        "moderately more effective",
        "moderate improvement",
        "better",
        "improved",
    ),
    1: (
        "somewhat more effective",
        "slightly more effective",
        "a little more effective",
        "slight improvement",
        "somewhat better",
        "slightly better",
        "slightly improved",
        "somewhat improved",
    ),
    0: (
        "no change",
        "no noticeable change",
        "no perceptible change",
        "unchanged",
        "about the same",
        "the same",
        "neither more nor less effective",
    ),
    -1: (
        "somewhat less effective",
        "slightly less effective",
        "a little less effective",
        "somewhat worse",
        "slightly worse",
    ),
    -2: ("less effective", "moderately less effective", "moderately worse", "worse"),
    -3: (
        "much less effective",
        "significantly less effective",
        "much worse",
        "significantly worse",
    ),
}
# The answers that mean "I cannot judge": the rater gave no rating of that goal.
NOT_RATED = (
    "n/a",
    "na",
    "not applicable",
    "not observed",
    "no opportunity to observe",
    "don't know",
    "do not know",
    "unable to rate",
    "unable to judge",
    "can't say",
    "cannot say",
    "not sure",
    "no opinion",
    "prefer not to say",
)


def likert_key(text: str) -> str:
    """``"  Somewhat MORE effective. "`` as ``somewhat more effective``: how words are compared."""
    text = text.replace("\u2019", "'").casefold()
    return re.sub(r"\s+", " ", re.sub(r"[^\w'/+-]+", " ", text)).strip(" -")


LIKERT: dict[str, int] = {likert_key(w): n for n, words in LIKERT_WORDS.items() for w in words}
_NOT_RATED = {likert_key(w) for w in NOT_RATED}
# "+2 More effective", "2 - More effective", "-1: somewhat worse", "\u22123 (much worse)"
_LEADING_NUMBER = re.compile(
    r"^\s*([+-]?[0-9]+(?:\.[0-9]+)?)(?:\s*[-\u2013\u2014:=.)(]\s*|\s+)(?=\D)"
)


@dataclass(frozen=True)
class LikertValue:
    """What one answer counts as: a number, no rating, or nothing readable.

    ``number`` is None when the answer is no rating (``rated`` False) or cannot be
    read (``rated`` True); ``worded`` says the number came from the Likert table,
    which is on -3…+3, so the file itself says its scale.
    """

    number: int | float | None
    rated: bool
    worded: bool = False

    @property
    def readable(self) -> bool:
        return self.number is not None or not self.rated


def read_answer(text: str, extra: dict[str, int | float] | None = None) -> LikertValue:
    """One exported answer as a rating: a number, a word from the table (or ``extra``),
    a number with its label (``+2 More effective``), or no rating (empty, ``N/A``)."""
    text = text.strip().replace("\u2212", "-")  # a typographic minus (U+2212)
    if not text:
        return LikertValue(None, rated=False)
    key = likert_key(text)
    if extra and key in extra:
        return LikertValue(extra[key], rated=True)
    number = parse_number(text)
    if number is not None:
        return LikertValue(number, rated=True)
    if key in LIKERT:
        return LikertValue(LIKERT[key], rated=True, worded=True)
    if key in _NOT_RATED:
        return LikertValue(None, rated=False)
    labelled = _LEADING_NUMBER.match(text)
    if labelled:
        number = parse_number(labelled.group(1))
        if number is not None:
            return LikertValue(number, rated=True)
    return LikertValue(None, rated=True)


def parse_number(text: str) -> int | float | None:
    """A finite number written in ``text``, else None (``inf`` and ``nan`` are not ratings)."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    # 2.0 is written 2; 1e308 stays 1e+308 rather than 309 digits.
    return int(number) if number.is_integer() and abs(number) < 1e15 else number
