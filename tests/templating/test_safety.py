"""A template is data: it cannot reach a file, spin for minutes or write gigabytes.

Each attack goes through the real command line (``session new`` and ``report``) with
an override in the engagement's ``templates/``. Every refusal is one line on stderr,
exit 2, no traceback, and not a byte written. The PDF test prints with the real
Chromium and reads the PDF back with pdftotext.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from coachkit.engagement.loader import load_engagement
from coachkit.errors import CoachkitError
from coachkit.report.pdf import find_browser, sealed_page
from coachkit.templating.data import plain_data, require_plain
from coachkit.writers.sessions import session_context
from tests.helpers import build_file_tree, git, run

SECRET = "CANARY-SECRET-NOTE"
DAY = dt.date(2026, 2, 12)
# What a template might reach for on any value: file access, Python internals, Jinja internals.
DANGEROUS = (
    "read_text", "read_bytes", "write_text", "write_bytes", "open", "joinpath", "parent",
    "unlink", "rename", "mkdir", "resolve", "__class__", "__init__", "__globals__", "mro",
    "__subclasses__", "_TemplateReference__context", "root", "engagement", "func_globals",
)  # fmt: skip


@pytest.fixture
def engagement(sample: Path) -> Path:
    """The sample with a secret in a session note that no template may read."""
    note = sample / "sessions" / "01-2026-01-15.md"
    note.write_text(note.read_text(encoding="utf-8") + f"\n{SECRET}\n", encoding="utf-8")
    git(sample, "commit", "-qam", "Secret")
    return sample


def _files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (outside .git) with its bytes."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if ".git" not in path.relative_to(root).parts and path.is_file()
    }


def _refused(result: Any) -> str:
    """The one line a refusal prints; fails unless exit 2, one line, no traceback."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return str(lines[0])


def _session_with(root: Path, template: str, **env: str) -> Any:
    build_file_tree(root, {"templates/session.md.j2": template})
    before = _files(root)
    result = run("session", "new", "--no-commit", cwd=root, env=env or None)
    if result.exit_code != 0:
        after = _files(root)
        assert after == before, "a refused template changed the engagement"
    return result


def _report_with(root: Path, tmp_path: Path, template: str, name: str = "report.md.j2") -> Any:
    build_file_tree(root, {f"templates/{name}": template})
    before = _files(root)
    out = tmp_path / "out.report"
    fmt = "md" if name == "report.md.j2" else "html"
    result = run("report", "--for", "sponsor", "--format", fmt, "-o", str(out), cwd=root)
    if result.exit_code != 0:
        assert not out.exists() and _files(root) == before
    return result, out


# -- the context is plain data -------------------------------------------------------------


def _report_context(root: Path, audience: str) -> dict[str, Any]:
    """The context ``report`` hands its template, caught on its way to render()."""
    from coachkit.report import render as report_render

    seen: list[dict[str, Any]] = []

    def catch(name: str, context: dict[str, Any], where: Path | None) -> str:
        seen.append(context)
        return ""

    original = report_render.render
    report_render.render = catch  # type: ignore[assignment]
    try:
        report_render.build(root, audience, "md", DAY)
    finally:
        report_render.render = original
    return seen[0]


def test_the_session_and_report_contexts_are_plain_data(engagement: Path) -> None:
    context = session_context(load_engagement(engagement), 3, DAY, None)
    require_plain(context)
    assert context["goals"][0]["path"] == "goals/G1-delegate-strategic-decisions.md"
    for audience in ("client", "sponsor"):
        data = _report_context(engagement, audience)
        require_plain(data)
        assert data["report"]["root"] == "."
        assert data["report"]["client"] == "Jordan Lee"  # a property, computed once


def test_plain_data_refuses_what_has_no_plain_form(tmp_path: Path) -> None:
    assert plain_data({"p": tmp_path / "a" / "b.md", "t": (1, "x")}, tmp_path) == {
        "p": "a/b.md",
        "t": [1, "x"],
    }
    with pytest.raises(TypeError):
        plain_data(object())
    with pytest.raises(TypeError):
        plain_data(len)
    with pytest.raises(TypeError):
        require_plain({"report": {"root": tmp_path}})
    with pytest.raises(TypeError):
        require_plain({"cell": str.strip})


def _paths(value: Any, expression: str, found: list[str]) -> None:
    """A Jinja expression for every value in a context (three items of each list)."""
    found.append(expression)
    if isinstance(value, dict):
        for key, item in value.items():
            _paths(item, f"{expression}[{key!r}]", found)
    elif isinstance(value, list):
        for index, item in enumerate(value[:3]):
            _paths(item, f"{expression}[{index}]", found)


def _probe(context: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    """A template printing, for each value and dangerous name, whether it is reachable."""
    pairs: list[tuple[str, str]] = []
    for key, value in context.items():
        expressions: list[str] = []
        _paths(value, key, expressions)
        pairs += [(expression, name) for expression in expressions for name in DANGEROUS]
    lines = [f"{{{{ ({e} | attr({n!r})) is defined }}}}" for e, n in pairs]
    return "PROBE\n" + "\n".join(lines) + "\n", pairs


def test_no_value_in_the_session_context_reaches_a_file_or_python(engagement: Path) -> None:
    context = session_context(load_engagement(engagement), 3, DAY, None)
    template, pairs = _probe(context)
    # Thousands of probes compile slowly on a loaded machine: the budget is not what is tested.
    result = _session_with(engagement, template, COACHKIT_TEMPLATE_SECONDS="120")
    assert result.exit_code == 0, result.output
    note = next((engagement / "sessions").glob("03-*.md")).read_text(encoding="utf-8")
    answers = note.splitlines()[1:]
    assert len(answers) == len(pairs) > 500
    reachable = [pair for pair, answer in zip(pairs, answers, strict=True) if answer != "False"]
    assert reachable == []


@pytest.mark.parametrize("audience", ["client", "sponsor"])
def test_no_value_in_the_report_context_reaches_a_file_or_python(
    engagement: Path, tmp_path: Path, audience: str
) -> None:
    template, pairs = _probe(_report_context(engagement, audience))
    build_file_tree(engagement, {"templates/report.md.j2": template})
    out = tmp_path / "probe.md"
    result = run(
        "report", "--for", audience, "--format", "md", "-o", str(out), cwd=engagement,
        env={"COACHKIT_TEMPLATE_SECONDS": "120"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    answers = out.read_text(encoding="utf-8").splitlines()[1:]
    assert len(answers) == len(pairs) > 1000
    reachable = [pair for pair, answer in zip(pairs, answers, strict=True) if answer != "False"]
    assert reachable == []


# -- escapes tried by hand: each refused in one line, or harmless ----------------------------

SESSION_ESCAPES = [
    "{{ goals[0].path.read_text() }}",
    "{{ goals[0].path.joinpath('../sessions/01-2026-01-15.md').read_text() }}",
    "{{ goals[0].path.parent }}",
    "{{ goals[0].__class__ }}",
    "{{ goals[0].__init__.__globals__ }}",
    "{{ open_actions[0].path.open('w') }}",
    "{{ previous.path.write_text('x') }}",
    "{{ engagement.__class__.mro() }}",
    "{{ session.date.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(goals[0]) }}",
    "{{ goals[0].title.format.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ lipsum(100000000) }}",
    "{{ range(1000000000) | list }}",
    "{{ config }}",
    "{{ request.application }}",
    "{{ cell.__globals__ }}",
    "{{ 'x' * 100000000 }}",
    "{{ 'x'.ljust(100000000) }}",
    "{{ '%0100000000d' % 1 }}",
    "{{ '%0100000000d' | format(1) }}",
    "{{ 'x' | center(100000000) }}",
    "{{ 2 ** 100000000 }}",
]


@pytest.mark.parametrize("template", SESSION_ESCAPES)
def test_an_escape_from_a_session_template_is_refused_in_one_line(
    engagement: Path, template: str
) -> None:
    result = _session_with(engagement, f"---\nsession: 3\n---\n{template}\n")
    line = _refused(result)
    assert line.startswith(f"{engagement / 'templates' / 'session.md.j2'}:"), line
    assert SECRET not in line


REPORT_ESCAPES = [
    "{{ report.root.joinpath('sessions/01-2026-01-15.md').read_text() }}",
    "{{ report.goals[0].path.read_text() }}",
    "{{ report.sessions[0].path.open().read() }}",
    "{{ report.rounds[0][2].read_text() }}",
    "{{ report.goals[0].first_round.path.read_text() }}",
    "{{ report.__class__ }}",
    "{{ report.goals[0].group_in(none, 'x') }}",
    "{{ cell.__globals__ }}",
    "{% include '../sessions/01-2026-01-15.md' %}",
    "{% include '/etc/passwd' %}",
    "{% import '../../x.j2' as x %}",
    "{% extends '../engagement.md' %}",
]


@pytest.mark.parametrize("template", REPORT_ESCAPES)
def test_an_escape_from_a_report_template_is_refused_in_one_line(
    engagement: Path, tmp_path: Path, template: str
) -> None:
    result, _out = _report_with(engagement, tmp_path, f"# Report\n{template}\n")
    line = _refused(result)
    assert line.startswith(f"{engagement / 'templates' / 'report.md.j2'}:"), line
    assert SECRET not in line


def test_harmless_methods_of_plain_values_still_work(engagement: Path) -> None:
    template = (
        "---\nsession: 3\n---\n{{ engagement.client.upper() }} {{ session.date.isoformat() }} "
        "{{ goals | map(attribute='id') | join(',') }} {{ '%s!' | format(goals[0].id) }}\n"
    )
    result = _session_with(engagement, template)
    assert result.exit_code == 0, result.output
    note = next((engagement / "sessions").glob("03-*.md")).read_text(encoding="utf-8")
    assert "JORDAN LEE 2026-02-12 G1,G2 G1!" in note


# -- template files: real files inside the template folders only -----------------------------


def test_a_template_that_is_a_symbolic_link_is_refused(engagement: Path) -> None:
    (engagement / "templates").mkdir()
    link = engagement / "templates" / "session.md.j2"
    link.symlink_to(engagement / "sessions" / "01-2026-01-15.md")
    before = _files(engagement)
    result = run("session", "new", "--no-commit", cwd=engagement)
    assert _refused(result) == (
        f"{link}: is a symbolic link; templates are read only from real files and folders "
        "inside the templates folder"
    )
    assert _files(engagement) == before
    shown = run("templates", "show", "session", cwd=engagement)
    assert SECRET not in shown.output
    assert _refused(shown).startswith(f"{link}: is a symbolic link")


def test_a_templates_folder_that_is_a_link_is_refused(engagement: Path, tmp_path: Path) -> None:
    elsewhere = build_file_tree(tmp_path / "elsewhere", {"session.md.j2": "---\n---\nhi\n"})
    (engagement / "templates").symlink_to(elsewhere)
    result = run("session", "new", "--no-commit", cwd=engagement)
    assert _refused(result).startswith(f"{engagement / 'templates'}: is a symbolic link")
    assert not list((engagement / "sessions").glob("03-*"))


def test_an_include_through_a_linked_folder_or_file_is_refused(engagement: Path) -> None:
    build_file_tree(engagement, {"real/part.md.j2": SECRET})
    (engagement / "templates").mkdir()
    (engagement / "templates" / "parts").symlink_to(engagement / "real")
    (engagement / "templates" / "secret.md.j2").symlink_to(
        engagement / "sessions" / "01-2026-01-15.md"
    )
    for name in ("parts/part.md.j2", "secret.md.j2"):
        result = _session_with(engagement, f"---\n---\n{{% include '{name}' %}}\n")
        line = _refused(result)
        assert "is a symbolic link" in line and SECRET not in line


def test_a_template_that_is_no_regular_file_is_refused(engagement: Path) -> None:
    (engagement / "templates").mkdir()
    os.mkfifo(engagement / "templates" / "pipe.md.j2")  # reading it would wait forever
    result = _session_with(engagement, "---\n---\n{% include 'pipe.md.j2' %}\n")
    assert _refused(result).endswith("pipe.md.j2: is not a regular file; a template must be one")


def test_includes_resolve_in_the_lookup_order_and_may_use_subfolders(engagement: Path) -> None:
    build_file_tree(
        engagement,
        {
            "templates/parts/agenda.md.j2": "agenda for {{ engagement.client }}\n",
            "templates/session.md.j2": "---\n---\n{% include 'parts/agenda.md.j2' %}",
        },
    )
    result = run("session", "new", "--no-commit", cwd=engagement)
    assert result.exit_code == 0, result.output
    note = next((engagement / "sessions").glob("03-*.md")).read_text(encoding="utf-8")
    assert note == "---\n---\nagenda for Jordan Lee\n"


def test_a_template_that_includes_itself_is_refused_in_one_line(engagement: Path) -> None:
    result = _session_with(engagement, "---\n---\n{% include 'session.md.j2' %}\n")
    assert _refused(result) == (
        f"{engagement / 'templates' / 'session.md.j2'}: template recursion too deep (a "
        "template that includes itself, or a macro that calls itself without end)"
    )


def test_a_macro_that_calls_itself_forever_is_refused(engagement: Path) -> None:
    template = "---\n---\n{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\n"
    assert "recursion too deep" in _refused(_session_with(engagement, template))


# -- time and size ----------------------------------------------------------------------------

ENDLESS = [
    # No call and no output inside: only the timer can stop it.
    "{% set r = range(100000) %}{% for a in r %}{% for b in r %}{% for c in r %}"
    "{% endfor %}{% endfor %}{% endfor %}",
    "{% set r = range(100000) %}{% for a in r %}{% for b in r %}{% if b < 0 %}{{ b }}{% endif %}"
    "{% endfor %}{% endfor %}",
    "{% set r = range(100000) %}{% for a in r %}{% for b in r %}{% set x = b ~ a %}"
    "{% endfor %}{% endfor %}",
]


@pytest.mark.parametrize("template", ENDLESS)
def test_a_template_that_loops_forever_stops_within_its_budget(
    engagement: Path, template: str
) -> None:
    started = time.monotonic()
    result = _session_with(engagement, f"---\n---\n{template}x\n", COACHKIT_TEMPLATE_SECONDS="0.5")
    took = time.monotonic() - started
    assert _refused(result) == (
        f"{engagement / 'templates' / 'session.md.j2'}: template stopped after 0.5 s (a loop "
        "that does not end?); nothing was written"
    )
    assert took < 5


def test_the_budget_holds_off_the_main_thread_too(engagement: Path) -> None:
    """Without the timer (another thread), the clock is read at each call and filter."""
    import threading

    from coachkit.templating.lookup import render

    build_file_tree(
        engagement,
        {
            "templates/session.md.j2": "{% set r = range(100000) %}{% for a in r %}"
            "{% for b in r %}{% if (b | string) == 'x' %}y{% endif %}{% endfor %}{% endfor %}"
        },
    )
    failures: list[BaseException] = []

    def work() -> None:
        try:
            render("session", {}, engagement)
        except BaseException as exc:  # handed to the main thread
            failures.append(exc)

    os.environ["COACHKIT_TEMPLATE_SECONDS"] = "0.5"
    try:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join(timeout=30)
    finally:
        del os.environ["COACHKIT_TEMPLATE_SECONDS"]
    assert not thread.is_alive()
    assert len(failures) == 1 and isinstance(failures[0], CoachkitError)
    assert "template stopped after 0.5 s" in str(failures[0])


def test_a_bad_time_budget_is_one_line(engagement: Path) -> None:
    result = _session_with(engagement, "---\n---\nx\n", COACHKIT_TEMPLATE_SECONDS="soon")
    assert _refused(result) == (
        "coachkit: COACHKIT_TEMPLATE_SECONDS='soon': give a number of seconds, e.g. 5"
    )


TOO_LARGE = [
    "{% for i in range(11000) %}{{ 'x' * 1000 }}{% endfor %}",
    # Inside a macro the text never streams out: the cap holds there too.
    "{% macro m() %}{% for i in range(11000) %}{{ 'x' * 1000 }}{% endfor %}{% endmacro %}"
    "{% set s = m() %}ok",
    "{% set s = 'x' * 9000000 %}{{ [s, s] | join }}",
]


@pytest.mark.parametrize("template", TOO_LARGE)
def test_output_over_the_cap_is_refused(engagement: Path, tmp_path: Path, template: str) -> None:
    result = _session_with(engagement, f"---\n---\n{template}\n")
    assert _refused(result) == (
        f"{engagement / 'templates' / 'session.md.j2'}: template output is over 10 MB; "
        "nothing was written"
    )
    report, out = _report_with(engagement, tmp_path, template)
    assert "template output is over 10 MB" in _refused(report)
    assert not out.exists() and not (engagement / "reports").exists()


def test_output_just_under_the_cap_is_written(engagement: Path) -> None:
    result = _session_with(
        engagement, "---\n---\n{% for i in range(9000) %}{{ 'x' * 1000 }}{% endfor %}\n"
    )
    assert result.exit_code == 0, result.output


# -- the PDF: Chromium loads nothing -----------------------------------------------------------


def _browser() -> str | None:
    try:
        return find_browser()
    except CoachkitError:
        return None


def _pdf_skip_reason() -> str | None:
    reason = None
    if _browser() is None:
        reason = "no Chromium: `apt-get install chromium` to check the PDF"
    elif shutil.which("pdftotext") is None:
        reason = "no pdftotext: `apt-get install poppler-utils` to read the PDF's text"
    return None if os.environ.get("COACHKIT_REQUIRE_BROWSER") == "1" else reason


def test_the_page_policy_comes_first_and_http_equiv_is_refused() -> None:
    sealed = sealed_page("<!DOCTYPE html>\n<html><head><title>t</title>")
    assert sealed.startswith('<!DOCTYPE html><meta http-equiv="Content-Security-Policy"')
    assert sealed_page("<p>x</p>").startswith("<meta http-equiv=")
    with pytest.raises(CoachkitError, match="http-equiv"):
        sealed_page('<meta HTTP-EQUIV="refresh" content="0;url=file:///etc/passwd">')


CANARY_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{{ report.title }}</title>
<link rel="stylesheet" href="file://{folder}/canary.css">
<style>@import url("file://{folder}/import.css"); body { background: url("file://{folder}/bg.png"); }</style>
</head><body>
<p>VISIBLE-REPORT-TEXT</p>
<iframe src="file://{folder}/canary.txt"></iframe>
<iframe src="file://{folder}/canary.html"></iframe>
<object data="file://{folder}/canary.txt"></object>
<embed src="file://{folder}/canary.html">
<img src="file://{folder}/canary.svg" alt="">
<script>document.write("CANARY-SCRIPT-RAN")</script>
<iframe src="https://example.com/"></iframe>
</body></html>
"""


@pytest.mark.skipif(bool(_pdf_skip_reason()), reason=_pdf_skip_reason() or "")
def test_the_pdf_holds_no_local_file_and_nothing_from_the_network(
    engagement: Path, tmp_path: Path
) -> None:
    folder = build_file_tree(
        tmp_path / "private",
        {
            "canary.txt": "CANARY-TEXT-FILE\n",
            "canary.html": "<p>CANARY-HTML-FILE</p>",
            "canary.css": 'body::before { content: "CANARY-CSS-LINK"; }',
            "import.css": 'body::after { content: "CANARY-CSS-IMPORT"; }',
            "canary.svg": '<svg xmlns="http://www.w3.org/2000/svg"><text y="20">'
            "CANARY-SVG-IMAGE</text></svg>",
        },
    )
    page = CANARY_PAGE.replace("{folder}", str(folder))
    build_file_tree(engagement, {"templates/report.html.j2": page})
    out = tmp_path / "report.pdf"
    result = run("report", "--for", "client", "--format", "pdf", "-o", str(out), cwd=engagement)
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "VISIBLE-REPORT-TEXT" in text
    assert "CANARY" not in text, text
    # The same page without the policy does print a canary: the test can see a leak.
    raw = tmp_path / "raw.html"
    html_out = tmp_path / "report.html"
    done = run("report", "--for", "client", "--format", "html", "-o", str(html_out), cwd=engagement)
    assert done.exit_code == 0, done.output
    raw.write_text(html_out.read_text(encoding="utf-8"), encoding="utf-8")
    browser = _browser()
    assert browser is not None
    leaked = tmp_path / "leaked.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={leaked}", raw.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    leaked_text = subprocess.run(
        ["pdftotext", str(leaked), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "CANARY-TEXT-FILE" in leaked_text


@pytest.mark.skipif(bool(_pdf_skip_reason()), reason=_pdf_skip_reason() or "")
def test_a_refresh_to_a_local_file_is_refused_before_printing(
    engagement: Path, tmp_path: Path
) -> None:
    page = (
        '<!DOCTYPE html><html><head><meta http-equiv="refresh" '
        f'content="0;url=file://{engagement}/sessions/01-2026-01-15.md"></head>'
        "<body>{{ report.title }}</body></html>\n"
    )
    build_file_tree(engagement, {"templates/report.html.j2": page})
    out = tmp_path / "report.pdf"
    result = run("report", "--for", "client", "--format", "pdf", "-o", str(out), cwd=engagement)
    assert "http-equiv" in _refused(result)
    assert not out.exists()
