"""Regression tests pinning the headline figures, each with its source id.

The literals below were checked once against the project's research extracts; the tests read
only the project's own data/ (a user's clone has nothing else). If one fails, a figure or its
source changed: check the source before updating the literal.
"""

from __future__ import annotations

import pytest

from aseancop import format_value

MEMBERS = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"]

# Disrupting Harm: internet-using children aged 12-17 subjected to OCSEA in the past year
OCSEA = {  # iso3: (value, qualifier, display, year, source_id)
    "KHM": (11, "", "11%", 2022, "ecpat_khm_launch"),
    "IDN": (2, "at least", "≥ 2%", 2022, "respect_idn"),
    "MYS": (4, "at least", "≥ 4%", 2022, "ecpat_mys_launch"),
    "PHL": (20, "", "20%", 2021, "ecpat_phl_launch"),
    "THA": (9, "", "9%", 2021, "reliefweb_tha"),
    "VNM": (1, "", "1%", 2022, "safeonline_insights"),
}

# NCMEC CyberTipline reports by country, 2019-2023 (upload location, not prevalence)
NCMEC = {  # iso3: (2019, 2020, 2021, 2022, 2023)
    "BRN": (2_070, 2_119, 3_214, 2_988, 2_638),
    "KHM": (91_458, 188_328, 395_793, 227_955, 172_906),
    "IDN": (840_221, 986_648, 1_861_135, 1_878_011, 1_925_549),
    "LAO": (23_599, 24_402, 43_809, 26_507, 20_337),
    "MYS": (183_407, 204_506, 269_671, 197_659, 195_642),
    "MMR": (233_681, 319_617, 540_301, 253_461, 209_858),
    "PHL": (801_272, 1_339_597, 3_188_793, 2_576_182, 2_740_905),
    "SGP": (18_426, 22_769, 53_603, 74_792, 35_063),
    "THA": (355_396, 397_743, 589_515, 525_932, 432_468),
    "VNM": (379_554, 843_963, 716_065, 957_432, 533_236),
    "TLS": (1_309, 1_758, 3_783, 3_945, 6_416),
}

# Individuals using the internet (% of population), World Bank WDI (ITU), latest year per member
INTERNET_USE = {  # iso3: (year, value)
    "BRN": (2022, 98.9704),
    "KHM": (2022, 56.7328),
    "IDN": (2023, 69.2084),
    "LAO": (2022, 66.1548),
    "MYS": (2023, 97.6927),
    "MMR": (2021, 44.02167324),
    "PHL": (2022, 75.2111),
    "SGP": (2023, 94.2863),
    "THA": (2023, 89.5352),
    "VNM": (2023, 78.08),
    "TLS": (2022, 40.7521),
}


def rows(ds, indicator, **eq):
    o = ds.obs[ds.obs["indicator_id"] == indicator]
    for k, v in eq.items():
        o = o[o[k] == v]
    return o


# ----------------------------------------------------------------------------- past-year OCSEA
@pytest.mark.parametrize("iso3", list(OCSEA))
def test_ocsea_past_year(ds, iso3):
    value, qualifier, display, year, source = OCSEA[iso3]
    r = rows(ds, "ocsea_past_year", iso3=iso3, age_band="12-17", sex="all")
    assert len(r) == 1
    r = r.iloc[0]
    assert (r["value"], r["qualifier"], r["display"], r["year"], r["source_id"]) == (value, qualifier, display, year, source)


def test_ocsea_only_for_the_six_surveyed_members(ds):
    lat = ds.latest("ocsea_past_year", age="12-17").set_index("iso3")
    assert set(lat.index[lat["has_data"]]) == set(OCSEA)
    assert {c: lat.at[c, "display"] for c in OCSEA} == {c: v[2] for c, v in OCSEA.items()}


def test_ocsea_range_across_the_six(ds):
    r = rows(ds, "ocsea_past_year", iso3="DH6")
    assert len(r) == 1
    r = r.iloc[0]
    assert (r["lower"], r["upper"], r["qualifier"], r["display"]) == (1, 20, "range", "1–20%")
    assert r["value"] != r["value"]  # NaN: a range has no single value
    assert r["source_id"] == "safeonline_insights"
    assert r["area_kind"] != "member"


def test_ocsea_range_matches_the_six_national_figures(ds):
    national = rows(ds, "ocsea_past_year", area_kind="member", age_band="12-17", sex="all")
    dh6 = rows(ds, "ocsea_past_year", iso3="DH6").iloc[0]
    assert (national["value"].min(), national["value"].max()) == (dh6["lower"], dh6["upper"])


def test_ocsea_headline_card(ds):
    card = next(h for h in ds.headlines() if h["id"] == "ocsea")
    assert card["value"] == "1–20%"
    assert "Viet Nam lowest" in card["caption"] and "Philippines highest" in card["caption"]
    assert "12–17" in card["caption"] and card["sources"] == ["safeonline_insights"]


def test_ocsea_headline_keeps_the_survey_name(ds):
    card = next(h for h in ds.headlines() if h["id"] == "ocsea")
    assert "surveyed by Disrupting Harm" in card["caption"], card["caption"]


# ----------------------------------------------------------------------------- NCMEC
def test_ncmec_cybertipline_reports_2019_2023(ds):
    o = rows(ds, "ncmec_cybertipline_reports", age_band="all", sex="all")
    got = {(r.iso3, int(r.year)): (r.value, r.qualifier, r.source_id) for r in o.itertuples()}
    want = {(c, 2019 + k): (float(v), "", f"ncmec_ctr_country_{2019 + k}")
            for c, values in NCMEC.items() for k, v in enumerate(values)}
    assert len(want) == 55
    assert got == want


def test_ncmec_reports_are_counts_not_rates(ds):
    assert ds.indicator("ncmec_cybertipline_reports")["unit"] == "count"
    lat = ds.latest("ncmec_cybertipline_reports", age="all").set_index("iso3")
    assert lat.at["PHL", "display"] == "2,740,905" and lat.at["TLS", "display"] == "6,416"


# ----------------------------------------------------------------------------- internet use
def test_internet_use_latest_for_all_eleven(ds):
    lat = ds.latest("internet_use_pct", age="all")
    assert list(lat["iso3"]) == MEMBERS
    got = {r.iso3: (int(r.year), round(r.value, 8), r.qualifier, r.source_id) for r in lat.itertuples()}
    want = {c: (y, v, "", "wdi_it_net_user_2024_11") for c, (y, v) in INTERNET_USE.items()}
    assert got == want
    decimals = ds.indicator("internet_use_pct")["decimals"]
    assert 0 <= decimals <= 2  # WDI publishes 4+ decimals; nobody reads them on a map
    assert dict(zip(lat["iso3"], lat["display"])) == {
        c: format_value(v, unit="percent", decimals=decimals) for c, (_, v) in INTERNET_USE.items()}


def test_internet_use_benchmarks_are_beside_not_in_asean(ds):
    b = ds.benchmarks("internet_use_pct", age="all")
    assert {"WLD", "WB_EAP"} <= set(b["iso3"])
    card = next(h for h in ds.headlines() if h["id"] == "online_all")
    decimals = ds.indicator("internet_use_pct")["decimals"]
    lo, hi = INTERNET_USE["TLS"][1], INTERNET_USE["BRN"][1]  # lowest and highest member, no world figure
    assert card["value"] == format_value(None, lo, hi, "range", "percent", decimals)
    assert "Timor-Leste lowest" in card["caption"] and "Brunei Darussalam highest" in card["caption"]
