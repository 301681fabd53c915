"""Full-page screenshots of every page in headless Chromium: `python tools/screenshots.py [--out artifacts/screenshots]`.

Starts the real app with `streamlit run` on a free local port, waits for /_stcore/health and for the app's own
"finished running" attribute, then saves one PNG per page (and the overview in presentation mode).
"""

from __future__ import annotations

import argparse
import collections
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["", "map", "country", "compare", "priority-areas", "trends", "timeline", "data", "briefing"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-gpu", "--disable-quic"]


def chromium_path() -> str:
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise SystemExit("Chromium not found: install Debian's package (apt-get install chromium) or set BROWSER_PATH.")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on a free loopback port; stopped on exit."""

    def __init__(self, env: dict | None = None, script: str | Path | None = None):
        self.script = str(script or ROOT / "app.py")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.proc = None
        self._log: collections.deque[str] = collections.deque(maxlen=400)

    def _drain(self) -> None:
        # keep reading the server's output so a chatty server never blocks on a full pipe; keep the tail
        for line in iter(self.proc.stdout.readline, b""):
            self._log.append(line.decode(errors="replace").rstrip())

    def log_tail(self, lines: int = 60) -> str:
        """The last lines the server printed (for failure messages)."""
        return "\n".join(list(self._log)[-lines:])

    def __enter__(self):
        cmd = [sys.executable, "-m", "streamlit", "run", self.script, "--server.port", str(self.port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("streamlit exited: " + self.proc.stdout.read().decode(errors="replace")[-2000:])
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        threading.Thread(target=self._drain, name="streamlit-log", daemon=True).start()
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("streamlit did not become healthy within 60 s")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def wait_ready(page, timeout: float = 60_000) -> None:
    """Wait until the script has finished running (Streamlit's own readiness attribute)."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout)


def full_page_screenshot(page, path) -> None:
    """Streamlit scrolls inside its main section, not the body: grow the viewport to the content, then shoot."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]') || document.body;"
        " return Math.max(m.scrollHeight, document.body.scrollHeight); }")
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(800)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": width, "height": 900})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=str(ROOT / "artifacts" / "screenshots"))
    ap.add_argument("--pages", nargs="*", default=PAGES)
    ap.add_argument("--query", default="")
    ap.add_argument("--lang", nargs="*", default=[], help="language codes: one set of screenshots per language (lang=…)")
    a = ap.parse_args()
    queries = [a.query] if not a.lang else ["&".join(q for q in (a.query, f"lang={code}") if q) for code in a.lang]
    from playwright.sync_api import sync_playwright

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    with AppServer() as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        for query in queries:
            for path in a.pages:
                page.goto(f"{server.url}/{path}{('?' + query) if query else ''}")
                wait_ready(page)
                page.wait_for_timeout(1500)  # let plotly finish drawing after the script is done
                name = (path or "overview").replace("/", "_") + (("_" + query.replace("=", "-").replace("&", "_")) if query else "")
                full_page_screenshot(page, out / f"{name}.png")
                print("saved", out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
