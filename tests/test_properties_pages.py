"""Every filter state on every page works: property tests through the link and through the sidebar, and the edge
states a reader reaches on purpose or by accident (issue 10).

Strategies draw from the data's own vocabulary via `components.filters.choices` (the sidebar's own function): priority
areas, age options, indicators (also ones from another area or age), member-state subsets of size 0-11, sexes, years
with and without data, presentation mode, slide numbers. A falsifying example is printed on failure; replay the run
with `pytest --hypothesis-seed=N` (N is in the summary at the end of the run). The number of examples can be raised
with PROPS_PAGE_EXAMPLES (URL states; sidebar sequences get a third of it); tools/sweep.py runs thousands.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pagestate import DS, PAGES, check, expected_countries, languages, open_url, slides, upload_rows, vocabulary
from run_counts import STATES

V = vocabulary()
N_URL = int(os.environ.get("PROPS_PAGE_EXAMPLES", "150"))
N_SIDEBAR = max(10, N_URL // 4)  # ~6 states each
ALL_INDICATORS = sorted(DS.indicator_meta)


def props(n):
    # no shrinking: an app run costs ~0.1-0.5 s, and the first failing state is printed as it was found
    return settings(max_examples=n, deadline=None, derandomize=False, database=None,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_ok(at, page, countries=None, what=""):
    problems = check(at, page, countries)
    assert not problems, f"{page} {what}: {problems}"


# ------------------------------------------------------------------ (a) through the link
subsets = st.lists(st.sampled_from(V.countries), unique=True, max_size=len(V.countries))


@st.composite
def links(draw):
    page = draw(st.sampled_from(PAGES))
    p: dict = {}
    area = draw(st.sampled_from(V.areas))
    if area:
        p["area"] = area
    age = draw(st.sampled_from(V.ages))
    if age:
        p["age"] = age
    subset = draw(subsets)
    if subset:
        p["country"] = subset if draw(st.booleans()) else ",".join(subset)  # repeated or comma-separated
    ind = draw(st.one_of(st.none(), st.sampled_from(V.indicators), st.sampled_from(ALL_INDICATORS)))
    if ind:
        p["indicator"] = ind
    sex = draw(st.one_of(st.none(), st.sampled_from(V.sexes)))
    if sex:
        p["sex"] = sex
    year = draw(st.one_of(st.none(), st.sampled_from(V.years), st.integers(1990, 2030).map(str)))  # with and without data
    if year:
        p["year"] = year
    if draw(st.booleans()):
        p["present"] = "1"
    if page == "pages/briefing.py" or draw(st.integers(0, 9)) == 0:
        p["slide"] = str(draw(st.integers(1, slides())))
    return page, p, subset


@props(N_URL)
@given(state=links())
def test_any_link_opens_any_page_without_error_and_honours_the_chosen_states(state):
    page, params, subset = state
    STATES["url"] += 1
    at = open_url(page, params)
    assert_ok(at, page, subset, f"opened from {params}")


# ------------------------------------------------------------------ (b) through the sidebar, the way a person clicks
def _click(at, kind, key, value):
    getattr(at.sidebar, kind)(key=key).set_value(value)
    at.run()
    STATES["sidebar"] += 1


def _has(at, kind, key):
    try:
        getattr(at.sidebar, kind)(key=key)
        return True
    except KeyError:
        return False


@props(N_SIDEBAR)
@given(data=st.data(), first=st.sampled_from(PAGES), then=st.sampled_from(PAGES), with_upload=st.integers(0, 4))
def test_sidebar_clicks_in_sequence_keep_every_page_working(data, first, then, with_upload):
    """Area, then age, then countries, then indicator (then sex and year when offered), then another page."""
    from components import filters

    at = open_url(first, {}, upload_rows(seed=1) if with_upload == 0 else None)
    STATES["sidebar"] += 1
    assert_ok(at, first, [], "opened")
    area = data.draw(st.sampled_from(filters.choices(DS).areas), label="area")
    _click(at, "selectbox", "f_area", area)
    assert_ok(at, first, [], f"area={area!r}")
    ages = filters.choices(DS, area).ages
    assert at.sidebar.selectbox(key="f_age").options and len(at.sidebar.selectbox(key="f_age").options) == len(ages)
    age = data.draw(st.sampled_from(ages), label="age")
    _click(at, "selectbox", "f_age", age)
    assert_ok(at, first, [], f"area={area!r} age={age!r}")
    subset = data.draw(subsets, label="countries")
    _click(at, "multiselect", "f_countries", subset)
    assert_ok(at, first, subset, f"area={area!r} age={age!r} countries={subset}")
    inds = filters.choices(DS, area, age).indicators
    if inds:
        assert _has(at, "selectbox", "f_indicator")
        ind = data.draw(st.sampled_from(inds), label="indicator")
        _click(at, "selectbox", "f_indicator", ind)
        assert_ok(at, first, subset, f"area={area!r} age={age!r} countries={subset} indicator={ind}")
        offered = filters.choices(DS, area, age, ind)
        if len(offered.sexes) > 1 and _has(at, "radio", "f_sex"):
            sex = data.draw(st.sampled_from(offered.sexes), label="sex")
            _click(at, "radio", "f_sex", sex)
            assert_ok(at, first, subset, f"... sex={sex}")
        if len(offered.years) > 2 and _has(at, "selectbox", "f_year"):
            year = data.draw(st.sampled_from(offered.years), label="year")
            _click(at, "selectbox", "f_year", year)
            assert_ok(at, first, subset, f"... year={year}")
    if data.draw(st.integers(0, 3), label="present") == 0:
        _click(at, "toggle", "f_present", True)
        assert_ok(at, first, subset, "presentation mode")
    at.switch_page(then).run()
    STATES["sidebar"] += 1
    assert_ok(at, then, subset, f"then opened {then}")


# ------------------------------------------------------------------ edge states on purpose (issue 10, item 4)
def _indicator_without(age: str) -> str:
    return next(i for i in V.indicators if not DS.bands_of(age) & set(DS.age_bands_for(indicator=i)))


def _indicator_outside(area: str) -> str:
    return next(i for i in ALL_INDICATORS if DS.indicator(i)["priority_area"] != area)


def _without_sex_breakdown() -> str:
    return next(i for i in V.indicators if DS.sexes_for(i) == ["all"])


def _year_without_data(ind: str) -> str:
    have = set(DS.years_for(ind))
    return str(next(y for y in range(2030, 1989, -1) if y not in have))


EDGES = {
    "indicator from another area": {"area": "legal", "indicator": _indicator_outside("legal")},
    "indicator from another age band": {"age": "12-17", "indicator": _indicator_without("12-17")},
    "year with no data": {"indicator": "ocsea_past_year", "year": _year_without_data("ocsea_past_year")},
    "year with no data, two countries": {"indicator": "internet_use_pct", "year": "1995", "country": ["PHL", "THA"]},
    "sex breakdown of an indicator without one": {"indicator": _without_sex_breakdown(), "sex": "female"},
    "present=1": {"present": "1"},
    "present=1 with a country and area": {"present": "1", "country": "VNM", "area": "online"},
}


@pytest.mark.parametrize("upload", [False, True], ids=["shipped data", "with an upload"])
@pytest.mark.parametrize("edge", list(EDGES))
@pytest.mark.parametrize("page", PAGES)
def test_edge_states_on_every_page(page, edge, upload):
    params = EDGES[edge]
    STATES["edge"] += 1
    at = open_url(page, params, upload_rows(seed=2) if upload else None)
    assert_ok(at, page, expected_countries(params.get("country", [])), edge)
    ss = at.session_state
    if "sex" in params:  # a sex the indicator does not have falls back to what it has, never an empty view
        assert ss["f_sex"] in DS.sexes_for(params["indicator"])
    if "present" in params:
        assert ss["f_present"] is True
        assert any('[data-testid="stSidebar"]' in h.proto.body and "display: none" in h.proto.body for h in at.get("html"))
    if edge == "indicator from another area":  # the chosen area wins: the indicator shown belongs to it
        from components import filters

        shown = filters.resolved_indicator(DS, filters.Filters(area=ss["f_area"], age=ss["f_age"], indicator=ss["f_indicator"]))
        assert shown is None or DS.indicator(shown)["priority_area"] == "legal"


@pytest.mark.parametrize("upload", [False, True], ids=["shipped data", "with an upload"])
@pytest.mark.parametrize("page", PAGES)
def test_removing_every_country_chip_shows_all_member_states_again(page, upload):
    at = open_url(page, {"country": ["PHL", "THA"]}, upload_rows(seed=3) if upload else None)
    assert_ok(at, page, ["PHL", "THA"], "two countries")
    at.sidebar.multiselect(key="f_countries").set_value([]).run()
    STATES["edge"] += 1
    assert_ok(at, page, [], "every chip removed")
    assert "country" not in at.query_params or not at.query_params["country"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_another_language_with_a_country_subset(page):
    langs = languages()
    if not langs:
        return
    lang = langs[PAGES.index(page) % len(langs)]  # each language on two pages
    STATES["edge"] += 1
    at = open_url(page, {"lang": lang, "country": ["KHM", "IDN"], "area": "online"})
    assert_ok(at, page, ["KHM", "IDN"], f"lang={lang}")
