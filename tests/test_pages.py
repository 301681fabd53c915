"""AppTest tests of every page: renders, filters change what is shown, links round-trip, bad links are handled."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from aseancop import load_dataset

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = {
    "overview": "pages/overview.py",
    "map": "pages/map.py",
    "country": "pages/country.py",
    "compare": "pages/compare.py",
    "priority-areas": "pages/priority_areas.py",
    "trends": "pages/trends.py",
    "timeline": "pages/timeline.py",
    "data": "pages/data.py",
    "briefing": "pages/briefing.py",
}
DS = load_dataset(os.environ.get("ASEANCOP_DATA_DIR") or None)


def run_page(page: str, **params) -> AppTest:
    """Open `page` as a visitor with these URL parameters would: app.py runs, then the page."""
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if PAGES[page] != "pages/overview.py":
        at.switch_page(PAGES[page]).run()
    return at


def no_exception(at: AppTest) -> None:
    """No uncaught error, and no section replaced by the error boundary's message."""
    assert not at.exception, [e.value for e in at.exception]
    failed = at.session_state["_boundary_failures"] if "_boundary_failures" in at.session_state else []
    assert not failed, f"sections that could not be drawn: {failed}"


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def map_figure(at: AppTest) -> dict:
    for fig in figures(at):
        if any(t["type"] == "choropleth" for t in fig["data"]):
            return fig
    raise AssertionError("no choropleth on the page")


def title(fig: dict) -> str:
    return fig["layout"]["title"]["text"]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info] + \
            [w.value for w in at.warning] + [h.value for h in at.title] + [h.value for h in at.header] + \
            [h.value for h in at.subheader]
    return "\n".join(str(p) for p in parts)


# ---------------------------------------------------------------- every page renders

@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_renders_with_default_filters(page):
    at = run_page(page)
    no_exception(at)
    assert not at.error, [e.value for e in at.error]
    assert texts(at).strip()


@pytest.mark.parametrize("area", [""] + DS.area_codes())
@pytest.mark.parametrize("page", ["overview", "map", "country", "compare", "priority-areas", "data"])
def test_every_priority_area_renders_on_every_filtered_page(page, area):
    at = run_page(page, **({"area": area} if area else {}))
    no_exception(at)


@pytest.mark.parametrize("age", list(DS.age_bands.index))
@pytest.mark.parametrize("page", ["map", "data", "compare"])
def test_every_age_band_renders_or_explains(page, age):
    at = run_page(page, age=age)
    no_exception(at)
    # the page shows a chart or a table, or says plainly that there is no data
    shown = at.get("plotly_chart") or at.dataframe
    assert shown or "No data" in texts(at)


# ---------------------------------------------------------------- the map

def test_map_draws_all_eleven_states_with_no_data_in_grey():
    at = run_page("map", indicator="ocsea_past_year")
    fig = map_figure(at)
    locs = [loc for t in fig["data"] if t["type"] == "choropleth" for loc in t["locations"]]
    assert sorted(locs) == sorted(DS.member_codes)
    no_data = [t for t in fig["data"] if t.get("name") == "No data"]
    assert no_data and set(no_data[0]["locations"]) == {"BRN", "LAO", "MMR", "SGP", "TLS"}
    assert no_data[0]["colorscale"][0][1] == "#d4d4d4"
    labels = [t for t in fig["data"] if t["type"] == "scattergeo"][0]["text"]
    assert any("No data" in s for s in labels) and any("≥ 2%" in s for s in labels)
    assert "Source" in json.dumps(fig["layout"]["annotations"])


def test_changing_priority_area_changes_map():
    a = map_figure(run_page("map", area="online"))
    b = map_figure(run_page("map", area="data"))
    assert title(a) != title(b)
    assert "Internet" in title(a) or "internet" in title(a)


def test_changing_age_band_changes_indicator_choice():
    at = run_page("map", area="online", age="12-17")
    no_exception(at)
    ind = at.sidebar.selectbox(key="f_indicator").value
    assert ind in DS.indicators_for("online", "12-17")
    assert ind != "internet_use_pct"


def test_choosing_a_country_highlights_it_and_narrows_the_table():
    at = run_page("map", country="PHL", indicator="ocsea_past_year")
    fig = map_figure(at)
    data_trace = [t for t in fig["data"] if t["type"] == "choropleth" and "PHL" in t["locations"]][0]
    chosen = [data_trace["locations"][i] for i in data_trace["selectedpoints"]]
    assert chosen == ["PHL"] and data_trace["unselected"]["marker"]["opacity"] < 1
    for t in fig["data"]:  # every other state is faded, with or without data
        if t["type"] == "choropleth" and "PHL" not in t["locations"]:
            assert t["selectedpoints"] == [] and t["unselected"]["marker"]["opacity"] < 1
    table = at.dataframe[0].value
    assert list(table["Member state"]) == ["Philippines"]


def test_sidebar_change_writes_url():
    at = run_page("map")
    at.sidebar.selectbox(key="f_area").select("online").run()
    assert at.query_params.get("area") in ("online", ["online"])
    at.sidebar.multiselect(key="f_countries").select("THA").run()
    assert "THA" in str(at.query_params.get("country"))


# ---------------------------------------------------------------- links and bad links

def test_url_round_trip_restores_filters():
    at = run_page("compare", area="online", age="0-17", country="KHM,LAO", sex="all")
    assert at.sidebar.selectbox(key="f_area").value == "online"
    assert at.sidebar.selectbox(key="f_age").value == "0-17"
    assert at.sidebar.multiselect(key="f_countries").value == ["KHM", "LAO"]


@pytest.mark.parametrize("params", [
    {"area": "<script>alert(1)</script>"},
    {"country": "XXX,PHL"},
    {"age": "200-300"},
    {"indicator": "no_such_thing"},
    {"year": "twenty"},
    {"sex": "other"},
    {"present": "maybe"},
    {"foo": "bar"},
    {"area": "x" * 5000},
])
def test_malformed_url_parameters_are_ignored_with_a_note(params):
    at = run_page("map", **params)
    no_exception(at)
    notes = " ".join(i.value for i in at.info)
    assert "Ignored" in notes
    assert "<script>" not in notes


def test_combination_without_data_says_so_and_suggests():
    at = run_page("map", area="legal", age="12-17")
    no_exception(at)
    warn = " ".join(w.value for w in at.warning)
    assert "No data" in warn or "No data" in texts(at)


# ---------------------------------------------------------------- pages' content

def test_overview_headlines_carry_age_year_and_source():
    at = run_page("overview")
    metrics = [m.value for m in at.metric]
    assert "1–20%" in metrics
    caps = " ".join(c.value for c in at.caption)
    assert "12–17" in caps and "2022" in caps and "Source" in caps


def test_country_profile_shows_one_state_with_unknowns_and_estimate():
    at = run_page("country", country="KHM")
    no_exception(at)
    assert at.title[0].value == "Cambodia"
    t = texts(at)
    assert "What is not known" in t
    assert "1,819,679" in t  # the estimate shows its arithmetic


def test_country_profile_changes_with_country():
    a = run_page("country", country="SGP")
    b = run_page("country", country="TLS")
    assert a.title[0].value == "Singapore" and b.title[0].value == "Timor-Leste"


def test_tracker_is_eleven_by_seven():
    at = run_page("priority-areas")
    fig = [f for f in figures(at) if f["data"][0]["type"] == "heatmap"][0]
    assert len(fig["data"][0]["y"]) == 11 and len(fig["data"][0]["x"]) == 7


def test_trends_follow_country_filter():
    a = figures(run_page("trends"))[0]
    b = figures(run_page("trends", country="VNM"))[0]
    assert len(a["data"]) > len(b["data"]) >= 1


def test_data_page_table_follows_filters():
    all_rows = run_page("data").dataframe[0].value
    phl = run_page("data", country="PHL").dataframe[0].value
    assert len(phl) < len(all_rows)
    assert set(phl["ISO3 / area code"]) <= {"PHL"} | set(DS.areas.index)


def test_data_page_coverage_counts_by_area_first_then_every_indicator_on_request():
    at = run_page("data")
    no_exception(at)
    summary = [fig for fig in figures(at) if "each priority area" in title(fig).replace("<br>", " ")]
    # the full form, and the phone's (states down, areas across by number; shown below 641 px)
    assert len(summary) == 2, [title(x) for x in figures(at)]
    phone = summary[1]["data"][0]
    assert len(phone["y"]) == 11 and len(phone["x"]) == len(DS.coverage_by_area()["priority_area"].unique())
    heat = summary[0]["data"][0]
    assert len(heat["y"]) == len(DS.coverage_by_area()["priority_area"].unique()) and len(heat["x"]) == 11
    cells = [t for row in heat["text"] for t in row]
    assert "No data" in cells and not any(t.startswith("0 of") for t in cells)  # nothing is shown as zero
    at.toggle(key="coverage_every_indicator").set_value(True).run()
    no_exception(at)
    full = [fig for fig in figures(at) if "for each indicator" in title(fig).replace("<br>", " ")]
    assert len(full) == 1 and len(full[0]["data"][0]["y"]) == len(DS.coverage())
    # one priority area: its indicators directly, no toggle
    at = run_page("data", area="legal")
    assert any("for each indicator" in title(fig).replace("<br>", " ") for fig in figures(at))
    assert not [t for t in at.toggle if t.key == "coverage_every_indicator"]


def test_data_page_coverage_table_is_built_when_opened_and_says_no_data():
    at = run_page("data", area="online")
    no_exception(at)
    closed = [d.value.shape for d in at.dataframe]
    at.session_state["coverage_table_open"] = True  # what clicking the expander does (it reruns the page)
    at.run()
    no_exception(at)
    assert len(at.dataframe) == len(closed) + 1, "the opened expander should add the coverage table"
    mat = DS.coverage(area="online")
    table = next(d.value for d in at.dataframe if d.value.shape == mat.shape)
    cells = table.astype(str).to_numpy().ravel()
    assert (cells == "No data").sum() == (mat == "No data").to_numpy().sum() > 0  # never 0, never blank


@pytest.mark.parametrize("slide,expected", [("1", "Slide 1 of"), ("3", "Slide 3 of"), ("99", "nearest"), ("abc", "not a number")])
def test_briefing_slides_bound_to_url(slide, expected):
    at = run_page("briefing", slide=slide)
    no_exception(at)
    assert expected in texts(at)


# ---------------------------------------------------------------- presentation mode

def _css(at: AppTest) -> str:
    """The on-screen styles (the print style sheet, components/printstyle.py, hides the sidebar on paper only)."""
    return " ".join(h.proto.body for h in at.get("html") if "@media print" not in h.proto.body)


@pytest.mark.parametrize("page", ["overview", "map", "briefing"])
def test_presentation_mode_hides_sidebar_and_toolbar_and_keeps_filters(page):
    at = run_page(page, present="1", area="online")
    no_exception(at)
    css = _css(at)
    assert '[data-testid="stSidebar"]' in css and "display: none" in css and "stToolbar" in css
    assert "font-size: 22px" in css  # large type for a projector
    assert at.sidebar.selectbox(key="f_area").value == "online"
    assert at.query_params.get("present") in ("1", ["1"])


STAGE_PAGES = [p for p in PAGES if p != "briefing"]


def _clean(text: str) -> str:
    import re

    return re.sub(r"\\(.)", r"\1", text)  # markdown escapes removed


@pytest.mark.parametrize("page", STAGE_PAGES)
def test_presentation_mode_shows_the_pages_stage_one_chart_its_sources_and_the_way_back(page):
    """On the projector a page is one screen (components/stage.py): a title, at most one chart, no table, the QR code
    and the sources of what is drawn; "Leave presentation mode" brings the whole page back at the same filters."""
    at = run_page(page, present="1", area="")
    no_exception(at)
    assert at.title and at.title[0].value.strip(), f"/{page}: the stage has no title"
    assert len(figures(at)) <= 1, f"/{page}: a stage draws one chart, not {len(figures(at))}"
    assert page == "country" or len(figures(at)) == 1, f"/{page}: the stage draws no chart"
    assert not at.dataframe, f"/{page}: a table on the stage (the full page has it)"
    assert at.get("image"), f"/{page}: no QR code on the stage"
    assert any(_clean(c.value).startswith(("Source: ", "Sources: ")) for c in at.caption), f"/{page}: no source line"
    full = run_page(page)
    at.button(key="stage_leave").click().run()
    no_exception(at)
    assert at.session_state["f_present"] is False
    assert "present" not in at.query_params
    assert len(figures(at)) == len(figures(full)) and len(at.dataframe) == len(full.dataframe), \
        f"/{page}: after leaving presentation mode the page is not the whole page again"


def test_overview_stage_number_is_the_headline_card_of_the_mapped_indicator():
    from components import wording

    at = run_page("overview", present="1")
    card = next(c for c in wording.headlines(DS) if c["id"] == "ocsea")
    assert [m.value for m in at.metric] == [card["value"]]  # the range as published ("1–20%"), not a computed one
    assert any(t["type"] == "choropleth" for t in figures(at)[0]["data"])
    # two states chosen: the card's regional range is not what is drawn, so no number; the map keeps its own title
    at = run_page("overview", present="1", country="PHL,THA")
    no_exception(at)
    assert not at.metric
    assert figures(at)[0]["layout"]["title"]["text"].startswith("<b>Internet-using children")


def test_country_stage_numbers_are_the_countrys_latest_published_values():
    at = run_page("country", present="1", country="PHL")
    no_exception(at)
    assert at.title[0].value == DS.country_name("PHL")
    want = []
    for ind, age in (("internet_use_pct", "all"), ("ocsea_past_year", "12-17")):
        row = DS.latest(ind, age=age)
        row = row[(row["iso3"] == "PHL") & row["has_data"]]
        if not row.empty:
            want.append(row.iloc[0]["display"])
    assert want and [m.value for m in at.metric] == want
    text = texts(at)
    assert "in place" in text and "indicator" in text  # the seven priority areas, one line each


def test_compare_stage_ranks_only_the_chosen_states_and_cites_only_their_sources():
    at = run_page("compare", present="1", indicator="ocsea_past_year", country="PHL,THA")
    no_exception(at)
    bar = figures(at)[0]
    names = {str(y) for t in bar["data"] if t["type"] == "bar" for y in t["y"]}
    assert names == {DS.country_name("PHL"), DS.country_name("THA")}
    rows = DS.latest("ocsea_past_year", age="12-17")
    ids = set(rows.loc[rows["iso3"].isin(["PHL", "THA"]) & rows["has_data"], "source_id"])
    line = next(_clean(c.value) for c in at.caption if _clean(c.value).startswith(("Source: ", "Sources: ")))
    for sid in ids:
        assert DS.source_short(sid).split(" · ")[1] in line
    others = set(rows.loc[~rows["iso3"].isin(["PHL", "THA"]) & rows["has_data"], "source_id"]) - ids
    for sid in others:
        assert DS.source_short(sid).split(" · ")[1] not in line, f"{sid}: a source of a state not drawn"


@pytest.mark.parametrize("params,care", [({"indicator": "ocsea_past_year"}, True),
                                         ({"indicator": "internet_use_pct"}, False)])
def test_map_stage_has_the_care_note_exactly_when_it_shows_abuse_figures(params, care):
    at = run_page("map", present="1", **params)
    no_exception(at)
    shown = any("figures about the sexual exploitation" in c.value for c in at.caption)
    assert shown is care
    assert ("Where to get help:" in _clean("\n".join(c.value for c in at.caption))) is care


def test_stage_with_nothing_to_draw_says_so_instead_of_an_empty_chart():
    latest = DS.latest("ocsea_past_year", age="12-17")
    iso = latest.loc[~latest["has_data"], "iso3"].iloc[0]  # a state without a Disrupting Harm survey
    at = run_page("compare", present="1", indicator="ocsea_past_year", country=iso)
    no_exception(at)
    assert not figures(at)
    assert "No data" in texts(at)


def test_presentation_mode_scales_chart_fonts():
    normal = map_figure(run_page("map"))
    big = map_figure(run_page("map", present="1"))
    assert big["layout"]["font"]["size"] > normal["layout"]["font"]["size"]
    assert big["layout"]["title"]["font"]["size"] > normal["layout"]["title"]["font"]["size"]


def test_presentation_toggle_writes_present_to_url():
    hides_sidebar = '[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"]'
    at = run_page("overview")
    assert hides_sidebar not in _css(at)
    at.sidebar.toggle(key="f_present").set_value(True).run()
    assert at.query_params.get("present") in ("1", ["1"])
    assert hides_sidebar in _css(at) and "display: none" in _css(at)


def test_briefing_next_button_advances_and_writes_slide():
    at = run_page("briefing", slide="2")
    at.button(key="next").click().run()
    assert "Slide 3 of" in texts(at)
    assert at.query_params.get("slide") in ("3", ["3"])


def test_briefing_slides_are_built_from_data():
    ocsea = run_page("briefing", slide="4")
    assert "1–20%" in [m.value for m in ocsea.metric]
    assert "Source" in texts(ocsea)
    levels = run_page("briefing", slide="8")
    t = texts(levels)
    assert "Level 1" in t and "Level 3" in t and "Removal of child sexual abuse material" in t
