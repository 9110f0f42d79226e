"""A flat note is disclosed without the Markdown parser, and exactly as the parse would.

:func:`coachkit.notes.privacy.disclose` reads the private sections of a flat text
(blank lines, ATX headings without inline markup, one-line comments, lines starting
with a letter) line by line. The property: on any text built from flat and not-flat
lines, in any line ending, the answer (the text, whether anything was withheld, or
the located refusal) is the one the parse gives.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coachkit.errors import PrivateTextRefused
from coachkit.notes import privacy
from coachkit.notes.privacy import Disclosed, disclose
from tests.hypothesis_strategies import examples

FLAT = [
    "",
    "  ",
    "\t",
    "# Session 5",
    "# Private",
    "## Private",
    "## PRIVATE: Sam",
    "## \U0001f512 Private",
    "### private notes",
    "## Privately shared",
    "## Homework",
    "###### Private",
    "#",
    "# ",
    "#\tPrivate",
    "Text here.",
    "Private thoughts",
    "Über alles",
    "<!-- a comment -->",
    "<!-->",
    "## \uff50rivate",  # fullwidth p: folds to the word
]
NOT_FLAT = [
    "##Private",
    "####### Private",
    "## Private ##",
    "## *Private*",
    "## Pri&#118;ate",
    "  # Private",
    "===",
    "---",
    "- item",
    "> quote",
    "    code",
    "```",
    "1. one",
    "<!-- private -->",
    "<!-- /private -->",
    "<!-- open",
    "close -->",
    "text <!-- private --> x",
    "&#80;rivate",
    "[x]: /u",
    "\u00a0Private",
]


def _answer(text: str) -> tuple[str, str, bool] | tuple[str, str]:
    try:
        shown = disclose(text, "sessions/01.md", first_line=9)
    except PrivateTextRefused as exc:
        return ("refused", exc.message)
    return ("shown", shown.text, shown.withheld)


@settings(max_examples=examples(400), deadline=None)
@given(
    st.lists(st.sampled_from(FLAT), min_size=1, max_size=10)
    | st.lists(st.sampled_from(FLAT + NOT_FLAT), min_size=1, max_size=10),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.booleans(),
)
def test_the_flat_reading_gives_the_answer_of_the_parse(
    lines: list[str], ending: str, final_break: bool
) -> None:
    text = ending.join(lines) + (ending if final_break else "")
    fast = _answer(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(privacy, "_flat_sections", lambda _lines: None)
        parsed = _answer(text)
    assert fast == parsed


def test_a_flat_note_is_read_without_the_parse_and_a_marked_one_with_it() -> None:
    flat = "# Session 3\n\n## Homework\nRead it.\n\n## Private\nNot for reports.\n"
    assert disclose(flat, "n.md") == Disclosed("# Session 3\n\n## Homework\nRead it.\n\n\n\n", True)
    code = (
        "import sys\n"
        "from coachkit.notes.privacy import disclose\n"
        f"disclose({flat!r}, 'n.md')\n"
        "print('markdown_it' in sys.modules)\n"
        "disclose('## Homework\\n- a list\\n\\n## *Private*\\nx\\n', 'n.md')\n"
        "print('markdown_it' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
