"""Accessibility in a real browser: axe-core finds no violation of impact serious or critical on any page, in English
and in Thai, and on two briefing slides in presentation mode; and `<html lang>` is the reader's language.

axe-core is the copy bundled with axe-playwright-python (axe.min.js inside the package), injected into the page with
`page.evaluate`: nothing is fetched, so the check works offline (the test also asserts that nothing left the app and
nothing named axe was requested while axe ran). Every chart's picture must carry alt text (its text alternative, set
by components/layout.py). Each view is its own test id, e.g. `en:/map`, `th:/data`, `slide:4`.
"""

from __future__ import annotations

import pytest

from tools.screenshots import PAGES

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
LANGUAGES = ("en", "th")
# Two slides of the forum briefing on the projector: a text slide, and a chart slide with big numbers, the care
# note and the help line (the most crowded one).
SLIDES = (1, 4)

# Rules and elements axe may not judge, each because the markup is Streamlit's or Plotly's own and the app cannot
# reasonably change it. Keep this list short: every entry is named in the project's accessibility notes.
EXCLUDE: list[str] = []


CHARTS_WITHOUT_ALT = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter(c => { const svg = c.querySelector('svg.main-svg');
                   return !svg || svg.getAttribute('role') !== 'img' || !(svg.getAttribute('aria-label') || '').trim(); })
    .map(c => (c.closest('[data-testid="stElementContainer"]') || c).className.split(' ').find(k => k.startsWith('st-key-'))
              || 'a chart without a key')"""
CHARTS_HAVE_ALT = f"() => ({CHARTS_WITHOUT_ALT})().length === 0"


def _views():
    out = []
    for code in LANGUAGES:
        for path in PAGES:
            query = "" if code == "en" else f"lang={code}"
            out.append(pytest.param(path, query, code, id=f"{code}:/{path}"))
    for n in SLIDES:
        out.append(pytest.param("briefing", f"present=1&slide={n}", "en", id=f"slide:{n}"))
    for path in ("map", "priority-areas"):  # two pages' stages (components/stage.py): a map beside its words, a grid
        out.append(pytest.param(path, "present=1", "en", id=f"stage:/{path}"))
    return out


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        for node in v["nodes"][:8]:
            target = " ".join(" >> ".join(t) if isinstance(t, list) else str(t) for t in node["target"])
            snippet = " ".join(node.get("html", "").split())
            lines.append(f"    {target}\n      {snippet[:160]}" + ("…" if len(snippet) > 160 else ""))
            summary = (node.get("failureSummary") or "").strip().splitlines()
            if len(summary) > 1:
                lines.append(f"      {summary[1].strip()[:200]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("path,query,code", _views())
def test_no_serious_accessibility_violations(module_tab, axe, request, path, query, code):
    tab = module_tab  # one page for all views (a fresh Streamlit session on each load, the browser cache kept: faster)
    tab.test = request.node.nodeid
    tab.open(path, query)
    page = tab.page
    where = f"/{path}" + (f"?{query}" if query else "")

    lang = page.evaluate("() => document.documentElement.lang")
    assert lang == code, f"{where}: <html lang> is {lang!r}, expected {code!r} (the reader's language)"

    charts = page.locator("[data-testid='stPlotlyChart']").count()
    if charts:  # every chart's picture is an image with its text alternative as alt text (components/layout.py)
        try:
            page.wait_for_function(CHARTS_HAVE_ALT, timeout=10_000)
        except Exception:
            bare = page.evaluate(CHARTS_WITHOUT_ALT)
            pytest.fail(f"{where}: {len(bare)} of {charts} chart(s) have no alt text: {bare}", pytrace=False)

    before = len(tab.requests)
    context = {"exclude": [[s] for s in EXCLUDE]} if EXCLUDE else None
    results = axe.run(page, context=context, options={"resultTypes": ["violations"]}).response
    # axe.min.js comes from the installed package, never from the network (the page's own late requests to the app's
    # loopback address, e.g. a picture still loading, are not axe's)
    outside = set(tab.offenders())
    fetched = [u for u in tab.requests[before:] if "axe" in u.lower() or u in outside]
    assert not fetched, f"{where}: running axe fetched {fetched} (axe.min.js must be injected from the local package)"

    blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING]
    assert not blocking, (f"{where}: axe-core {results['testEngine']['version']} found {len(blocking)} serious or "
                          f"critical violation(s):\n" + _report(blocking))
