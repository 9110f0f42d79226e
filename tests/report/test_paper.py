"""The printed report: A4 or Letter, a footer on every page, and no page left mostly empty.

The paper and footer rules run everywhere; the PDF checks need Chromium and poppler
(pdfinfo for the paper size, pdftotext for the footer and for how full each page is),
and are skipped without them unless COACHKIT_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from coachkit.errors import CoachkitError
from coachkit.report.paper import css_string, default_paper, locale_paper, print_style
from coachkit.report.pdf import find_browser
from tests.helpers import build_file_tree, run

LOCALE_VARIABLES = ("LC_ALL", "LC_PAPER", "LANG")


def _browser() -> str | None:
    try:
        return find_browser()
    except CoachkitError:
        return None


def _needs_pdf_tools() -> None:
    missing = [name for name in ("pdfinfo", "pdftotext") if shutil.which(name) is None]
    if _browser() is None:
        missing.insert(0, "chromium")
    if not missing:
        return
    if os.environ.get("COACHKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"COACHKIT_REQUIRE_BROWSER=1 but {', '.join(missing)} missing", pytrace=False)
    pytest.skip(f"{', '.join(missing)} not installed (apt-get install chromium poppler-utils)")


@pytest.mark.parametrize(
    ("environment", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "letter"),
        ({"LANG": "fr_CA.UTF-8"}, "letter"),
        ({"LANG": "en_GB.UTF-8"}, "a4"),
        ({"LANG": "en_US.UTF-8", "LC_PAPER": "de_DE.UTF-8"}, "a4"),
        ({"LC_PAPER": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "letter"),
        ({"LANG": "C.UTF-8"}, "a4"),
        ({}, "a4"),
    ],
)
def test_the_locale_chooses_the_paper(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], paper: str
) -> None:
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert locale_paper() == paper


def test_the_setting_wins_over_the_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    engagement = tmp_path / "practice" / "acme"
    build_file_tree(tmp_path, {"practice/.coachkit.yaml": "paper: A4\n", "practice/acme/x": ""})
    assert default_paper(engagement) == "a4"
    (tmp_path / "practice" / ".coachkit.yaml").write_text("paper: legal\n", encoding="utf-8")
    with pytest.raises(CoachkitError, match=r"\.coachkit\.yaml:1:\d+: paper must be a4 or letter"):
        default_paper(engagement)


def test_an_unknown_paper_is_refused(sample: Path) -> None:
    result = run("report", "--format", "html", "--paper", "legal", cwd=sample)
    assert result.exit_code == 2
    assert result.stderr == "coachkit: unknown paper 'legal': use --paper a4 or --paper letter\n"
    assert not (sample / "reports").exists()


def test_the_footer_names_the_client_and_cannot_break_out_of_its_string() -> None:
    assert css_string('Jo "</style><script>" Lee\\') == (
        '"Jo \\22 \\3c \\2f style\\3e \\3c script\\3e \\22  Lee\\5c "'
    )
    style = print_style("Jordan Lee", "a4")
    assert "size: A4;" in style
    assert 'content: "page " counter(page) " of " counter(pages)' in style
    assert "size" not in print_style("Jordan Lee", None)


def test_the_html_report_carries_the_footer_but_leaves_the_paper_to_the_printer(
    sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    assert run("report", "--format", "html", "-o", str(out), cwd=sample).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "@bottom-left" in page and "counter(pages)" in page
    assert "size: A4;" not in page and "size: letter;" not in page
    assert run("report", "--paper", "letter", "-o", str(out), "--force", cwd=sample).exit_code == 0
    assert "size: letter;" in out.read_text(encoding="utf-8")


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def _fullness(pdf: Path) -> list[float]:
    """How far down each page its body text reaches, 0 to 1 of the space between margins."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for height_text, words in re.findall(
        r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', boxes, re.S
    ):
        height, millimetre = float(height_text), 72 / 25.4
        top, bottom = 16 * millimetre, height - 18 * millimetre  # the footer is below bottom
        lows = [
            float(low)
            for high, low in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', words)
            if float(high) < bottom
        ]
        found.append((max(lows) - top) / (bottom - top) if lows else 0.0)
    return found


PAPER_SIZES = {"a4": "595 x 842", "letter": "612 x 792"}


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize(
    ("kind", "audience"), [("closure", "client"), ("closure", "sponsor"), ("plan", "sponsor"), ("progress", "client")]
)  # fmt: skip
def test_the_pdf_has_its_paper_a_footer_on_each_page_and_no_page_mostly_empty(
    sample: Path, tmp_path: Path, kind: str, audience: str, paper: str
) -> None:
    _needs_pdf_tools()
    out = tmp_path / "r.pdf"
    result = run(
        "report", "--kind", kind, "--for", audience, "--paper", paper, "-o", str(out), cwd=sample
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout)
    assert size is not None
    assert f"{round(float(size.group(1)))} x {round(float(size.group(2)))}" == PAPER_SIZES[paper]
    pages = _pages(out)
    for number, page in enumerate(pages, 1):
        assert re.search(rf"Jordan Lee\s+page {number} of {len(pages)}\s*$", page), page[-200:]
    fullness = _fullness(out)
    assert len(fullness) == len(pages)
    assert all(share >= 1 / 3 for share in fullness[:-1]), fullness


def test_the_pdf_paper_defaults_to_the_setting(sample: Path, tmp_path: Path) -> None:
    _needs_pdf_tools()
    (sample / ".coachkit.yaml").write_text("paper: letter\n", encoding="utf-8")
    out = tmp_path / "r.pdf"
    assert run("report", "-o", str(out), cwd=sample, env={"LANG": "de_DE.UTF-8"}).exit_code == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "(letter)" in info.stdout
