"""Hypothesis: Markdown with private parts in random CommonMark forms never leaks a canary.

The documents nest private sections in block quotes and list items, write their
headings in ATX and setext forms with markup around the word, open nested and
unclosed spans, put code fences and deeper headings inside private sections, and
use LF or CRLF. Whatever comes out, :func:`coachkit.notes.privacy.disclose` either
refuses in one located line or returns text without a canary, and so do the
client's report and `session new` built from such notes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachkit.errors import PrivateTextRefused
from coachkit.notes.privacy import disclose
from tests.helpers import git, run
from tests.hypothesis_strategies import examples

WORDS = st.sampled_from(["alpha", "decision", "board", "Priya", "delegate", "1:1", "*log*"])


def _line(draw: st.DrawFn, prefix: str) -> str:
    return prefix + " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))


def _canary(draw: st.DrawFn) -> str:
    return f"CANARY{draw(st.integers(0, 999))}"


@st.composite
def private_heading(draw: st.DrawFn, level: int) -> list[str]:
    """A heading at ``level`` whose plain text begins with the word private."""
    word = draw(st.sampled_from(["Private", "private", "PRIVATE", "PriVate", "&#80;rivate"]))
    wrap = draw(
        st.sampled_from(["{}", "*{}*", "**{}**", "`{}`", "[{}](https://x.example)", "_{}_ notes"])
    )
    lead = draw(st.sampled_from(["", "\U0001f512 ", "— ", "(", "1. "]))
    tail = draw(st.sampled_from(["", " notes", ": Sam", " ##"]))
    text = f"{lead}{wrap.format(word)}{tail}"
    if level <= 2 and not lead.startswith("1") and draw(st.booleans()):
        return [text.removesuffix(" ##"), ("=" if level == 1 else "-") * draw(st.integers(3, 9))]
    return [" " * draw(st.integers(0, 3)) + "#" * level + " " + text]


@st.composite
def private_body(draw: st.DrawFn, level: int) -> list[str]:
    """What a private section holds: canaries, deeper headings, lists, closed fences."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["para", "deeper", "list", "fence", "quote"]))
        canary = _canary(draw)
        if kind == "para":
            lines += [_line(draw, f"{canary} "), ""]
        elif kind == "deeper" and level < 6:
            lines += ["#" * draw(st.integers(level + 1, 6)) + f" Notes {canary}", ""]
        elif kind == "list":
            lines += [f"- {canary}", f"- {_line(draw, '')}", ""]
        elif kind == "fence":
            fence = draw(st.sampled_from(["```", "~~~", "````"]))
            lines += [fence, f"# {canary} in code", fence, ""]
        else:
            lines += [f"> {canary}", ""]
    return lines


@st.composite
def private_section(draw: st.DrawFn) -> list[str]:
    """A private section, possibly inside a block quote or a list item, then its end."""
    level = draw(st.integers(1, 6))
    section = [*draw(private_heading(level)), "", *draw(private_body(level))]
    container = draw(st.sampled_from(["", "quote", "list", "quote-list"]))
    if container == "quote":
        return [f"> {line}".rstrip() for line in section] + ["", _line(draw, "PUBLIC "), ""]
    if container == "list":
        first, *rest = section
        body = [f"- {first}"] + [f"  {line}".rstrip() for line in rest]
        return [*body, "", _line(draw, "PUBLIC "), ""]
    if container == "quote-list":
        first, *rest = section
        body = [f"> - {first}"] + [f">   {line}".rstrip() for line in rest]
        return [*body, "", _line(draw, "PUBLIC "), ""]
    end = "#" * draw(st.integers(1, level)) + " Public heading"
    return [*section, end, _line(draw, "PUBLIC "), ""]


@st.composite
def private_span(draw: st.DrawFn) -> list[str]:
    """Text with private spans: marker spellings, nesting, multi-line, maybe never closed."""

    def opener() -> str:
        return draw(
            st.sampled_from(
                [
                    "<!-- private -->",
                    "<!--private-->",
                    "<!-- PRIVATE: Sam -->",
                    "<!--- private --->",
                ]
            )
        )

    def closer() -> str:
        return draw(
            st.sampled_from(["<!-- /private -->", "<!--/PRIVATE-->", "<!--  / Private  -->"])
        )

    inner = f"{_canary(draw)}"
    if draw(st.booleans()):
        inner = f"{_canary(draw)} {opener()}{inner}{closer()} {_canary(draw)}"
    if draw(st.booleans()):
        inner = f"\n{inner}\n\n{_canary(draw)}\n"
    closed = draw(st.booleans()) or draw(st.booleans())
    text = f"{_line(draw, 'PUBLIC ')} {opener()}{inner}{closer() if closed else ''} tail"
    return [*text.split("\n"), ""]


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = ["## Reflection", _line(draw, "PUBLIC "), ""]
    parts = draw(
        st.lists(
            st.one_of(
                private_section(),
                private_span(),
                st.builds(lambda: ["```", "code line", "```", ""]),
                st.builds(lambda: ["- one", "- two", ""]),
            ),
            min_size=1,
            max_size=5,
        )
    )
    for part in parts:
        lines += part
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline


def _safe(text: str) -> str | None:
    try:
        return disclose(text, "sessions/03.md", first_line=7).text
    except PrivateTextRefused as refused:
        assert re.match(r"^sessions/03\.md:\d+:\d+: ", str(refused)), refused
        assert refused.line >= 7
        assert "CANARY" not in str(refused)
        return None


@settings(max_examples=examples(400), deadline=None, derandomize=True)
@given(documents())
def test_disclose_never_returns_a_canary(text: str) -> None:
    public = _safe(text)
    if public is not None:
        assert "CANARY" not in public
        assert public.count("\n") == text.count("\n")  # every line keeps its number


@settings(
    max_examples=examples(25),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_canary_reaches_the_client_report_or_the_next_note(
    sample: Path, data: st.DataObject
) -> None:
    text = data.draw(documents())
    session = sample / "sessions" / "02-2026-01-29.md"
    original = session.read_text(encoding="utf-8")
    session.write_bytes(
        (original.split("\n# Session 2", 1)[0] + "\n" + text).encode("utf-8")
        + b"\n## Homework\n"
        + text.replace("## Reflection", "").encode("utf-8")
    )
    try:
        for args in (
            ("report", "--for", "client", "--format", "md", "--no-commit"),
            ("session", "new", "--date", "2026-02-12", "--no-commit"),
        ):
            result = run(*args, cwd=sample)
            assert "CANARY" not in result.output
            if result.exit_code == 0:
                written = Path(result.stdout.strip().splitlines()[-1])
                assert "CANARY" not in written.read_text(encoding="utf-8")
                written.unlink()
            else:
                assert result.exit_code == 2, result.output
                assert len(result.stderr.splitlines()) == 1, result.stderr
                assert re.match(r"^(coachkit: )?\S+\.md:\d+:\d+: ", result.stderr), result.stderr
    finally:
        session.write_text(original, encoding="utf-8")
        git(sample, "checkout", "--", ".")


@pytest.mark.parametrize(
    "text",
    [
        "## Private\r\nCANARY\r\n## Next\r\nok\r\n",
        "> ## Private\n> CANARY\n>\n> ## Public\n> ok\n",
    ],
)
def test_examples_that_shaped_the_strategy(text: str) -> None:
    public = _safe(text)
    assert public is not None and "CANARY" not in public and "ok" in public
