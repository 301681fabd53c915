"""Build data/observations.csv and data/sources.csv from the research extracts.

This is a maintainer's tool, not part of the app or the tests: it reads the research folder
(`../shared/research` by default), applies the decisions documented in `data/README.md`
(benchmarks get their own area codes, bounds and ranges become `qualifier`/`lower`/`upper`,
duplicate reports of one figure are merged, unsafe rows are left out) and writes tidy tables.

The research excerpts are *not* copied: each observation keeps a `locator` (where in the
source the figure stands) and a short `note` in our own words.

    python tools/build_data.py [--research ../shared/research] [--out data]
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

FOLDERS = ["disrupting_harm", "response", "internet_use", "breakdowns", "seed"]
MEMBERS = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"}

# Rows that restate a figure already taken from another folder (kept once, see data/README.md)
DUPLICATE_OF_OTHER_FOLDER = {
    ("response", "ocsea_past_year"),  # DH headline, already in disrupting_harm/
    ("response", "tf_csea_past_year_broad"),  # Nature Table 1, already in breakdowns/
    ("seed", "ocsea_past_year_range_low"),  # same 1-20% statement as disrupting_harm/ range rows
    ("seed", "ocsea_past_year_range_high"),
}
# Rows left out on purpose (reason in data/README.md)
EXCLUDED = {
    # Malaysia's headline: ECPAT's launch note says "4%"; the report summary on ReliefWeb says "at least 4%". The row
    # citing the summary (response/, source reliefweb_dh_my) is used, so the qualifier is the source's own word.
    ("disrupting_harm", "ocsea_past_year", "MYS"): "the response/ row cites the source that says 'at least 4%'",
    ("breakdowns", "internet_use_last_3m_quarterly_col1"): "quarter labels contradict each other in the source table",
    ("breakdowns", "internet_use_last_3m_quarterly_col2"): "quarter labels contradict each other in the source table",
    ("breakdowns", "internet_use_last_3m_quarterly_col3"): "quarter labels contradict each other in the source table",
}
KEPT_FROM_DUPLICATE_FOLDER = {"MYS": {("response", "ocsea_past_year")}}
# Facts about ASEAN as an institution or membership: go to milestones.csv / countries.csv
MILESTONE_IDS = {
    "asean_declaration_coea_adopted",
    "asean_rpa_coea_endorsed",
    "asean_coea_guidelines_launched",
    "asean_ict_forum_held",
}
MEMBERSHIP_IDS = {"asean_member", "asean_full_member"}

# indicator id renames (merging two spellings of one measure, or dropping a bound suffix)
RENAME = {
    "internet_use_12_17": "internet_use_12_17_dh",
    "internet_penetration_13_18_apjii": "internet_penetration_apjii",
    "mobile_phone_users_pct_national": "mobile_phone_use_pct_national",
    "frontline_workers_stigma_barrier_min": "frontline_workers_stigma_discomfort_deters_reporting",
    "ocsea_social_media_facebook_share_min": "ocsea_social_media_facebook_share",
    "victims_told_no_one_max": "victims_told_no_one",
    "internet_use_15_49_lower_bound": "internet_use_15_49",
    "internet_use_15_24_asia_pacific": "internet_use_15_24",
    "unwanted_sexual_content_received_4country_sample": "olo_unwanted_sexual_content_received",
    "unwanted_request_talk_sex_4country_sample": "olo_unwanted_request_talk_about_sex",
    "unwanted_request_sexual_image_4country_sample": "olo_unwanted_request_sexual_images",
}
# benchmark rows coded ASEAN in research: indicator id -> (indicator id, area code)
BENCHMARK = {
    "internet_use_15_24_benchmark_world": ("internet_use_15_24", "WLD"),
    "internet_use_15_24_ratio_to_rest_benchmark_asia_pacific": ("internet_use_youth_ratio", "ITU_APAC"),
    "internet_use_pct_benchmark_eap_wb": ("internet_use_pct", "WB_EAP"),
    "internet_use_pct_benchmark_world": ("internet_use_pct", "WLD"),
    "internet_use_rest_of_population_benchmark_world": ("internet_use_rest_of_population", "WLD"),
    "school_age_no_home_internet_benchmark_eap": ("school_age_no_home_internet", "UNICEF_EAP"),
    "school_age_no_home_internet_benchmark_world": ("school_age_no_home_internet", "WLD"),
    "school_age_no_home_internet_n_benchmark_eap": ("school_age_no_home_internet_n", "UNICEF_EAP"),
    "school_age_no_home_internet_n_benchmark_world": ("school_age_no_home_internet_n", "WLD"),
    "youth_no_home_internet_benchmark_world": ("youth_no_home_internet", "WLD"),
    "youth_no_home_internet_n_benchmark_world": ("youth_no_home_internet_n", "WLD"),
    "child_population_0_17_benchmark_unicef_eap": ("child_population_0_17", "UNICEF_EAP"),
    "child_population_0_17_benchmark_unicef_eapro": ("child_population_0_17", "UNICEF_EAPRO"),
    "cosi_cyber_risk_exposure_benchmark_30_countries": ("cosi_cyber_risk_exposure", "COSI30"),
    "internet_use_15_24": ("internet_use_15_24", "APAC"),  # seed row (after rename)
    "olo_unwanted_sexual_content_received": ("olo_unwanted_sexual_content_received", "OLO4"),
    "olo_unwanted_request_talk_about_sex": ("olo_unwanted_request_talk_about_sex", "OLO4"),
    "olo_unwanted_request_sexual_images": ("olo_unwanted_request_sexual_images", "OLO4"),
}
AGE_CODES = {
    "5-24 (students)": "5-24s",
    "not stated": "unstated",
    "teenagers": "teen",
    "other age groups (not 15-24)": "not15-24",
}
UNIT_OVERRIDE = {
    "mobile_cellular_subs_per_100": "per_100",
    "cosi_rank": "rank",
    "internet_use_youth_ratio": "ratio",
}
# (area, indicator) -> qualifier for a single published value, as the source words it
QUALIFIER = {
    ("IDN", "ocsea_past_year"): "at least",
    ("MYS", "ocsea_past_year"): "at least",
    ("KHM", "ocsea_past_year_children_estimate"): "about",
    # "as many as X" stresses the size of a rounded figure: neither a lower nor an upper bound -> "about" (data/README.md)
    ("MYS", "ocsea_past_year_children_estimate"): "about",
    ("PHL", "ocsea_past_year_children_estimate"): "about",
    ("IDN", "online_at_least_twice_a_day"): "about",
    # the source's own hedge on the figure ("About 17.7%", "sekitar 53,73 persen")
    ("PHL", "household_own_internet_access_pct"): "about",
    ("IDN", "internet_use_pct_national"): None,  # per row below: only the 2020 row says "sekitar" (about)
    ("THA", "ocsea_past_year_children_estimate"): "about",
    ("KHM", "offender_unknown_share"): "about",
    ("IDN", "frontline_workers_stigma_discomfort_deters_reporting"): "more than",
    ("PHL", "ocsea_social_media_facebook_share"): "more than",
    ("MYS", "victims_told_no_one"): "up to",
    ("VNM", "internet_use_15_49"): "more than",
    ("APAC", "internet_use_15_24"): "about",
}
ROUNDED_BY_SOURCE = {"ncmec_cybertipline_referrals", "ncmec_online_enticement_referrals"}
# pairs of rows that are the two ends of one published range -> one range observation
RANGE_PAIRS = {
    "victims_did_not_disclose": ("victims_did_not_disclose_low", "victims_did_not_disclose_high"),
    "victims_disclosing_told_police": ("victims_told_police_low", "victims_told_police_high"),
    "selected_sexual_harms_via_social_media": (
        "selected_sexual_harms_via_social_media_range_low",
        "selected_sexual_harms_via_social_media_range_high",
    ),
    "ocsea_past_year": ("ocsea_past_year_min_across_countries", "ocsea_past_year_max_across_countries"),
}
# point estimate + interval rows -> one observation with lower/upper
INTERVAL_TRIPLES = {
    "tfcsea_past_year_all_children": ("tfcsea_past_year_all_children_ui_low", "tfcsea_past_year_all_children_ui_high"),
    "tfcsea_children_affected": ("tfcsea_children_affected_ui_low", "tfcsea_children_affected_ui_high"),
}
# notes in our own words for particular rows
ROW_NOTES = {
    ("IDN", "ocsea_past_year"): "The report's summary says at least 2%; an op-ed (source ppp_oped_asean) gives 2.2%, probably the unrounded estimate. The official headline is used.",
    ("MYS", "ocsea_past_year"): "The report summary (ReliefWeb) says at least 4%; ECPAT's launch note (source ecpat_mys_launch) gives 4% without the qualifier.",
    ("MYS", "ocsea_past_year_children_estimate"): "Published as 'as many as 100,000', a rounded estimate (shown as about).",
    ("PHL", "ocsea_past_year_children_estimate"): "Published as 'as many as two million', a rounded estimate (shown as about).",
    ("IDN", "online_at_least_twice_a_day"): "Published as 'as many as 95%' (shown as about).",
    ("PHL", "household_own_internet_access_pct"): "Published as 'about 17.7%'.",
    ("VNM", "ocsea_past_year"): "Only stated in the cross-country summary of the 13 Disrupting Harm countries.",
    ("THA", "internet_use_12_17_dh"): "UNICEF Thailand article; its footnote to the source was not retrieved, so attribution to Disrupting Harm is probable, not confirmed.",
    ("VNM", "received_money_gifts_for_sexual_images"): "As reported by the news article; not found in any Disrupting Harm text retrieved for this project.",
    ("APAC", "internet_use_15_24"): "Unverified: the article names no primary source; no ITU text with 73% was found. ITU says nearly three-quarters of young people in Asia and the Pacific use the internet.",
    ("MYS", "actively_sought_sexual_content"): "Attribution to Disrupting Harm is likely but not certain (the article also cites another UNICEF survey nearby).",
    ("MYS", "online_victimisation_past_year_subnational"): "Negeri Sembilan state only: school survey of secondary students aged 15-16.",
    ("MYS", "online_harassment_past_year_subnational"): "Negeri Sembilan state only: school survey of secondary students aged 15-16.",
    ("MYS", "online_sexual_solicitation_past_year_subnational"): "Negeri Sembilan state only. The study found no significant difference between girls and boys.",
    ("THA", "ticac_cases"): None,  # per-year notes below
    ("LAO", "ncmec_cybertipline_referrals"): "Rounded by NCMEC. NCMEC's 2024 by-country table, as transcribed, gives Lao PDR 15 referrals and 10 informational reports: almost surely a transcription error (about 17,000 here; 20,337 reports in 2023), so those two values are not published.",
    ("THA", "ncmec_cybertipline_referrals"): "Rounded by NCMEC. NCMEC's 2024 by-country table gives 262,288 referrals for Thailand; NCMEC says its Global Platform figures are a snapshot and can differ from the annual report.",
}
# rows whose note in ROW_NOTES replaces the one parsed from the excerpt (the parsed one names research-only ids)
ROW_NOTE_REPLACES = {("MYS", "ocsea_past_year"), ("LAO", "ncmec_cybertipline_referrals"), ("THA", "ncmec_cybertipline_referrals")}
# the six-country Disrupting Harm range: the dates of the six national figures differ
DH6_NOTE = ("Range across the six ASEAN member states surveyed by Disrupting Harm (lowest Viet Nam, highest Philippines); "
            "not an ASEAN average. The national figures are dated 2021 for the Philippines and Thailand (survey year) and "
            "2022 for Cambodia, Indonesia, Malaysia and Viet Nam (year the reports were published; fieldwork 2020-2021); "
            "the range is recorded under 2022. The same range is reported by the Bao Quoc Te article (seed_baoquocte_2023).")

# ------------------------------------------------------------------------------------------------ round 2
# research/round2/figures.csv (README there): research indicator -> how it enters data/. Values, bands, years and
# intervals are read from the file; nothing here restates a figure.
R2_NCMEC_NOTE_INFO = ("Informational reports: reports NCMEC judged to lack the detail needed for law-enforcement action. "
                      "First published separately for 2024.")
ROUND2 = {
    "ncmec_cybertipline_referrals_2024_bycountry_pdf": dict(
        indicator="ncmec_cybertipline_referrals_by_country", source="ncmec_ctr_country_2024",
        locator="referrals column (ref2024), row {country}, as transcribed from NCMEC's PDF in github.com/apparebit/diaphanous "
                "data/ocse-reports-per-country.csv (commit d3f89dc); the PDF itself was not read",
        note=""),
    "ncmec_cybertipline_informational_2024_bycountry_pdf": dict(
        indicator="ncmec_cybertipline_informational_reports", source="ncmec_ctr_country_2024",
        locator="informational column (info2024), row {country}, as transcribed from NCMEC's PDF in github.com/apparebit/diaphanous "
                "data/ocse-reports-per-country.csv (commit d3f89dc); the PDF itself was not read",
        note=R2_NCMEC_NOTE_INFO),
    "internet_penetration_apjii_gen_z": dict(
        indicator="internet_penetration_apjii", source="suara_apjii_2024", age="12-27",
        locator="text of the article (APJII 2024 survey, by generation)",
        note="Gen Z = people born 1997-2012 (the source's birth-year cohort, about 12-27 at the survey)."),
    "internet_penetration_apjii_post_gen_z": dict(
        indicator="internet_penetration_apjii", source="suara_apjii_2024", age="u12-2013",
        locator="text of the article (APJII 2024 survey, by generation)",
        note="Post Gen Z = children born 2013 or later (the source's birth-year cohort, under 12 at the survey)."),
    "internet_penetration_apjii": dict(
        indicator="internet_penetration_apjii", source="suara_apjii_2024",
        locator="text of the article (APJII 2024 survey, by sex)",
        note="APJII survey of 8,720 people, 18 Dec 2023 to 19 Jan 2024. Men are higher than women here; BPS 2023 "
             "(internet users, national statistics) reports the opposite: different surveys and definitions."),
    "internet_use_pct_national_bps": dict(
        indicator="internet_use_pct_national", source="databoks_bps_access_2023",
        locator="text of the article (BPS Statistik Telekomunikasi Indonesia 2023, by sex)",
        note="BPS figure as reported by Databoks, not read in BPS's own table. Women are higher than men here; APJII 2024 "
             "reports the opposite: different surveys and definitions."),
    "cyberbullying_involvement_pupils_telenor": dict(
        indicator="cyberbullying_involvement_pupils_telenor", source="bdreports24_telenor_2016",
        locator="text of the article (Telenor Group Safe Internet study, comparison of countries)",
        note="School pupils aged 12-18 in key cities (Malaysia 1,896, Thailand 1,336 pupils): not nationally representative. "
             "Year is the study's release year."),
    "social_media_use_facebook_conflict_areas": dict(
        indicator="social_media_use_facebook_conflict_areas", source="physorg_mmr_2020",
        locator="text of the article; age band from the study's abstract",
        note="Convenience sample of 231 young people aged 13-35 in Rakhine and Kayah States: not representative. "
             "Year is the report's publication year."),
    "social_media_use_messenger_conflict_areas": dict(
        indicator="social_media_use_messenger_conflict_areas", source="physorg_mmr_2020",
        locator="text of the article; age band from the study's abstract",
        note="Convenience sample of 231 young people aged 13-35 in Rakhine and Kayah States: not representative. "
             "Year is the report's publication year."),
    "cyberbullied_or_knows_child_victim_telenor": dict(
        indicator="cyberbullied_or_knows_child_victim", source="nation_telenor_mmr_2017", age="children",
        locator="text of the article",
        note="Telenor survey of subscribers and staff: not representative. Counts children who were cyberbullied or know a "
             "child who was."),
    "household_internet_access_with_school_going_children": dict(
        indicator="household_internet_access_school_children", source="worksmartasia_ida_2014", age="hh-school",
        locator="text of the blog post (IDA Annual Survey on Infocomm Usage in Households 2014)",
        note="Households, not children: internet access of households with school-going children."),
    "internet_use_children_10_14_ida": dict(
        indicator="internet_use_10_14_ida", source="parentjoy_ida_2006",
        locator="text of the blog post (citing The Straits Times on IDA's 2006 survey)",
        note="An old figure via a blog; IDA's own release said almost nine in ten used a computer and the internet."),
    "internet_daily_use_individuals": dict(
        indicator="internet_daily_use_individuals", source="bruneian_aiti_2019",
        locator="text of the article (Brunei Darussalam ICT Household Report 2019)",
        note="All ages, not children. The survey's reference period is probably 2018-2019."),
    "social_media_users_pct_13plus": dict(
        indicator="social_media_users_pct_13plus", source="borneobulletin_digital_2019", age="13+",
        locator="text of the article (Hootsuite/We Are Social, Digital 2019)",
        note="Commercial estimate of accounts (may count one person twice), capped at 99% by its publisher."),
    "facebook_active_users": dict(
        indicator="facebook_active_users", source="unicef_tls_blog_2017", qualifier="about",
        locator="text of the blog post (Facebook's 2016 user data)",
        note="All ages, not children; published as an estimate. About a third of the population, says the source."),
    # world benchmarks: research codes them ASEAN; here they are WLD
    "online_solicitation_past_year_benchmark_world": dict(
        indicator="online_solicitation_past_year_global", source="lancet_cah_2025_ocsea", area="WLD",
        locator="abstract, findings (pooled past-year prevalence with 95% interval)", note=""),
    "nonconsensual_sexual_images_past_year_benchmark_world": dict(
        indicator="nonconsensual_sexual_images_past_year_global", source="lancet_cah_2025_ocsea", area="WLD",
        locator="abstract, findings (pooled past-year prevalence with 95% interval)", note=""),
    "online_sexual_exploitation_past_year_benchmark_world": dict(
        indicator="online_sexual_exploitation_past_year_global", source="lancet_cah_2025_ocsea", area="WLD",
        locator="abstract, findings (pooled past-year prevalence with 95% interval)", note=""),
    "sexual_extortion_past_year_benchmark_world": dict(
        indicator="sexual_extortion_past_year_global", source="lancet_cah_2025_ocsea", area="WLD",
        locator="abstract, findings (pooled past-year prevalence with 95% interval)", note=""),
    "ocsea_overall_past_year_benchmark_world": dict(
        indicator="ocsea_past_year_global", source="lancet_cah_2025_ocsea", area="WLD",
        locator="abstract, findings (pooled past-year prevalence)",
        note="The 95% interval of this overall figure was cut off in the text read, so none is shown."),
    "children_affected_ocsea_past_year_benchmark_world": dict(
        indicator="children_affected_ocsea_global", source="childlight_itl_2024", area="WLD", qualifier="at least",
        locator="executive summary, first key figure",
        note="Published as '300 million+' children under 18 in the last 12 months."),
}
# rows read but not published, with the reason (the build fails if a round-2 row is neither used nor listed here)
ROUND2_NOT_PUBLISHED = {
    ("LAO", "ncmec_cybertipline_referrals_2024_bycountry_pdf"): "transcription error: 15 against about 17,000 (rounded 2024 referrals) and 20,337 reports in 2023",
    ("LAO", "ncmec_cybertipline_informational_2024_bycountry_pdf"): "same transcribed row as the suspect 15 referrals",
    ("KHM", "dh_ocsea_past_year_sex_gap"): "qualitative statement without a value",
    ("MYS", "dh_police_case_victims_modal_group"): "qualitative statement without a value",
    ("MYS", "dh_digital_skills_weakest_age_group"): "qualitative statement without a value",
}
# sources of round-2 rows (figures.csv names a title and address, not an id)
ROUND2_SOURCES = [
    dict(source_id="ncmec_ctr_country_2024", title="2024 CyberTipline Reports by Country",
         publisher="National Center for Missing & Exploited Children (NCMEC)", year="undated",
         url="https://www.ncmec.org/cybertiplinedata", licence="Copyright NCMEC; figures cited with attribution"),
    dict(source_id="suara_apjii_2024", title="Riset APJII: Jumlah Pengguna Internet Indonesia 2024 Didominasi Gen Z",
         publisher="Suara.com (reporting APJII, Survei Penetrasi Internet Indonesia 2024)", year="2024",
         url="https://suara.com/tekno/2024/01/31/151459/riset-apjii-jumlah-pengguna-internet-indonesia-2024-didominasi-gen-z"),
    dict(source_id="databoks_bps_access_2023", title="Tingkat Akses Internet di Seluruh Provinsi Indonesia Tahun 2023",
         publisher="Databoks/Katadata (reporting BPS, Statistik Telekomunikasi Indonesia 2023)", year="2024",
         url="https://databoks.katadata.co.id/datapublish/2024/08/30/tingkat-akses-internet-di-seluruh-provinsi-indonesia-tahun-2023"),
    dict(source_id="bdreports24_telenor_2016", title="49pc pupils cyberbullied in Bangladesh",
         publisher="bdreports24 (reporting Telenor Group's Safe Internet study)", year="2016",
         url="https://bdreports24.com/49pc-pupils-cyberbullied-in-bangladesh/"),
    dict(source_id="physorg_mmr_2020", title="Social media use by young people in conflict-ridden Myanmar",
         publisher="Phys.org (on Ridout et al., Cyberpsychology, Behavior, and Social Networking)", year="2020",
         url="https://phys.org/news/2020-12-social-media-young-people-conflict-ridden.html"),
    dict(source_id="nation_telenor_mmr_2017", title="Myanmar kids being cyber-bullied: report",
         publisher="The Nation (reporting Telenor Myanmar)", year="2017",
         url="https://www.nationmultimedia.com/news/breakingnews/30303744"),
    dict(source_id="worksmartasia_ida_2014", title="Singapore's IDA creates snapshot of home computer usage in Singapore for 2014",
         publisher="worksmartasia blog (summarising IDA's Annual Survey on Infocomm Usage in Households 2014)", year="2015",
         url="http://worksmartasia.blogspot.com/2015/11/singapores-ida-creates-snapshot-of-home.html"),
    dict(source_id="parentjoy_ida_2006", title="Internet Usage by Youngsters in Singapore",
         publisher="parent-joy blog (citing The Straits Times on IDA's annual survey)", year="2007",
         url="http://parent-joy.blogspot.com/2007/01/internet-age-by-youngsters-in-singapore.html"),
    dict(source_id="bruneian_aiti_2019", title="95% of the population use the internet daily, says ICT report",
         publisher="The Bruneian (reporting AITI's Brunei Darussalam ICT Household Report 2019)", year="2020",
         url="https://www.thebruneian.news/95-of-the-population-use-the-internet-daily-says-ict-report/"),
    dict(source_id="borneobulletin_digital_2019", title="Bruneians among top online users",
         publisher="Borneo Bulletin, as mirrored (reporting Hootsuite/We Are Social, Digital 2019)", year="2019",
         url="http://google-site-search.net/bruneians-among-top-online-users/"),
    dict(source_id="unicef_tls_blog_2017",
         title="A bridge to new opportunities: Timor-Leste youth celebrate landmark UNICEF report on the digital world",
         publisher="UNICEF Timor-Leste (blog)", year="2017",
         url="http://uniceftimorleste.blogspot.com/2017/12/a-bridge-to-new-opportunities-timor.html"),
    dict(source_id="lancet_cah_2025_ocsea",
         title="Prevalence estimates and nature of online child sexual exploitation and abuse: a systematic review and meta-analysis",
         publisher="The Lancet Child & Adolescent Health (Childlight, University of Edinburgh, and Georgia State University)",
         year="2025", url="https://doi.org/10.1016/S2352-4642(24)00329-8"),
    dict(source_id="childlight_itl_2024", title="Into the Light Index 2024: Executive Summary",
         publisher="Childlight - Global Child Safety Institute (University of Edinburgh)", year="2024",
         url="https://intothelight.childlight.org/executive-summary.html"),
]
# NCMEC's own data page replaces the address of the repository the 2023 PDF was read from (kept in the locator)
SOURCE_URL_OVERRIDE = {"ncmec_ctr_country_2023": "https://www.ncmec.org/cybertiplinedata"}
AGE_ROUND2 = {"under 12 (born 2013+)": "u12-2013", "children (age not stated)": "children",
              "households with school-going children": "hh-school"}


def round2_rows(research: Path) -> list[dict]:
    """Observations from research/round2/figures.csv, as ROUND2 says; fails on a row it does not know."""
    path = research / "round2" / "figures.csv"
    out = []
    for r in read_csv(path):
        key = (r["iso3"], r["indicator"])
        if key in ROUND2_NOT_PUBLISHED:
            continue
        if r["indicator"] not in ROUND2:
            raise SystemExit(f"round2: no rule for {key}; add it to ROUND2 or ROUND2_NOT_PUBLISHED")
        if not r["value"]:
            raise SystemExit(f"round2: {key} has no value; a statement without a value is not an observation")
        rule = ROUND2[r["indicator"]]
        area = rule.get("area", r["iso3"])
        if area == "ASEAN":
            raise SystemExit(f"round2: {key} is coded ASEAN; give it a benchmark area")
        lower, upper, qualifier = r["lower"], r["upper"], rule.get("qualifier", "")
        if rule.get("qualifier") in ("at least", "more than"):
            lower, upper = "", ""  # a bound: the published number is the value, the qualifier says which side
        elif lower and upper:
            qualifier = "interval"
        elif lower or upper:
            raise SystemExit(f"round2: {key} has one end of an interval; decide how to publish it")
        age = rule.get("age") or AGE_ROUND2.get(r["age_band"], r["age_band"])
        out.append({
            "iso3": area, "indicator_id": rule["indicator"], "age_band": age, "sex": r["sex"], "year": int(r["year"]),
            "value": r["value"], "lower": lower, "upper": upper, "qualifier": qualifier, "source_id": rule["source"],
            "locator": rule["locator"].format(country=r["iso3"]), "note": rule["note"],
        })
    return out


def parse_excerpt(excerpt: str, source_id: str, country: str) -> tuple[str, str]:
    """Return (locator, note) from a research excerpt without copying its quoted words."""
    tags = re.findall(r"\[([^\[\]]*)\]\s*$", excerpt)
    note = ""
    if tags and not excerpt.startswith("[data file]"):
        tag = tags[-1]
        note = {
            "yr=publication": "Year is the report's publication year.",
            "yr=fieldwork": "Year is the survey fieldwork year.",
            "yr=ref period per UNICEF TH": "Year is the reference year given by UNICEF Thailand.",
        }.get(tag, "")
        if not note:
            if tag.startswith("year: undated summary"):
                note = "Undated legal summary; year is approximate (about 2025)."
            elif "yr=publication" in tag or "year=publication" in tag:
                note = "Year is the publication year."
            elif tag.startswith("year note:"):
                note = "Year: " + tag[len("year note:"):].strip().rstrip(".") + "."
            elif tag.startswith("yr=end of 2020"):
                note = "Fieldwork 2020-2021; year recorded as 2021."
    if excerpt.startswith("[data file]"):
        m = re.match(r"\[data file\] ([^,]+), row \"([^\"]+)\", column ([^:]+):", excerpt)
        if m:
            file, row, col = m.groups()
            row_label = row.split(",")[0]
            return f"data file {file}, row {row_label}, column {col.strip()}", ""
        return "data file row (see source)", ""
    if excerpt.startswith("Table 1, column"):
        m = re.match(r"Table 1, column \"([^\"]+)\"", excerpt)
        return f"Table 1, column '{m.group(1)}', row {country}", note
    if source_id.startswith("ncmec_ctr_country_"):
        year = source_id.rsplit("_", 1)[1]
        return (f"table of reports by country, row {country}; read in the copy of NCMEC's PDF kept in the public "
                f"repository github.com/apparebit/diaphanous (data/ncmec/ncmec-by-country-{year}.pdf), whose "
                f"transcription data/ocse-reports-per-country.csv gives the same value"), ""
    if source_id == "ncmec_gpcep_reports_2024":
        return f"reports-2024.json, entry for {country}", "Rounded by NCMEC."
    if source_id.startswith("nso_th_syb2022"):
        return "Table 16.7, 2021", note
    return "text of the page", note


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def build(research: Path, out: Path) -> None:
    rows = []
    for folder in FOLDERS:
        for r in read_csv(research / folder / "indicators.csv"):
            r["_folder"] = folder
            rows.append(r)

    obs: list[dict] = []
    milestones: list[dict] = []
    pending_ranges: dict[tuple, dict] = {}
    pending_intervals: dict[tuple, dict] = {}
    range_part = {part: (target, i) for target, pair in RANGE_PAIRS.items() for i, part in enumerate(pair)}
    interval_part = {part: (target, i) for target, pair in INTERVAL_TRIPLES.items() for i, part in enumerate(pair)}

    for r in rows:
        folder, ind = r["_folder"], r["indicator_id"]
        if (folder, ind, r["country_iso3"]) in EXCLUDED:
            continue
        if (folder, ind) in KEPT_FROM_DUPLICATE_FOLDER.get(r["country_iso3"], set()):
            pass  # this country's row is the one kept (see EXCLUDED)
        elif (folder, ind) in DUPLICATE_OF_OTHER_FOLDER or (folder, ind) in EXCLUDED:
            continue
        if ind in MILESTONE_IDS:
            _, note = parse_excerpt(r["excerpt"], r["source_id"], r["country"])
            milestones.append({"year": r["year"], "milestone_id": ind, "event": r["indicator_label"], "source_id": r["source_id"]})
            continue
        if ind in MEMBERSHIP_IDS:
            continue
        if ind == "ocsea_past_year" and r["source_id"] == "ppp_oped_asean":
            continue  # 2.2% op-ed figure: kept as a note on the official "at least 2%" row
        if ind == "online_victimisation_past_year_subnational" and r["source_id"] == "unicef_mys_sitan_issuu":
            ind = "online_victimisation_past_year_subnational_all_students"
        ind = RENAME.get(ind, ind)
        area = r["country_iso3"]
        if area == "ASEAN":
            if ind in BENCHMARK:
                ind, area = BENCHMARK[ind]
            elif ind in range_part and range_part[ind][0] == "ocsea_past_year":
                area = "DH6"
            else:
                raise SystemExit(f"unmapped ASEAN row: {folder} {ind}")
        age = AGE_CODES.get(r["age_band"], r["age_band"])
        unit = UNIT_OVERRIDE.get(ind, r["unit"])
        locator, note = parse_excerpt(r["excerpt"], r["source_id"], r["country"])
        extra = ROW_NOTES.get((area, ind))
        if (area, ind) in ROW_NOTE_REPLACES:
            note = extra
        elif extra:
            note = (note + " " + extra).strip()
        if ind == "ticac_cases" and r["year"] == "2017":
            note = "Partial year: cases to 31 October 2017."
        if ind == "has_child_helpline" and r["source_id"] == "abscbn_bantaybata":
            ind = "has_child_helpline_second"  # PHL has two helplines; keep both facts
        qualifier = QUALIFIER.get((area, ind)) or ""
        if (area, ind) == ("IDN", "internet_use_pct_national") and r["source_id"] == "tekcareya_bps_2024":
            qualifier = "about"  # "sekitar 53,73 persen"
            note = (note + " The source says 'sekitar' (about) 53.73%.").strip()
        rec = {
            "iso3": area,
            "indicator_id": ind,
            "age_band": age,
            "sex": r["sex"],
            "year": int(r["year"]),
            "value": r["value"],
            "lower": "",
            "upper": "",
            "qualifier": qualifier,
            "source_id": r["source_id"],
            "locator": locator,
            "note": note,
            "_unit": unit,
        }
        if ind in ROUNDED_BY_SOURCE:
            rec["qualifier"] = "about"
        if ind in range_part:
            target, i = range_part[ind]
            key = (area, target, age, r["sex"], r["year"], r["source_id"])
            rec2 = pending_ranges.setdefault(key, dict(rec, indicator_id=target, value="", qualifier="range"))
            rec2["lower" if i == 0 else "upper"] = r["value"]
            if target == "ocsea_past_year":
                rec2["note"] = DH6_NOTE
            continue
        if ind in interval_part:
            target, i = interval_part[ind]
            key = (area, target, age, r["sex"], r["year"], r["source_id"])
            pending_intervals.setdefault(key, {})["lower" if i == 0 else "upper"] = r["value"]
            continue
        obs.append(rec)

    obs.extend(pending_ranges.values())
    by_key = {(o["iso3"], o["indicator_id"], o["age_band"], o["sex"], str(o["year"]), o["source_id"]): o for o in obs}
    for key, bounds in pending_intervals.items():
        target = by_key[key]
        target.update(bounds)
        target["qualifier"] = "interval"

    # the IDN "has_child_helpline_second" trick is only for PHL's second helpline
    for o in obs:
        if o["indicator_id"] == "has_child_helpline_second":
            o["indicator_id"] = "has_child_helpline"
            o["note"] = (o["note"] + " Bantay Bata 163, run by a foundation since 1997.").strip()

    obs.extend(round2_rows(research))
    obs.sort(key=lambda o: (o["indicator_id"], o["iso3"], o["age_band"], o["sex"], o["year"]))
    cols = ["iso3", "indicator_id", "age_band", "sex", "year", "value", "lower", "upper", "qualifier", "source_id", "locator", "note"]
    out.mkdir(parents=True, exist_ok=True)
    with (out / "observations.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(obs)
    with (out / "milestones.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["year", "milestone_id", "event", "source_id"], lineterminator="\n")
        w.writeheader()
        w.writerows(sorted(milestones, key=lambda m: (int(m["year"]), m["milestone_id"])))

    # sources: every source referenced by an observation or milestone, plus the membership source
    used = {o["source_id"] for o in obs} | {m["source_id"] for m in milestones} | {"lokmattimes_tls_2025", "ppp_oped_asean", "seed_baoquocte_2023"}
    sources = {}
    for folder in FOLDERS:
        for s in read_csv(research / folder / "sources.csv"):
            if s["source_id"] in used and s["source_id"] not in sources:
                sources[s["source_id"]] = s
    research_ids = {s["source_id"] for folder in FOLDERS for s in read_csv(research / folder / "sources.csv")}
    clash = research_ids & {s["source_id"] for s in EXTRA_SOURCES + ROUND2_SOURCES}
    if clash:
        raise SystemExit(f"source ids already used by the research extracts: {sorted(clash)}")
    for extra in EXTRA_SOURCES + ROUND2_SOURCES:
        sources[extra["source_id"]] = extra
    for sid, url in SOURCE_URL_OVERRIDE.items():
        sources[sid] = dict(sources[sid], url=url)
    missing = used - set(sources)
    if missing:
        raise SystemExit(f"sources missing: {sorted(missing)}")
    with (out / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["source_id", "title", "publisher", "date", "url", "licence"], lineterminator="\n")
        w.writeheader()
        for sid in sorted(sources):
            s = sources[sid]
            w.writerow({
                "source_id": sid,
                "title": s["title"],
                "publisher": s["publisher"],
                "date": s["year"] if s["year"] not in ("", "unknown") else "undated",
                "url": s["url"],
                "licence": licence_for(sid, s),
            })
    print(f"{len(obs)} observations, {len(milestones)} milestones, {len(sources)} sources")


# sources cited by the project itself (read by the maintainers), not in the research folder
EXTRA_SOURCES = [
    {
        "source_id": "businessinasean_intro",
        "title": "Introduction to ASEAN",
        "publisher": "Business in ASEAN (ASEAN Business Advisory Council portal)",
        "year": "undated",
        "url": "http://www.businessinasean.com/en/about-asean/introduction-to-asean.html",
        "licence": "Copyright of the publisher; facts cited with attribution",
    },
    {
        "source_id": "naturalearth_50m_v5",
        "title": "Natural Earth 1:50m Cultural Vectors, Admin 0 - Countries and Populated Places, version 5.0.0",
        "publisher": "Natural Earth",
        "year": "2021",
        "url": "https://www.naturalearthdata.com/downloads/50m-cultural-vectors/",
        "licence": "Public domain (Natural Earth terms of use)",
    },
]


def licence_for(sid: str, s: dict) -> str:
    if s.get("licence"):
        return s["licence"]
    if sid.startswith("wdi_"):
        return "CC BY 4.0 (World Bank open data terms)"
    if sid.startswith("owid_"):
        return "CC BY 4.0 (Our World in Data); underlying data ITU via World Bank"
    if sid.startswith("unicef_dm_pop") or sid.startswith("unicef_school_age"):
        return "UNICEF data terms of use (free reuse with attribution)"
    if sid.startswith("ncmec") or sid.startswith("gpcep"):
        return "Copyright NCMEC; figures cited with attribution"
    return "Copyright of the publisher; figure cited with attribution"


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--research", default=str(Path(__file__).resolve().parents[2] / "shared" / "research"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "data"))
    a = ap.parse_args()
    build(Path(a.research), Path(a.out))
