"""Regression tests pinning the headline figures, each with its source id.

The literals below were checked once against the project's research extracts; the tests read
only the project's own data/ (a user's clone has nothing else). If one fails, a figure or its
source changed: check the source before updating the literal.
"""

from __future__ import annotations

import pytest

from aseancop import format_value
from components import wording

MEMBERS = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"]

# Disrupting Harm: internet-using children aged 12-17 subjected to OCSEA in the past year
OCSEA = {  # iso3: (value, qualifier, display, year, source_id)
    "KHM": (11, "", "11%", 2022, "ecpat_khm_launch"),
    "IDN": (2, "at least", "≥ 2%", 2022, "respect_idn"),
    "MYS": (4, "at least", "≥ 4%", 2022, "reliefweb_dh_my"),  # the report summary says "at least 4%"
    "PHL": (20, "", "20%", 2021, "dh_phl_reliefweb"),  # read in ECPAT's launch note; the report is cited
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
    card = next(h for h in wording.headlines(ds) if h["id"] == "ocsea")
    assert card["value"] == "1–20%"
    assert "Viet Nam lowest" in card["caption"] and "Philippines highest" in card["caption"]
    assert "12–17" in card["caption"] and card["sources"] == ["safeonline_insights"]


def test_ocsea_headline_keeps_the_survey_name(ds):
    card = next(h for h in wording.headlines(ds) if h["id"] == "ocsea")
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
    card = next(h for h in wording.headlines(ds) if h["id"] == "online_all")
    decimals = ds.indicator("internet_use_pct")["decimals"]
    lo, hi = INTERNET_USE["TLS"][1], INTERNET_USE["BRN"][1]  # lowest and highest member, no world figure
    assert card["value"] == format_value(None, lo, hi, "range", "percent", decimals)
    assert "Timor-Leste lowest" in card["caption"] and "Brunei Darussalam highest" in card["caption"]


def test_ocsea_range_says_which_figures_are_dated_2021(ds):
    note = rows(ds, "ocsea_past_year", iso3="DH6").iloc[0]["note"]
    assert "2021 for the Philippines and Thailand" in note and "2022 for Cambodia, Indonesia, Malaysia and Viet Nam" in note
    assert "2021" in ds.indicator("ocsea_past_year")["comparability"]


# ----------------------------------------------------------------------------- qualifiers and citations (audit)
AS_MANY_AS = {  # rows whose source says "as many as X": one rule everywhere, shown as approximate (data/README.md)
    ("MYS", "ocsea_past_year_children_estimate"): (100_000, "≈ 100,000"),
    ("PHL", "ocsea_past_year_children_estimate"): (2_000_000, "≈ 2,000,000"),
    ("IDN", "online_at_least_twice_a_day"): (95, "≈ 95%"),
}


@pytest.mark.parametrize("key", list(AS_MANY_AS))
def test_as_many_as_is_approximate_everywhere(ds, key):
    r = rows(ds, key[1], iso3=key[0]).iloc[0]
    assert (r["value"], r["qualifier"], r["display"]) == (AS_MANY_AS[key][0], "about", AS_MANY_AS[key][1])
    assert "as many as" in r["note"]


def test_ncmec_2019_2023_cite_ncmec_with_the_copy_as_locator(ds):
    o = rows(ds, "ncmec_cybertipline_reports")
    for sid in set(o["source_id"]):
        src = ds.sources.loc[sid]
        assert src["publisher"].startswith("National Center for Missing & Exploited Children"), sid
        assert "missingkids.org" in src["url"] or "ncmec.org" in src["url"], (sid, src["url"])
    assert o["locator"].str.contains("apparebit/diaphanous").all()


# ----------------------------------------------------------------------------- round 2 (research/round2/figures.csv)
# (iso3, indicator, age band, sex, year): (value, lower, upper, qualifier) -- each literal checked against the
# figures.csv row of the same country, indicator, band and sex; world benchmarks are coded WLD here, ASEAN there.
ROUND2 = {
    # NCMEC's exact 2024 referrals (by-country report) are the one figure of `ncmec_cybertipline_referrals` (data/README.md)
    **{(c, "ncmec_cybertipline_referrals", "all", "all", 2024): (v, None, None, "") for c, v in {
        "BRN": 1317, "MMR": 53297, "KHM": 67327, "IDN": 1235762, "MYS": 108137, "PHL": 1364464, "SGP": 14960,
        "THA": 262288, "TLS": 6949, "VNM": 285193}.items()},
    **{(c, "ncmec_cybertipline_informational_reports", "all", "all", 2024): (v, None, None, "") for c, v in {
        "BRN": 268, "MMR": 31270, "KHM": 10383, "IDN": 214641, "MYS": 21427, "PHL": 356785, "SGP": 3933,
        "THA": 53647, "TLS": 665, "VNM": 95967}.items()},
    ("IDN", "internet_penetration_apjii", "12-27", "all", 2024): (87.02, None, None, ""),
    ("IDN", "internet_penetration_apjii", "u12-2013", "all", 2024): (48.1, None, None, ""),
    ("IDN", "internet_penetration_apjii", "all", "male", 2024): (87.6, None, None, ""),
    ("IDN", "internet_penetration_apjii", "all", "female", 2024): (85.5, None, None, ""),
    ("IDN", "internet_use_pct_national", "5+", "female", 2023): (72.07, None, None, ""),
    ("IDN", "internet_use_pct_national", "5+", "male", 2023): (66.35, None, None, ""),
    ("MMR", "social_media_use_facebook_conflict_areas", "13-35", "all", 2019): (87.4, None, None, ""),
    ("MMR", "social_media_use_messenger_conflict_areas", "13-35", "all", 2019): (71.4, None, None, ""),
    ("MMR", "cyberbullied_or_knows_child_victim", "children", "all", 2016): (11, None, None, ""),
    ("MYS", "cyberbullying_involvement_pupils_telenor", "12-18", "all", 2016): (37, None, None, ""),
    ("THA", "cyberbullying_involvement_pupils_telenor", "12-18", "all", 2016): (33, None, None, ""),
    ("SGP", "household_internet_access_school_children", "hh-school", "all", 2014): (98, None, None, ""),
    ("SGP", "internet_use_10_14_ida", "10-14", "all", 2006): (90, None, None, ""),
    ("BRN", "internet_daily_use_individuals", "all", "all", 2019): (95, None, None, ""),
    ("BRN", "social_media_users_pct_13plus", "13+", "all", 2019): (99, None, None, ""),
    ("TLS", "facebook_active_users", "all", "all", 2016): (400_000, None, None, "about"),
    ("WLD", "online_solicitation_past_year_global", "0-17", "all", 2025): (12.5, 10.5, 14.7, "interval"),
    ("WLD", "nonconsensual_sexual_images_past_year_global", "0-17", "all", 2025): (12.6, 9.7, 16.2, "interval"),
    ("WLD", "online_sexual_exploitation_past_year_global", "0-17", "all", 2025): (4.7, 2.9, 7.3, "interval"),
    ("WLD", "sexual_extortion_past_year_global", "0-17", "all", 2025): (3.5, 1.9, 6.4, "interval"),
    ("WLD", "ocsea_past_year_global", "0-17", "all", 2025): (8.1, None, None, ""),
    ("WLD", "children_affected_ocsea_global", "0-17", "all", 2024): (300_000_000, None, None, "at least"),
}


def _num(x):
    return None if x != x else float(x)  # NaN -> None


@pytest.mark.parametrize("key", list(ROUND2))
def test_round2_figure_as_in_the_research_extract(ds, key):
    iso3, indicator, age, sex, year = key
    r = rows(ds, indicator, iso3=iso3, age_band=age, sex=sex, year=year)
    assert len(r) == 1, key
    r = r.iloc[0]
    value, lower, upper, qualifier = ROUND2[key]
    assert (_num(r["value"]), _num(r["lower"]), _num(r["upper"]), r["qualifier"]) == (
        float(value), None if lower is None else float(lower), None if upper is None else float(upper), qualifier)


def test_round2_rows_are_all_there_and_no_more(ds):
    new_ids = {k[1] for k in ROUND2} - {"internet_penetration_apjii", "internet_use_pct_national", "ncmec_cybertipline_referrals"}
    got = ds.obs[ds.obs["indicator_id"].isin(new_ids)]
    got = got[~((got["iso3"] == "SGP") & (got["year"] == 2022))]  # round 3 brings Singapore's household access to 2022
    assert len(got) == len([k for k in ROUND2 if k[1] in new_ids]) == 26
    ref = ds.obs[(ds.obs["indicator_id"] == "ncmec_cybertipline_referrals") & (ds.obs["year"] == 2024)]
    assert len(ref) == 11 and (ref["source_id"] == "ncmec_ctr_country_2024").sum() == 10


@pytest.mark.parametrize("iso3,exact,rounded", [("TLS", "6,949", "6,900"), ("THA", "262,288", "240,000"), ("IDN", "1,235,762", "1,200,000")])
def test_one_figure_per_measured_thing_ncmec_2024_referrals(ds, iso3, exact, rounded):
    """NCMEC's 2024 referrals were shown twice (rounded and exact): the exact figure is shown, the rounded one is its note."""
    o = ds.obs[(ds.obs["iso3"] == iso3) & (ds.obs["year"] == 2024) & ds.obs["indicator_id"].str.startswith("ncmec_cybertipline_ref")]
    assert len(o) == 1
    r = o.iloc[0]
    assert r["display"] == exact and f"about {rounded}" in r["note"] and "ncmec_gpcep_reports_2024" in r["note"]
    assert "ncmec_cybertipline_referrals_by_country" not in ds.indicator_meta


def test_lao_2024_transcription_error_is_not_published(ds):
    lao = ds.obs[(ds.obs["iso3"] == "LAO") & ds.obs["indicator_id"].str.startswith("ncmec")]
    assert not lao[lao["year"] == 2024]["value"].isin([15, 10]).any()
    assert lao[lao["indicator_id"] == "ncmec_cybertipline_informational_reports"].empty
    kept = lao[(lao["indicator_id"] == "ncmec_cybertipline_referrals") & (lao["year"] == 2024)].iloc[0]
    assert (kept["value"], kept["qualifier"], kept["display"]) == (17_000, "about", "≈ 17,000")
    assert "transcription error" in kept["note"]


def test_round2_tiers(ds):
    tier = {i: ds.indicator(i)["tier"] for i in {k[1] for k in ROUND2}}
    assert tier["ncmec_cybertipline_referrals"] == tier["ncmec_cybertipline_informational_reports"] == "comparable"
    assert tier["cyberbullying_involvement_pupils_telenor"] == "national"
    for thin in ("social_media_use_facebook_conflict_areas", "cyberbullied_or_knows_child_victim", "internet_use_10_14_ida",
                 "household_internet_access_school_children", "internet_daily_use_individuals",
                 "social_media_users_pct_13plus", "facebook_active_users", "ocsea_past_year_global",
                 "children_affected_ocsea_global"):
        assert tier[thin] == "context", thin
    world = ds.obs[ds.obs["indicator_id"].str.endswith("_global")]
    assert set(world["iso3"]) == {"WLD"} and (world["area_kind"] == "benchmark").all()


@pytest.mark.parametrize("iso3,indicator,year,display", [
    ("PHL", "household_own_internet_access_pct", 2019, "≈ 17.7%"),  # "About 17.7%"
])
def test_a_figure_the_source_hedges_reads_as_approximate(ds, iso3, indicator, year, display):
    r = rows(ds, indicator, iso3=iso3, year=year, sex="all").iloc[0]
    assert (r["qualifier"], r["display"]) == ("about", display)


# ----------------------------------------------------------------------------- one figure per measured thing
@pytest.mark.parametrize("iso3,year,office", [
    ("IDN", 2020, "about 53.73% (ages 5 and over; source tekcareya_bps_2024)"),  # "sekitar 53,73 persen"
    ("IDN", 2023, "69.21% (ages 5 and over"), ("MYS", 2018, "81.2% (ages not stated"),
    ("MYS", 2022, "97.4% (ages 15 and over"), ("THA", 2023, "89.5% (ages 6 and over")])
def test_office_figure_the_world_bank_reproduces_is_shown_once(ds, iso3, year, office):
    national = rows(ds, "internet_use_pct_national", iso3=iso3, year=year, sex="all")
    assert national.empty
    wdi = rows(ds, "internet_use_pct", iso3=iso3, year=year).iloc[0]
    assert "publishes the same figure, " + office in wdi["note"]


def test_lao_national_and_world_bank_internet_series_stay_side_by_side(ds):
    lsb = rows(ds, "internet_use_pct_national", iso3="LAO", sex="all").set_index("year")["value"].to_dict()
    wdi = rows(ds, "internet_use_pct", iso3="LAO").set_index("year")["value"].to_dict()
    assert lsb == {2015: 28.1, 2016: 19, 2017: 26, 2018: 37, 2019: 49}  # research/round3/figures.csv
    assert (wdi[2015], wdi[2019]) == (18.2, 47.0323)
    assert "28.1%" in rows(ds, "internet_use_pct", iso3="LAO", year=2015).iloc[0]["note"]
    assert "World Bank" in rows(ds, "internet_use_pct_national", iso3="LAO", year=2015, sex="all").iloc[0]["note"]
    sexes = rows(ds, "internet_use_pct_national", iso3="LAO", year=2015).set_index("sex")["value"].to_dict()
    assert sexes == {"all": 28.1, "female": 27.9, "male": 28.3}


# ----------------------------------------------------------------------------- the response as it stands in 2026
@pytest.mark.parametrize("iso3,indicator,year,source,words", [
    ("MYS", "platform_age_verification_required", 2026, "mys_malaymail_u16_2026", "1 June 2026"),
    ("MYS", "platform_online_safety_regulation", 2026, "mys_rahmatlim_onsa_2026", "1 January 2026"),
    ("VNM", "platform_proactive_csam_measures_required", 2026, "vnm_mondaq_cybersecurity_law_2026", "1 July 2026"),
    ("IDN", "platform_age_verification_required", 2026, "idn_jawawa_antara_kpai_2026", "28 March 2026"),
    ("IDN", "platform_online_safety_regulation", 2026, "idn_straitstimes_permen9_2026", "28 March 2026"),
    ("IDN", "social_media_under16_restriction_in_force", 2026, "idn_mediaindonesia_permen9_2026", "28 March 2026"),
    ("SGP", "platform_online_safety_regulation", 2025, "sgp_rajahtann_osra_2025", "5 November 2025"),
])
def test_latest_reads_the_2026_state_with_its_date(ds, iso3, indicator, year, source, words):
    r = ds.latest(indicator).set_index("iso3").loc[iso3]
    assert (r["year"], r["display"], r["source_id"]) == (year, "Yes", source)
    assert words in r["note"]


@pytest.mark.parametrize("iso3,indicator,year,words", [
    ("VNM", "platform_proactive_csam_measures_required", 2025, "before 1 July 2026"),
    ("MYS", "platform_online_safety_regulation", 2025, "Royal Assent 6 May 2025"),
    ("IDN", "platform_age_verification_required", 2025, "took effect on 28 March 2026"),
])
def test_outdated_figure_keeps_its_year_and_says_what_changed(ds, iso3, indicator, year, words):
    r = rows(ds, indicator, iso3=iso3, year=year).iloc[0]
    assert words in r["note"]


def test_weak_round3_rows_are_left_out_and_2019_index_is_context(ds):
    assert not ds.obs["indicator_id"].str.contains("tiktok|youtube|self_assessment").any()
    assert "idn_peopleofinternet_pptunas_2026" not in ds.sources.index
    oosi = ds.indicator("out_of_shadows_index_score")
    assert oosi["tier"] == "context" and "2019" in oosi["comparability"] and "not current" in oosi["tier_reason"]
    assert rows(ds, "out_of_shadows_index_score")["note"].str.startswith("2019, not current").all()
    bench = ds.obs[ds.obs["indicator_id"].isin(["ncmec_gai_reports_h1", "childlight_share_csam_alerts",
                                                "gci_countries_cop_legal_measures"])]
    assert set(bench["area_kind"]) == {"benchmark"} and not bench["iso3"].isin(ds.member_codes).any()


def test_most_round3_sources_are_cited(ds):
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "shared" / "research" / "round3" / "sources.csv"  # beside the repository
    ids = [r["source_id"] for r in csv.DictReader(path.open(encoding="utf-8"))]
    cited = [i for i in ids if i in ds.sources.index]
    assert len(ids) == 54 and len(cited) / len(ids) >= 0.8, sorted(set(ids) - set(cited))


# ----------------------------------------------------------------------------- primary sources (data/README.md)
@pytest.mark.parametrize("iso3,indicator,report,page", [
    ("PHL", "ocsea_past_year", "dh_phl_reliefweb", "ecpat.org/launch-of-the-disrupting-harm-report-for-the-philippines"),
    ("MYS", "ocsea_past_year_children_estimate", "reliefweb_dh_my", "ecpat.org/launch-of-the-disrupting-harm-report-for-malaysia"),
    ("THA", "did_not_know_where_to_get_help", "dh_tha_innocenti", "unicef.org/thailand/press-releases/disrupting-harm-report-thailand"),
])
def test_disrupting_harm_figure_cites_the_report_not_the_launch_page(ds, iso3, indicator, report, page):
    r = rows(ds, indicator, iso3=iso3).iloc[0]
    assert r["source_id"] == report and page in r["locator"]
    assert ds.sources.loc[report, "title"].startswith("Disrupting Harm in")
    assert ds.sources["url"].str.contains(page, regex=False).any()  # the page read is still listed as a source
