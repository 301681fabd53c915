"""Browser end-to-end fixtures: one real `streamlit run` server per session, one headless Chromium, and pages
that record every network request, console error and uncaught page error they see.

Run with `.venv/bin/python -m pytest -m browser` (or `./test.sh -m browser`). Chromium is Debian's package, driven by
Playwright through `executable_path` (tools/screenshots.py owns the path, the flags, the server and the readiness
wait). If Chromium cannot start, every browser test FAILS with what to install: the suite never skips.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.screenshots import (  # noqa: E402  (one place for the server, the flags and the readiness wait)
    CHROMIUM_ARGS, PAGES, AppServer, chromium_path, full_page_screenshot, wait_ready)

SCREENSHOT_DIR = ROOT / "artifacts" / "screenshots"
VIEWPORT = {"width": 1440, "height": 900}
TIMEOUT_MS = 60_000
INSTALL_HINT = ("Install Debian's Chromium with `sudo apt-get install chromium` (or point BROWSER_PATH at a Chromium "
                "binary), and Playwright with `.venv/bin/pip install -r requirements-dev.txt`. Do not run "
                "`playwright install`: the tests drive the system Chromium.")
# Streamlit's own known bug (streamlit/streamlit#7074): on a deep link such as /map the frontend first probes
# /map/_stcore/health and /map/_stcore/host-config (404) before the real base path. Only these exact 404s are excused.
STREAMLIT_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")


def page_url(base: str, path: str, query: str = "") -> str:
    return f"{base}/{path.strip('/')}" + (f"?{query}" if query else "")


def page_name(path: str) -> str:
    return path.strip("/").replace("/", "_") or "overview"


# --------------------------------------------------------------------------------------------- session recorders

@dataclass
class Request:
    test: str
    page: str  # the page address when the request was made
    url: str
    kind: str  # resource type, or "websocket"


@dataclass
class NetworkLog:
    """Every request of every page of the whole session (the offline audit reads this at the end)."""
    requests: list[Request] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)  # page paths opened in this session
    screenshots: dict[str, Path] = field(default_factory=dict)  # page path -> PNG saved in this session
    started: float = field(default_factory=time.time)

    def offenders(self, base_url: str) -> list[Request]:
        return [r for r in self.requests if not is_local(r.url, base_url)]


def is_local(url: str, base_url: str) -> bool:
    """Strict: only the app's own loopback origin (http, https, ws on its port), data: and blob: URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return True
    own = urlsplit(base_url)
    return (parts.scheme in ("http", "https", "ws") and parts.hostname == "127.0.0.1"
            and parts.port == own.port and parts.username is None and parts.password is None)


@dataclass
class Tab:
    """A browser page plus what it recorded: requests, console errors, uncaught errors."""
    page: object
    base_url: str
    log: NetworkLog
    test: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    inflight: set = field(default_factory=set)

    def url(self, path: str = "", query: str = "") -> str:
        return page_url(self.base_url, path, query)

    def open(self, path: str = "", query: str = "") -> None:
        """Open a page by its stable path and wait until the script has finished and every chart is drawn."""
        self.page.goto(self.url(path, query), wait_until="domcontentloaded")
        self.log.visited.add(path.strip("/"))
        self.settle()

    def settle(self) -> None:
        wait_ready(self.page, timeout=TIMEOUT_MS)
        wait_plotly(self.page)

    def network_quiet(self, quiet_ms: int = 500, limit_ms: int = 10_000) -> None:
        """Let the page finish what it fetches: return once no request has been in flight for `quiet_ms` (or after
        `limit_ms`; the WebSocket does not count). Playwright's own 'networkidle' can hang under load."""
        quiet, waited = 0, 0
        while quiet < quiet_ms and waited < limit_ms:
            self.page.wait_for_timeout(100)
            waited += 100
            quiet = quiet + 100 if not self.inflight else 0

    def offenders(self) -> list[str]:
        """This page's requests that left the app's loopback address."""
        return [u for u in self.requests if not is_local(u, self.base_url)]

    def errors(self) -> list[str]:
        return [f"console: {e}" for e in self.console_errors] + [f"pageerror: {e}" for e in self.page_errors]

    def screenshot(self, path: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        out = SCREENSHOT_DIR / f"{page_name(path)}.png"
        full_page_screenshot(self.page, out)
        self.log.screenshots[path.strip("/")] = out
        return out


def wait_plotly(page, timeout: float = TIMEOUT_MS) -> None:
    """Every Plotly chart on the page has drawn its main SVG (no fixed sleep)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(
                 c => { const g = c.querySelector('.js-plotly-plot');
                        return g && g._fullLayout && g.querySelector('.main-svg'); })""",
        timeout=timeout)


def _attach(tab: Tab, page) -> None:
    log = tab.log

    def on_request(req):
        tab.requests.append(req.url)
        if not req.url.startswith(("blob:", "data:")):  # worker blobs never report 'finished'
            tab.inflight.add(req)
        log.requests.append(Request(tab.test, page.url, req.url, req.resource_type))

    def on_websocket(ws):
        tab.requests.append(ws.url)
        log.requests.append(Request(tab.test, page.url, ws.url, "websocket"))

    def on_console(msg):
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        loc = urlsplit(where)
        if ("404" in msg.text and is_local(where, tab.base_url) and STREAMLIT_PROBE.match(loc.path)):
            return  # streamlit/streamlit#7074, see STREAMLIT_PROBE
        tab.console_errors.append(f"{msg.text} (at {where or page.url})")

    page.on("request", on_request)
    page.on("requestfinished", lambda req: tab.inflight.discard(req))
    page.on("requestfailed", lambda req: tab.inflight.discard(req))
    page.on("websocket", on_websocket)
    page.on("console", on_console)
    page.on("pageerror", lambda exc: tab.page_errors.append(str(exc)))


# --------------------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def app_server():
    """The real app (`streamlit run app.py`, the project's own data/) on a free loopback port, once per session."""
    server = AppServer()
    try:
        server.__enter__()
    except Exception as exc:
        server.__exit__(None, None, None)
        pytest.fail(f"The dashboard server did not start: {exc}", pytrace=False)
    yield server
    server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.fail(f"Playwright for Python is not installed ({exc}). {INSTALL_HINT}", pytrace=False)
    pw = sync_playwright().start()
    yield pw
    pw.stop()


def launch_chromium(pw, executable_path: str | None = None):
    """Start headless Chromium, or fail (never skip) with what to install."""
    try:
        path = executable_path or chromium_path()
    except SystemExit as exc:
        pytest.fail(f"Chromium cannot start: {exc} {INSTALL_HINT}", pytrace=False)
    try:
        return pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS, timeout=30_000)
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        pytest.fail(f"Chromium cannot start from {path}: {first}. {INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="session")
def chromium_launcher():
    """The launcher the `browser` fixture uses (so a test can prove it fails loudly)."""
    return launch_chromium


@pytest.fixture(scope="session")
def browser(playwright):
    b = launch_chromium(playwright)
    yield b
    b.close()


@pytest.fixture(scope="session")
def network_log() -> NetworkLog:
    return NetworkLog()


@pytest.fixture
def open_tab(browser, app_server, network_log, request):
    """Factory: a fresh browser context (no cookies, no session) with a recording page. Closed after the test."""
    contexts = []

    def _open() -> Tab:
        ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        ctx.set_default_timeout(TIMEOUT_MS)
        contexts.append(ctx)
        page = ctx.new_page()
        tab = Tab(page=page, base_url=app_server.url, log=network_log, test=request.node.nodeid)
        _attach(tab, page)
        ctx.on("page", lambda p: p is not page and _attach(tab, p))  # popups record too
        return tab

    yield _open
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def tab(open_tab) -> Tab:
    return open_tab()


@pytest.fixture(scope="module")
def module_tab(browser, app_server, network_log, request):
    """One recording page for a whole module that opens many views in turn and needs no fresh session between them
    (each `open` is a new page load and so a new Streamlit session; the browser cache is kept, which is faster).
    Set `tab.test` in each test so the session's request log names the right test. Closed after the module."""
    ctx = browser.new_context(viewport=VIEWPORT)
    ctx.set_default_timeout(TIMEOUT_MS)
    page = ctx.new_page()
    tab = Tab(page=page, base_url=app_server.url, log=network_log, test=request.node.nodeid)
    _attach(tab, page)
    yield tab
    ctx.close()


# --------------------------------------------------------------------------------------------- ordering and markers

def pytest_configure(config):
    config.addinivalue_line("markers", "browser_audit: a browser check over the whole session; runs last")


def pytest_collection_modifyitems(config, items):
    """Session-wide audits (offline guarantee, screenshots) run after every other browser test."""
    items.sort(key=lambda item: item.get_closest_marker("browser_audit") is not None)


