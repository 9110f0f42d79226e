"""The HTML reports at 390 px (a phone) and 1280 px wide: zero axe-core violations in Chromium.

axe-core comes from the npm registry: ``.ci/run`` installs it into ``.ci/axe``
(``npm install --prefix .ci/axe axe-core@4``); ``$COACHKIT_AXE`` may point at another
axe.min.js. Skipped, with the reason, when Chromium or axe-core is absent, unless
COACHKIT_REQUIRE_BROWSER=1 (CI), in which case that fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coachkit.errors import CoachkitError
from coachkit.report.pdf import find_browser
from tests.helpers import run
from tests.report.browser_axe import axe_script, axe_violations


def _tools() -> tuple[str, Path]:
    try:
        browser = find_browser()
    except CoachkitError:
        browser = None
    axe = axe_script()
    missing = []
    if browser is None:
        missing.append("Chromium (apt-get install chromium)")
    if axe is None:
        missing.append("axe-core (npm install --prefix .ci/axe axe-core@4, or set COACHKIT_AXE)")
    if missing:
        why = " and ".join(missing) + " not found"
        if os.environ.get("COACHKIT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"COACHKIT_REQUIRE_BROWSER=1 but {why}", pytrace=False)
        pytest.skip(why)
    assert browser is not None and axe is not None
    return browser, axe


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    ("kind", "audience"),
    [("closure", "client"), ("closure", "sponsor"), ("plan", "client"), ("progress", "sponsor")],
)
def test_the_html_report_has_no_axe_violations(
    sample: Path, tmp_path: Path, kind: str, audience: str, width: int
) -> None:
    browser, axe = _tools()
    page = tmp_path / "report.html"
    result = run(
        "report", "--kind", kind, "--for", audience, "--format", "html", "-o", str(page),
        cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    laid_out, violations = axe_violations(browser, page, width, tmp_path / "profile", axe)
    assert laid_out == width
    assert violations == []


def test_a_wide_table_scrolls_in_a_focusable_region_with_a_visible_sign(sample: Path) -> None:
    result = run("report", "--format", "html", "--no-commit", cwd=sample)
    page = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert page.count('<div class="table-wrap" tabindex="0" role="group"') == page.count("<table")
    assert "radial-gradient" in page and "background-attachment" not in page
    assert ".table-wrap:focus-visible" in page
