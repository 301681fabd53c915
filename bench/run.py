"""Benchmark: what users wait for, measured in one run so ratios hold on a noisy machine.

    .venv/bin/python bench/run.py [--repeats 5] [--sessions 20] [--out bench/results/latest.md]

Measures cold start (process start to first overview fully rendered, in Chromium), warm rerun after a filter
change for every page (AppTest and browser, median of repeats) against a minimal one-widget one-chart page,
bytes sent to the browser per page and the largest element, server memory with 1 and with N concurrent sessions,
and PNG export time (first and subsequent). Prints a table and writes it as Markdown. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tools.screenshots import CHROMIUM_ARGS, AppServer, chromium_path, wait_ready  # noqa: E402

PAGES = {"overview": ("", "pages/overview.py"), "map": ("map", "pages/map.py"), "country": ("country", "pages/country.py"),
         "compare": ("compare", "pages/compare.py"), "priority-areas": ("priority-areas", "pages/priority_areas.py"),
         "trends": ("trends", "pages/trends.py"), "data": ("data", "pages/data.py"), "briefing": ("briefing", "pages/briefing.py")}
BUDGET = {"rerun_ms": 150, "rerun_ratio": 3.0, "cold_s": 3.0, "bytes": 400_000, "session_mb": 5.0}


def rss_mb(pid: int) -> float:
    total = 0
    for p in [pid] + _children(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
        return [int(x) for x in out]
    except Exception:
        return []


def open_page(name: str):
    """An AppTest session on page `name`, as a visitor arriving there would have it."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    if name != "overview":
        at.switch_page(PAGES[name][1]).run()
    return at


def apptest_reruns(repeats: int) -> tuple[dict, float]:
    from streamlit.testing.v1 import AppTest

    out = {}
    for name in PAGES:
        at = open_page(name)
        times = []
        for i in range(repeats + 1):
            t = time.perf_counter()
            at.sidebar.selectbox(key="f_area").select(["online", ""][i % 2]).run()
            times.append(time.perf_counter() - t)
        out[name] = statistics.median(times[1:]) * 1000
    at = AppTest.from_file(str(ROOT / "bench" / "minimal_app.py"), default_timeout=60)
    at.run()
    times = []
    for i in range(repeats + 1):
        t = time.perf_counter()
        at.selectbox[0].select(["Children online", "All priority areas"][i % 2]).run()
        times.append(time.perf_counter() - t)
    return out, statistics.median(times[1:]) * 1000


def largest_elements() -> dict:
    out = {}
    for name in PAGES:
        at = open_page(name)
        best = (0, "")
        for node in _walk(at._tree):
            proto = getattr(node, "proto", None)
            if proto is not None and hasattr(proto, "ByteSize"):
                size = proto.ByteSize()
                if size > best[0]:
                    best = (size, getattr(node, "type", type(node).__name__))
        out[name] = best
    return out


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        yield from _walk(child)


OBSERVER = """() => {
  if (window.__copRuns !== undefined) return;
  window.__copRuns = 0; window.__copStart = 0; window.__copDone = 0;
  const app = document.querySelector("[data-testid='stApp']");
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') { window.__copStart = performance.now(); }
    if (state === 'notRunning') { window.__copRuns += 1; window.__copDone = performance.now(); }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


def timed_rerun(page, action) -> float:
    """Milliseconds (browser clock) from the rerun request (script state 'running') to its end ('notRunning')."""
    page.evaluate(OBSERVER)
    before = page.evaluate("window.__copRuns")
    action()
    try:
        page.wait_for_function(f"window.__copRuns > {before}", timeout=30_000)
    except Exception:
        print("warning: no rerun observed after the filter change on", page.url, file=sys.stderr)
        return float("nan")
    wait_ready(page)
    return page.evaluate("window.__copDone - window.__copStart")


def select_area(page, label: str) -> None:
    box = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first
    box.click()
    page.keyboard.type(label)
    page.keyboard.press("Enter")


def browser_measures(repeats: int, sessions: int) -> dict:
    from playwright.sync_api import sync_playwright

    res = {"rerun": {}, "bytes": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        # cold start: process start -> overview fully rendered
        t0 = time.perf_counter()
        with AppServer() as server:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(server.url + "/")
            wait_ready(page)
            page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=60_000)
            res["cold_s"] = time.perf_counter() - t0
            res["rss_1"] = rss_mb(server.proc.pid)
            # bytes per page: websocket frames received while a page loads in a fresh session
            for name, (path, _) in PAGES.items():
                pg = browser.new_page(viewport={"width": 1400, "height": 900})
                total = {"n": 0}
                pg.on("websocket", lambda ws: ws.on("framereceived", lambda payload: total.__setitem__(
                    "n", total["n"] + (len(payload) if isinstance(payload, (bytes, str)) else 0))))
                pg.goto(f"{server.url}/{path}")
                wait_ready(pg)
                pg.wait_for_timeout(300)
                res["bytes"][name] = total["n"]
                # warm reruns after a filter change
                times = [timed_rerun(pg, lambda i=i: select_area(pg, ["Children online", "All priority areas"][i % 2]))
                         for i in range(repeats + 1)]
                res["rerun"][name] = statistics.median([t for t in times[1:] if t == t] or [float("nan")])
                pg.close()
            # memory: N concurrent sessions on one server
            pages = []
            for i in range(sessions):
                pg = browser.new_page(viewport={"width": 1200, "height": 800})
                pg.goto(server.url + "/" + ["", "map", "compare", "country"][i % 4])
                wait_ready(pg)
                pages.append(pg)
            time.sleep(1)
            res["rss_n"] = rss_mb(server.proc.pid)
            res["sessions"] = sessions
            for pg in pages:
                pg.close()
        # minimal page, same measurement
        with AppServer(script=ROOT / "bench" / "minimal_app.py") as mini:
            pg = browser.new_page()
            pg.goto(mini.url)
            wait_ready(pg)
            def pick(label):
                pg.locator("[data-testid='stSelectbox']").first.click()
                pg.keyboard.type(label)
                pg.keyboard.press("Enter")

            times = [timed_rerun(pg, lambda i=i: pick(["Children online", "All priority areas"][i % 2])) for i in range(repeats + 1)]
            res["minimal_ms"] = statistics.median(times[1:])
        browser.close()
    return res


def export_times() -> tuple[float, float]:
    code = ("import time,sys; sys.path.insert(0, %r)\n"
            "from aseancop import load_dataset\nfrom components import charts, export\nds = load_dataset()\n"
            "lat = ds.latest('ocsea_past_year')\nfig = charts.choropleth(ds, lat, 'ocsea_past_year', ('t','s','Source: x'))\n"
            "t = time.perf_counter(); export.to_image(fig, 'png'); first = time.perf_counter() - t\n"
            "ts = []\nfor _ in range(3):\n    t = time.perf_counter(); export.to_image(fig, 'png'); ts.append(time.perf_counter() - t)\n"
            "print(first, sorted(ts)[1])\n") % str(ROOT)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    first, later = out.stdout.strip().split()[-2:]
    return float(first), float(later)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.md"))
    a = ap.parse_args()

    at_ms, at_min = apptest_reruns(a.repeats)
    biggest = largest_elements()
    br = browser_measures(a.repeats, a.sessions)
    png_first, png_later = export_times()
    per_session = (br["rss_n"] - br["rss_1"]) / max(1, br["sessions"] - 1)

    ok = lambda c: "✅" if c else "❌"
    lines = [f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{time.strftime('%Y-%m-%d')}. Medians of {a.repeats} reruns after a filter change (priority area).", "",
             "| page | AppTest rerun (ms) | × minimal | browser rerun (ms) | × minimal | bytes sent | largest element | budget |",
             "|---|---|---|---|---|---|---|---|"]
    for name in PAGES:
        ratio_b = br["rerun"][name] / br["minimal_ms"]
        ratio_a = at_ms[name] / at_min
        good = br["rerun"][name] <= BUDGET["rerun_ms"] and ratio_b <= BUDGET["rerun_ratio"] and br["bytes"][name] <= BUDGET["bytes"]
        lines.append(f"| {name} | {at_ms[name]:.0f} | {ratio_a:.1f} | {br['rerun'][name]:.0f} | {ratio_b:.1f} | "
                     f"{br['bytes'][name] / 1000:.0f} KB | {biggest[name][1]} {biggest[name][0] / 1000:.0f} KB | {ok(good)} |")
    lines += ["", f"| measure | value | budget | |", "|---|---|---|---|",
              f"| minimal page rerun (AppTest / browser) | {at_min:.0f} ms / {br['minimal_ms']:.0f} ms | reference | |",
              f"| cold start to first rendered overview | {br['cold_s']:.2f} s | ≤ {BUDGET['cold_s']} s | {ok(br['cold_s'] <= BUDGET['cold_s'])} |",
              f"| server RSS, 1 session | {br['rss_1']:.0f} MB | | |",
              f"| server RSS, {br['sessions']} sessions | {br['rss_n']:.0f} MB | | |",
              f"| RSS per extra session | {per_session:.2f} MB | ≤ {BUDGET['session_mb']} MB | {ok(per_session <= BUDGET['session_mb'])} |",
              f"| PNG export, first / later | {png_first:.2f} s / {png_later:.2f} s | | |"]
    text = "\n".join(lines)
    print(text)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
