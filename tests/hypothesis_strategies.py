"""Hypothesis strategies shared by the property tests of the reader and the commands.

Text a coach (or a shell, or a survey tool) could hand coachkit: option values with
YAML, Jinja and path trouble in them, dates in every form the command line accepts
and many it must refuse, front matter built from YAML-ish fragments, and CSV exports.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

from hypothesis import strategies as st

from coachkit.lint.rules.unknown_key import KNOWN_KEYS as _LINT_KNOWN_KEYS

# --- the budget ------------------------------------------------------------------------

SCALE = float(os.environ.get("COACHKIT_HYPOTHESIS_SCALE", "1"))


def examples(n: int) -> int:
    """``n`` examples, times ``$COACHKIT_HYPOTHESIS_SCALE`` (1 in the suite; more to dig deeper)."""
    return max(1, round(n * SCALE))


# --- the clock -------------------------------------------------------------------------


class Hang(BaseException):
    """A command ran past its time limit.

    A BaseException, so that coachkit's own ``except Exception`` (which turns a crash
    into one line) does not swallow it.
    """


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Raise :class:`Hang` in the caller when the block runs longer than ``seconds``."""

    def _alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- text ------------------------------------------------------------------------------

# What a shell can pass in argv: anything but NUL. Surrogates are left to their own
# strategy below (a shell passes undecodable bytes as lone surrogates).
ARGV_CHARACTERS = st.characters(codec="utf-8", exclude_characters="\x00")

# Values that have broken, or could break, a YAML writer, a template, a slug or a path.
TRICKY_TEXT = [
    "",
    " ",
    "  padded  ",
    "-",
    "--",
    "-x",
    ".",
    "..",
    "../../x",
    "/abs",
    "a/b",
    "a\\b",
    "~",
    "~/x",
    "$HOME",
    "'",
    '"',
    "''",
    "'quoted'",
    '"quoted"',
    "#",
    "# comment",
    "a # not a comment",
    ":",
    ": x",
    "a: b",
    "key:value",
    "- item",
    "[x, y]",
    "{a: b}",
    "}{",
    "][",
    "&anchor",
    "*alias",
    "&a [1, *a]",
    "<<: *base",
    "!!python/object:os.system",
    "!tag x",
    "%YAML 1.1",
    "? x",
    "|",
    ">",
    "|-\n  block",
    "@",
    "`",
    ",",
    "null",
    "Null",
    "~",
    "true",
    "FALSE",
    "no",
    "yes",
    "on",
    "2026-02-30",
    "2026-02-12",
    "2026-2-3",
    "10:30",
    "0x1F",
    "012",
    "1e9999",
    "-0",
    ".inf",
    ".nan",
    "3.50",
    "---",
    "...",
    "--- x",
    "<<<<<<< HEAD",
    ">>>>>>> branch",
    "=======",
    "\t",
    "a\tb",
    "\r\n",
    "a\nb",
    "a\rb",
    "line\n---\nmore",
    "\n- id: zzzz\n  title: injected",
    "\ufeff",
    "\ufeffBOM",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b\x0c",
    "\x1b[31mred\x1b[0m",
    "\x7f",
    "\u202eevil",
    "\u200b",
    "é",
    "Ångström",
    "日本語",
    "🙂",
    "👩\u200d💻",
    "İ",
    "ß",
    "{{ 7 * 7 }}",
    "{{ clinet }}",
    "{% raw %}",
    "{# comment",
    "<script>alert(1)</script>",
    "&amp;",
    "**bold**",
    "[link](http://x)",
    "<!-- private -->",
    "<!-- /private -->",
    "## Private",
    "R1:manager:G1:2",
    "G1",
    "g1",
    "G99",
    "t9hc",
    "T9HC",
    "w3fn",
    "x" * 300,
    "word " * 60,
]


def _joined(parts: Sequence[str]) -> str:
    return "".join(parts)


cli_text = st.one_of(
    st.sampled_from(TRICKY_TEXT),
    st.text(ARGV_CHARACTERS, max_size=30),
    st.lists(
        st.one_of(st.sampled_from(TRICKY_TEXT), st.text(ARGV_CHARACTERS, max_size=6)), max_size=4
    ).map(_joined),
)
"""Free text for an option value or argument."""

# A shell hands Python undecodable argv bytes as lone surrogates (surrogateescape).
surrogate_text = st.tuples(
    st.text(ARGV_CHARACTERS, max_size=5),
    st.sampled_from(["\udcff", "\udcc3", "\udce9", "\udc80"]),
    st.text(ARGV_CHARACTERS, max_size=5),
).map(_joined)

# --- dates -----------------------------------------------------------------------------

NATURAL_DATES = [
    "today",
    "Today",
    "TODAY",
    " today ",
    "tomorrow",
    "yesterday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "Friday",
    "MONDAY",
    "frid",
    "+3d",
    "-2d",
    "+0d",
    "+2w",
    "-1w",
    "+1mo",
    "-13mo",
    "+1m",
    "+1y",
    "3d",
    "+3",
    "+d",
    "+ 3d",
    "eow",
    "eom",
    "EOW",
    "2026-02-12",
    "2026-2-3",
    "2026-02-28",
    "2028-02-29",
    "2026-02-29",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-04-31",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-12T10:00",
    "2026-02-12 10:00",
    "2026/02/12",
    "12.02.2026",
    "02/12/2026",
    "20260212",
    "2026-02",
    "2026-02-12-",
    "-2026-02-12",
    "+999999999d",
    "-999999999d",
    "+99999999999999999999w",
    "+4000mo",
    "-30000y",
    "+" + "9" * 5000 + "d",
    "٢٠٢٦-٠٢-١٢",
    "+٣d",
    "",
    " ",
    "now",
    "next week",
    "garbage",
    "2026-02-12\n",
    "to day",
]


@st.composite
def _iso_like(draw: st.DrawFn) -> str:
    year = draw(st.integers(0, 10_001))
    month = draw(st.integers(0, 14))
    day = draw(st.integers(0, 33))
    pattern = draw(st.sampled_from(["{:04d}-{:02d}-{:02d}", "{}-{}-{}", "{:04d}-{}-{:02d}"]))
    return pattern.format(year, month, day)


@st.composite
def _offset(draw: st.DrawFn) -> str:
    sign = draw(st.sampled_from(["", "+", "-"]))
    amount = draw(st.one_of(st.integers(0, 400), st.integers(0, 10**12)))
    unit = draw(st.sampled_from(["d", "w", "mo", "m", "y", "D", "MO", "x", ""]))
    return f"{sign}{amount}{unit}"


# The ends of the calendar: a date computed from them (a day before, a cadence after,
# DAYS ahead) falls off it.
EXTREME_DATES = [
    "0001-01-01",
    "0001-01-02",
    "0001-1-1",
    "9999-12-31",
    "9999-12-30",
    "9999-12-01",
    "+2913000d",
    "-739000d",
    "+416000w",
    "+95000mo",
    "+7900y",
    "-2025y",
]

dates = st.one_of(
    st.sampled_from(NATURAL_DATES),
    st.sampled_from(EXTREME_DATES),
    _iso_like(),
    _offset(),
    st.text(ARGV_CHARACTERS, max_size=12),
)
"""A date as a coach might type it: accepted forms, impossible dates and garbage."""

# --- front matter ----------------------------------------------------------------------

# Every key coachkit knows, from lint's own table (so the two cannot drift apart).
KNOWN_KEYS = sorted({key for keys in _LINT_KNOWN_KEYS.values() for key in keys})

YAML_VALUES = [
    "",
    "~",
    "null",
    "true",
    "no",
    "12",
    "-3",
    "012",
    "0x1F",
    "2.10",
    "1e400",
    ".inf",
    ".nan",
    "10:30",
    "2026-02-12",
    "2026-2-3",
    "2026-02-30",
    "2026-13-01",
    "2026-00-00",
    "0000-01-01",
    "9999-12-31",
    "99999-01-01",
    '"2026-02-12"',
    "2026-02-12 10:00",
    "2026-02-12T10:00:00Z",
    "Jordan Lee",
    "'single'",
    '"double \\u00e9"',
    '"\\uZZZZ"',
    "'unterminated",
    '"unterminated',
    "[]",
    "{}",
    "[1, 2]",
    "[-3, 3]",
    "[3, -3]",
    "[a, [b, [c]]]",
    "{a: 1, a: 2}",
    "[G1, G2]",
    "&a [1, 2]",
    "*a",
    "&a x",
    "*undefined",
    "&a {x: 1}",
    "!!binary aGVsbG8=",
    "!!python/object:os.system",
    "!!str 12",
    "!!int x",
    "!!float x",
    "!!timestamp 2026-02-30",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!custom x",
    "|\n  literal\n  block",
    ">-\n  folded",
    "|\n\tTAB",
    "a # comment",
    "# only a comment",
    "x: y: z",
    "- a\n- b",
    "\n  - id: t9hc\n    due: 2026-02-30",
    "\n  - {id: a, due: 2026-01-01, status: open}",
    "\n  - id: dup\n  - id: dup",
    "\n  - id: [x]\n    title: {a: b}",
    "\n  - rater: R1\n    rating: 99",
    "\n  a: 1\n  a: 2",
    "? [a, b]\n: c",
    "<<: *base",
    "\t",
    "a\tb",
    "@at",
    "`tick",
    "%percent",
]


@st.composite
def _nesting(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 3000))
    kind = draw(st.sampled_from(["[", "{", "- ", "{a: ", "[["]))
    close = draw(st.booleans())
    closer = {"[": "]", "{": "}", "- ": "", "{a: ": "}", "[[": "]]"}[kind]
    return kind * depth + "x" + (closer * depth if close else "")


# Mostly printable text (control characters are refused before any YAML is read, so
# they would hide everything else); the fragments above bring tabs and line breaks.
_PRINTABLE = st.characters(exclude_categories=("Cs", "Cc"))
_ANY_CHARACTER = st.characters(codec="utf-8")
_key = st.one_of(
    st.sampled_from(KNOWN_KEYS),
    st.text(_PRINTABLE, min_size=1, max_size=8),
    st.text(_ANY_CHARACTER, min_size=1, max_size=3),
    st.sampled_from(["? [a, b]", "[a]", "{a: b}", "1", "2026-02-12", "true", "~", "&k key", "*k"]),
)
_value = st.one_of(
    st.sampled_from(YAML_VALUES),
    st.sampled_from(YAML_VALUES),
    st.text(_PRINTABLE, max_size=12),
    st.text(_ANY_CHARACTER, max_size=3),
    _nesting(),
)
_indent = st.sampled_from(["", "", "", "  ", "    ", "\t", " \t"])
SPECIAL_LINES = [
    "<<<<<<< HEAD",
    "=======",
    ">>>>>>> theirs",
    "<<<<<<<",
    "---",
    "...",
    "--- # again",
    "%YAML 1.2",
    "%TAG ! tag:x,2000:",
    "# comment",
    "",
    "\t",
    "- list item",
]


@st.composite
def _line(draw: st.DrawFn, messy: bool) -> str:
    """One front-matter line: a known key and a value, or, when ``messy``, anything."""
    if not messy:
        return f"{draw(st.sampled_from(KNOWN_KEYS))}: {draw(st.sampled_from(YAML_VALUES))}"
    if draw(st.sampled_from(range(8))) == 0:
        return draw(st.sampled_from(SPECIAL_LINES))
    return f"{draw(_indent)}{draw(_key)}: {draw(_value)}"


@st.composite
def front_matter_notes(draw: st.DrawFn) -> bytes:
    """A note whose front matter is built from YAML-ish fragments, encoded to bytes.

    Half are tidy (known keys, listed values: they reach the checks of dates, duplicate
    keys, aliases and types), half messy (any key, any value, stray lines, BOMs, bad
    bytes), since the first syntax error hides every later problem.
    """
    messy = draw(st.booleans())
    lines = draw(st.lists(_line(messy), max_size=12 if messy else 6))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    opening = draw(st.sampled_from(["---", "---", "---", "--- ", "---\t", "----", " ---", ""]))
    closing = draw(st.sampled_from(["---", "---", "---", "...", "--- ", "", "---x"]))
    body = draw(st.sampled_from(["", "# Body\n", "body\n---\nmore\n", "<!-- private -->x\n"]))
    text = newline.join([opening, *lines, closing]) + newline + body
    if draw(st.booleans()):
        text = "\ufeff" + text
    data = text.encode("utf-8", "surrogatepass")
    if messy and draw(st.sampled_from(range(6))) == 0:
        at = draw(st.integers(0, len(data)))
        bad = draw(st.sampled_from([b"\xff", b"\xc3", b"\x00", b"\xed\xa0\x80"]))
        data = data[:at] + bad + data[at:]
    return data


raw_notes = st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=200).map(lambda tail: b"---\n" + tail),
    st.binary(max_size=200).map(lambda tail: b"---\n" + tail + b"\n---\n"),
    st.binary(max_size=200).map(lambda tail: b"\xef\xbb\xbf---\r\n" + tail + b"\r\n---\r\n"),
)
"""Arbitrary bytes, alone or inside a front-matter block."""

# --- feedback --------------------------------------------------------------------------

GROUP_WORDS = ["self", "manager", "peer", "direct-report", "other", "Direct reports", "boss", ""]
GOAL_WORDS = ["G1", "g2", "G2", "G3", " G1 ", "", "x"]
RATING_WORDS = [
    "1",
    "2",
    "-3",
    "3",
    "0",
    "5",
    "99",
    "2.5",
    "1e3",
    "nan",
    "inf",
    "-inf",
    "",
    "x",
    "1,5",
]
RATER_WORDS = ["R1", "R2", "DR2", "P-3", "r1", "Jordan", "a@b.example", "", "R1 "]


@st.composite
def rating_options(draw: st.DrawFn) -> str:
    """``--rating RATER:GROUP:GOAL:VALUE``, mostly well formed, sometimes not."""
    if draw(st.integers(0, 4)) == 0:
        return draw(cli_text)
    parts = [
        draw(st.sampled_from(RATER_WORDS)),
        draw(st.sampled_from(GROUP_WORDS)),
        draw(st.sampled_from(GOAL_WORDS)),
        draw(st.sampled_from(RATING_WORDS)),
    ]
    if draw(st.integers(0, 6)) == 0:
        parts = parts[: draw(st.integers(0, 4))] + draw(st.lists(cli_text, max_size=2))
    return ":".join(parts)


@st.composite
def comment_options(draw: st.DrawFn) -> str:
    """``--comment RATER:GOAL:TEXT``."""
    if draw(st.integers(0, 4)) == 0:
        return draw(cli_text)
    rater = draw(st.sampled_from(RATER_WORDS))
    goal = draw(st.sampled_from(GOAL_WORDS))
    return f"{rater}:{goal}:{draw(cli_text)}"


scales = st.one_of(
    st.sampled_from(
        [
            "-3,3",
            "1,5",
            "3,-3",
            "1,1",
            "0,10",
            "1",
            "1,2,3",
            ",",
            "a,b",
            "1e999,2",
            "nan,1",
            "-inf,inf",
            " 1 , 5 ",
            "",
        ]
    ),
    cli_text,
)

KINDS = ["baseline", "360", "interview", "mini-survey", "mid-point", "final"]
kinds = st.one_of(
    st.sampled_from(KINDS),
    st.sampled_from(["Baseline", "../x", "a/b", "", "mini survey"]),
    cli_text,
)

CSV_HEADERS = [
    "rater",
    "group",
    "goal",
    "rating",
    "comment",
    "respondent",
    "extra",
    "",
    "Rating",
    "goal",
]


def _csv_cell(value: str, delimiter: str) -> str:
    if any(c in value for c in (delimiter, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


@st.composite
def csv_exports(draw: st.DrawFn) -> bytes:
    """A survey tool's CSV export: a header, rows, quoting, BOM, odd encodings."""
    if draw(st.integers(0, 7)) == 0:
        return draw(st.binary(max_size=200))
    delimiter = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    header = draw(
        st.one_of(
            st.just(["rater", "group", "goal", "rating", "comment"]),
            st.just(["respondent", "group", "goal", "rating"]),
            st.just(["group", "goal", "rating"]),
            st.lists(st.sampled_from(CSV_HEADERS), max_size=6),
        )
    )
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = []
        for column in header:
            words = {
                "rater": RATER_WORDS,
                "respondent": ["resp-1", "resp-2", "a@b.example", ""],
                "group": GROUP_WORDS,
                "goal": GOAL_WORDS,
                "rating": RATING_WORDS,
            }.get(column.strip().lower())
            cell = draw(st.sampled_from(words) if words and draw(st.integers(0, 4)) else cli_text)
            row.append(_csv_cell(cell, delimiter) if draw(st.integers(0, 6)) else cell)
        if draw(st.integers(0, 8)) == 0:
            row = row[: draw(st.integers(0, len(row)))] + draw(st.lists(cli_text, max_size=2))
        rows.append(delimiter.join(row))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join([delimiter.join(header), *rows]) + draw(st.sampled_from(["", newline]))
    data = text.encode("utf-8", "surrogatepass")
    encoding = draw(st.integers(0, 9))
    if encoding == 0:
        data = b"\xef\xbb\xbf" + data
    elif encoding == 1:
        data = text.encode("utf-16")
    elif encoding == 2:
        data = text.encode("latin-1", "replace")
    return data
