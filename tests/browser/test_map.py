"""The map in a real browser: all 11 member states drawn, 'No data' visibly distinct, a click opens the profile."""

from __future__ import annotations

import pytest

from components.charts import NO_DATA_COLOUR
from components.filters import Filters
from components.views import indicator_state

pytestmark = pytest.mark.browser

# The choropleth's country shapes, with the trace each belongs to and the fill the browser actually paints.
MAP_SHAPES = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
      .find(g => g.data && g.data.some(t => t.type === 'choropleth'));
  if (!gd) return null;
  return {
    title: (gd.querySelector('.gtitle') || {}).textContent || '',
    legend: [...gd.querySelectorAll('.legendtext')].map(t => t.textContent),
    shapes: [...gd.querySelectorAll('.geo .choroplethlocation')].map(p => ({
      loc: p.__data__ && p.__data__.loc,
      trace: p.closest('g.trace').__data__[0].trace.name,
      fill: getComputedStyle(p).fill,
      opacity: getComputedStyle(p).opacity,
    })),
  };
}"""

# A point inside one country's shape (tested against the shape's own fill, nearest the centre of its box), scrolled
# into view; plotly geo listens on its background layer, so a real mouse click there is a click on that country.
POINT_IN_COUNTRY = """(iso) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
      .find(g => g.data && g.data.some(t => t.type === 'choropleth'));
  const p = [...gd.querySelectorAll('.geo .choroplethlocation')].find(s => s.__data__ && s.__data__.loc === iso);
  if (!p) return null;
  p.scrollIntoView({block: 'center'});
  const r = p.getBoundingClientRect(), inv = p.getScreenCTM().inverse(), n = 40;
  let best = null;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const x = r.left + r.width * (i + 0.5) / n, y = r.top + r.height * (j + 0.5) / n;
    if (!p.isPointInFill(new DOMPoint(x, y).matrixTransform(inv))) continue;
    const d = Math.hypot(x - (r.left + r.width / 2), y - (r.top + r.height / 2));
    if (!best || d < best.d) best = {x, y, d};
  }
  return best;
}"""


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


def map_shapes(tab) -> dict:
    tab.page.wait_for_selector(".js-plotly-plot .geo .choroplethlocation")
    info = tab.page.evaluate(MAP_SHAPES)
    assert info, "no choropleth on the page"
    return info


def test_map_draws_all_11_states_and_no_data_is_distinct(tab, ds):
    tab.open("map")
    info = map_shapes(tab)
    shapes = info["shapes"]
    locs = [s["loc"] for s in shapes]
    assert len(shapes) == 11, f"expected 11 country shapes, the browser drew {len(shapes)}: {locs}"
    assert sorted(locs) == sorted(ds.member_codes)

    _, latest = indicator_state(ds, Filters())  # what the default view shows, asked of the data layer
    expected_missing = set(latest.loc[~latest["has_data"], "iso3"])
    grey = rgb(NO_DATA_COLOUR)
    no_data = {s["loc"]: s["fill"] for s in shapes if s["trace"] == "No data"}
    data = {s["loc"]: s["fill"] for s in shapes if s["trace"] != "No data"}
    assert set(no_data) == expected_missing, "the 'No data' shapes are not the states without a value"
    assert no_data and data, "the default view should show states with and without data"
    assert set(no_data.values()) == {grey}, f"'No data' states are not painted {NO_DATA_COLOUR}: {no_data}"
    clash = {loc: fill for loc, fill in data.items() if fill == grey}
    assert not clash, f"states with data share the 'No data' grey: {clash}"
    assert "No data" in info["legend"], f"legend lacks 'No data': {info['legend']}"


def test_clicking_a_country_opens_its_profile(tab, ds):
    tab.open("map")
    map_shapes(tab)
    point = tab.page.evaluate(POINT_IN_COUNTRY, "PHL")
    assert point, "no clickable point inside the Philippines"
    page = tab.page
    # plotly clicks the point it last hovered, and throttles hover: nudge the mouse until it reports PHL
    page.evaluate("""() => { window.__hovered = null;
        const gd = [...document.querySelectorAll('.js-plotly-plot')]
            .find(g => g.data && g.data.some(t => t.type === 'choropleth'));
        gd.on('plotly_hover', e => { window.__hovered = e.points.map(p => p.location).join(','); }); }""")
    # a click can be lost when plotly is still settling after a hover: click again, at most three times
    arrived = "() => location.pathname.endsWith('/country') || document.querySelector(\"[data-testid='stException']\")"
    for attempt in range(3):
        for step in range(10):
            page.mouse.move(point["x"] - 5 + step % 3, point["y"] + step % 2)
            page.mouse.move(point["x"], point["y"], steps=3)
            try:
                page.wait_for_function("() => window.__hovered === 'PHL'", timeout=1_000)
                break
            except Exception:
                continue
        assert page.evaluate("() => window.__hovered") == "PHL", "plotly never reported hovering the Philippines"
        page.mouse.down()
        page.mouse.up()
        try:
            page.wait_for_function(arrived, timeout=15_000)
            break
        except Exception:
            if attempt == 2:
                raise
    tab.settle()
    assert not page.locator("[data-testid='stException']").count(), \
        "clicking the Philippines raised:\n" + page.locator("[data-testid='stException']").first.inner_text()[:1500]
    assert "country=PHL" in page.url, page.url
    assert page.locator("h1").first.inner_text().strip() == ds.country_name("PHL")
    assert page.get_by_role("combobox", name="Member state").input_value() == ds.country_name("PHL")


# The marker of a state too small to click on the map (a scattergeo point whose customdata is the ISO3), scrolled into
# view: its centre on screen, its painted fill, and the fill of the state's own shape underneath.
SMALL_STATE_MARK = """(iso) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
      .find(g => g.data && g.data.some(t => t.type === 'choropleth'));
  const shape = [...gd.querySelectorAll('.geo .choroplethlocation')].find(s => s.__data__ && s.__data__.loc === iso);
  for (const g of gd.querySelectorAll('.geo .trace')) {
    const cd = g.__data__, tr = cd && cd[0] && cd[0].trace;
    if (!tr || tr.type !== 'scattergeo' || !tr.customdata) continue;
    const i = [...tr.customdata].indexOf(iso);
    if (i < 0) continue;
    const p = [...g.querySelectorAll('path.point')].find(el => el.__data__ && el.__data__.i === i);
    if (!p) return null;
    p.scrollIntoView({block: 'center'});
    const r = p.getBoundingClientRect(), states = [...gd.querySelectorAll('.geo .choroplethlocation')]
        .map(s => s.getBoundingClientRect());
    return {x: r.left + r.width / 2, y: r.top + r.height / 2, size: r.width, fill: getComputedStyle(p).fill,
            shape_fill: shape ? getComputedStyle(shape).fill : null,
            states_width: Math.max(...states.map(b => b.right)) - Math.min(...states.map(b => b.left))};
  }
  return null;
}"""


def test_singapore_has_a_visible_mark_that_opens_its_profile(tab, ds):
    from aseancop.geo import MAP_WIDTH_PX

    assert "SGP" in ds.small_states
    tab.open("map")
    map_shapes(tab)
    page = tab.page
    mark = page.evaluate(SMALL_STATE_MARK, "SGP")
    assert mark, "Singapore has no marker on the map"
    assert mark["size"] >= 14, f"Singapore's marker is {mark['size']} px wide"
    assert mark["fill"] == mark["shape_fill"], "the marker is not coloured like Singapore's shape (same scale)"
    # the small-state rule assumes the states span about MAP_WIDTH_PX on /map at this window width
    assert 0.7 * MAP_WIDTH_PX <= mark["states_width"] <= 1.3 * MAP_WIDTH_PX, mark["states_width"]
    page.evaluate("""() => { window.__hovered = null;
        const gd = [...document.querySelectorAll('.js-plotly-plot')]
            .find(g => g.data && g.data.some(t => t.type === 'choropleth'));
        gd.on('plotly_hover', e => { window.__hovered = e.points.map(
            p => p.customdata ? 'mark:' + p.customdata : p.location).join(','); });
        }""")
    arrived = "() => location.pathname.endsWith('/country') || document.querySelector(\"[data-testid='stException']\")"
    for attempt in range(3):  # plotly may drop a click that comes right after a hover: click again
        for step in range(10):
            page.mouse.move(mark["x"] - 4 + step % 3, mark["y"] + step % 2)
            page.mouse.move(mark["x"], mark["y"], steps=3)
            try:
                page.wait_for_function("() => window.__hovered === 'mark:SGP'", timeout=1_000)
                break
            except Exception:
                continue
        assert page.evaluate("() => window.__hovered") == "mark:SGP", "plotly never reported hovering Singapore's marker"
        page.mouse.down()
        page.mouse.up()
        try:
            page.wait_for_function(arrived, timeout=15_000)
            break
        except Exception:
            if attempt == 2:
                raise
    tab.settle()
    assert not page.locator("[data-testid='stException']").count(), \
        "clicking Singapore raised:\n" + page.locator("[data-testid='stException']").first.inner_text()[:1500]
    assert "country=SGP" in page.url, page.url
    assert page.locator("h1").first.inner_text().strip() == ds.country_name("SGP")
    assert page.get_by_role("combobox", name="Member state").input_value() == ds.country_name("SGP")


def test_choosing_a_country_outlines_it_and_fades_the_others(tab, ds):
    tab.open("map", "country=PHL")
    shapes = {s["loc"]: s for s in tab.page.evaluate(MAP_SHAPES.replace(
        "opacity: getComputedStyle(p).opacity,",
        "opacity: getComputedStyle(p).opacity, stroke: getComputedStyle(p).stroke,"
        " width: parseFloat(getComputedStyle(p).strokeWidth),"))["shapes"]}
    assert len(shapes) == 11
    others = {loc: s for loc, s in shapes.items() if loc != "PHL"}
    assert all(shapes["PHL"]["width"] > s["width"] for s in others.values()), f"PHL is not outlined: {shapes}"
    not_faded = sorted(loc for loc, s in others.items() if float(s["opacity"]) >= 1)
    assert not not_faded, (f"states not chosen are drawn at full opacity: {not_faded} "
                           f"(PHL opacity {shapes['PHL']['opacity']})")


def test_3d_view_draws_offline_without_errors(tab):
    tab.open("map")
    page = tab.page
    page.get_by_role("radio", name="3-D view").click()  # a switch: the deck is built only when chosen
    page.wait_for_selector("[data-testid='stDeckGlJsonChart'] canvas", state="visible")
    tab.network_quiet()  # the deck has fetched whatever it fetches (map style, tiles)
    outside = tab.offenders()
    assert not outside, f"/map with the 3-D view left the app's address: {outside}"
    logged = tab.errors()
    assert not logged, "/map with the 3-D view logged browser errors:\n" + "\n".join(logged)
