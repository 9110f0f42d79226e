"""Private text never leaves the coach's notes."""

from __future__ import annotations

import pytest

from coachkit.errors import PrivateTextRefused
from coachkit.notes.sections import sections, strip_private

BODY = """\
## Reflection
Shared insight.

## Private
Secret one.
```
# not a heading: still private
```
Secret two.
### Sub-heading inside private
Secret three.

## Homework
Read chapter 2. <!-- private -->Secret four.<!-- /private --> Then reflect.

## Next steps
Book the three-way.
<!-- private -->
Secret five, never closed.
"""


def test_strip_private_removes_every_private_place() -> None:
    public = strip_private(BODY, "n.md")
    for secret in (
        "Secret one",
        "Secret two",
        "Secret three",
        "Secret four",
        "Secret five",
        "not a heading",
    ):
        assert secret not in public
    assert "Shared insight." in public
    assert "Read chapter 2.  Then reflect." in public
    assert "Book the three-way." in public


def test_sections_are_public_and_keyed_by_heading() -> None:
    assert sections(BODY, "n.md") == {
        "reflection": "Shared insight.",
        "homework": "Read chapter 2.  Then reflect.",
        "next steps": "Book the three-way.",
    }


def test_a_higher_heading_ends_a_private_section() -> None:
    body = "# Notes\n### Private\nhidden\n## Homework\nvisible\n"
    assert strip_private(body, "n.md") == "# Notes\n\n\n## Homework\nvisible\n"


def test_an_unclosed_fence_cannot_hide_a_private_heading() -> None:
    body = "## Reflection\nShared.\n```\ncode never closed\n### Private\nCANARY\n"
    with pytest.raises(PrivateTextRefused, match=r"^n.md:5:1: a line that reads as a 'Private'"):
        strip_private(body, "n.md")


def test_private_notes_heading_is_private_too() -> None:
    body = "## Private notes\nCANARY\n## Homework\nRead.\n"
    assert strip_private(body, "n.md") == "\n\n## Homework\nRead.\n"
