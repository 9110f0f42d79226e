"""Disclosed Markdown as HTML, for the HTML report: lists stay lists, nothing else gets in.

Only text that has already passed :func:`coachkit.notes.privacy.disclose` comes here.
Raw HTML in it is shown as text (``html`` off), and images and links are left as
their text, so the self-contained report loads nothing and points nowhere.
"""

from __future__ import annotations


def markdown_html(text: str) -> str:
    """``text`` (CommonMark) rendered to HTML, every raw tag escaped."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).disable(["image", "link", "autolink"])
    html: str = md.render(text)
    return html
