"""Benchmark: what users wait for, measured in one run against a reference page so ratios hold on a noisy machine.

    .venv/bin/python bench/run.py                 # full run (~15 min on 2 cores), writes bench/results/latest.md
    .venv/bin/python bench/run.py --readme        # ... and rewrites the README block between the bench markers
    .venv/bin/python bench/run.py --quick         # smoke run: fewer repeats, load test N=1,3 for 10 s
    .venv/bin/python bench/run.py --load-only --load-n 1 10 --load-seconds 30

Needs the test dependencies (Playwright; run ./test.sh once) and Debian's Chromium. Loopback only: every server
is started here on 127.0.0.1 and stopped at the end; every loop is bounded in count and time.

What it measures, all in the same run:
- **Rerun, the issue's method** (headless Chromium): rerun requested with the `r` key, timed on the browser's clock
  from the key press to the page drawn (script state running -> notRunning on [data-testid='stApp'], every
  plotly chart's SVG present, two animation frames). Median of several reruns per page, and of the reference
  page (bench/reference_app.py: one selectbox and one 11-shape choropleth from the project's GeoJSON, with the
  app's offline plotly configuration).
- **Cold start**: server process start -> first choropleth drawn in a fresh browser context, app vs reference
  (median of a few starts, alternating; the app's restarts read its validated-dataset cache, and the first start
  that fills the cache is reported on its own line).
- **Filter change** in the browser (priority area picked with the keyboard; same clock), server-side script
  time (AppTest) per page, bytes sent per page over the websocket and the largest element, server memory with 1
  and N idle sessions, PNG export time.
- **Capacity**: N concurrent browser sessions (Playwright pages in one Chromium), each changing the priority area
  once a second for a fixed time; p50/p95 of the change-to-drawn time and the server's peak RSS for each N.
  Note that the browsers share the machine's cores with the server, so this under-states what a server alone
  holds (real viewers draw on their own machines).
Not part of the test suite: tests never depend on timings.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import timing  # noqa: E402
from tools.screenshots import CHROMIUM_ARGS, AppServer, chromium_path, wait_ready  # noqa: E402

PAGES = {"overview": ("", "pages/overview.py"), "map": ("map", "pages/map.py"), "country": ("country", "pages/country.py"),
         "compare": ("compare", "pages/compare.py"), "priority-areas": ("priority-areas", "pages/priority_areas.py"),
         "trends": ("trends", "pages/trends.py"), "data": ("data", "pages/data.py"), "briefing": ("briefing", "pages/briefing.py")}
REFERENCE = ROOT / "bench" / "reference_app.py"
MINIMAL = ROOT / "bench" / "minimal_app.py"
TARGET_RATIO = 1.5  # issue 13: every page's rerun and the cold start within 1.5x the reference
AREAS = ["Children online", "All priority areas"]  # the filter the benchmark changes, back and forth
AREA_LABEL = "Priority area"
LOAD_PAGES = ["", "map", "compare", "country"]  # where the load-test sessions sit (round robin)
VIEWPORT = {"width": 1400, "height": 900}
README = ROOT / "README.md"
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"


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


def load_average() -> str:
    try:
        return " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def median(xs) -> float:
    xs = [x for x in xs if x == x]
    return statistics.median(xs) if xs else float("nan")


def pct(xs, q: float) -> float:
    xs = sorted(x for x in xs if x == x)
    if not xs:
        return float("nan")
    return xs[min(len(xs) - 1, max(0, math.ceil(q * len(xs)) - 1))]


# ------------------------------------------------------------------------------------------- server side (AppTest)

def open_page(name: str):
    """An AppTest session on page `name`, as a visitor arriving there would have it."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    if name != "overview":
        at.switch_page(PAGES[name][1]).run()
    return at


def apptest_reruns(repeats: int) -> tuple[dict, dict, float]:
    """Server-side script time per page: a plain rerun (what `r` asks for) and a filter change, median ms."""
    from streamlit.testing.v1 import AppTest

    plain, change = {}, {}
    for name in PAGES:
        at = open_page(name)
        times = []
        for _ in range(repeats + 1):
            t = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t)
        plain[name] = median(times[1:]) * 1000
        times = []
        for i in range(repeats + 1):
            t = time.perf_counter()
            at.sidebar.selectbox(key="f_area").select(["online", ""][i % 2]).run()
            times.append(time.perf_counter() - t)
        change[name] = median(times[1:]) * 1000
    at = AppTest.from_file(str(REFERENCE), default_timeout=60)
    at.run()
    times = []
    for _ in range(repeats + 1):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return plain, change, median(times[1:]) * 1000


def largest_elements() -> dict:
    out = {}
    for name in PAGES:
        at = open_page(name)
        best, n = (0, ""), 0
        for node in _walk(at._tree):
            proto = getattr(node, "proto", None)
            if proto is not None and hasattr(proto, "ByteSize"):
                n += 1
                size = proto.ByteSize()
                if size > best[0]:
                    best = (size, getattr(node, "type", type(node).__name__))
        out[name] = (*best, n)
    return out


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        yield from _walk(child)


# ------------------------------------------------------------------------------------------------- browser, sync

def r_reruns(page, n: int) -> list[float]:
    """n reruns requested with the `r` key; ms from the key press to the page drawn (first one dropped)."""
    page.evaluate(timing.INSTALL)
    out = []
    for _ in range(n + 1):
        took = None
        for attempt in range(2):  # a key press that a busy frontend dropped is pressed once more (and says so)
            wait_ready(page)
            page.evaluate(timing.ARM)
            page.evaluate(timing.BLUR)
            page.keyboard.press("r")
            try:
                page.wait_for_function(timing.DONE, timeout=15_000 * (attempt + 1))
                took = True
                break
            except Exception:
                print(f"warning: no rerun drawn within {15 * (attempt + 1)} s after `r` on {page.url}", file=sys.stderr)
        if not took:
            out.append(float("nan"))
            continue
        out.append(page.evaluate(timing.RESULT)[0])
        page.wait_for_timeout(150)  # let the frontend settle (hover handlers, resize observers)
    return out[1:]


def select_area(page, label: str, sidebar: bool = True) -> None:
    if sidebar:  # by its label: the sidebar's first selectbox is the language picker
        page.locator("[data-testid='stSidebar']").get_by_role("combobox", name=AREA_LABEL).click()
    else:
        page.locator("[data-testid='stSelectbox']").first.click()
    page.keyboard.type(label)
    page.keyboard.press("Enter")  # the timing starts at this key press


def filter_reruns(page, n: int, sidebar: bool = True) -> list[float]:
    page.evaluate(timing.INSTALL)
    out = []
    for i in range(n + 1):
        page.evaluate(timing.ARM)
        select_area(page, AREAS[i % 2], sidebar)
        try:
            page.wait_for_function(timing.DONE, timeout=30_000)
        except Exception:
            print("warning: no rerun observed after a filter change on", page.url, file=sys.stderr)
            out.append(float("nan"))
            continue
        out.append(page.evaluate(timing.RESULT)[0])
        page.wait_for_timeout(150)
    return out[1:]


def cold_start(browser, script: Path, path: str = "", env: dict | None = None) -> float:
    """Seconds from the server process starting to the first choropleth drawn in a fresh browser context."""
    t0 = time.perf_counter()
    with AppServer(script=script, env=env) as server:
        ctx = browser.new_context(viewport=VIEWPORT)
        page = ctx.new_page()
        page.goto(f"{server.url}/{path}")
        page.wait_for_selector(".js-plotly-plot .choroplethlocation", timeout=120_000)
        took = time.perf_counter() - t0
        ctx.close()
    return took


def browser_measures(repeats: int, sessions: int, colds: int) -> dict:
    from playwright.sync_api import sync_playwright

    res = {"r": {}, "change": {}, "bytes": {}, "cold_app": [], "cold_ref": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        # cold starts, alternating so that both see the same machine (and the same warm OS file cache). The app's
        # validated-dataset cache (aseancop.cache) lives in a folder of the bench's own: the first start after an
        # install or a data change fills it (measured once, reported apart); the measured restarts read it
        import tempfile

        cache_env = {"ASEANCOP_CACHE_DIR": tempfile.mkdtemp(prefix="bench-cache-")}
        res["cold_app_first"] = cold_start(browser, ROOT / "app.py", env=cache_env)
        for _ in range(colds):
            res["cold_ref"].append(cold_start(browser, REFERENCE))
            res["cold_app"].append(cold_start(browser, ROOT / "app.py", env=cache_env))
        with AppServer(script=REFERENCE) as ref:
            pg = browser.new_page(viewport=VIEWPORT)
            pg.goto(ref.url)
            wait_ready(pg)
            pg.wait_for_selector(".js-plotly-plot .choroplethlocation")
            res["ref_r_runs"] = r_reruns(pg, repeats)
            res["ref_change_runs"] = filter_reruns(pg, repeats, sidebar=False)
            pg.close()
        with AppServer() as server:
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(server.url + "/")
            wait_ready(page)
            res["rss_1"] = rss_mb(server.proc.pid)
            for name, (path, _) in PAGES.items():
                pg = browser.new_page(viewport=VIEWPORT)
                total = {"n": 0}
                pg.on("websocket", lambda ws: ws.on("framereceived", lambda payload: total.__setitem__(
                    "n", total["n"] + (len(payload) if isinstance(payload, (bytes, str)) else 0))))
                pg.goto(f"{server.url}/{path}")
                wait_ready(pg)
                pg.wait_for_timeout(300)
                res["bytes"][name] = total["n"]
                res["r"][name] = r_reruns(pg, repeats)
                res["change"][name] = filter_reruns(pg, repeats)
                pg.close()
            # memory: N idle sessions on one server
            pages = []
            for i in range(sessions):
                pg = browser.new_page(viewport={"width": 1200, "height": 800})
                pg.goto(server.url + "/" + LOAD_PAGES[i % len(LOAD_PAGES)])
                wait_ready(pg)
                pages.append(pg)
            time.sleep(1)
            res["rss_n"] = rss_mb(server.proc.pid)
            res["sessions"] = sessions
            for pg in pages:
                pg.close()
            page.close()
        # the old one-widget-one-bar page, kept for continuity with earlier results
        with AppServer(script=MINIMAL) as mini:
            pg = browser.new_page(viewport=VIEWPORT)
            pg.goto(mini.url)
            wait_ready(pg)
            pg.wait_for_selector(".js-plotly-plot .main-svg")
            res["minimal_r"] = median(r_reruns(pg, repeats))
            pg.close()
        browser.close()
    return res


# ------------------------------------------------------------------------------------------- capacity (async)

async def _session(page, url: str, deadline: float, interval: float, offset: float, out: list, errors: list) -> None:
    await asyncio.sleep(offset)
    i = 0
    next_at = time.monotonic()
    while time.monotonic() < deadline:
        try:
            await page.evaluate(timing.ARM)
            await page.locator("[data-testid='stSidebar']").get_by_role("combobox", name=AREA_LABEL).click(timeout=20_000)
            await page.keyboard.type(AREAS[i % 2])
            await page.keyboard.press("Enter")
            await page.wait_for_function(timing.DONE, timeout=30_000)
            out.append((await page.evaluate(timing.RESULT))[0])
        except Exception as exc:  # a change that never finished counts as an error, not as a time
            errors.append(type(exc).__name__)
        i += 1
        next_at += interval
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))


async def _load(ns: list[int], seconds: float, interval: float) -> list[dict]:
    from playwright.async_api import async_playwright

    rows = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
        with AppServer() as server:
            pages = []
            for n in ns:
                while len(pages) < n:  # sessions accumulate: N=10 reuses the first session, and so on
                    pg = await browser.new_page(viewport={"width": 1200, "height": 800})
                    await pg.goto(f"{server.url}/{LOAD_PAGES[len(pages) % len(LOAD_PAGES)]}")
                    await pg.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=120_000)
                    await pg.evaluate(timing.INSTALL)
                    pages.append(pg)
                await asyncio.sleep(2)
                times, errors, peak = [], [], [rss_mb(server.proc.pid)]
                deadline = time.monotonic() + seconds
                tasks = [asyncio.create_task(_session(pg, server.url, deadline, interval, interval * k / n, times, errors))
                         for k, pg in enumerate(pages[:n])]

                async def sample():
                    while time.monotonic() < deadline:
                        peak.append(rss_mb(server.proc.pid))
                        await asyncio.sleep(0.5)
                tasks.append(asyncio.create_task(sample()))
                await asyncio.gather(*tasks)
                rows.append({"n": n, "changes": len(times), "errors": len(errors), "p50": median(times),
                             "p95": pct(times, 0.95), "rss": max(peak), "load": load_average()})
                print(f"load N={n}: {rows[-1]}", file=sys.stderr)
            for pg in pages:
                await pg.close()
        await browser.close()
    return rows


def load_test(ns: list[int], seconds: float, interval: float = 1.0) -> list[dict]:
    return asyncio.run(_load(ns, seconds, interval))


# ------------------------------------------------------------------------------------------------------ export

def export_times() -> tuple[float, float]:
    code = ("import time,sys; sys.path.insert(0, %r)\n"
            "from aseancop import load_dataset\nfrom components import charts, export\nds = load_dataset()\n"
            "lat = ds.latest('ocsea_past_year')\nfig = charts.choropleth(ds, lat, 'ocsea_past_year', ('t','s','Source: x'))\n"
            "t = time.perf_counter(); export.to_image(fig, 'png'); first = time.perf_counter() - t\n"
            "ts = []\nfor _ in range(3):\n    t = time.perf_counter(); export.to_image(fig, 'png'); ts.append(time.perf_counter() - t)\n"
            "print(first, sorted(ts)[1])\n") % str(ROOT)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    try:
        first, later = out.stdout.strip().split()[-2:]
        return float(first), float(later)
    except ValueError:
        return float("nan"), float("nan")


# ------------------------------------------------------------------------------------------------------ report

def capacity_lines(rows: list[dict], seconds: float) -> list[str]:
    if not rows:
        return []
    idle = rows[0]["p50"]
    lines = [f"Capacity: N sessions, each changing the priority area once a second for {seconds:.0f} s "
             f"(sessions on {', '.join('/' + p for p in LOAD_PAGES)} in turn; browsers on the same 2 cores as the server).", "",
             "| sessions | changes timed | failed | p50 (ms) | p95 (ms) | p50 × idle | server RSS peak (MB) | load avg |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['n']} | {r['changes']} | {r['errors']} | {r['p50']:.0f} | {r['p95']:.0f} | "
                     f"{r['p50'] / idle:.2f} | {r['rss']:.0f} | {r['load']} |")
    held = [r["n"] for r in rows if r["p50"] <= TARGET_RATIO * idle and not r["errors"]]
    lines += ["", f"Sessions held within {TARGET_RATIO}× of the idle (N={rows[0]['n']}) median: "
              f"**{max(held) if held else 'none measured'}** of those measured."]
    return lines


def report(a, at_plain, at_change, at_ref, biggest, br, png, load_rows) -> str:
    ref_r = median(br["ref_r_runs"])
    ref_change = median(br["ref_change_runs"])
    cold_app, cold_ref = median(br["cold_app"]), median(br["cold_ref"])
    ok = lambda c: "✅" if c else "❌"
    lines = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average at the start {a.load_start}, "
             f"at the end {load_average()}. Medians of {a.repeats} reruns per page, all in one run.", "",
             f"Reference page (one selectbox, one 11-shape choropleth, bench/reference_app.py): rerun (`r`) "
             f"**{ref_r:.0f} ms**, filter change {ref_change:.0f} ms, script {at_ref:.0f} ms (AppTest).", "",
             "| page | rerun `r` (ms) | × reference | filter change (ms) | × reference | script, rerun / change (ms) | "
             "bytes sent | elements · largest | ≤ 1.5× |",
             "|---|---|---|---|---|---|---|---|---|"]
    for name in PAGES:
        r, c = median(br["r"][name]), median(br["change"][name])
        size, kind, n = biggest[name]
        lines.append(f"| {name} | {r:.0f} | {r / ref_r:.2f} | {c:.0f} | {c / ref_change:.2f} | "
                     f"{at_plain[name]:.0f} / {at_change[name]:.0f} | {br['bytes'][name] / 1000:.0f} KB | "
                     f"{n} · {kind} {size / 1000:.0f} KB | {ok(r / ref_r <= TARGET_RATIO)} |")
    per_session = (br["rss_n"] - br["rss_1"]) / max(1, br["sessions"] - 1)
    lines += ["", "| measure | value | |", "|---|---|---|",
              f"| cold start, server start → first map drawn: app / reference | {cold_app:.2f} s / {cold_ref:.2f} s "
              f"(× {cold_app / cold_ref:.2f}; runs: {', '.join(f'{x:.1f}' for x in br['cold_app'])} / "
              f"{', '.join(f'{x:.1f}' for x in br['cold_ref'])}) | {ok(cold_app / cold_ref <= TARGET_RATIO)} |",
              f"| first start after an install or a data change (validates data/ and fills the cache) | "
              f"{br['cold_app_first']:.2f} s (× {br['cold_app_first'] / cold_ref:.2f}) | |",
              f"| one-widget bar page (bench/minimal_app.py), rerun `r` | {br['minimal_r']:.0f} ms | |",
              f"| server RSS, 1 session / {br['sessions']} idle sessions | {br['rss_1']:.0f} MB / {br['rss_n']:.0f} MB "
              f"({per_session:.2f} MB per extra session) | |",
              f"| PNG export, first / later | {png[0]:.2f} s / {png[1]:.2f} s | |"]
    if load_rows:
        lines += [""] + capacity_lines(load_rows, a.load_seconds)
    return "\n".join(lines)


def update_readme(text: str) -> None:
    body = README.read_text(encoding="utf-8")
    if MARK_START not in body or MARK_END not in body:
        raise SystemExit(f"README.md has no {MARK_START} ... {MARK_END} block")
    cmd = "Command: `.venv/bin/python bench/run.py --readme` (full run; results also in `bench/results/latest.md`)."
    new = re.sub(re.escape(MARK_START) + ".*?" + re.escape(MARK_END),
                 lambda _: f"{MARK_START}\n{cmd}\n\n{text}\n{MARK_END}", body, count=1, flags=re.S)
    README.write_text(new, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=7, help="reruns per page (median; the first, warm-up, is dropped)")
    ap.add_argument("--colds", type=int, default=3, help="cold starts of app and reference (alternating)")
    ap.add_argument("--sessions", type=int, default=20, help="idle sessions for the memory measure")
    ap.add_argument("--load-n", type=int, nargs="*", default=[1, 10, 25, 50], help="concurrent sessions per load step")
    ap.add_argument("--load-seconds", type=float, default=60, help="length of each load step")
    ap.add_argument("--quick", action="store_true", help="smoke run: 3 repeats, 1 cold start, load N=1,3 for 10 s")
    ap.add_argument("--load-only", action="store_true", help="only the capacity test")
    ap.add_argument("--no-load", action="store_true", help="skip the capacity test")
    ap.add_argument("--readme", action="store_true", help="rewrite the README's bench block with this run's table")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.md"))
    a = ap.parse_args()
    if a.quick:
        a.repeats, a.colds, a.sessions, a.load_n, a.load_seconds = 3, 1, 5, [1, 3], 10
    a.load_n = [max(1, min(n, 100)) for n in a.load_n]  # bounded: at most 100 sessions
    a.load_seconds = max(1.0, min(a.load_seconds, 300.0))  # and at most 5 minutes per step
    a.load_start = load_average()

    if a.load_only:
        rows = load_test(a.load_n, a.load_seconds)
        text = "\n".join(capacity_lines(rows, a.load_seconds))
        print(text)
        return
    at_plain, at_change, at_ref = apptest_reruns(a.repeats)
    biggest = largest_elements()
    br = browser_measures(a.repeats, a.sessions, a.colds)
    png = export_times()
    rows = [] if a.no_load else load_test(a.load_n, a.load_seconds)
    text = report(a, at_plain, at_change, at_ref, biggest, br, png, rows)
    print(text)
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    if a.readme:
        update_readme(text)


if __name__ == "__main__":
    main()
