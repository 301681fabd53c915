"""Sidebar filters drive the map and the URL, and the URL alone restores the view in a fresh browser."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from components.filters import Filters, resolved_indicator
from components.views import indicator_state

pytestmark = pytest.mark.browser

COUNTRY = "PHL"
MAP_VIEW = """() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
      .find(g => g.data && g.data.some(t => t.type === 'choropleth'));
  return gd && {title: (gd.querySelector('.gtitle') || {}).textContent || '',
                shapes: Object.fromEntries([...gd.querySelectorAll('.geo .choroplethlocation')].map(
                    p => { const c = getComputedStyle(p);
                           return [p.__data__.loc, [c.fill, c.stroke, c.strokeWidth, c.opacity].join(' ')]; }))};
}"""


def squash(text: str) -> str:
    return "".join(str(text).split())


def pick_view(ds):
    """A priority area and age group (from the data, not hard-coded) whose map differs from the default view, can be
    mapped (at least 3 states) and has a value for COUNTRY, so every filter change is visible."""
    default = resolved_indicator(ds, Filters())
    for area in ds.area_codes():
        ages = sorted(ds.age_groups_for(area=area), key=lambda a: a == "all")  # a real age group first
        for age in ages:
            f = Filters(area=area, age=age, countries=[COUNTRY])
            ind, latest = indicator_state(ds, f)
            if (ind and ind != default and latest is not None and latest["has_data"].sum() >= 3
                    and latest.loc[latest["iso3"] == COUNTRY, "has_data"].any()):
                return f, ind
    pytest.fail("no priority area / age group with data for the Philippines and two other states")


def choose(page, label: str, option: str) -> None:
    page.locator("[data-testid='stSidebar']").get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def sidebar_state(page) -> dict:
    side = page.locator("[data-testid='stSidebar']")
    state = {name: side.get_by_role("combobox", name=name).input_value()
             for name in ("Priority area", "Age group", "Indicator")}
    state["Countries"] = side.locator("[data-testid='stMultiSelect'] [data-testid='stMultiSelectTagsContainer']") \
        .inner_text().split("\n")
    return state


def map_view(tab) -> dict:
    tab.page.wait_for_selector(".js-plotly-plot .geo .choroplethlocation")
    view = tab.page.evaluate(MAP_VIEW)
    assert view and len(view["shapes"]) == 11, view
    return view


def test_filters_change_map_and_url_and_the_url_restores_the_view(open_tab, ds):
    f, ind = pick_view(ds)
    tab = open_tab()
    page = tab.page
    tab.open("map")
    before = map_view(tab)

    choose(page, "Priority area", ds.area_title(f.area))
    page.wait_for_url(re.compile(rf"[?&]area={re.escape(f.area)}(&|$)"))
    tab.settle()
    choose(page, "Age group", ds.age_groups.at[f.age, "label"])
    page.wait_for_url(re.compile(rf"[?&]age={re.escape(f.age)}(&|$)"))
    tab.settle()
    page.locator("[data-testid='stSidebar']").get_by_role("combobox", name="Countries").click()
    page.get_by_role("option", name=ds.country_name(COUNTRY), exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(rf"[?&]country={COUNTRY}(&|$)"))
    tab.settle()

    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/map"
    assert query.get("area") == [f.area] and query.get("age") == [f.age] and query.get("country") == [COUNTRY], page.url
    after = map_view(tab)
    title = ds.indicator(ind)["title"]
    assert squash(title) in squash(after["title"]), f"map title {after['title']!r} is not about {title!r}"
    assert squash(after["title"]) != squash(before["title"]), "the map title did not change"
    assert after["shapes"] != before["shapes"], "the map's country shapes did not change"
    widest = max(after["shapes"], key=lambda loc: float(after["shapes"][loc].split()[-2].rstrip("px")))
    assert widest == COUNTRY, f"the chosen country is not outlined on the map: {after['shapes']}"
    state = sidebar_state(page)
    assert state["Priority area"] == ds.area_title(f.area)
    assert state["Age group"] == ds.age_groups.at[f.age, "label"]
    assert state["Countries"] == [ds.country_name(COUNTRY)]

    shared = page.url
    fresh = open_tab()  # a new browser context: no cookies, no Streamlit session, only the link
    fresh.page.goto(shared)
    fresh.settle()
    assert sidebar_state(fresh.page) == state, "the link did not restore the sidebar"
    assert squash(map_view(fresh)["title"]) == squash(after["title"]), "the link did not restore the map title"
    assert map_view(fresh)["shapes"] == after["shapes"], "the link did not restore the map"
    assert parse_qs(urlsplit(fresh.page.url).query) == query, "the restored page rewrote the link"
