"""The data layer answers what pages ask: filters, latest values, coverage, tracker, profile,
unknowns, suggestions, benchmarks, formatting and the children-affected estimate.

Expected answers are computed independently from the raw files (csv + yaml), not from the
data layer itself, so a wrong join or filter shows up as a failure.
"""

from __future__ import annotations

import csv
import importlib.util
import math
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
import yaml

from aseancop import NO_DATA, format_value
from components import wording

ROOT = Path(__file__).resolve().parents[1]
MEMBERS = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"]
DH6 = ["KHM", "IDN", "MYS", "PHL", "THA", "VNM"]


@pytest.fixture(scope="module")
def raw(data_dir):
    """observations.csv as plain dicts, with each indicator's unit and priority area from indicators.yml."""
    meta = {e["id"]: e for e in yaml.safe_load((data_dir / "indicators.yml").read_text(encoding="utf-8"))}
    with (data_dir / "observations.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["year"] = int(r["year"])
        r["priority_area"] = meta[r["indicator_id"]]["priority_area"]
        r["unit"] = meta[r["indicator_id"]]["unit"]
    return rows


def keys(df):
    return sorted(zip(df["iso3"], df["indicator_id"], df["age_band"], df["sex"], df["year"].astype(int)))


def raw_keys(rows):
    return sorted((r["iso3"], r["indicator_id"], r["age_band"], r["sex"], r["year"]) for r in rows)


# ----------------------------------------------------------------------------- filters
@pytest.mark.parametrize("area", ["legal", "enforcement", "units", "services", "data", "education", "industry", "online"])
def test_filter_by_priority_area_returns_exactly_that_area(ds, raw, area):
    got = ds.filter(area=area)
    assert keys(got) == raw_keys([r for r in raw if r["priority_area"] == area])
    assert len(got) > 0, f"priority area {area} has no data at all"


def test_filter_by_age_group_keeps_every_band_of_the_group(ds, raw):
    got = ds.filter(age="12-17")
    bands = set(ds.bands_in_group("12-17"))
    assert {"12-17", "13-17", "15-17"} <= bands and "all" not in bands
    assert keys(got) == raw_keys([r for r in raw if r["age_band"] in bands])
    assert ("KHM", "ocsea_past_year") in set(zip(got["iso3"], got["indicator_id"]))
    assert set(got["age_band"]) > {"12-17"}  # each row keeps its exact source band


def test_filter_by_an_exact_band_keeps_that_band_only(ds, raw):
    got = ds.filter(age="13-17")
    assert keys(got) == raw_keys([r for r in raw if r["age_band"] == "13-17"]) and len(got)


def test_odd_bands_are_not_filter_choices_but_stay_in_the_data(ds):
    groups = {b: ds.group_of_band(b) for b in ds.age_bands.index}
    for odd in ("not15-24", "unstated", "5-24s", "15-49"):
        assert groups[odd] is None
        assert not any(odd in ds.bands_in_group(g) for g in ds.age_groups.index)
    assert set(ds.filter()["age_band"]) >= {"unstated", "5-24s", "15-49"}


def test_filter_by_country_keeps_that_member_only(ds, raw):
    got = ds.filter(countries=["KHM"], members_only=True)
    assert set(got["iso3"]) == {"KHM"}
    assert keys(got) == raw_keys([r for r in raw if r["iso3"] == "KHM"])


def test_filter_by_country_without_members_only_keeps_benchmarks_beside(ds):
    got = ds.filter(countries=["KHM"], indicator="internet_use_pct")
    members = set(got.loc[got["area_kind"] == "member", "iso3"])
    assert members == {"KHM"}
    assert {"WLD", "WB_EAP"} <= set(got["iso3"])  # benchmarks stay available to show beside


def test_filter_by_sex(ds, raw):
    got = ds.filter(sex="female")
    assert keys(got) == raw_keys([r for r in raw if r["sex"] == "female"])
    assert len(got) > 0


def test_filter_by_year(ds, raw):
    got = ds.filter(year=2020)
    assert keys(got) == raw_keys([r for r in raw if r["year"] == 2020])
    assert ds.filter(year="2020").equals(got)  # a year from the URL arrives as text


def test_filter_combination(ds):
    got = ds.filter(area="data", age="12-17", countries=["PHL"], indicator="ocsea_past_year", members_only=True)
    assert len(got) == 1
    row = got.iloc[0]
    assert (row["iso3"], row["value"], row["display"], row["source_id"]) == ("PHL", 20, "20%", "dh_phl_reliefweb")


def test_filter_combination_matches_raw(ds, raw):
    got = ds.filter(area="online", age="all", sex="all", year=2022, members_only=True)
    whole = set(ds.bands_in_group("all"))
    want = [r for r in raw if r["priority_area"] == "online" and r["age_band"] in whole and r["sex"] == "all"
            and r["year"] == 2022 and r["iso3"] in MEMBERS]
    assert keys(got) == raw_keys(want) and want


@pytest.mark.parametrize("kwargs", [
    {"area": "legal", "age": "12-17"},               # laws have no age band
    {"indicator": "ocsea_past_year", "year": 2015},  # no survey that year
    {"indicator": "ocsea_past_year", "countries": ["SGP"], "members_only": True},
    {"indicator": "ocsea_past_year", "sex": "female"},
])
def test_filter_empty_result_is_an_empty_table_not_an_error(ds, kwargs):
    got = ds.filter(**kwargs)
    assert got.empty
    assert {"iso3", "indicator_id", "display", "source_id"} <= set(got.columns)


def test_indicators_and_age_bands_offered_match_the_data(ds, raw):
    assert ds.age_bands_for(indicator="ocsea_past_year") == ["12-17"]
    assert set(ds.indicators_for("legal")) == {r["indicator_id"] for r in raw if r["priority_area"] == "legal"}
    assert ds.indicators_for("legal", "12-17") == []
    assert ds.default_indicator("data", "12-17") == "ocsea_past_year"
    bands = ds.age_bands_for(area="online")
    assert bands == [b for b in ds.age_bands.index if b in bands]  # youngest-first order of age_bands.csv


# ----------------------------------------------------------------------------- latest values
def test_latest_returns_all_eleven_members_in_asean_order(ds):
    lat = ds.latest("ocsea_past_year", age="12-17")
    assert list(lat["iso3"]) == MEMBERS
    assert list(lat["name"])[:2] == ["Brunei Darussalam", "Cambodia"] and lat["name"].iloc[-1] == "Timor-Leste"


def test_latest_shows_no_data_for_missing_never_zero(ds):
    lat = ds.latest("ocsea_past_year", age="12-17").set_index("iso3")
    for c in ["BRN", "LAO", "MMR", "SGP", "TLS"]:
        assert lat.at[c, "display"] == NO_DATA
        assert not lat.at[c, "has_data"]
        assert pd.isna(lat.at[c, "value"])  # not 0
    assert lat.loc[DH6, "has_data"].all()
    assert "0%" not in set(lat["display"])


def test_latest_picks_the_most_recent_year_per_country(ds, raw):
    lat = ds.latest("ncmec_cybertipline_reports", age="all").set_index("iso3")
    rows = [r for r in raw if r["indicator_id"] == "ncmec_cybertipline_reports"]
    for c in MEMBERS:
        newest = max((r for r in rows if r["iso3"] == c), key=lambda r: r["year"])
        assert lat.at[c, "year"] == newest["year"]
        assert lat.at[c, "value"] == float(newest["value"])


def test_latest_when_countries_differ_in_year(ds, raw):
    lat = ds.latest("internet_use_pct", age="all").set_index("iso3")
    rows = [r for r in raw if r["indicator_id"] == "internet_use_pct" and r["iso3"] in MEMBERS]
    newest = {c: max(r["year"] for r in rows if r["iso3"] == c) for c in MEMBERS}
    assert lat["year"].to_dict() == newest
    assert len(set(newest.values())) > 1  # the test means something only if years differ


def test_latest_for_a_given_year(ds):
    lat = ds.latest("ncmec_cybertipline_reports", age="all", year=2020).set_index("iso3")
    assert (lat["year"] == 2020).all()
    assert lat.at["KHM", "display"] == "188,328"


def test_latest_with_unmeasured_age_falls_back_to_a_measured_band(ds):
    lat = ds.latest("ocsea_past_year", age="0-17")
    assert set(lat["age_band"].dropna()) == {"12-17"}


# ----------------------------------------------------------------------------- benchmarks
def test_benchmarks_are_never_member_rows(ds):
    for ind in ds.indicator_meta:
        lat = ds.latest(ind)
        assert set(lat["iso3"]) <= set(MEMBERS)
        b = ds.benchmarks(ind)
        assert not set(b["iso3"]) & set(MEMBERS)
    bench = ds.benchmarks("internet_use_pct", age="all")
    assert {"WLD", "WB_EAP"} <= set(bench["iso3"])
    assert set(ds.benchmarks("ocsea_past_year")["iso3"]) == {"DH6"}


def test_aggregates_never_enter_member_views(ds):
    cov = ds.coverage()
    assert list(cov.columns) == MEMBERS
    assert "DH6" not in set(ds.filter(indicator="ocsea_past_year", members_only=True)["iso3"])
    prof = ds.profile("KHM")
    assert set(prof["iso3"]) == {"KHM"}


# ----------------------------------------------------------------------------- coverage
def test_coverage_shape_and_order(ds, raw):
    cov = ds.coverage()
    with_member_data = {r["indicator_id"] for r in raw if r["iso3"] in MEMBERS}
    assert set(cov.index) == with_member_data  # benchmark-only indicators have no row of "No data"
    assert cov.shape == (len(with_member_data), 11)
    assert list(cov.columns) == MEMBERS
    assert not cov.isna().any().any()


def test_coverage_says_no_data_where_missing(ds, raw):
    cov = ds.coverage()
    have = {(r["indicator_id"], r["iso3"]) for r in raw}
    missing = [(ind, c) for ind in cov.index for c in MEMBERS if (ind, c) not in have]
    assert missing
    assert all(cov.at[ind, c] == NO_DATA for ind, c in missing)
    assert (cov.loc["ocsea_past_year", ["BRN", "LAO", "MMR", "SGP", "TLS"]] == NO_DATA).all()
    assert cov.at["ocsea_past_year", "IDN"] == "≥ 2%"


def _single_band_indicators(raw):
    bands, sexes = defaultdict(set), defaultdict(set)
    for r in raw:
        if r["iso3"] in MEMBERS:
            bands[r["indicator_id"]].add(r["age_band"])
            sexes[r["indicator_id"]].add(r["sex"])
    return [i for i in bands if len(bands[i]) == 1 and "all" in sexes[i]]


def test_coverage_matches_latest_values(ds, raw):
    cov = ds.coverage()
    simple = _single_band_indicators(raw)
    assert len(simple) > 100
    for ind in simple:
        lat = ds.latest(ind).set_index("iso3")["display"]
        assert cov.loc[ind].to_dict() == lat.to_dict(), ind


def test_coverage_for_an_age_band_matches_latest_for_that_band(ds):
    cov = ds.coverage(age="12-17")
    assert "ocsea_past_year" in cov.index and "has_child_helpline" not in cov.index
    for ind in cov.index:
        sexes = ds.sexes_for(ind)
        lat = ds.latest(ind, age="12-17", sex="all" if "all" in sexes else sexes[0]).set_index("iso3")["display"]
        assert cov.loc[ind].to_dict() == lat.to_dict(), ind


def test_coverage_matches_latest_for_every_indicator(ds):
    cov = ds.coverage()
    for ind in cov.index:
        sexes = ds.sexes_for(ind)
        sex = "all" if "all" in sexes else sexes[0]
        lat = ds.latest(ind, sex=sex).set_index("iso3")["display"]
        assert cov.loc[ind].to_dict() == lat.to_dict(), ind


def test_coverage_country_subset(ds):
    cov = ds.coverage(countries=["TLS", "KHM"])
    assert list(cov.columns) == ["KHM", "TLS"]  # ASEAN order, not the order asked


# ----------------------------------------------------------------------------- tracker
def test_tracker_one_row_per_member_and_priority_area(ds):
    t = ds.tracker()
    assert len(t) == 11 * 7
    assert set(t["area"]) == {"legal", "enforcement", "units", "services", "data", "education", "industry"}
    assert list(t.loc[t["area"] == "legal", "iso3"]) == MEMBERS


def test_tracker_counts_match_raw(ds, raw):
    t = ds.tracker().set_index(["iso3", "area"])
    for c in ["KHM", "PHL", "TLS"]:
        for area in ["legal", "services"]:
            rows = [r for r in raw if r["iso3"] == c and r["priority_area"] == area]
            assert t.at[(c, area), "with_data"] == len({r["indicator_id"] for r in rows})
            latest = {}
            for r in sorted(rows, key=lambda r: r["year"]):
                latest[r["indicator_id"]] = r
            yn = [r for r in latest.values() if r["unit"] == "yes_no"]
            assert t.at[(c, area), "in_place"] == sum(float(r["value"]) >= 0.5 for r in yn)
            assert t.at[(c, area), "not_in_place"] == sum(float(r["value"]) < 0.5 for r in yn)
            assert t.at[(c, area), "checked"] == len(yn)
    n_legal = sum(1 for m in ds.indicator_meta.values() if m["priority_area"] == "legal")
    assert (t.xs("legal", level="area")["indicators_in_area"] == n_legal).all()


# ----------------------------------------------------------------------------- profile and unknowns
def test_profile_lists_latest_value_of_each_indicator(ds, raw):
    prof = ds.profile("KHM")
    rows = [r for r in raw if r["iso3"] == "KHM"]
    assert len(prof) == len({(r["indicator_id"], r["age_band"], r["sex"]) for r in rows})
    ocsea = prof[prof["indicator_id"] == "ocsea_past_year"].iloc[0]
    assert (ocsea["display"], ocsea["year"], ocsea["source_id"]) == ("11%", 2022, "ecpat_khm_launch")
    ncmec = prof[prof["indicator_id"] == "ncmec_cybertipline_reports"].iloc[0]
    assert ncmec["year"] == max(r["year"] for r in rows if r["indicator_id"] == "ncmec_cybertipline_reports")
    ctx = [ds.regional_context(i, a, x, int(y)) for i, a, x, y in zip(prof["indicator_id"], prof["age_band"], prof["sex"], prof["year"])]
    assert all(c["n"] >= 1 for c in ctx)  # the state's own figure is among the member states counted
    order = prof["priority_area"].map(ds.priority_areas["number"].to_dict()).tolist()
    assert order == sorted(order)  # grouped by priority area, context first


def test_profile_context_compares_same_year(ds):
    c = ds.regional_context("ocsea_past_year", "12-17", "all", 2022)
    assert (c["n"], c["min"], c["max"], c["median"]) == (4, 1.0, 11.0, 3.0)  # KHM, IDN, MYS, VNM in 2022
    assert c["bounded"]  # IDN and MYS are lower bounds
    text = wording.regional_context(ds, "ocsea_past_year", "12-17", "all", 2022)  # as the profile's table words it
    assert text.startswith("4 states: 1% to 11%") and "bounds" in text
    assert ds.regional_context("ocsea_past_year", "12-17", "all", 2015) == {"n": 0}


def test_profile_of_country_with_little_data(ds, raw):
    prof = ds.profile("TLS")
    assert set(prof["iso3"]) == {"TLS"}
    assert "ocsea_past_year" not in set(prof["indicator_id"])
    assert set(prof["indicator_id"]) == {r["indicator_id"] for r in raw if r["iso3"] == "TLS"}


def test_unknowns_lists_what_others_have_and_this_country_lacks(ds, raw):
    u = ds.unknowns("BRN").set_index("indicator_id")
    assert u.at["ocsea_past_year", "states_with_data"] == 6
    brn = {r["indicator_id"] for r in raw if r["iso3"] == "BRN"}
    assert not brn & set(u.index)
    others = {r["indicator_id"] for r in raw if r["iso3"] in MEMBERS and r["iso3"] != "BRN"}
    assert set(u.index) == others - brn
    assert "ocsea_past_year" not in set(ds.unknowns("KHM")["indicator_id"])


# ----------------------------------------------------------------------------- suggestions
def test_nearest_data_names_the_age_band_that_has_data(ds):
    assert ds.nearest_data(indicator="ocsea_past_year", age="0-17") == [{"kind": "bands", "bands": ["12-17"]}]
    assert any("Ages 12–17" in t for t in wording.suggest(ds, indicator="ocsea_past_year", age="0-17"))


def test_nearest_data_names_the_countries_that_have_data(ds):
    got = ds.nearest_data(indicator="ocsea_past_year", countries=["BRN", "SGP"])
    assert got == [{"kind": "countries", "states": [c for c in ds.member_codes if c in {"IDN", "KHM", "MYS", "PHL", "THA", "VNM"}]}]
    tips = " ".join(wording.suggest(ds, indicator="ocsea_past_year", countries=["BRN", "SGP"]))
    for name in ["Cambodia", "Indonesia", "Malaysia", "Philippines", "Thailand", "Viet Nam"]:
        assert name in tips
    assert "Singapore" not in tips and "Brunei" not in tips


def test_nearest_data_names_years_and_sexes_that_have_data(ds):
    assert ds.nearest_data(indicator="ocsea_past_year", year=2015) == [{"kind": "years", "years": [2021, 2022]}]
    assert ds.nearest_data(indicator="ocsea_past_year", sex="female") == [{"kind": "sexes", "sexes": ["all"]}]
    assert wording.suggest(ds, indicator="ocsea_past_year", year=2015) == ["Years with data: 2021, 2022."]
    assert wording.suggest(ds, indicator="ocsea_past_year", sex="female") == ["This indicator is available for: both sexes."]


def test_nearest_data_for_empty_area_and_age(ds):
    got = {n["kind"]: n for n in ds.nearest_data(area="legal", age="12-17")}
    assert got["area_groups"]["groups"] == ["all"]
    assert "data" in got["other_areas"]["areas"] and "legal" not in got["other_areas"]["areas"]
    tips = wording.suggest(ds, area="legal", age="12-17")
    assert tips and "Whole population (all ages)" in tips[0]
    assert any("Data collection and research" in t for t in tips)  # where 12–17 data does exist


def test_nearest_data_nothing_when_the_view_has_data(ds):
    assert ds.nearest_data(indicator="ocsea_past_year", age="12-17", countries=["KHM"], year=2022) == []
    assert wording.suggest(ds, indicator="ocsea_past_year", age="12-17", countries=["KHM"], year=2022) == []


# ----------------------------------------------------------------------------- formatting
@pytest.mark.parametrize("args, text", [
    ((11.0, None, None, "", "percent", 0), "11%"),
    ((2.0, None, None, "at least", "percent", 0), "≥ 2%"),
    ((90.0, None, None, "more than", "percent", 0), "> 90%"),
    ((20.0, None, None, "up to", "percent", 0), "≤ 20%"),
    ((160000.0, None, None, "about", "count", 0), "≈ 160,000"),
    ((None, 10.0, 31.0, "range", "percent", 0), "10–31%"),
    ((None, 0.2, 2.0, "range", "percent", 1), "0.2–2.0%"),
    ((11.9, 9.9, 14.1, "interval", "percent", 1), "11.9% (9.9–14.1)"),
    ((1665769.0, 1250027.0, 2150872.0, "interval", "count", 0), "1,665,769 (1,250,027–2,150,872)"),
    ((1.0, None, None, "", "yes_no", 0), "Yes"),
    ((0.0, None, None, "", "yes_no", 0), "No"),
    ((1925549.0, None, None, "", "count", 0), "1,925,549"),
    ((0.0, None, None, "", "count", 0), "0"),
    ((12.0, None, None, "", "rank", 0), "#12"),
    ((98.9704, None, None, "", "percent", 2), "98.97%"),
    ((None, None, None, "", "percent", 0), NO_DATA),
    ((math.nan, None, None, "", "count", 0), NO_DATA),
    ((None, 10.0, None, "range", "percent", 0), NO_DATA),
])
def test_format_value(args, text):
    assert format_value(*args) == text


def test_displayed_values_keep_bounds_and_ranges(ds):
    obs = ds.obs.set_index(["iso3", "indicator_id", "age_band", "sex", "year"])
    assert obs.at[("IDN", "ocsea_past_year", "12-17", "all", 2022), "display"] == "≥ 2%"
    assert obs.at[("DH6", "ocsea_past_year", "12-17", "all", 2022), "display"] == "1–20%"
    assert obs.at[("KHM", "tfcsea_past_year_all_children", "12-17", "all", 2021), "display"] == "11.9% (9.9–14.1)"
    helpline = ds.latest("has_child_helpline", age="all").set_index("iso3")
    assert set(helpline["display"]) <= {"Yes", "No", NO_DATA}
    bounded = ds.obs[ds.obs["qualifier"].isin(["at least", "more than", "up to", "about"])]
    assert bounded["display"].str[0].isin(["≥", ">", "≤", "≈"]).all()  # a bound never reads as exact


# ----------------------------------------------------------------------------- estimate
def test_estimate_affected_khm_arithmetic(ds):
    e = ds.estimate_affected("KHM")
    assert e is not None
    assert e.prevalence["value"] == 11 and e.online_share["value"] == 81 and e.population["value"] == 1_819_679
    exact = 0.11 * 0.81 * 1_819_679
    assert round(exact) == 162_133
    assert e.value == 160_000
    assert e.qualifier == "about"
    assert round(e.exact) == 162_133
    _, arithmetic, caveat = wording.estimate_words(e)
    assert "162,133" in arithmetic and "160,000" in arithmetic and "1,819,679" in arithmetic
    assert "not an official figure" in caveat


def test_estimate_carries_a_lower_bound(ds):
    e = ds.estimate_affected("IDN")
    assert e.qualifier == "at least"
    assert e.value == 500_000  # 2% x 92% x 27,231,704 = 501,063
    assert "≥ 500,000" in wording.estimate_words(e)[1]


@pytest.mark.parametrize("iso3", ["SGP", "BRN", "TLS"])
def test_estimate_is_none_when_an_input_is_missing(ds, iso3):
    assert ds.estimate_affected(iso3) is None


def test_estimate_only_for_prevalence_among_internet_users(ds):
    assert ds.estimate_affected("KHM", "internet_use_pct") is None


def test_estimate_lower_bound_is_never_rounded_up(ds):
    checked = 0
    for c in DH6:
        e = ds.estimate_affected(c)
        exact = e.prevalence["value"] / 100 * e.online_share["value"] / 100 * e.population["value"]
        if e.qualifier in ("at least", "more than"):
            assert e.value <= exact, (c, e.value, exact)
            checked += 1
    assert checked == 2  # IDN and MYS
    mys = ds.estimate_affected("MYS")  # at least 4% x 94% x 3,178,610 = 119,516
    assert (mys.qualifier, mys.value) == ("at least", 110_000)


# ----------------------------------------------------------------------------- data/README.md
def _readme_tool():
    spec = importlib.util.spec_from_file_location("make_data_readme", ROOT / "tools" / "make_data_readme.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_data_readme_coverage_table_is_up_to_date(ds, data_dir):
    tool = _readme_tool()
    readme = (data_dir / "README.md").read_text(encoding="utf-8")
    assert tool.updated_readme(readme, ds) == readme, (
        "data/README.md's coverage table is out of date: run  .venv/bin/python tools/make_data_readme.py")


def test_data_readme_table_shows_latest_year_or_dash(ds):
    table = _readme_tool().coverage_table(ds)
    lines = table.splitlines()
    head = [c.strip() for c in lines[0].strip("|").split("|")]
    assert head[-11:] == MEMBERS
    row = next(line for line in lines if "`ocsea_past_year`" in line)
    cells = [c.strip() for c in row.strip("|").split("|")][-11:]
    assert dict(zip(MEMBERS, cells)) == {"BRN": "–", "KHM": "2022", "IDN": "2022", "LAO": "–", "MYS": "2022",
                                         "MMR": "–", "PHL": "2021", "SGP": "–", "THA": "2021", "VNM": "2022",
                                         "TLS": "–"}
    assert len([line for line in lines if line.startswith("| ") and "`" in line]) == len(ds.indicator_meta)


def test_data_readme_check_fails_when_stale(ds, data_dir, tmp_path):
    tool = _readme_tool()
    stale = tmp_path / "README.md"
    text = (data_dir / "README.md").read_text(encoding="utf-8")
    stale.write_text(text.replace("| 2022 |", "| 2019 |", 1), encoding="utf-8")
    assert tool.main(["--check", "--readme", str(stale), "--data-dir", str(data_dir)]) == 1
    assert tool.main(["--readme", str(stale), "--data-dir", str(data_dir)]) == 0
    assert stale.read_text(encoding="utf-8") == text
    assert tool.main(["--check", "--readme", str(stale), "--data-dir", str(data_dir)]) == 0


# ----------------------------------------------------------------------------- age groups and catalogue
def test_age_groups_keep_the_link_codes_and_map_bands(ds):
    assert list(ds.age_groups.index) == ["u12", "12-17", "0-17", "15-24", "all"]
    assert {"11-18", "12-17", "12-18", "13-17", "teen"} <= set(ds.bands_in_group("12-17"))
    assert "12-27" not in ds.bands_in_group("15-24") and ds.group_of_band("12-27") is None  # APJII Gen Z: no honest group
    assert ds.bands_in_group("15-24") == ["15-19", "15-24"]
    assert {"5+", "6+", "15+", "all"} <= set(ds.bands_in_group("all"))
    assert ds.group_of_band("6-14") == "u12"
    assert ds.group_of_band("no-such-band") is None
    assert ds.bands_in_group("no-such-group") == []


@pytest.mark.parametrize("odd", ["not15-24", "unstated", "5-24s", "15-49", "12-27", "13-35", "children", "hh-school"])
def test_odd_bands_are_no_filter_choice_but_keep_their_rows(ds, odd):
    assert ds.group_of_band(odd) is None
    assert all(odd not in ds.bands_in_group(g) for g in ds.age_groups.index)
    assert (ds.obs["age_band"] == odd).any()  # still in the data, with its exact band


def test_every_age_group_has_figures(ds):
    for g in ds.age_groups.index:
        assert ds.obs["age_band"].isin(ds.bands_in_group(g)).any(), g


def test_catalogue_tiers(ds):
    tiers = {i: m["tier"] for i, m in ds.indicator_meta.items()}
    assert tiers["ocsea_past_year"] == "headline" and tiers["internet_use_pct"] == "headline"
    assert tiers["internet_use_pct_national"] == "national"  # national definitions, never relabelled
    fam = {i: m["family"] for i, m in ds.indicator_meta.items()}
    assert fam["ncmec_cybertipline_reports"] == fam["ncmec_cybertipline_referrals"] == "ncmec_cybertipline"
