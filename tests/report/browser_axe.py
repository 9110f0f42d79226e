"""Run axe-core on a page in headless Chromium at a given viewport width, through the DevTools pipe.

``--window-size`` cannot go below 500 px in headless Chromium, so the phone width is set
the way DevTools' device mode does it (Emulation.setDeviceMetricsOverride), over
``--remote-debugging-pipe``: NUL-terminated JSON on file descriptors 3 and 4, standard
library only. axe-core comes from the npm registry (``.ci/run`` installs it); its path
is ``$COACHKIT_AXE``, else ``.ci/axe/node_modules/axe-core/axe.min.js``.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

from coachkit.report.pdf import browser_command

AXE_DEFAULT = Path(__file__).parents[2] / ".ci" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TIMEOUT = 90


def axe_script() -> Path | None:
    """axe.min.js: ``$COACHKIT_AXE``, else where ``.ci/run`` installs it; None when absent."""
    chosen = Path(os.environ.get("COACHKIT_AXE") or AXE_DEFAULT)
    return chosen if chosen.is_file() else None


class _Pipe:
    """Chromium's DevTools protocol over ``--remote-debugging-pipe``."""

    def __init__(self, process: subprocess.Popen[bytes], send: int, receive: int) -> None:
        self.process, self.send, self.receive = process, send, receive
        self.buffer, self.next_id = b"", 0

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.send, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            while b"\0" not in self.buffer:
                chunk = os.read(self.receive, 1 << 16)
                if not chunk:
                    raise RuntimeError(f"Chromium closed the pipe during {method}")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
        raise TimeoutError(method)


RUN_AXE = """
axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  return JSON.stringify({
    width: window.innerWidth,
    violations: r.violations.map(function (v) {
      return {id: v.id, impact: v.impact,
              nodes: v.nodes.map(function (n) { return n.target.join(" "); })};
    })
  });
})
"""


def axe_violations(
    browser: str, page: Path, width: int, profile: Path, axe: Path
) -> tuple[int, list[dict[str, Any]]]:
    """The page's width as laid out and axe-core's violations, ``width`` px wide."""
    to_chrome_read, to_chrome_write = os.pipe()
    from_chrome_read, from_chrome_write = os.pipe()

    # Out of the way of 3 and 4 first, so that placing one cannot overwrite the other.
    chrome_reads = fcntl.fcntl(to_chrome_read, fcntl.F_DUPFD, 10)
    chrome_writes = fcntl.fcntl(from_chrome_write, fcntl.F_DUPFD, 10)

    def wire() -> None:  # in the child: Chromium reads fd 3 and writes fd 4
        os.dup2(chrome_reads, 3)
        os.dup2(chrome_writes, 4)

    command = browser_command(browser, profile, "--remote-debugging-pipe", "about:blank")
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=wire,  # noqa: PLW1509 - the child only calls os.dup2, safe after fork
        close_fds=False,  # 3 and 4 are placed after the point where they would be closed
    )
    for fd in (to_chrome_read, from_chrome_write, chrome_reads, chrome_writes):
        os.close(fd)
    pipe = _Pipe(process, to_chrome_write, from_chrome_read)
    try:
        target = pipe.call("Target.createTarget", url="about:blank")["targetId"]
        session = pipe.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        pipe.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=844,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        pipe.call("Page.enable", session)
        pipe.call("Page.navigate", session, url=page.as_uri())
        ready = "new Promise(function (done) { if (document.readyState === 'complete') done(1);"
        ready += " else window.addEventListener('load', function () { done(1); }); })"
        pipe.call("Runtime.evaluate", session, expression=ready, awaitPromise=True)
        pipe.call("Runtime.evaluate", session, expression=axe.read_text(encoding="utf-8"))
        found = pipe.call(
            "Runtime.evaluate", session, expression=RUN_AXE, awaitPromise=True, returnByValue=True
        )
        value = found["result"].get("value")
        if not isinstance(value, str):
            raise RuntimeError(f"axe-core did not run: {found}")
        data = json.loads(value)
        return int(data["width"]), list(data["violations"])
    finally:
        process.kill()
        process.wait(timeout=30)
        os.close(to_chrome_write)
        os.close(from_chrome_read)
