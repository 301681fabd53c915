"""Property tests of every data-layer query the pages use, over the whole filter space (no Streamlit).

Strategies draw from the data files' own vocabularies (priority areas, age bands, indicators, member states,
sexes, years with and without data) plus values a link can carry that are not in the data. Expected answers are
computed independently from the observation records, so a wrong join or filter fails here, not in a reader's view.

A failure prints the falsifying example; replay the whole run with `pytest --hypothesis-seed=N` (N is printed in
the summary at the end of every run).
"""

from __future__ import annotations

import math
import os
from collections import defaultdict

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aseancop import NO_DATA, load_dataset
from aseancop.formatting import QUALIFIER_SYMBOL, format_value
from components import wording
from pagestate import upload_from_shipped
from run_counts import STATES

DS = load_dataset(os.environ.get("ASEANCOP_DATA_DIR") or None)
MEMBERS = list(DS.member_codes)
AREAS = list(DS.area_codes())
GROUPS = list(DS.age_groups.index) if getattr(DS, "age_groups", None) is not None else []
AGES = GROUPS + [b for b in DS.age_bands.index if b not in GROUPS]  # reader-facing age groups, then source bands


def bands(age):
    """The source bands an age choice stands for, read from the files' own columns: a group's bands, or the band."""
    if not age:
        return None
    if age in GROUPS and "age_group" in DS.age_bands.columns:
        return {b for b in DS.age_bands.index if DS.age_bands.at[b, "age_group"] == age}
    return {age}
INDICATORS = sorted(DS.indicator_meta)
SEXES = ["all", "female", "male"]
DATA_YEARS = sorted(int(y) for y in DS.obs["year"].unique())
EXAMPLES = int(os.environ.get("PROPS_DATA_EXAMPLES", "200"))

# ------------------------------------------------------------------ strategies (the filter space)
subsets = st.lists(st.sampled_from(MEMBERS), unique=True, max_size=len(MEMBERS))  # any order, size 0-11
areas = st.one_of(st.none(), st.sampled_from(AREAS))
ages = st.one_of(st.none(), st.sampled_from(AGES))
indicators = st.sampled_from(INDICATORS)
sexes = st.sampled_from(SEXES)
years = st.one_of(st.none(), st.sampled_from(DATA_YEARS), st.integers(1990, 2030))  # with and without data
members = st.sampled_from(MEMBERS)


def props(n: int = EXAMPLES):
    return settings(max_examples=n, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def count():
    STATES["data_layer"] += 1


# ------------------------------------------------------------------ user uploads built from shipped rows
_MEMBER_ROWS = DS.obs[(DS.obs["area_kind"] == "member")]
# a handful of fixed shipped-row selections, so each overlay is built once (with_user_rows is the costly part)
_OVERLAYS = {}


def overlay(choice: int):
    if choice not in _OVERLAYS:
        rows = _MEMBER_ROWS.sample(n=12, random_state=choice)
        good = upload_from_shipped(DS, rows)
        assert not good.empty, "shipped rows copied into the upload format were all rejected"
        _OVERLAYS[choice] = DS.with_user_rows(good)
    return _OVERLAYS[choice]


class _Named:
    """A dataset with a short repr, so a falsifying example reads 'shipped data' or 'upload #2'."""

    def __init__(self, choice):
        self.choice = choice

    def __repr__(self):
        return "shipped data" if self.choice is None else f"shipped data + upload #{self.choice}"


def _resolve(named):
    return DS if named.choice is None else overlay(named.choice)


datasets = st.one_of(st.just(None), st.just(None), st.integers(0, 1)).map(_Named)  # shipped data twice as often


# ------------------------------------------------------------------ independent expectations
_RECORDS: dict = {}


def records(ds):
    """The observation rows as plain dicts, indexed for the checks below (computed once per dataset)."""
    key = id(ds.obs)
    if key not in _RECORDS:
        recs = ds.obs.to_dict("records")
        by_key = defaultdict(list)
        for r in recs:
            by_key[(r["indicator_id"], r["age_band"], r["sex"], r["iso3"])].append(r)
        _RECORDS[key] = (ds.obs, recs, by_key)  # keep obs alive so its id is not reused
    return _RECORDS[key][1:]


def isnan(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def assert_shown_value_traces(ds, row, what=""):
    """A shown value matches one observation with a known source, and keeps its bound or range."""
    assert row["display"] != NO_DATA
    assert isinstance(row["source_id"], str) and row["source_id"] in ds.sources.index, (what, row["source_id"])
    q = row["qualifier"] or ""
    if q in QUALIFIER_SYMBOL:
        assert str(row["display"]).startswith(QUALIFIER_SYMBOL[q]), (what, row["display"], q)
    if q == "range":
        assert "–" in row["display"] and isnan(row["value"]), (what, row["display"])
    assert row["display"] == format_value(row["value"], row["lower"], row["upper"], q, row["unit"], int(row["decimals"]))
    if q != "range":
        assert not isnan(row["value"]), (what, row["display"])


# ------------------------------------------------------------------ filter
@props()
@given(d=datasets, area=areas, age=ages, countries=subsets, indicator=st.one_of(st.none(), indicators),
       sex=st.one_of(st.none(), sexes), year=years, members_only=st.booleans())
def test_filter_returns_exactly_the_matching_observations(d, area, age, countries, indicator, sex, year, members_only):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    got = d.filter(area=area, age=age, countries=countries, indicator=indicator, sex=sex, year=year, members_only=members_only)
    recs, _ = records(d)
    keep = set(countries)

    def match(r):
        if area and r["priority_area"] != area or indicator and r["indicator_id"] != indicator:
            return False
        if age and r["age_band"] not in bands(age) or sex and r["sex"] != sex or year and int(r["year"]) != year:
            return False
        if r["area_kind"] == "member":
            return not keep or r["iso3"] in keep
        return not members_only  # benchmarks are kept beside a country selection, never counted as ASEAN

    expected = sorted((r["iso3"], r["indicator_id"], r["age_band"], r["sex"], int(r["year"]), r["source_id"], r["user"])
                      for r in recs if match(r))
    shown = sorted(zip(got["iso3"], got["indicator_id"], got["age_band"], got["sex"], got["year"].astype(int),
                       got["source_id"], got["user"]))
    assert shown == expected
    # every row shows its value as published (a bound stays a bound), never an empty cell
    assert got["display"].map(lambda s: isinstance(s, str) and s != "").all()
    assert (got["display"] == NO_DATA).sum() == 0 or got.loc[got["display"] == NO_DATA, "value"].isna().all()
    assert got["source_id"].isin(d.sources.index).all()


# ------------------------------------------------------------------ vocabularies offered in the sidebar
@props()
@given(d=datasets, area=areas, age=ages, members_only=st.booleans())
def test_indicators_for_offers_only_indicators_with_data_and_defaults_fit(d, area, age, members_only):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    ids = d.indicators_for(area, age, members_only=members_only)
    recs, _ = records(d)
    expected = {r["indicator_id"] for r in recs if (not area or r["priority_area"] == area)
                and (not age or r["age_band"] in bands(age)) and (not members_only or r["area_kind"] == "member")}
    assert len(ids) == len(set(ids)) and set(ids) == expected
    if not members_only:
        default = d.default_indicator(area, age)
        assert (default is None) == (not ids)
        if default is not None:
            assert default in ids
            assert d.indicator(default)["priority_area"] == area or not area


@props()
@given(d=datasets, area=areas, indicator=st.one_of(st.none(), indicators))
def test_age_bands_for_offers_exactly_the_bands_in_the_data_in_order(d, area, indicator):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    bands = d.age_bands_for(area=area, indicator=indicator)
    present = set(d.filter(area=area, indicator=indicator)["age_band"])
    assert set(bands) == present
    order = list(d.age_bands.index)
    assert bands == sorted(bands, key=order.index)


@props()
@given(d=datasets, indicator=indicators, age=ages)
def test_years_and_sexes_offered_are_those_with_data(d, indicator, age):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    ys = d.years_for(indicator, age)
    rows = d.filter(indicator=indicator, age=age)
    assert ys == sorted({int(y) for y in rows["year"]}) and all(isinstance(y, int) for y in ys)
    sx = d.sexes_for(indicator)
    assert set(sx) == set(d.filter(indicator=indicator)["sex"]) and sx == [s for s in SEXES if s in sx]


# ------------------------------------------------------------------ latest: the map, the bar, the table
@props(EXAMPLES * 2)
@given(d=datasets, indicator=indicators, age=ages, sex=sexes, year=years, countries=subsets)
def test_latest_has_one_row_per_chosen_state_in_asean_order_and_no_data_is_never_zero(d, indicator, age, sex, year, countries):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    lat = d.latest(indicator, age=age, sex=sex, year=year, countries=countries)
    wanted = [c for c in MEMBERS if not countries or c in countries]
    assert list(lat["iso3"]) == wanted  # exactly one row per requested member state, in ASEAN order
    assert (lat["has_data"] == (lat["display"] != NO_DATA)).all()
    picked = d.pick_age(indicator, age)
    _, by_key = records(d)
    for _, row in lat.iterrows():
        cands = [r for r in by_key.get((indicator, picked, sex, row["iso3"]), []) if not year or int(r["year"]) == year]
        if not cands:
            assert not row["has_data"], f"{row['iso3']}: a value without an observation"
            assert isnan(row["value"]) and isnan(row["source_id"]), f"{row['iso3']}: missing shown as {row['value']!r}"
            continue
        assert row["has_data"], f"{row['iso3']}: an observation exists but the view says No data"
        newest = max(int(r["year"]) for r in cands)
        assert int(row["year"]) == newest and row["age_band"] == picked and row["sex"] == sex
        assert (row["display"], row["source_id"]) in {(r["display"], r["source_id"]) for r in cands if int(r["year"]) == newest}
        assert_shown_value_traces(d, row, f"latest {indicator} {row['iso3']}")
        if any(r["user"] for r in cands if int(r["year"]) == newest):
            assert row["source_id"] == "user_upload"  # the reader's own figure wins in the reader's session


@props()
@given(d=datasets, indicator=indicators, age=ages, sex=sexes, year=years)
def test_regional_context_counts_the_member_states_with_that_figure(d, indicator, age, sex, year):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    age = age or "all"
    year = year or DATA_YEARS[-1]
    ctx = d.regional_context(indicator, age, sex, year)
    _, by_key = records(d)
    vals = [r["sort_value"] for c in MEMBERS for r in by_key.get((indicator, age, sex, c), [])
            if int(r["year"]) == year and not isnan(r["sort_value"])]
    assert ctx["n"] == len(vals)
    assert wording.regional_context(d, indicator, age, sex, year)  # worded for the profile, whatever n is
    if len(vals) >= 2:
        assert ctx["min"] == min(vals) and ctx["max"] == max(vals) and ctx["min"] <= ctx["median"] <= ctx["max"]


# ------------------------------------------------------------------ coverage and tracker
@props(40)
@given(d=datasets, area=areas, age=ages, countries=subsets)
def test_coverage_cells_are_the_latest_values_or_no_data(d, area, age, countries):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    mat = d.coverage(area=area, age=age, countries=countries)
    wanted = [c for c in MEMBERS if not countries or c in countries]
    assert list(mat.columns) == wanted
    assert list(mat.index) == d.indicators_for(area, age, members_only=True)
    assert not mat.isna().any().any()
    for ind in mat.index:
        sexes_ = d.sexes_for(ind)
        lat = d.latest(ind, age=age, sex="all" if "all" in sexes_ else sexes_[0]).set_index("iso3")
        for c in wanted:
            assert mat.at[ind, c] == lat.at[c, "display"]
            if mat.at[ind, c] != NO_DATA:
                assert lat.at[c, "has_data"]


@props(40)
@given(d=datasets, age=ages, countries=subsets)
def test_coverage_by_area_counts_the_coverage_cells(d, age, countries):
    """The /data summary: per area and state, the cells of the full matrix that have a value, out of the area's rows."""
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    mat = d.coverage(age=age, countries=countries)
    summ = d.coverage_by_area(age=age, countries=countries)
    area_of = {i: d.indicator_meta[i]["priority_area"] for i in mat.index}
    assert list(dict.fromkeys(summ["priority_area"])) == [a for a in d.area_codes() if a in set(area_of.values())]
    for r in summ.itertuples():
        ids = [i for i, a in area_of.items() if a == r.priority_area]
        assert r.indicators == len(ids) and r.with_data == int((mat.loc[ids, r.iso3] != NO_DATA).sum())
    assert summ["with_data"].sum() == int((mat != NO_DATA).to_numpy().sum())


AREA_IDS = {a: [i for i, m in DS.indicator_meta.items() if m["priority_area"] == a] for a in AREAS}


@props()
@given(d=datasets, countries=subsets)
def test_tracker_for_any_subset_is_whole_numbers_that_add_up(d, countries):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    tr = d.tracker()
    sub = tr[tr["iso3"].isin(countries)] if countries else tr
    wanted = [c for c in MEMBERS if not countries or c in countries]
    areas7 = [a for a in AREAS if a != "online"]
    assert len(sub) == len(wanted) * len(areas7)
    assert set(zip(sub["iso3"], sub["area"])) == {(c, a) for c in wanted for a in areas7}
    for col in ("indicators_in_area", "with_data", "in_place", "not_in_place", "checked"):
        assert pd.api.types.is_integer_dtype(sub[col]), col
        assert (sub[col] >= 0).all()
    assert (sub["in_place"] + sub["not_in_place"] == sub["checked"]).all()
    assert (sub["checked"] <= sub["with_data"]).all() and (sub["with_data"] <= sub["indicators_in_area"]).all()
    recs, _ = records(d)
    for r in sub.itertuples():
        have = {x["indicator_id"] for x in recs if x["iso3"] == r.iso3 and x["indicator_id"] in AREA_IDS[r.area]}
        assert r.with_data == len(have), (r.iso3, r.area)


@props(60)
@given(countries=subsets, present=st.booleans())
def test_tracker_heat_map_draws_any_subset_with_whole_numbers_and_no_data_cells(countries, present):
    """The chart the tracker page draws: one row per chosen state; a cell without data says No data, never 0."""
    from components import charts

    count()
    tr = DS.tracker()
    if countries:
        tr = tr[tr["iso3"].isin(countries)]
    heat = charts.tracker_heatmap(DS, tr, ("t", "s", "src"), present=present).data[0]
    names = {DS.country_name(c) for c in MEMBERS if not countries or c in countries}
    assert list(heat.y) and len(heat.y) == len(names)
    z = [v for row in heat.z for v in row]
    assert all(v is not None and not math.isnan(float(v)) and float(v) == int(v) for v in z), z
    for zrow, trow in zip(heat.z, heat.text):
        for v, text in zip(zrow, trow):
            assert (text == NO_DATA) == (int(v) == 0), (v, text)
            assert not text.startswith("0 ")


# ------------------------------------------------------------------ country profile
@props(60)
@given(d=datasets, iso=members, area=areas, age=ages)
def test_profile_for_an_area_and_age_is_that_part_of_the_whole_profile(d, iso, area, age):
    """What the country page lists for its filters: exactly the rows of the whole profile in that area and age."""
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    whole, part = d.profile(iso), d.profile(iso, area=area, age=age)
    keep = whole
    if area:
        keep = keep[keep["priority_area"] == area]
    if age:
        keep = keep[keep["age_band"].isin(d.bands_of(age))]
    assert part.equals(keep.reset_index(drop=True))


@props(120)
@given(d=datasets, iso=members)
def test_profile_and_unknowns_partition_what_is_known_about_a_state(d, iso):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    prof = d.profile(iso)
    unk = d.unknowns(iso)
    recs, _ = records(d)
    mine = [r for r in recs if r["iso3"] == iso]
    assert (prof["iso3"] == iso).all()
    assert not prof.duplicated(["indicator_id", "age_band", "sex"]).any()
    assert {(r["indicator_id"], r["age_band"], r["sex"]) for r in mine} == set(zip(prof["indicator_id"], prof["age_band"], prof["sex"]))
    for _, row in prof.iterrows():
        newest = max(int(r["year"]) for r in mine if (r["indicator_id"], r["age_band"], r["sex"]) ==
                     (row["indicator_id"], row["age_band"], row["sex"]))
        assert int(row["year"]) == newest
        assert_shown_value_traces(d, row, f"profile {iso} {row['indicator_id']}")
        assert wording.regional_context(d, row["indicator_id"], row["age_band"], row["sex"], row["year"])
    member_ids = {r["indicator_id"] for r in recs if r["area_kind"] == "member"}
    assert not set(unk["indicator_id"]) & set(prof["indicator_id"])
    assert set(unk["indicator_id"]) | {r["indicator_id"] for r in mine} == member_ids | {r["indicator_id"] for r in mine}
    for r in unk.itertuples():
        assert r.states_with_data == len({x["iso3"] for x in recs if x["area_kind"] == "member" and x["indicator_id"] == r.indicator_id})
        assert r.states_with_data >= 1


@props(120)
@given(d=datasets, iso=members, prevalence=st.sampled_from(["ocsea_past_year", "tfcsea_past_year", "internet_use_pct"]))
def test_estimate_of_children_affected_keeps_its_bound_and_needs_every_input(d, iso, prevalence):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    est = d.estimate_affected(iso, prevalence)
    if prevalence not in ("ocsea_past_year", "tfcsea_past_year"):
        assert est is None
        return
    inputs = [d.latest(i, age="12-17", countries=[iso]).iloc[0] for i in (prevalence, "child_population_12_17",
                                                                          "internet_users_share_12_17")]
    if not all(r["has_data"] for r in inputs) or isnan(inputs[0]["value"]):
        assert est is None  # never an estimate built on a missing input (a missing input is not 0)
        return
    assert est is not None and est.value > 0
    exact = inputs[0]["value"] / 100 * inputs[2]["value"] / 100 * inputs[1]["value"]
    q = inputs[0]["qualifier"]
    if q in ("at least", "more than"):
        assert est.qualifier == q and est.value <= exact  # a lower bound rounds down
    elif q == "up to":
        assert est.qualifier == q and est.value >= exact
    else:
        assert est.qualifier == "about"
    for part in (est.prevalence, est.population, est.online_share):
        assert part["source_id"] in d.sources.index


# ------------------------------------------------------------------ overview and trends
@props()
@given(d=datasets, indicator=indicators, age=ages)
def test_range_across_is_the_lowest_and_highest_published_value(d, indicator, age):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    rng = d.range_across(indicator, age)
    lat = d.latest(indicator, age=age)
    has = lat[lat["has_data"] & lat["value"].notna()]
    if has.empty:
        assert rng is None
        return
    assert rng["n"] == len(has)
    assert rng["low"]["value"] == has["value"].min() and rng["high"]["value"] == has["value"].max()
    assert set(rng["sources"]) <= set(d.sources.index) and rng["years"] == sorted({int(y) for y in has["year"]})


@props(20)
@given(d=datasets)
def test_headlines_and_gaps_are_sourced_and_true_to_the_data(d):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    facts = d.headlines()
    assert 3 <= len(facts) <= 5
    assert all("caption" not in c and "label" not in c for c in facts)  # facts: the component words them
    cards = wording.headlines(d)
    assert [c["id"] for c in cards] == [c["id"] for c in facts]
    for c in cards:
        assert c["label"] and c["value"] and c["value"] != NO_DATA and not c["value"].startswith("0 of")
        assert c["sources"] and set(c["sources"]) <= set(d.sources.index)
        assert any(str(y) in c["caption"] for y in DATA_YEARS)
    gaps = wording.gaps(d)
    assert gaps and all(isinstance(g, str) and g for g in gaps)
    have = set(d.obs.loc[(d.obs["indicator_id"] == "ocsea_past_year") & (d.obs["area_kind"] == "member"), "iso3"])
    survey_line = [g for g in gaps if g.startswith("No national survey")]
    for c in MEMBERS:
        named = bool(survey_line) and d.country_name(c) in survey_line[0]
        assert named == (c not in have), c


@props()
@given(d=datasets, countries=subsets, youth=st.booleans(), until=years)
def test_internet_series_keeps_chosen_states_and_benchmarks_apart(d, countries, youth, until):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    s = d.internet_series(countries, youth=youth, until=until)
    m = s[s["area_kind"] == "member"]
    if countries:
        assert set(m["iso3"]) <= set(countries)
        # a chosen state with a drawable series is not dropped
        base = d.internet_series(None, youth=youth, until=until)
        assert set(base.loc[base["iso3"].isin(countries), "iso3"]) == set(m["iso3"])
    if until:
        assert (s["year"] <= until).all()
    assert not s["note"].str.startswith("Unverified").any()
    assert s["series"].map(lambda x: isinstance(x, str) and x != "").all()
    assert s["source_id"].isin(d.sources.index).all()
    # no series is drawn through a value that does not exist: missing values are gaps, never 0
    assert not ((s["value"] == 0) & (s["display"] == NO_DATA)).any()


@props()
@given(d=datasets, area=areas, age=ages, indicator=st.one_of(st.none(), indicators), countries=subsets,
       sex=st.one_of(st.none(), sexes), year=years)
def test_suggestions_point_to_combinations_that_have_data(d, area, age, indicator, countries, sex, year):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    tips = wording.suggest(d, area=area, age=age, indicator=indicator, countries=countries, sex=sex, year=year)
    assert all(isinstance(t, str) and t.strip() for t in tips)
    if indicator and year and year not in d.years_for(indicator):
        assert any(t.startswith("Years with data: " + ", ".join(map(str, d.years_for(indicator)))) for t in tips)
    if indicator and sex and sex not in d.sexes_for(indicator):
        assert any("available for: " + ", ".join(wording.sex_words(x) for x in d.sexes_for(indicator)) in t for t in tips)
    if indicator and age and not bands(age) & set(d.age_bands_for(indicator=indicator)):
        labels = [wording.age_label(d, b) for b in d.age_bands_for(indicator=indicator)]
        assert any(t == f"This indicator is measured for: {', '.join(labels)}." for t in tips)


@props()
@given(d=datasets, countries=subsets)
def test_internet_use_by_age_lists_each_published_figure_of_the_chosen_states(d, countries):
    count()
    d = _resolve(d) if isinstance(d, _Named) else d
    t = d.internet_use_by_age(countries)
    if countries:
        assert set(t["iso3"]) <= set(countries)
    assert (t["area_kind"] == "member").all() and (t["sex"] == "all").all()
    assert not t.duplicated(["iso3", "indicator_id", "age_band"]).any()
    order = {c: i for i, c in enumerate(MEMBERS)}
    assert list(t["iso3"]) == sorted(t["iso3"], key=order.get)  # ASEAN order
    _, by_key = records(d)
    for _, row in t.iterrows():
        cands = by_key[(row["indicator_id"], row["age_band"], "all", row["iso3"])]
        assert int(row["year"]) == max(int(r["year"]) for r in cands if not str(r["note"]).startswith("Unverified"))
        assert_shown_value_traces(d, row, f"by age {row['iso3']} {row['indicator_id']}")
    assert (t["reference"] == (t["age_band"] == "all")).all()
