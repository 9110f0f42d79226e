"""The Markdown report shows typed HTML as text and keeps only http(s) and mailto links.

The hostile text is planted where the privacy-forms test plants private text (a shared
session section, a goal's title and outcome, the sustainment plan, an action item, a
stakeholder comment), and each report is rendered the way Pandoc would: CommonMark
with raw HTML on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from coachkit.report.markdown_safe import inert_markdown
from tests.helpers import run
from tests.report.test_privacy_forms import plant

HOSTILE = (
    "Said <script>alert(1)</script> and <img src=x onerror=alert(2)> then "
    "[x](javascript:alert(3)) and [y](data:text/html,hi) and <javascript:alert(4)> "
    "but [kept](https://example.com/a) and [mail](mailto:coach@example.com) {c}\n"
)


def _rendered(markdown: str) -> str:
    html: str = MarkdownIt("commonmark", {"html": True}).render(markdown)
    return html


@pytest.mark.parametrize(
    ("kind", "audience"),
    [("closure", "client"), ("closure", "sponsor"), ("plan", "sponsor"), ("progress", "client")],
)
def test_typed_html_and_unsafe_links_are_inert_in_the_md_report(
    sample: Path, kind: str, audience: str
) -> None:
    plant(sample, "hostile", HOSTILE)
    result = run(
        "report", "--kind", kind, "--for", audience, "--format", "md", "--no-commit", cwd=sample
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert "CANARY-HOSTILE" in text  # the planted text is shown, as text
    html = _rendered(text).lower()
    for live in ("<script", "<img", 'href="javascript', 'href="data:', "<javascript"):
        assert live not in html, live
    assert '<a href="https://example.com/a">kept</a>' in html
    assert '<a href="mailto:coach@example.com">mail</a>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("a < b and 1<2", "a < b and 1<2"),
        ("`<b>` in code", "`<b>` in code"),
        ("```\n<b>\n```\n", "```\n<b>\n```\n"),
        ("<!-- note -->", "&lt;!-- note -->"),
        ("[r]: javascript:x", "&#91;r]: javascript:x"),
        ("[r]: https://example.com", "[r]: https://example.com"),
        ("![pixel](https://tracker.example/p.png)", "!&#91;pixel](https://tracker.example/p.png)"),
        ("<https://example.com>", "<https://example.com>"),
    ],
)
def test_inert_markdown_cases(typed: str, shown: str) -> None:
    assert inert_markdown(typed) == shown
