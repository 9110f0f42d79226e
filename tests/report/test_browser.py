"""The HTML report in a real browser: headless Chromium loads it, then prints it to PDF.

Skipped when no Chromium is found, unless COACHKIT_REQUIRE_BROWSER=1 (CI sets it
after installing Debian's `chromium`), in which case a missing browser fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coachkit.errors import CoachkitError
from coachkit.report.pdf import browser_command, find_browser
from tests.helpers import run

try:
    BROWSER = find_browser()
except CoachkitError:  # COACHKIT_CHROMIUM names no executable
    BROWSER = None
if BROWSER is None:
    if os.environ.get("COACHKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(
            "COACHKIT_REQUIRE_BROWSER=1 but no Chromium was found: `apt-get install chromium` "
            "or set COACHKIT_CHROMIUM",
            pytrace=False,
        )
    pytest.skip(
        "no Chromium on PATH (apt-get install chromium, or set COACHKIT_CHROMIUM)",
        allow_module_level=True,
    )


def _dump_dom(page: Path, profile: Path) -> str:
    command = browser_command(str(BROWSER), profile, "--dump-dom", page.as_uri())
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def html_report(sample: Path, tmp_path: Path) -> Path:
    out = tmp_path / "jordan-lee.html"
    result = run("report", "--for", "client", "--format", "html", "-o", str(out), cwd=sample)
    assert result.exit_code == 0, result.output
    return out


def test_chromium_renders_the_report_dom(html_report: Path, tmp_path: Path) -> None:
    dom = _dump_dom(html_report, tmp_path / "profile")
    assert "<title>Coaching report: Jordan Lee</title>" in dom
    rows = re.findall(r'<tr class="goal-row" data-goal="(G\d+)">', dom)
    assert rows == ["G1", "G2"]
    assert re.findall(r'<tr class="rating-row" data-goal="(G\d+)">', dom) == ["G1", "G2"]
    assert dom.count("<svg") == 2
    assert re.search(r"<rect[^>]*class=\"bar-final\"", dom)
    assert "<script" not in dom.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", dom, re.I)
    assert not re.search(r"url\(|@import|https?://", dom, re.I)
    assert "Jordan now asks what we would decide before giving an answer." in dom


def test_chromium_prints_the_report_to_pdf(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "jordan-lee.pdf"
    result = run("report", "--for", "sponsor", "-o", str(out), cwd=sample)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}\n"
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"%%EOF" in data[-1024:]
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Coaching report: Jordan Lee" in text
        assert "Prepared for Sam Ortiz (sponsor)" in text
        # No header or footer with the temporary file's path.
        assert "file://" not in text and "coachkit-pdf-" not in text


def test_pdf_in_reports_is_committed(sample: Path) -> None:
    result = run("report", "--for", "client", "--format", "pdf", cwd=sample)
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path == sample / "reports" / "2026-02-12-client-report.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    assert "committed" in result.stderr
