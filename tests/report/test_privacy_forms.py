"""Private text in every CommonMark form by every place that discloses prose by both audiences.

Each form is planted, with its own canary, in each place: a shareable session section,
the homework and next steps that `session new` carries over, the sustainment plan, the
agreement's sharing terms, a goal's outcome and title (front matter), an action item's
title (front matter) and a stakeholder comment. The canary must reach no report (every
kind, plan, progress and closure, for client and sponsor; md and html here, pdf through
pdftotext below) and no new session note, while the public text around it does. A form that cannot be taken out
safely is refused in one `path:line:col:` line, exit 2, with nothing written.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coachkit.report.pdf import find_browser
from tests.helpers import build_file_tree, git, run

# Each form holds {c}, the canary; the public text around it is the place's own.
FORMS = {
    "atx": "## Private\n{c}\n",
    "atx-deeper-upper": "#### PRIVATE notes\n{c}\n",
    "atx-closing-hashes": "## Private ##\n{c}\n",
    "atx-indented": "   ## private\n{c}\n",
    "setext-h2": "Private thoughts\n----------------\n{c}\n",
    "setext-h1": "Private\n=======\n{c}\n",
    "blockquote": "> ## Private\n> {c}\n",
    "blockquote-setext": "> Private\n> -------\n> {c}\n",
    "list-item": "- ## Private\n  {c}\n",
    "nested-quote-list": "> - ### Private\n>   {c}\n",
    "emphasis": "## *Private* matters\n{c}\n",
    "strong-code": "## **`private`**\n{c}\n",
    "link": "## [Private](https://example.com)\n{c}\n",
    "emoji": "## \U0001f512 Private\n{c}\n",
    "punctuation": "## (private)\n{c}\n",
    "entity": "## &#80;rivate\n{c}\n",
    "span": "Said <!-- private -->{c}<!-- /private --> today.\n",
    "span-words": "Said <!-- private: about Sam -->{c}<!-- /private --> today.\n",
    "span-no-space-case": "Said <!--PRIVATE-->{c}<!--  /Private  --> today.\n",
    "span-nested": "A <!-- private -->x <!-- private -->y<!-- /private --> {c}<!-- /private --> B\n",
    "span-multiline": "<!-- private -->\n{c}\n\n# a heading in the span\n<!-- /private -->\n",
    "span-crlf": "<!-- private -->\r\n{c}\r\n<!-- /private -->\r\n",
    "heading-crlf": "## Private\r\n{c}\r\n",
    "heading-after-raw-html": "<div>\n\n## Private\n{c}\n\n</div>\n",
    "span-unclosed": "Then <!-- private --> {c}\n\n## Next steps\nstill hidden {c}\n",
}
# Forms that cannot be disclosed safely: refused, never shown.
REFUSED = {
    "longer-fence-hides-heading": "````\n```\n## Private\n{c}\n```\n````\n",
    "unclosed-fence": "```\nsome code\n## Private\n{c}\n",
    "heading-in-html-block": "<div>\n## Private\n{c}\n</div>\n",
    "span-removal-makes-heading": "Title <!-- private -->{c}\n<!-- /private -->===\n",
}
PLACES = (
    "reflection", "homework", "sustainment", "agreement", "outcome", "title", "action", "comment"
)  # fmt: skip
# What each kind of report shows of the places (the client's closure report adds the rest).
KIND_SHOWS = {
    "closure": ("sustainment", "outcome", "title"),
    "plan": ("agreement", "title", "action"),
    "progress": ("title", "action"),
}
CLIENT_CLOSURE_ONLY = ("reflection", "comment")
# Forms that hide the rest of their note (an h1, a span never closed): the agreement's
# terms come after the sustainment plan in engagement.md, so they are hidden with it.
HIDES_REST = ("setext-h1", "span-unclosed")


def _canary(form: str, place: str) -> str:
    return f"CANARY-{form}-{place}".upper()


def _public(place: str) -> str:
    return f"PUBLIC-{place}".upper()


def _indent(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line for line in text.splitlines(keepends=True))


def plant(root: Path, form: str, template: str) -> None:
    """``template`` with its canary in every place that discloses prose."""

    def body(place: str) -> str:
        return template.format(c=_canary(form, place))

    # The shared section in session 1, the homework in session 2 (the one `session new`
    # carries from): an h1 or unclosed form hides the rest of its note, as it should.
    first = root / "sessions" / "01-2026-01-15.md"
    text = first.read_text(encoding="utf-8")
    text = text.replace(
        "## Reflection\n",
        f"## Reflection\n{_public('reflection')}\n\n{body('reflection')}\n## Reflection tail\n",
    )
    first.write_text(text, encoding="utf-8")
    session = root / "sessions" / "02-2026-01-29.md"
    text = session.read_text(encoding="utf-8")
    text += f"\n## Homework\n{_public('homework')}\n\n{body('homework')}\n"
    session.write_text(text, encoding="utf-8")
    engagement = root / "engagement.md"
    engagement.write_text(
        engagement.read_text(encoding="utf-8")
        + f"\n## Sustainment plan\n{_public('sustainment')}\n\n{body('sustainment')}"
        + f"\n## Who sees what\n{_public('agreement')}\n\n{body('agreement')}",
        encoding="utf-8",
    )
    text = first.read_text(encoding="utf-8")
    text = text.replace(
        "    title: List every decision made this week and who could have made it\n",
        "    title: |\n"
        + _indent(f"List {_public('action')}\n\n{body('action')}", 6)
        + "    share: sponsor\n",
    )
    first.write_text(text, encoding="utf-8")
    goal = next((root / "goals").glob("G1-*.md"))
    text = goal.read_text(encoding="utf-8")
    text = text.replace(
        "title: Delegate strategic decisions to the platform leads\n",
        "title: |\n"
        + _indent(f"Delegate {_public('title')}\n\n{body('title')}", 2)
        + "outcome: |\n"
        + _indent(f"{_public('outcome')}\n\n{body('outcome')}", 2),
    )
    goal.write_text(text, encoding="utf-8")
    responses = "".join(
        f"  - rater: p{n}\n    group: peer\n    goal: G1\n    rating: 4\n"
        + (
            "    comment: |\n" + _indent(f"{_public('comment')}\n\n{body('comment')}", 6)
            if n == 1
            else ""
        )
        for n in range(1, 5)
    )
    build_file_tree(
        root,
        {
            "feedback/2026-02-06-mid-point.md": (
                f"---\nkind: mid-point\ndate: 2026-02-06\nscale: [1, 5]\nresponses:\n{responses}---\n"
            )
        },
    )
    git(root, "add", "-A")
    git(root, "commit", "-qm", f"Plant {form}")


def _report(root: Path, audience: str, fmt: str, kind: str = "closure") -> str:
    result = run(
        "report", "--kind", kind, "--for", audience, "--format", fmt, "--no-commit", cwd=root
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip().splitlines()[-1])
    data = path.read_bytes()
    path.unlink()
    if fmt == "pdf":
        return _pdf_text(data, root)
    text = data.decode("utf-8")
    return html.unescape(text) if fmt == "html" else text


def _pdf_text(data: bytes, work: Path) -> str:
    pdf = work.parent / "report.pdf"
    pdf.write_bytes(data)
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def _no_canary(text: str, where: str) -> None:
    found = re.findall(r"CANARY-[A-Z0-9-]+", text)
    assert not found, f"{where} discloses {found}"


@pytest.mark.parametrize("form", FORMS)
def test_no_form_of_private_text_reaches_a_report_or_the_next_note(sample: Path, form: str) -> None:
    plant(sample, form, FORMS[form])
    for kind, shows in KIND_SHOWS.items():
        for audience in ("client", "sponsor"):
            for fmt in ("md", "html"):
                text = _report(sample, audience, fmt, kind)
                where = f"{form}: {audience} {kind} {fmt}"
                _no_canary(text, where)
                shown = list(shows)
                if kind == "closure" and audience == "client":
                    shown += CLIENT_CLOSURE_ONLY
                if form in HIDES_REST:
                    shown = [place for place in shown if place != "agreement"]
                for place in shown:
                    assert _public(place) in text, f"{where} lost {place}"
                if audience == "sponsor" or kind != "closure":
                    for place in CLIENT_CLOSURE_ONLY:
                        assert _public(place) not in text, f"{where} shows {place}"
    for kind in KIND_SHOWS:
        dry = run("report", "--kind", kind, "--dry-run", cwd=sample)
        assert dry.exit_code == 0, dry.output
        _no_canary(dry.output, f"{form}: {kind} --dry-run")
    dry = run("report", "--dry-run", cwd=sample)
    assert dry.exit_code == 0, dry.output
    assert "private text left out of: " in dry.stdout
    assert "sessions/02-2026-01-29.md (body)" in dry.stdout
    assert "goals/G1-delegate-strategic-decisions.md (outcome)" in dry.stdout
    assert "feedback/2026-02-06-mid-point.md (comment)" in dry.stdout
    new = run("session", "new", "--date", "2026-02-12", cwd=sample)
    assert new.exit_code == 0, new.output
    note = Path(new.stdout.strip()).read_text(encoding="utf-8")
    _no_canary(note, f"{form}: session new")
    assert _public("homework") in note


@pytest.mark.parametrize("form", REFUSED)
def test_private_text_that_cannot_be_taken_out_safely_is_refused(sample: Path, form: str) -> None:
    plant(sample, form, REFUSED[form])
    before = git(sample, "status", "--porcelain")
    for args in (
        ("report", "--for", "client", "--format", "md"),
        ("report", "--for", "sponsor", "--format", "html"),
        ("report", "--dry-run"),
        ("report", "--kind", "plan", "--for", "sponsor", "--format", "html"),
        ("report", "--kind", "progress", "--for", "client"),
        ("session", "new", "--date", "2026-02-12"),
    ):
        result = run(*args, cwd=sample)
        assert result.exit_code == 2, (args, result.output)
        _no_canary(result.output, f"{form}: {args}")
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert re.match(r"^(coachkit: )?\S+\.md:\d+:\d+: ", lines[0]), lines[0]
        assert "Traceback" not in result.output
    assert git(sample, "status", "--porcelain") == before
    assert not (sample / "reports").exists()


def test_lint_names_private_text_that_cannot_be_taken_out(sample: Path) -> None:
    plant(sample, "unclosed-fence", REFUSED["unclosed-fence"])
    result = run("lint", "--select", "private-text-unsafe", cwd=sample)
    assert result.exit_code == 1, result.output
    assert "sessions/02-2026-01-29.md:" in result.stdout
    assert "private-text-unsafe" in result.stdout


needs_pdf = pytest.mark.skipif(
    (find_browser() is None or shutil.which("pdftotext") is None)
    and not __import__("os").environ.get("COACHKIT_REQUIRE_BROWSER"),
    reason="no Chromium or pdftotext: `apt-get install chromium poppler-utils`",
)


@needs_pdf
def test_no_form_reaches_the_pdf_reports(sample: Path) -> None:
    """Every form at once (the unclosed span last, as it hides what follows), printed to PDF."""
    ordered = [name for name in FORMS if name != "span-unclosed"] + ["span-unclosed"]
    template = "".join(FORMS[name].replace("{c}", f"{{c}}-{name}") + "\n" for name in ordered)
    plant(sample, "all", template)
    for audience in ("client", "sponsor"):
        text = _report(sample, audience, "pdf")
        _no_canary(text, f"pdf {audience}")
        assert _public("sustainment") in text
        assert (_public("reflection") in text) == (audience == "client")
        for kind in ("plan", "progress"):
            text = _report(sample, audience, "pdf", kind)
            _no_canary(text, f"pdf {kind} {audience}")
            assert _public("title") in text


def test_a_template_that_prints_a_private_marker_is_refused(sample: Path) -> None:
    build_file_tree(
        sample,
        {
            "templates/report.md.j2": (
                "# {{ report.title }}\n<!-- Private -->{{ report.client }}<!-- /private -->\n"
            )
        },
    )
    result = run("report", "--no-commit", cwd=sample)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{sample / 'templates' / 'report.md.j2'}: the rendered")
    assert not (sample / "reports").exists()
