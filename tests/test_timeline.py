"""The timeline of measures: the data layer's query (filters, since-date, precision, sorting, states without
measures, "as of"), the short citations it prints, and the /timeline page (AppTest)."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from aseancop.timeline import FORUM, MEASURE_COLUMNS, date_period
from components import wording
from components.i18n import fmt_date

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def measures(data_dir) -> list[dict]:
    with (data_dir / "measures.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _key(rows) -> set:
    return {(r["measure_id"], r["event"]) for r in rows}


def _frame_key(t: pd.DataFrame) -> set:
    return set(zip(t["measure_id"], t["event"]))


# ----------------------------------------------------------------------------- dates and their precision
@pytest.mark.parametrize("text, first, last, precision", [
    ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year"),
    ("2025-10", dt.date(2025, 10, 1), dt.date(2025, 10, 31), "month"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
    ("2026-07-01", dt.date(2026, 7, 1), dt.date(2026, 7, 1), "day"),
])
def test_a_date_is_the_period_its_source_gives(text, first, last, precision):
    assert date_period(text) == (first, last, precision)


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "25", "2025/10", "October 2025", ""])
def test_a_malformed_date_is_refused_naming_it(text):
    with pytest.raises(ValueError, match="not a"):
        date_period(text)


def test_dates_are_written_at_their_precision():
    assert fmt_date("2025", "long") == "2025"
    assert fmt_date("2025-10", "long") == "October 2025"
    assert fmt_date("2026-07-01", "long") == "July 1, 2026"


# ----------------------------------------------------------------------------- the query
def test_timeline_holds_every_event_of_2019_2026_once_with_its_date_as_given(ds, measures):
    t = ds.timeline()
    inside = [r for r in measures if 2019 <= int(r["date"][:4]) <= 2026]
    assert inside and _frame_key(t) == _key(inside) and len(t) == len(inside)
    given = {(r["measure_id"], r["event"]): r for r in inside}
    for r in t.itertuples():
        src = given[(r.measure_id, r.event)]
        assert r.date == src["date"]  # never padded to a made-up day
        assert r.precision == {4: "year", 7: "month", 10: "day"}[len(src["date"])]
        assert r.source_id == src["source_id"] and r.source_url == ds.sources.at[r.source_id, "url"]
        assert r.source_citation == ds.sources.at[r.source_id, "citation"]


def test_timeline_is_oldest_first_and_precise_dates_first_on_the_same_day(ds):
    t = ds.timeline()
    order = {"day": 0, "month": 1, "year": 2}
    keys = [(s, order[p]) for s, p in zip(t["start"], t["precision"])]
    assert keys == sorted(keys)
    assert t.iloc[0]["start"] == min(date_period(d)[0] for d in t["date"])


def test_timeline_filters_by_country_and_priority_area(ds, measures):
    for countries, area in ([["MYS"], None], [["PHL", "VNM"], "legal"], [None, "industry"], [["SGP"], "units"]):
        t = ds.timeline(countries, area)
        want = [r for r in measures if (not countries or r["iso3"] in countries) and (not area or r["priority_area"] == area)]
        assert _frame_key(t) == _key(want), (countries, area)


def test_since_the_forum_keeps_only_events_known_to_be_from_november_2023_on(ds, measures):
    t = ds.timeline(since=FORUM)
    assert not t.empty and all(s >= dt.date(2023, 11, 1) for s in t["start"])
    whole = ds.timeline()
    later = whole[[s >= dt.date(2023, 11, 1) for s in whole["start"]]]
    assert _frame_key(t) == _frame_key(later)
    # a date given only as "2023" may fall before the forum: not claimed as after it, and named as unsure
    unsure = ds.since_unsure(since=FORUM)
    year_2023 = {f"{r['measure_id']}:{r['event']}" for r in measures if r["date"] == "2023"}
    assert set(unsure) == year_2023
    assert not {tuple(u.split(":")) for u in unsure} & _frame_key(t)
    # Malaysia's Online Safety Act came into force on 1 January 2026: in the view
    assert ("mys_online_safety_act_2025", "in_force") in _frame_key(t)
    with pytest.raises(ValueError):
        ds.timeline(since="November 2023")


def test_states_without_a_measure_are_named_not_dropped(ds, measures):
    for area in (None, "units", "education", "online"):
        have = {r["iso3"] for r in measures if not area or r["priority_area"] == area}
        assert ds.states_without_measures(area=area) == [c for c in ds.member_codes if c not in have]
    assert ds.states_without_measures(["BRN", "MYS"], "units") == ["BRN", "MYS"]


def test_as_of_is_the_latest_date_in_the_data_at_its_precision(ds, measures):
    latest = max(measures, key=lambda r: date_period(r["date"])[0])
    assert ds.as_of() == {"date": latest["date"], "precision": {4: "year", 7: "month", 10: "day"}[len(latest["date"])],
                          "what": "measure"}
    assert wording.as_of(ds) == f"As of {fmt_date(latest['date'], 'long')} (the latest date in the data)"


def test_without_measures_the_timeline_is_empty_and_as_of_falls_back_to_the_latest_year(ds):
    bare = copy.copy(ds)
    bare._memo = {}
    bare.measures = pd.DataFrame(columns=MEASURE_COLUMNS)
    assert bare.timeline().empty and bare.states_without_measures() == ds.member_codes
    year = int(ds.obs.loc[ds.obs["area_kind"] == "member", "year"].max())
    assert bare.as_of() == {"date": str(year), "precision": "year", "what": "observation"}


# ----------------------------------------------------------------------------- citations
def test_source_short_is_the_citation_never_a_cut_title(ds):
    for sid in ds.sources.index[:40]:
        assert ds.source_short(sid) == ds.sources.at[sid, "citation"]
    assert not any("…" in ds.source_short(s) for s in ds.sources.index)


def test_source_line_lists_exactly_the_given_sources_once_in_a_stable_order(ds):
    a, b, c = list(ds.sources.index[[5, 1, 9]])
    line = ds.source_line([a, b, a, c, b])
    assert line == ds.source_line([c, b, a]) == ds.source_line([b, c, a, a])
    parts = line.split("; ")
    assert sorted(parts) == sorted({ds.source_short(s) for s in (a, b, c)}) and len(parts) == 3
    assert ds.sources_of([a, "not_a_source", None, b]) == [s for s in ds.sources.index if s in {a, b}]
    assert wording.source_line(ds, [a]) == "Source: " + ds.source_short(a)
    many = list(ds.sources.index[:6])
    assert wording.source_line(ds, many).endswith("; and 2 more (listed on the Data & sources page)")


# ----------------------------------------------------------------------------- the page (AppTest)
def open_timeline(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("pages/timeline.py").run()
    assert not at.exception, [e.value for e in at.exception]
    failed = at.session_state["_boundary_failures"] if "_boundary_failures" in at.session_state else []
    assert not failed, failed
    return at


def listed(at: AppTest) -> list[str]:
    """The accessible list's items (one markdown element, one '- ' line per event)."""
    md = next(m.value for m in at.markdown if "\n- **" in m.value or m.value.lstrip("\n").startswith("#### "))
    return [line for line in md.splitlines() if line.startswith("- **")]


def chart(at: AppTest) -> dict:
    return next(json.loads(e.proto.spec) for e in at.get("plotly_chart"))


def markers(fig: dict) -> int:
    return sum(len(t["x"]) for t in fig["data"] if t.get("mode") == "markers")


def test_timeline_page_lists_and_draws_every_event(ds):
    at = open_timeline()
    items = listed(at)
    assert len(items) == len(ds.timeline()) == markers(chart(at))
    legend = {t["name"] for t in chart(at)["data"] if t.get("mode") == "markers"}
    assert legend <= {"Bill or draft", "Signed", "Enacted", "In force", "Launched"} and "In force" in legend
    assert any("**July 1, 2026** · Viet Nam · *In force*: Law on Cybersecurity 2025" in i for i in items)
    assert any("**October 2025** · Malaysia · *Signed*" in i for i in items)  # a month stays a month
    assert wording.as_of(ds) in [c.value for c in at.caption]
    fig = chart(at)  # title, scope and sources inside the picture, like every chart
    assert fig["layout"]["title"]["text"].startswith("<b>Measures by member state")
    assert "All 11 member states" in fig["layout"]["title"]["text"]
    assert any(a["text"].startswith("Sources: ") for a in fig["layout"]["annotations"])
    assert len(fig["layout"]["yaxis"]["ticktext"]) == len(ds.member_codes)  # one row per member state


def test_since_the_forum_is_one_click_and_bound_to_the_link(ds):
    at = open_timeline()
    at.button_group(key="tl_since").set_value(FORUM).run()
    assert at.query_params.get("since") in (FORUM, [FORUM])
    items = listed(at)
    assert len(items) == len(ds.timeline(since=FORUM)) == markers(chart(at)) < len(ds.timeline())
    assert not any(f"**{y}" in i for i in items for y in ("2019", "2020", "2021", "2022"))
    n = len(ds.since_unsure(since=FORUM))  # an event dated only "2023" is not hidden silently
    assert n == 0 or any(c.value.startswith(f"{n} event") and "dated only by a year" in c.value for c in at.caption)
    # the same view from a copied link
    again = open_timeline(since=FORUM)
    assert again.button_group(key="tl_since").value == FORUM and len(listed(again)) == len(items)


def test_a_bad_since_value_is_named_and_the_full_timeline_shown(ds):
    at = open_timeline(since="<b>1999</b>")
    assert any("Ignored the link's 'since' value" in i.value for i in at.info)
    assert len(listed(at)) == len(ds.timeline())


def test_sidebar_filters_narrow_the_timeline_and_name_states_without_measures(ds):
    at = open_timeline(area="units", country=["PHL", "BRN"])
    items = listed(at)
    assert len(items) == len(ds.timeline(["PHL", "BRN"], "units"))
    assert all("Philippines" in i for i in items)
    text = "\n".join(m.value for m in at.markdown)
    assert "**No measure recorded:** Brunei Darussalam" in text  # named, never implied to have nothing
    notes = [a["text"] for a in chart(at)["layout"]["annotations"]]
    assert notes.count("<i>No measure recorded</i>") == 1  # Brunei's row in the chart says so too


@pytest.mark.parametrize("page", ["pages/priority_areas.py", "pages/country.py"])
def test_tracker_and_profile_read_as_of_and_link_to_the_timeline(ds, page):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    assert wording.as_of(ds) in [c.value for c in at.caption]
    links = [(p.proto.page, p.proto.query_string) for p in at.get("page_link")]
    assert ("timeline", "") in links and ("timeline", "since=2023-11") in links
