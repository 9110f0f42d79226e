"""Keep the bench's latest full run in docs/performance.md, between two marker comments.

Everything the bench prints is also kept (:class:`Tee`); at the end of a full
run it replaces, whole, what stands between ``BEGIN`` and ``END`` in the
"Latest run" section, with the date first (the machine and the commit are in
the printed text). The rest of the file, prose that people write, is left as it
is. Without the markers the section is added at the end of the file.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TextIO

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"


class Tee(io.TextIOBase):
    """Writes through to ``stream`` and keeps a copy of everything written."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        written = self.stream.write(text)
        if "\n" in text:  # each line as it comes, also into a pipe or a file
            self.stream.flush()
        return written

    def flush(self) -> None:
        self.stream.flush()

    def text(self) -> str:
        return self.kept.getvalue()


def block(output: str, when: str) -> str:
    """The text between the markers: the date, then the bench's output as it printed it."""
    return f"{BEGIN}\n{when}:\n\n```text\n{output.strip()}\n```\n{END}"


def replace_block(document: str, new_block: str) -> str:
    """``document`` with its marked block replaced by ``new_block`` (added if it has none)."""
    start = document.find(BEGIN)
    end = document.find(END, start)
    if start == -1 or end == -1:
        return f"{document.rstrip()}\n\n## Latest run\n\n{new_block}\n"
    return document[:start] + new_block + document[end + len(END) :]


def write_latest_run(path: Path, output: str, when: str) -> None:
    path.write_text(
        replace_block(path.read_text(encoding="utf-8"), block(output, when)), encoding="utf-8"
    )
