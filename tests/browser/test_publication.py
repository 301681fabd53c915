"""Publication check: every page at four screen sizes, and every briefing slide on the two forum screens, measured
in the real browser (tests/browser/publication.py says what counts): no chart text clipped by more than 8 px, no
labels colliding, no category label left out, no modebar over a text, no sideways scrolling; a presentation view
no taller than the screen; and on a phone no sidebar lying over the page at first load.

Each case is opened once (a fresh browser context at its size); the three tests read the same measurement. A
full-content screenshot of each case goes to artifacts/screenshots/publication/ (look at them)."""

from __future__ import annotations

import pytest

from components import briefing
from tools.screenshots import PAGES, wait_ready

from publication import (ROOT, TIMEOUT_MS, case_name, chart_problems, full_screenshot, measure, page_problems,
                         sidebar_covers, wait_plotly)

pytestmark = pytest.mark.browser

OUT = ROOT / "artifacts" / "screenshots" / "publication"
# name: (width, height, presentation mode)
SIZES = {"phone": (390, 844, False), "laptop": (1440, 900, False),
         "projector": (1280, 720, True), "hd": (1920, 1080, True)}
CASES = ([(path, size, "") for path in PAGES for size in SIZES]
         + [("briefing", size, f"slide={n}") for n in range(2, len(briefing.SLIDES) + 1) for size in ("projector", "hd")])
PRESENT_CASES = [c for c in CASES if SIZES[c[1]][2]]
# the stages in two languages whose words run longest on a slide (Filipino) and whose script is tallest (Myanmar)
PRESENT_CASES += [(path, "projector", f"lang={code}") for code in ("fil", "my") for path in PAGES if path != "briefing"]
# a country profile is tables and checklists; slides 1, 5, 8 and 9 are text (components/briefing.py)
NO_CHART = {("country", ""), ("briefing", "")} | {("briefing", f"slide={n}") for n in (5, 8, 9)}

# Cases still failing, each with exactly what fails (strict: once fixed, the xfail itself fails and must go).
KNOWN_CHARTS: dict[tuple[str, str, str], str] = {}  # none left (slide 4's ranking was the last: see briefing._without_title)
# Presentation mode on a page other than the briefing is the page's stage (components/stage.py): one screen.
KNOWN_HEIGHT: dict[tuple[str, str, str], str] = {}  # none left

_SEEN: dict[tuple[str, str, str], dict] = {}  # case -> {"first": page as first shown, "page": as read, "problems"}


def _param(case, known):
    marks = [pytest.mark.xfail(strict=True, reason=known[case])] if case in known else []
    return pytest.param(*case, marks=marks, id=case_name(*case))


_PAGES: dict[str, object] = {}  # size -> one browser page (its own context) reused for every case of that size


def _page_for(browser, size: str):
    """One context per screen size for the whole module (a new context per case cost most of this check's time);
    each case still opens its own Streamlit session (a fresh page load)."""
    if size not in _PAGES:
        width, height, _ = SIZES[size]
        ctx = browser.new_context(viewport={"width": width, "height": height}, is_mobile=size == "phone",
                                  has_touch=size == "phone", device_scale_factor=1)
        ctx.set_default_timeout(TIMEOUT_MS)
        _PAGES[size] = ctx.new_page()
    return _PAGES[size]


@pytest.fixture(scope="module", autouse=True)
def _close_pages():
    yield
    for page in _PAGES.values():
        page.context.close()
    _PAGES.clear()


def _visit(browser, app_server, path: str, size: str, query: str) -> dict:
    """Open the case once: measure it as first shown, close a phone's sidebar if it lies over the page (its own
    test reports that), measure the page, save the full-content screenshot."""
    key = (path, size, query)
    if key in _SEEN:
        return _SEEN[key]
    width, height, present = SIZES[size]
    q = "&".join(p for p in (query, "present=1" if present else "") if p)
    page = _page_for(browser, size)
    page.goto(f"{app_server.url}/{path}" + (f"?{q}" if q else ""), wait_until="domcontentloaded")
    wait_ready(page, timeout=TIMEOUT_MS)
    view = "&".join(p for p in query.split("&") if p and not p.startswith("lang="))  # the same view in any language
    if (path, view) not in NO_CHART:  # a first, cold run can report "finished" before its chart element arrives
        page.wait_for_function("() => document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg')",
                               timeout=TIMEOUT_MS)
    wait_plotly(page)
    page.wait_for_timeout(400)  # charts follow their container's width once after drawing
    first = result = measure(page)
    if sidebar_covers(first):
        page.locator("[data-testid='stSidebarCollapseButton'] button").click(force=True)
        page.wait_for_function("() => document.querySelector('[data-testid=\"stSidebar\"]')"
                               ".getAttribute('data-collapsed') === 'true'")
        page.wait_for_timeout(600)
        result = measure(page)
    full_screenshot(page, OUT / f"{case_name(path, size, query)}.png")
    _SEEN[key] = {"first": first, "page": result}
    return _SEEN[key]


def _where(path, size, query):
    return f"/{path}{'?' + query if query else ''} at {size} ({SIZES[size][0]}×{SIZES[size][1]})"


@pytest.mark.parametrize("path,size,query", [_param(c, KNOWN_CHARTS) for c in CASES])
def test_charts_are_publishable(browser, app_server, path, size, query):
    seen = _visit(browser, app_server, path, size, query)
    result = seen["page"]
    if (path, query) not in NO_CHART:
        assert result["charts"], f"{_where(path, size, query)}: no chart drawn"
    problems = chart_problems(result) + page_problems(result, present=False)
    assert not problems, f"{_where(path, size, query)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path,size,query", [_param(c, KNOWN_HEIGHT) for c in PRESENT_CASES])
def test_presentation_view_fits_the_screen(browser, app_server, path, size, query):
    result = _visit(browser, app_server, path, size, query)["page"]
    problems = [p for p in page_problems(result, present=True) if p.startswith("presentation")]
    assert not problems, f"{_where(path, size, query)}: " + "; ".join(problems)


@pytest.mark.parametrize("path", PAGES, ids=[p or "overview" for p in PAGES])
def test_phone_sidebar_does_not_cover_the_page_at_first_load(browser, app_server, path):
    first = _visit(browser, app_server, path, "phone", "")["first"]
    sb = first["sidebar"]
    assert not sidebar_covers(first), (f"/{path} on a 390 px phone: the sidebar is open over the page "
                                       f"({sb['left']}–{sb['right']} px of {first['vw']})")
