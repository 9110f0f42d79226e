"""Reading and editing one note: the strict YAML reader with positions, the lossless
front-matter editor, Markdown sections, and what of the prose may be disclosed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coachkit.lazy_exports import lazy

if TYPE_CHECKING:
    from coachkit.notes.front_matter_edit import open_for_edit
    from coachkit.notes.privacy import disclose, public_text
    from coachkit.notes.reader import Note, parse_note, read_note
    from coachkit.notes.sections import public_sections

__all__ = [
    "Note",
    "disclose",
    "open_for_edit",
    "parse_note",
    "public_sections",
    "public_text",
    "read_note",
]
__getattr__ = lazy(
    __name__,
    {
        "Note": "reader",
        "disclose": "privacy",
        "open_for_edit": "front_matter_edit",
        "parse_note": "reader",
        "public_text": "privacy",
        "public_sections": "sections",
        "read_note": "reader",
    },
)
