"""Print a report's HTML to PDF with headless Chromium, sealed off from files and network.

A PDF is the HTML printed by headless Chromium: the same file the browser test
checks, with the same print CSS, and no extra Python dependency. The page gets a
Content-Security-Policy as its first element and Chromium runs with no network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from coachkit.errors import CoachkitError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
BROWSER_ENV = "COACHKIT_CHROMIUM"
INSTALL_HINT = (
    "--format pdf needs Chromium to print the HTML report: install it "
    "(Debian/Ubuntu: `apt-get install chromium`) or set COACHKIT_CHROMIUM to a "
    "Chromium or Chrome executable; or use --format html and print from a browser"
)
PDF_TIMEOUT = 120


def find_browser() -> str | None:
    """Chromium or Chrome: ``$COACHKIT_CHROMIUM``, else the first of BROWSERS on PATH."""
    chosen = os.environ.get(BROWSER_ENV)
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise CoachkitError(
                f"{BROWSER_ENV}={chosen!r} is not an executable; point it at Chromium or Chrome"
            )
        return found
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_command(browser: str, profile: Path, *args: str) -> list[str]:
    """A headless Chromium command line that leaves the user's own profile alone.

    It has no network: host names resolve to nothing, every request goes to a proxy
    that does not exist (loopback included), and nothing runs in the background.
    Local files and scripts are kept out by the page's policy (see sealed_page);
    Chromium's own printing needs scripts on, so they are not switched off here.
    """
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        f"--user-data-dir={profile}",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--disable-quic",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        *args,
    ]


# Nothing may load: no frame, object, script, style sheet, font or image from a file or
# the network. Inline styles and data: images and fonts are all a report needs.
PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
_DOCTYPE = re.compile(r"\A(\ufeff?\s*<!doctype[^>]*>)?", re.I)
_HTTP_EQUIV = re.compile(r"http-equiv", re.I)


def sealed_page(html: str) -> str:
    """``html`` with PAGE_POLICY as its very first element, so it covers everything after.

    A template could reach a private file through Chromium (``<iframe src="file:///…">``
    prints the file into the PDF). The policy blocks every load; ``<meta http-equiv>``
    is refused, since a refresh could navigate away and no policy governs that.
    """
    if _HTTP_EQUIV.search(html):
        raise CoachkitError(
            "the report's HTML has a <meta http-equiv> (it could send the browser to another "
            "page); take it out of the report.html template; nothing was written"
        )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{PAGE_POLICY}">'
    found = _DOCTYPE.match(html)
    at = found.end() if found else 0
    return html[:at] + meta + html[at:]


def html_to_pdf(html: str, browser: str) -> bytes:
    """Print ``html`` to PDF with headless Chromium; the PDF's bytes.

    The page can load nothing (see :func:`sealed_page`) and the browser has no
    network (see :func:`browser_command`): the PDF holds only what the HTML holds.
    """
    with tempfile.TemporaryDirectory(prefix="coachkit-pdf-") as folder:
        work = Path(folder)
        page, out = work / "report.html", work / "report.pdf"
        page.write_text(sealed_page(html), encoding="utf-8")
        command = browser_command(
            browser,
            work / "profile",
            # No header or footer: they would print the temporary file's path and the date.
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            f"--print-to-pdf={out}",
            page.as_uri(),
        )
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=PDF_TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            raise CoachkitError(
                f"{browser} did not print the PDF within {PDF_TIMEOUT} s; nothing was written"
            ) from None
        except OSError as exc:
            raise CoachkitError(f"{browser} could not be started: {exc.strerror}") from None
        data = out.read_bytes() if out.is_file() else b""
        if done.returncode != 0 or not data.startswith(b"%PDF"):
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            why = lines[-1].strip() if lines else f"exit status {done.returncode}"
            raise CoachkitError(f"{browser} could not print the PDF ({why}); nothing was written")
        return data
