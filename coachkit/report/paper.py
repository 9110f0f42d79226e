"""The printed report's paper and footer: A4 or Letter, "page X of Y" and the client's name.

Chromium's own header and footer would print a temporary file's path, so they stay
off; the footer is drawn by CSS ``@page`` margin boxes instead, which Chromium
prints (and a browser's print dialog shows too). The paper comes from
``report --paper``, else ``paper:`` in ``.coachkit.yaml``, else the locale: Letter
where it is the norm (the United States and Canada), A4 everywhere else.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from coachkit.errors import CoachkitError, NoteError
from coachkit.storage.settings import read_settings, setting

PAPERS = {"a4": "A4", "letter": "letter"}
# Countries whose locale (LC_PAPER, else LANG) means Letter paper.
LETTER_COUNTRIES = ("US", "CA")
_COUNTRY = re.compile(r"^[a-z]{2,3}_([A-Z]{2})\b")


def check_paper(value: str) -> str:
    """``value`` as a known paper name (``a4`` or ``letter``, case ignored)."""
    name = value.strip().lower()
    if name not in PAPERS:
        raise CoachkitError(f"unknown paper {value!r}: use --paper a4 or --paper letter")
    return name


def locale_paper() -> str:
    """Letter when the locale's country is the United States or Canada, else A4."""
    for variable in ("LC_ALL", "LC_PAPER", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            found = _COUNTRY.match(value)
            country = found.group(1) if found else ""
            return "letter" if country in LETTER_COUNTRIES else "a4"
    return "a4"


def default_paper(root: Path) -> str:
    """``paper:`` from the closest ``.coachkit.yaml`` that sets it, else the locale's paper."""
    value, path = setting(root, "paper", None)
    if path is None:
        return locale_paper()
    if not isinstance(value, str) or value.strip().lower() not in PAPERS:
        line, column = read_settings(path).position_of("paper")
        raise NoteError(path, line, column, f"paper must be a4 or letter, not {value!r}")
    return value.strip().lower()


def css_string(text: str) -> str:
    """``text`` as a CSS string literal that no character in it can end or break out of."""
    out = []
    for char in " ".join(text.split()):
        if char.isalnum() or char == " ":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return '"' + "".join(out) + '"'


def print_style(client: str, paper: str | None) -> str:
    """The ``<style>`` that sets the paper (when given) and the footer of every page."""
    size = f"size: {PAPERS[paper]}; " if paper else ""
    footer = "font: 8pt system-ui, sans-serif; color: #52606d;"
    return (
        "<style>\n"
        f"@page {{ {size}margin-bottom: 18mm;\n"
        f"  @bottom-left {{ content: {css_string(client)}; {footer} }}\n"
        '  @bottom-right { content: "page " counter(page) " of " counter(pages); '
        f"{footer} }} }}\n</style>\n"
    )


def with_print_style(html: str, client: str, paper: str | None) -> str:
    """``html`` with :func:`print_style` last in its head, so it wins over the template's.

    An override with no ``</head>`` is left as it is: it chose to print its own way.
    """
    at = html.lower().find("</head>")
    return html[:at] + print_style(client, paper) + html[at:] if at >= 0 else html
