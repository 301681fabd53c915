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
# ------------------------------------------------------------------------------------------------ round 3
# research/round3/figures.csv (README there): research indicator -> how it enters data/. The value, band, sex and year
# are read from the file. `note` (our words) replaces the research caveat where the caveat names research ids or
# says how the row was coded; otherwise the caveat is the note. World/regional rows (coded ASEAN there) get an area.
R3_WEAK = "Secondary source (a legal-information website), not the law or the government's text."
ROUND3 = {
    "online_safety_law_in_force": dict(indicator="platform_online_safety_regulation", locator="text of the article (opening)",
        note="The Online Safety Act 2025 came into force on 1 January 2026, with four sets of subsidiary legislation; "
             "it was enacted in 2025 (see the 2025 figure). Law-firm commentary of February 2026, not the Gazette."),
    "social_media_platform_licensing_in_force": dict(locator="text of the article",
        note="In force since 1 January 2025: platforms with at least 8 million users in Malaysia need a licence from the "
             "regulator (MCMC). General platform licensing, not specific to children."),
    "child_protection_code_in_force": dict(locator="text of the article (22 May 2026)",
        note="In force since 1 June 2026, with the Risk Mitigation Code. Platforms must build in safety by design, "
             "including restricting account registration by users under 16."),
    "platform_age_verification_required": dict(locator="text of the article (1 June 2026)",
        note="From 1 June 2026, under the Child Protection Code, for covered (licensed) platforms; the method of "
             "verification and any grace period are not stated."),
    "social_media_under16_restriction_in_force": dict(locator="text of the article (opening)", note={
        "MYS": "From 1 June 2026, on covered platforms only (licensed services with at least 8 million users).",
        "IDN": "From 28 March 2026 children's accounts are deactivated in phases, high-risk platforms first, under "
               "Ministerial Regulation 9/2026, which implements GR 17/2025 (PP TUNAS). GR 17/2025 was enacted in 2025 "
               "and took effect on this date."}),
    "social_media_min_account_age": dict(locator="text of the article", note={
        "MYS": "Age in years. AFP wire copy of 1 June 2026: covered platforms must verify age and bar under-16s from "
               "registering; fines of up to RM10 million were reported.",
        "IDN": "Age in years. Tiered by platform risk: 16 with a parent's accompaniment on high-risk social media, 18 to "
               "register alone, lower ages for low-risk services. Year of GR 17/2025; in force since 28 March 2026.",
        "VNM": "Age in years. Decree 147/2024, in force 25 December 2024: under-16s may use social networks with a "
               "parent's or guardian's permission and supervision (accounts registered by parents), not an outright ban."}),
    "un_cybercrime_convention_signed": dict(locator="text of the article (opening)", note={
        "MYS": "Statement at the signing ceremony in Hanoi, 25-26 October 2025 (the statement itself is undated). "
               "Signature, not ratification.",
        "PHL": "Signed in Hanoi on 25 October 2025; ratification needs the Senate's concurrence.",
        "THA": "Signed at the Hanoi conference, 25-26 October 2025. Signature, not ratification. Sources give different "
               "totals of signatories, so no total is shown.",
        "VNM": "Viet Nam hosted the ceremony on 25 October 2025 and signed first. Signature, not ratification.",
        "KHM": "Signed in Hanoi on 25 October 2025 (reported by an NGO, APLE Cambodia). Signature, not ratification.",
        "LAO": "Signature, not ratification; the day is not given in the text read."}),
    "platform_block_underage_high_risk_accounts_required": dict(indicator="platform_age_verification_required",
        locator="text of the article",
        note="GR 17/2025 requires platforms to verify users' age (the 2025 figure is its year of enactment). The rules "
             "took effect on 28 March 2026, when platforms such as YouTube, TikTok and Instagram had to block under-16 "
             "accounts on high-risk services. Antara report of a statement by the child protection commission (KPAI)."),
    "pp_tunas_ministerial_regulation_issued": dict(indicator="platform_online_safety_regulation", locator="text of the article",
        note="Ministerial Regulation 9/2026, the technical guideline for GR 17/2025 (PP TUNAS), was issued on 6 March "
             "2026, with three months for platforms to comply; the rules apply from 28 March 2026."),
    "online_safety_relief_accountability_act_passed": dict(indicator="platform_online_safety_regulation",
        locator="text of the article",
        note="Extended by the Online Safety (Relief and Accountability) Act, passed by Parliament on 5 November 2025. It "
             "creates the Online Safety Commission (opened 29 June 2026) and rights to sue for online harms, including "
             "image-based child abuse. The 2023 figure is the Broadcasting Act duties in force since 1 February 2023."),
    "online_safety_commission_operational": dict(locator="text of the article (opening)",
        note="Opened on 29 June 2026 (Straits Times article of 14 May 2026, as republished). Its own page says it takes "
             "reports of sexual, violent or abusive images or videos of children under 16, real or generated "
             "(source sgp_osc_ibca_2026)."),
    "app_store_age_assurance_required": dict(locator="text of the article", note={
        2025: "The Code of Practice for Online Safety for App Distribution Services has been in force since 31 March "
              "2025. App stores only, not social media.",
        2026: "The age-assurance obligations apply from 1 April 2026 (a tracker entry, not the regulator's text): app "
              "stores had a year from March 2025 to put them in place, so the two dates agree. App stores only."}),
    "social_media_min_age_law": dict(locator="text of the article", note={
        "SGP": "Position on 13 January 2026: no social-media ban for children; app stores must apply age assurance.",
        "THA": "January 2026: limits for minors under discussion, none enacted.",
        "BRN": "US-ASEAN Business Council article, about February 2025 (undated)."}),
    "imda_online_safety_assessment_published": dict(locator="text of the article",
        note="Released 17 February 2025; six designated services assessed (Facebook, HardwareZone, Instagram, TikTok, X, YouTube)."),
    "imda_osar_lowest_platform_rating": dict(locator="text of the article (wire report)",
        note="Rating of one platform (X) on a 0-5 scale, not a country score."),
    "imda_osar_highest_platform_rating": dict(locator="text of the article (wire report)",
        note="Rating of one platform (TikTok) on a 0-5 scale, not a country score."),
    "platform_user_report_action_days": dict(qualifier="at least", locator="written answer to a parliamentary question (4 March 2025)",
        note="Days, published as 'five days or more': most designated social media services took that long on average."),
    "social_media_account_verification_required": dict(locator="text of the article (12 November 2024)",
        note="Decree 147/2024, from 25 December 2024: accounts must be authenticated by mobile number or personal ID. "
             "This is an identity check, not counted here as a legal duty to verify age."),
    "cybersecurity_law_2025_passed": dict(indicator="cybersecurity_law_enacted", locator="text of the article (opening)",
        note="Law on Cybersecurity 2025, passed by the National Assembly on 10 December 2025; in force from 1 July 2026. "
             "Replaces the 2018 Cybersecurity Law and the 2015 Law on Network Information Security."),
    "platform_proactive_csam_measures_required": dict(locator="text of the article (law-firm summary)",
        note="From 1 July 2026 the Law on Cybersecurity 2025 requires service providers to filter and prevent content "
             "that harms or exploits children, a duty broader than one on child sexual abuse material. The 2025 figure "
             "(No) describes the law before that date."),
    "data_protection_law_in_force": dict(locator="text of the page",
        note="Law 91/2025 on Personal Data Protection, passed 26 June 2025, in force 1 January 2026. " + R3_WEAK),
    "social_media_age_limit_bill_filed": dict(locator="text of the article", note={
        2025: "Senate bill (Sen. Lacson) filed 2 July 2025, to bar under-18s; pending, not law. The age band is the group the bill would bar.",
        "0-16": "House Bill 8262 (Rep. Villanueva) filed 10 March 2026, to bar those aged 16 and below; pending, not law.",
        "0-15": "Senate Bill 2066 (Sen. Gatchalian) filed 24 April 2026, to bar under-16s and require age verification; "
                "pending, not law. The Philippines still has no legal duty to verify age."}),
    "grooming_bill_cabinet_approved": dict(locator="text of the article (20 March 2025)",
        note="Approved in principle by the Cabinet; not enacted, so Thailand still has no specific grooming offence."),
    "child_online_protection_bill_in_consultation": dict(locator="text of the article",
        note="Yes = still a draft: led by the National Cyber Security Agency, open for public consultation until 31 March "
             "2026; not law. Reported by a parenting magazine."),
    "public_support_social_media_ban_under14": dict(locator="text of the article (Ipsos Education Monitor 2025)",
        note="Online panel of adults (Ipsos), not children; an opinion, not behaviour. The highest of the 30 countries surveyed."),
    "social_media_anti_scam_kyc_rule_draft": dict(locator="text of the article",
        note="Yes = a draft at consultation: the second round opened on 16 January 2026. Duties against scams, not "
             "specific to children; not in force."),
    "data_protection_law_enacted": dict(locator="text of the article", note={
        "BRN": "Personal Data Protection Order 2025, reported as enacted on 8 March 2025; private sector only; a grace "
               "period (reported as one year) before obligations apply.",
        "TLS": "The Ombudsman (PDHJ) called on 15 January 2026 for a data protection law to be passed: none yet."}),
    "safer_internet_day_national_event": dict(locator="text of the article (opening)",
        note="17 February 2026 (NGO report). An awareness event, not a legal measure."),
    "child_rights_law_amended": dict(locator="statement to the UN General Assembly, Third Committee",
        note="Statement of 13 October 2025 on a 'recent' amendment aligning the law with the Convention on the Rights of "
             "the Child and its Optional Protocols; its date and any provisions on children online are not stated. "
             "Year of the statement."),
    "cybersecurity_law_enacted": dict(locator="text of the article (opening)",
        note="Cybersecurity Law No. 1/2025, enacted 1 January 2025 by the military administration; not in force on 20 "
             "March 2025 according to this source, and sources disagree on whether it is now. Platforms with 100,000 "
             "users or more must register; not a child-protection duty."),
    "child_helpline_decree_approved": dict(locator="communique of the Council of Ministers",
        note="Draft decree-law approved on 22 October 2025 for a hotline on gender-based violence and violence against "
             "children; that the hotline is operating is not confirmed, so Timor-Leste has no child-helpline figure."),
    "pathfinding_country_evac": dict(locator="text of the article (7 March 2025)",
        note="Inducted as the 42nd country of the Pathfinding Global Alliance to end violence against children by 2030."),
    "cybercrime_law_enacted": dict(locator="text of the statement",
        note="The Ombudsman (PDHJ) called on 15 January 2026 for a cybercrime law to be passed: none yet."),
    "ncmec_online_enticement_reports_h1_benchmark_world": dict(indicator="ncmec_online_enticement_reports_h1", area="WLD",
        locator="text of the blog post (January-June of each year)", note="All countries, not ASEAN. No 2025 figures by country could be read."),
    "ncmec_gai_reports_h1_benchmark_world": dict(indicator="ncmec_gai_reports_h1", area="WLD",
        locator="text of the blog post (January-June of each year)",
        note="All countries, not ASEAN. The rise partly reflects bulk reporting by a few platforms."),
    "ncmec_financial_sextortion_reports_h1_benchmark_world": dict(indicator="ncmec_financial_sextortion_reports_h1", area="WLD",
        locator="table in the blog post, row 'Financial Sextortion' (columns January-June 2024 and 2025)",
        note="All countries, not ASEAN."),
    "childlight_share_csam_alerts_benchmark_eap": dict(indicator="childlight_share_csam_alerts", area="CL_EAP",
        locator="text of the press release (Into the Light Index 2024)",
        note="Published as 'one-fifth', recorded as 20%. East Asia and Pacific as a whole (including China, Japan and the "
             "Pacific), not ASEAN. Press release republished by a news site."),
    "internet_use_pct_national": dict(locator="SDMX export SDG_DSD_Laos.Goal.17.xml, series IT_USE_II99 (SDG 17.8.1), "
                                               "area LA, age _T, sex {sex}, period {year}",
        note="Lao Statistics Bureau SDG data, all ages. Not the World Bank series (internet users, % of population): a "
             "different source, shown beside it and never merged; in 2015 the World Bank gives 18.2% and in 2019 47.03%. "
             "The 2015 value and the 2016-2019 values look methodologically different (a break between 2015 and 2016)."),
    "household_internet_access_school_children": dict(locator="text of the article (IMDA Digital Society Report 2023)",
        note="Households, not children. 'All' households since 2018, recorded as 100 for 2022, the report's latest year. "
             "Replaces the 2014 figure (98%) as the latest."),
    "household_computer_access_school_children": dict(locator="text of the editorial (IMDA Digital Society Report 2023)",
        note="Households, not children. Straits Times editorial of 8 November 2023 on IMDA's Digital Society Report 2023 (data to 2022)."),
    "gci_2024_score": dict(locator="text of the article", note={
        "PHL": "ITU Global Cybersecurity Index 2024 (5th edition, September 2024), total score out of 100. General "
               "cybersecurity: child online protection is one small part of its legal pillar.",
        None: "ITU Global Cybersecurity Index 2024 (5th edition, September 2024), total score out of 100, as reported by a "
              "Vietnamese news site. General cybersecurity: child online protection is one small part of its legal pillar."}),
    "gci_2024_tier": dict(locator="text of the article", note={
        "VNM": "Tier 1 (role-modelling) of 5. General cybersecurity, not child online protection.",
        "PHL": "Tier 2 (advancing) of 5, up from Tier 3 in the earlier classification. General cybersecurity.",
        None: "Tier 1 (role-modelling) of 5, read from the article's 'also appeared in the group' after naming Tier 1. "
              "General cybersecurity, not child online protection."}),
    "gci_2020_score": dict(locator="text of the article",
        note="GCI 2020 (4th edition) score out of 100. The 2020 edition ranked countries; compare with 2024 with care."),
    "gci_2024_countries_cop_legal_measures_benchmark_world": dict(indicator="gci_countries_cop_legal_measures", area="WLD",
        locator="text of the article", note="Countries of the world (of the 194 ITU members); not ASEAN."),
    "out_of_shadows_index_score": dict(locator="text of the article",
        note="2019, not current. Economist Intelligence Unit, Out of the Shadows Index, first edition (40 countries, January "
             "2019), 0-100. The response to child sexual abuse in general, not online only."),
    "out_of_shadows_index_rank": dict(locator="text of the article",
        note="2019, not current. Rank of 40 countries, Out of the Shadows Index, first edition (January 2019)."),
    "out_of_shadows_govt_commitment_score": dict(locator="text of the article",
        note="2019, not current. Pillar 'government commitment and capacity' of the Out of the Shadows Index 2019, 0-100."),
    "out_of_shadows_govt_commitment_avg_benchmark_40": dict(indicator="out_of_shadows_govt_commitment_score", area="OOSI40",
        locator="text of the article", note="2019, not current. Average of the 40 countries of the index; not ASEAN."),
}
# rows read but not published, with the reason (the build fails if a round-3 row is neither used nor listed here)
ROUND3_NOT_PUBLISHED = {
    ("IDN", "platforms_submitted_child_risk_self_assessment"): "weak: secondary commentary site (peopleofinternet.com) that also gives a wrong effective date",
    ("IDN", "child_accounts_deactivated_tiktok"): "weak: secondary commentary site (peopleofinternet.com); platform-reported",
    ("IDN", "child_accounts_removed_youtube"): "weak: secondary commentary site (peopleofinternet.com); platform-reported",
    ("SGP", "osc_accepts_image_based_child_abuse_reports"): "same body and date as the Commission's opening: kept as that row's note",
}
# ASEAN-level rows of round 3 that are events of ASEAN as an institution: milestones.csv
ROUND3_MILESTONES = {"asean_kl_declaration_social_media_endorsed"}
R3_SEX = {"all": "_T", "male": "M", "female": "F"}


def round3_rows(research: Path) -> tuple[list[dict], list[dict]]:
    """(observations, milestones) from research/round3/figures.csv, as ROUND3 says; fails on a row it does not know."""
    out, milestones = [], []
    for r in read_csv(research / "round3" / "figures.csv"):
        iso3, ind, year = r["country_iso3"], r["indicator_id"], int(r["year"])
        if (iso3, ind) in ROUND3_NOT_PUBLISHED:
            continue
        if ind in ROUND3_MILESTONES:
            milestones.append({"year": r["year"], "milestone_id": ind, "source_id": r["source_id"],
                               "event": "Kuala Lumpur Declaration on the Safe and Responsible Use of Social Media "
                                        "Platforms endorsed by the ASEAN information ministers"})
            continue
        if ind not in ROUND3:
            raise SystemExit(f"round3: no rule for {(iso3, ind)}; add it to ROUND3 or ROUND3_NOT_PUBLISHED")
        rule = ROUND3[ind]
        area = rule.get("area", iso3)
        if area == "ASEAN":
            raise SystemExit(f"round3: {(iso3, ind)} is coded ASEAN; give it a benchmark area")
        note = rule["note"]
        if isinstance(note, dict):
            note = next((note[k] for k in (r["age_band"], year, iso3) if k in note), note.get(None))
            if note is None:
                raise SystemExit(f"round3: no note for {(iso3, ind, year)}")
        out.append({
            "iso3": area, "indicator_id": rule.get("indicator", ind), "age_band": r["age_band"], "sex": r["sex"],
            "year": year, "value": r["value"], "lower": "", "upper": "", "qualifier": rule.get("qualifier", ""),
            "source_id": r["source_id"], "locator": rule["locator"].format(sex=R3_SEX[r["sex"]], year=year), "note": note,
        })
    return out, milestones


# Figures that a later round brings up to date: the earlier row stays (its year is the date of that state of
# things) and says what changed, and when. (iso3, indicator, year) -> sentence added to its note.
SUPERSEDED = {
    ("IDN", "platform_age_verification_required", 2025): "2025 is the year GR 17/2025 was enacted; it took effect on 28 March 2026 (see the 2026 figure).",
    ("IDN", "platform_online_safety_regulation", 2025): "The source dates it from 28 March 2025; 2025 is the year GR 17/2025 was enacted, and its rules took effect on 28 March 2026 (see the 2026 figure).",
    ("MYS", "platform_online_safety_regulation", 2025): "Enacted: Royal Assent 6 May 2025. In force since 1 January 2026 (see the 2026 figure).",
    ("SGP", "platform_online_safety_regulation", 2023): "In force since 1 February 2023; extended in 2025 (see the 2025 figure).",
    ("VNM", "platform_proactive_csam_measures_required", 2025): "The law as it stood before 1 July 2026; see the 2026 figure.",
    ("SGP", "household_internet_access_school_children", 2014): "Superseded by the 2022 figure (IMDA Digital Society Report 2023).",
}


# ------------------------------------------------------------------------------------------------ measures
# data/measures.csv: one row per dated event of a law, regulation, body or signature (the timeline, 2019-2026).
# Every event names the research row whose text states it: (folder, iso3, indicator, year, source). The build fails
# if that row is not in the research extracts. The date is written only as precisely as that row's text (excerpt or
# caveat) gives it; a measure without a stated date has no event. measure_id -> (iso3, title, priority area).
MEASURE_INFO = {
    "brn_pdpo_2025": ("BRN", "Personal Data Protection Order 2025", "legal"),
    "idn_gr_17_2025": ("IDN", "Government Regulation 17/2025 on protecting children online (PP TUNAS)", "industry"),
    "idn_permen_komdigi_9_2026": ("IDN", "Ministerial Regulation 9/2026 putting PP TUNAS into practice", "industry"),
    "idn_sapa_129_integrated": ("IDN", "SAPA 129 integrated service for women and children (hotline, WhatsApp and app)", "services"),
    "idn_polri_ppa_ppo": ("IDN", "National police directorate for crimes against women and children and human trafficking (PPA-PPO)", "units"),
    "khm_un_cybercrime_convention": ("KHM", "UN Convention against Cybercrime", "legal"),
    "lao_un_cybercrime_convention": ("LAO", "UN Convention against Cybercrime", "legal"),
    "mmr_cybersecurity_law_2025": ("MMR", "Cybersecurity Law No. 1/2025", "legal"),
    "mys_child_protection_code": ("MYS", "Child Protection Code for online platforms (under the Online Safety Act)", "industry"),
    "mys_online_safety_act_2025": ("MYS", "Online Safety Act 2025", "industry"),
    "mys_platform_licensing": ("MYS", "Licence required for social media and messaging platforms with 8 million or more users", "industry"),
    "mys_soac_amendment_2023": ("MYS", "Sexual Offences against Children Act amended: sexual performance and sextortion of children", "legal"),
    "mys_un_cybercrime_convention": ("MYS", "UN Convention against Cybercrime", "legal"),
    "phl_hb_8262": ("PHL", "House Bill 8262: no social media for children aged 16 and below", "legal"),
    "phl_picacc": ("PHL", "Philippine Internet Crimes Against Children Center (PICACC)", "units"),
    "phl_ra_11930": ("PHL", "Anti-Online Sexual Abuse or Exploitation of Children Act (Republic Act 11930)", "legal"),
    "phl_ra_11930_rules": ("PHL", "Implementing rules of the Anti-Online Sexual Abuse or Exploitation of Children Act", "legal"),
    "phl_sb_2066": ("PHL", "Senate Bill 2066: no social media accounts under 16, with age verification", "legal"),
    "phl_senate_bill_under18": ("PHL", "Senate bill to keep under-18s off social media", "legal"),
    "phl_un_cybercrime_convention": ("PHL", "UN Convention against Cybercrime", "legal"),
    "sgp_app_store_age_assurance": ("SGP", "Age assurance by app stores", "industry"),
    "sgp_app_store_code": ("SGP", "Code of Practice for Online Safety for App Distribution Services", "industry"),
    "sgp_online_safety_act_2022": ("SGP", "Online Safety (Miscellaneous Amendments) Act: duties of online communication services", "industry"),
    "sgp_online_safety_commission": ("SGP", "Online Safety Commission", "services"),
    "sgp_osra": ("SGP", "Online Safety (Relief and Accountability) Act", "legal"),
    "sgp_penal_code_grooming_2020": ("SGP", "Penal Code amendments: sexual grooming offence widened", "legal"),
    "tha_child_online_protection_draft": ("THA", "Draft child online protection law", "legal"),
    "tha_criminal_code_grooming": ("THA", "Criminal Code amendment on online grooming, sexting, sextortion, cyberstalking and cyberbullying", "legal"),
    "tha_etda_anti_scam_rules": ("THA", "Draft rules on platform measures against technology crime", "industry"),
    "tha_un_cybercrime_convention": ("THA", "UN Convention against Cybercrime", "legal"),
    "tls_child_helpline_decree": ("TLS", "Decree-law creating a hotline for violence against women and children", "services"),
    "vnm_cybersecurity_law_2025": ("VNM", "Law on Cybersecurity 2025", "industry"),
    "vnm_decision_830": ("VNM", "National programme to protect and support children online, 2021-2025 (Decision 830/QD-TTg)", "education"),
    "vnm_decree_147_2024": ("VNM", "Decree 147/2024: social network accounts authenticated; under-16s need a parent's permission", "industry"),
    "vnm_pdpl_2025": ("VNM", "Personal Data Protection Law (Law 91/2025)", "legal"),
    "vnm_un_cybercrime_convention": ("VNM", "UN Convention against Cybercrime", "legal"),
}
R3 = "round3"
RESP = "response"
# (measure_id, event, date, (folder, iso3, indicator, year, source), locator, note)
MEASURE_EVENTS = [
    ("brn_pdpo_2025", "enacted", "2025", (R3, "BRN", "data_protection_law_enacted", "2025", "brn_thescoop_pdpo_2025"),
     "text of the article (8 March 2025)", "Reported as enacted in an article of 8 March 2025 (exact date not given); private sector only; obligations apply after a grace period."),
    ("idn_gr_17_2025", "enacted", "2025", (RESP, "IDN", "platform_age_verification_required", "2025", "idn_pptunas_portalberita"),
     "text of the page (the regulation's number gives the year)", "Requires platforms to verify users' age and to obtain parents' consent by age category."),
    ("idn_gr_17_2025", "in_force", "2026-03-28", (R3, "IDN", "social_media_under16_restriction_in_force", "2026", "idn_mediaindonesia_permen9_2026"),
     "text of the article (opening)", "Operative through Ministerial Regulation 9/2026: children's accounts on high-risk platforms deactivated in phases from this date."),
    ("idn_permen_komdigi_9_2026", "enacted", "2026-03-06", (R3, "IDN", "pp_tunas_ministerial_regulation_issued", "2026", "idn_straitstimes_permen9_2026"),
     "text of the article", "Issued by the Ministry of Communication and Digital Affairs; platforms given three months to comply."),
    ("idn_polri_ppa_ppo", "launched", "2024", (RESP, "IDN", "has_specialised_child_protection_police_unit", "2024", "idn_ppa_ppo_perss"),
     "text of the page", "New directorate of the criminal investigation agency (Bareskrim)."),
    ("idn_sapa_129_integrated", "launched", "2023", (RESP, "IDN", "has_child_helpline", "2023", "idn_sapa_tribrata"),
     "title and text of the article (21 September 2023)", "The Minister for Women's Empowerment and Child Protection activated the integrated SAPA 129 service; it takes reports of violence against women and children."),
    ("khm_un_cybercrime_convention", "signed", "2025-10-25", (R3, "KHM", "un_cybercrime_convention_signed", "2025", "khm_aple_hanoi_2025"),
     "text of the article (opening)", "Signed in Hanoi; signature, not ratification."),
    ("lao_un_cybercrime_convention", "signed", "2025", (R3, "LAO", "un_cybercrime_convention_signed", "2025", "lao_vientianetimes_hanoi_2025"),
     "text of the article (opening)", "Signature, not ratification; the text read does not give the day."),
    ("mmr_cybersecurity_law_2025", "enacted", "2025-01-01", (R3, "MMR", "cybersecurity_law_enacted", "2025", "mmr_allengledhill_cyberlaw_2025"),
     "text of the article (opening)", "Not yet in force on 20 March 2025 according to this source; sources disagree on whether it has come into force, so no in-force date is given. Platforms with 100,000 users or more must register; not specific to children."),
    ("mys_child_protection_code", "in_force", "2026-06-01", (R3, "MYS", "child_protection_code_in_force", "2026", "mys_fmt_cpc_2026"),
     "text of the article (22 May 2026)", "Issued by the regulator (MCMC) with the Risk Mitigation Code. Covered platforms must verify users' age and stop under-16s from registering accounts."),
    ("mys_online_safety_act_2025", "enacted", "2025-05-06", (RESP, "MYS", "platform_online_safety_regulation", "2025", "mys_onsa_text"),
     "front page of Act 866 (date of Royal Assent)", "Royal Assent 6 May 2025; published in the Gazette on 22 May 2025."),
    ("mys_online_safety_act_2025", "in_force", "2026-01-01", (R3, "MYS", "online_safety_law_in_force", "2026", "mys_rahmatlim_onsa_2026"),
     "text of the article (opening)", "Came into force with four sets of subsidiary legislation."),
    ("mys_platform_licensing", "in_force", "2025-01-01", (R3, "MYS", "social_media_platform_licensing_in_force", "2025", "mys_rahmatlim_onsa_2026"),
     "text of the article", "Licence from the regulator (MCMC); not specific to children."),
    ("mys_soac_amendment_2023", "enacted", "2023", (RESP, "MYS", "soac_amended_sextortion_2023", "2023", "mys_thesun_soac_2024"),
     "text of the article", "New sections 15A (sexual performance by children) and 15B (sexual extortion of children)."),
    ("mys_un_cybercrime_convention", "signed", "2025-10", (R3, "MYS", "un_cybercrime_convention_signed", "2025", "mys_hanoi_statement_2025"),
     "statement at the signing ceremony", "Signed at the Hanoi ceremony of 25-26 October 2025 (the statement itself is undated); signature, not ratification."),
    ("phl_hb_8262", "bill", "2026-03-10", (R3, "PHL", "social_media_age_limit_bill_filed", "2026", "phl_mb_hb8262_2026"),
     "text of the article (10 March 2026)", "Social Media Protection for Minors Act, filed in the House of Representatives; pending, not law."),
    ("phl_picacc", "launched", "2019", (RESP, "PHL", "has_specialised_ocsea_police_unit", "2019", "canadianinquirer_doj_2021"),
     "text of the article", "Formed by the police, the National Bureau of Investigation and international partners."),
    ("phl_ra_11930", "enacted", "2022-07-30", (RESP, "PHL", "ocsea_specific_law_enacted", "2022", "cnnph_ra11930"),
     "text of the article", "Lapsed into law (became law without the President's signature)."),
    ("phl_ra_11930_rules", "enacted", "2023-05-18", (RESP, "PHL", "ocsea_law_irr_adopted", "2023", "dpa_ra11930_irr"),
     "text of the page", "Implementing Rules and Regulations adopted."),
    ("phl_sb_2066", "bill", "2026-04-24", (R3, "PHL", "social_media_age_limit_bill_filed", "2026", "phl_mb_sb2066_2026"),
     "text of the article (24 April 2026)", "Filed in the Senate; would require social media companies to verify age. Pending, not law."),
    ("phl_senate_bill_under18", "bill", "2025-07-02", (R3, "PHL", "social_media_age_limit_bill_filed", "2025", "phl_philstar_lacson_2025"),
     "text of the article (2 July 2025)", "Filed in the Senate; pending, not law."),
    ("phl_un_cybercrime_convention", "signed", "2025-10-25", (R3, "PHL", "un_cybercrime_convention_signed", "2025", "phl_rajahtann_hanoi_2025"),
     "text of the article (opening)", "Signed in Hanoi by the Secretary of Information and Communications Technology; ratification needs the Senate's concurrence."),
    ("sgp_app_store_age_assurance", "in_force", "2026-04-01", (R3, "SGP", "app_store_age_assurance_required", "2026", "sgp_digitalpolicyalert_ads_2026"),
     "text of the entry", "Age-assurance obligations of the app-store code; app stores had a year from the code's entry into force to put them in place. App stores only, not social media."),
    ("sgp_app_store_code", "in_force", "2025-03-31", (R3, "SGP", "app_store_age_assurance_required", "2025", "sgp_allengledhill_ads_code_2025"),
     "title and text of the article", "Designated app stores must set up age assurance to find out which users are children."),
    ("sgp_online_safety_act_2022", "enacted", "2022", (RESP, "SGP", "platform_online_safety_regulation", "2023", "sg_ba_part10a"),
     "text of the Act (Act 38 of 2022)", "Added Part 10A to the Broadcasting Act; the Act's number gives the year."),
    ("sgp_online_safety_act_2022", "in_force", "2023-02-01", (RESP, "SGP", "platform_online_safety_regulation", "2023", "sg_ba_part10a"),
     "text of the Act (Act 38 of 2022, with effect from 1 February 2023)", "Online communication services must protect children in Singapore from harmful content."),
    ("sgp_online_safety_commission", "launched", "2026-06-29", (R3, "SGP", "online_safety_commission_operational", "2026", "sgp_sgbuzz_st_osc_2026"),
     "text of the article (opening)", "Government agency where victims of online harms, including image-based child abuse, can seek redress."),
    ("sgp_osra", "enacted", "2025-11-05", (R3, "SGP", "online_safety_relief_accountability_act_passed", "2025", "sgp_rajahtann_osra_2025"),
     "text of the article", "Date the bill was passed by Parliament. Creates the Online Safety Commission and rights to sue for online harms."),
    ("sgp_penal_code_grooming_2020", "in_force", "2020-01-01", (RESP, "SGP", "grooming_offence_in_law", "2020", "sg_mha_2020"),
     "text of the page", "The sexual grooming offence now applies after one prior contact instead of two."),
    ("tha_child_online_protection_draft", "bill", "2026", (R3, "THA", "child_online_protection_bill_in_consultation", "2026", "tha_honeykids_draft_2026"),
     "text of the article", "Led by the National Cyber Security Agency; open for public consultation until 31 March 2026. Not enacted. Reported by a parenting magazine."),
    ("tha_criminal_code_grooming", "bill", "2025", (R3, "THA", "grooming_bill_cabinet_approved", "2025", "tha_ann_grooming_bill_2025"),
     "text of the article (20 March 2025)", "Approved in principle by the Cabinet, as reported on 20 March 2025 (the day of the approval is not given); not enacted."),
    ("tha_etda_anti_scam_rules", "bill", "2026-01-16", (R3, "THA", "social_media_anti_scam_kyc_rule_draft", "2026", "tha_bakermckenzie_etda_2026"),
     "text of the article", "Second round of public consultation opened; duties against scams, not specific to children. Draft only."),
    ("tha_un_cybercrime_convention", "signed", "2025-10", (R3, "THA", "un_cybercrime_convention_signed", "2025", "tha_nation_hanoi_2025"),
     "text of the article (opening)", "Signed at the Hanoi conference (25-26 October 2025); signature, not ratification."),
    ("tls_child_helpline_decree", "bill", "2025-10-22", (R3, "TLS", "child_helpline_decree_approved", "2025", "tls_gov_council_ministers_2025"),
     "communique of the Council of Ministers", "Draft decree-law approved by the Council of Ministers; that the hotline has opened is not confirmed."),
    ("vnm_cybersecurity_law_2025", "enacted", "2025-12-10", (R3, "VNM", "cybersecurity_law_2025_passed", "2025", "vnm_mps_cybersecurity_law_2025"),
     "text of the article (opening)", "Passed by the National Assembly. Service providers must filter and prevent content that harms or exploits children; parents register children's accounts."),
    ("vnm_cybersecurity_law_2025", "in_force", "2026-07-01", (R3, "VNM", "cybersecurity_law_2025_passed", "2025", "vnm_mps_cybersecurity_law_2025"),
     "text of the article", "Replaces the Cybersecurity Law of 2018 and the Law on Network Information Security of 2015."),
    ("vnm_decision_830", "launched", "2021-06-01", (RESP, "VNM", "national_cop_programme", "2021", "nhandan_830"),
     "text of the article (opening)", "Programme approved by the Prime Minister's decision signed on 1 June 2021."),
    ("vnm_decree_147_2024", "in_force", "2024-12-25", (R3, "VNM", "social_media_account_verification_required", "2024", "vnm_vietnamnews_decree147_2024"),
     "text of the article (12 November 2024)", "Accounts authenticated by mobile number or personal ID; under-16s may use social networks with a parent's permission and supervision."),
    ("vnm_pdpl_2025", "enacted", "2025-06-26", (R3, "VNM", "data_protection_law_in_force", "2026", "vnm_recordinglaw_pdpl_2025"),
     "text of the page", "Passed on this date. Secondary legal-information site."),
    ("vnm_pdpl_2025", "in_force", "2026-01-01", (R3, "VNM", "data_protection_law_in_force", "2026", "vnm_recordinglaw_pdpl_2025"),
     "text of the page", "Secondary legal-information site."),
    ("vnm_un_cybercrime_convention", "signed", "2025-10-25", (R3, "VNM", "un_cybercrime_convention_signed", "2025", "vnm_vov_hanoi_2025"),
     "text of the article", "Viet Nam hosted the signing ceremony and signed first; signature, not ratification."),
]
# sources named in an observation's note (the figure they give is kept as that note, not shown a second time)
CITED_IN_NOTES: set[str] = {"sgp_osc_ibca_2026"}
MEASURE_COLUMNS = ["measure_id", "iso3", "title", "priority_area", "event", "date", "source_id", "locator", "note"]
EVENT_ORDER = ["bill", "enacted", "signed", "in_force", "launched"]


def measure_rows(research: Path) -> list[dict]:
    """Rows of data/measures.csv; fails if an event's research row is missing or a measure has no description."""
    have = set()
    for folder in ("response", "round3"):
        for r in read_csv(research / folder / ("figures.csv" if folder == "round3" else "indicators.csv")):
            have.add((folder, r["country_iso3"], r["indicator_id"], r["year"], r["source_id"]))
    out = []
    for mid, event, date, ref, locator, note in MEASURE_EVENTS:
        if ref not in have:
            raise SystemExit(f"measures: {mid} {event} cites research row {ref}, which is not in the extracts")
        if mid not in MEASURE_INFO:
            raise SystemExit(f"measures: {mid} has no entry in MEASURE_INFO")
        iso3, title, area = MEASURE_INFO[mid]
        if iso3 != ref[1]:
            raise SystemExit(f"measures: {mid} is {iso3} but cites a {ref[1]} row")
        out.append({"measure_id": mid, "iso3": iso3, "title": title, "priority_area": area, "event": event,
                    "date": date, "source_id": ref[4], "locator": locator, "note": note})
    out.sort(key=lambda m: (m["iso3"], m["date"], m["measure_id"], EVENT_ORDER.index(m["event"])))
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


# ------------------------------------------------------------------------------------------------ primary sources
# A figure read on a page that announces or reports a Disrupting Harm country report cites the report itself when
# the research gives the report's address (data/README.md, "Primary sources"); the page it was read on is named in
# the locator and stays in sources.csv. source read -> report cited. Cambodia's, Indonesia's and Viet Nam's reports
# have no address in the research (only launch notes, abstracts and reposts), so their figures keep their source.
PRIMARY_SOURCE = {
    "ecpat_mys_launch": "reliefweb_dh_my",
    "codeblue_mys": "reliefweb_dh_my",
    "ecpat_phl_launch": "dh_phl_reliefweb",
    "philstar_phl_2022": "dh_phl_reliefweb",
    "unicef_tha_press_2022": "dh_tha_innocenti",
}
PRIMARY_SOURCES = [
    # address from research/disrupting_harm/sources.csv (notes of unicef_tha_press_2022: "Identical key findings on
    # UNICEF Innocenti publication page ..."); title as in the ReliefWeb posting of the same report (reliefweb_tha)
    dict(source_id="dh_tha_innocenti", title="Disrupting Harm in Thailand: Evidence on online child sexual exploitation and abuse",
         publisher="ECPAT, INTERPOL, UNICEF (UNICEF Office of Research - Innocenti)", year="2022",
         url="https://www.unicef-irc.org/publications/1357-disrupting-harm-in-thailand-evidence-on-online-child-sexual-exploitation-and-abuse.html"),
]


def cite_primary(obs: list[dict], research_sources: dict) -> None:
    """Point figures read on an announcement page at the report itself (PRIMARY_SOURCE); the page goes in the locator."""
    for o in obs:
        report = PRIMARY_SOURCE.get(o["source_id"])
        if not report:
            continue
        page = research_sources[o["source_id"]]
        publisher = page["publisher"].split(" (")[0]
        o["locator"] = f"as given in {publisher}'s page \"{page['title']}\" ({page['url']})"
        CITED_IN_NOTES.add(o["source_id"])
        o["source_id"] = report


def obs_key(o: dict) -> tuple:
    return (o["iso3"], o["indicator_id"], o["age_band"], o["sex"], int(o["year"]))


# One figure per measured thing (data/README.md): NCMEC's 2024 referrals are published twice, rounded on its Global
# Platform (ncmec_gpcep_reports_2024) and exact in its 2024 by-country report. The exact figure is the one shown, under
# the one indicator id `ncmec_cybertipline_referrals`; the rounded one becomes its note. Lao PDR keeps the rounded
# figure, the only one published for it (its by-country row is a transcription error).
def one_figure_per_quantity(obs: list[dict]) -> list[dict]:
    rounded = {o["iso3"]: o for o in obs if o["indicator_id"] == "ncmec_cybertipline_referrals" and int(o["year"]) == 2024}
    out = []
    for o in obs:
        if o["indicator_id"] == "ncmec_cybertipline_referrals_by_country":
            r = rounded.pop(o["iso3"], None)
            if r is None:
                raise SystemExit(f"no rounded 2024 referral figure for {o['iso3']}")
            o = dict(o, indicator_id="ncmec_cybertipline_referrals")
            o["note"] = (f"NCMEC's Global Platform gives a rounded figure of about {int(float(r['value'])):,} for the same "
                         "referrals (a snapshot taken at another time, source ncmec_gpcep_reports_2024); the exact figure "
                         "of the by-country report is shown. " + o["note"]).strip()
            CITED_IN_NOTES.add(r["source_id"])
        out.append(o)
    replaced = {o["iso3"] for o in out if o["indicator_id"] == "ncmec_cybertipline_referrals" and o["source_id"] == "ncmec_ctr_country_2024"}
    out = [o for o in out if not (o["indicator_id"] == "ncmec_cybertipline_referrals" and o["source_id"] != "ncmec_ctr_country_2024"
                                  and o["iso3"] in replaced and int(o["year"]) == 2024)]
    return one_internet_figure(out)


# A national statistics office's share of internet users that the World Bank series (internet_use_pct, from ITU, which
# compiles the offices' figures) reproduces for the same state and year -- equal once the World Bank value is rounded
# as the office publishes it -- is one measurement shown twice. It is shown once, in the World Bank series that every
# member state has, and the office's figure, age band and source go into that row's note. Figures that differ (Lao
# PDR's Statistics Bureau series, Thailand's 2021 yearbook) are different measurements and stay side by side.
BAND_WORDS = {"5+": "ages 5 and over", "6+": "ages 6 and over", "15+": "ages 15 and over", "unstated": "ages not stated", "all": "all ages"}


def note_differing_internet_figures(obs: list[dict]) -> None:
    """Where a national office's whole-population figure differs from the World Bank's for the same year, both stay,
    and the World Bank row says so (Lao PDR's Statistics Bureau series; Thailand's 2021 yearbook)."""
    wdi = {(o["iso3"], int(o["year"])): o for o in obs if o["indicator_id"] == "internet_use_pct" and o["iso3"] in MEMBERS}
    for o in obs:
        w = wdi.get((o["iso3"], int(o["year"])))
        if o["indicator_id"] == "internet_use_pct_national" and o["sex"] == "all" and o["age_band"] in BAND_WORDS and w:
            w["note"] = (w["note"] + f" The national statistics office's own figure differs: {o['value']}% "
                         f"({BAND_WORDS[o['age_band']]}; source {o['source_id']}), shown beside this one under internet "
                         "users (national statistics), never merged.").strip()


def one_internet_figure(obs: list[dict]) -> list[dict]:
    wdi = {(o["iso3"], int(o["year"])): o for o in obs if o["indicator_id"] == "internet_use_pct" and o["iso3"] in MEMBERS}
    out = []
    for o in obs:
        w = wdi.get((o["iso3"], int(o["year"])))
        if o["indicator_id"] == "internet_use_pct_national" and o["sex"] == "all" and w is not None:
            places = len(o["value"].split(".")[1]) if "." in o["value"] else 0
            if round(float(w["value"]), places) == float(o["value"]):
                about = "about " if o["qualifier"] == "about" else ""
                w["note"] = (w["note"] + f" The national statistics office publishes the same figure, {about}{o['value']}% "
                             f"({BAND_WORDS[o['age_band']]}; source {o['source_id']}); it is shown once, here.").strip()
                CITED_IN_NOTES.add(o["source_id"])
                continue
        out.append(o)
    return out


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
    obs = one_figure_per_quantity(obs)
    cite_primary(obs, {s["source_id"]: s for folder in FOLDERS for s in read_csv(research / folder / "sources.csv")})
    r3_obs, r3_milestones = round3_rows(research)
    keys = {obs_key(o): o for o in obs}
    for o in r3_obs:
        if obs_key(o) in keys:
            raise SystemExit(f"round3: {obs_key(o)} is already a figure (source {keys[obs_key(o)]['source_id']}); "
                             "a later figure for the same year needs a decision, not a second row")
        keys[obs_key(o)] = o
    obs.extend(r3_obs)
    milestones.extend(r3_milestones)
    note_differing_internet_figures(obs)
    for o in obs:
        extra = SUPERSEDED.get((o["iso3"], o["indicator_id"], int(o["year"])))
        if extra:
            o["note"] = (o["note"] + " " + extra).strip()
    for key in SUPERSEDED:
        if key not in {(o["iso3"], o["indicator_id"], int(o["year"])) for o in obs}:
            raise SystemExit(f"SUPERSEDED names {key}, which is not a figure")
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

    measures = measure_rows(research)
    with (out / "measures.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=MEASURE_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(measures)

    # sources: every source referenced by an observation, milestone or measure, plus the membership source
    used = ({o["source_id"] for o in obs} | {m["source_id"] for m in milestones} | {m["source_id"] for m in measures}
            | {"lokmattimes_tls_2025", "ppp_oped_asean", "seed_baoquocte_2023"} | CITED_IN_NOTES)
    sources = {}
    for folder in FOLDERS + ["round3"]:
        for s in read_csv(research / folder / "sources.csv"):
            if s["source_id"] in used and s["source_id"] not in sources:
                sources[s["source_id"]] = s
    research_ids = {s["source_id"] for folder in FOLDERS + ["round3"] for s in read_csv(research / folder / "sources.csv")}
    clash = research_ids & {s["source_id"] for s in EXTRA_SOURCES + ROUND2_SOURCES + PRIMARY_SOURCES}
    if clash:
        raise SystemExit(f"source ids already used by the research extracts: {sorted(clash)}")
    for extra in EXTRA_SOURCES + ROUND2_SOURCES + PRIMARY_SOURCES:
        sources[extra["source_id"]] = extra
    for sid, url in SOURCE_URL_OVERRIDE.items():
        sources[sid] = dict(sources[sid], url=url)
    missing = used - set(sources)
    if missing:
        raise SystemExit(f"sources missing: {sorted(missing)}")
    citations = {r["source_id"]: r["citation"] for r in read_csv(CITATIONS)}
    lacking = sorted(set(sources) - set(citations))
    if lacking:
        raise SystemExit(f"{CITATIONS.name}: no short citation for {lacking}; write one (publisher · short title · year)")
    for sid, c in citations.items():
        if sid in sources and (len(c) > CITATION_MAX or not c.strip()):
            raise SystemExit(f"{CITATIONS.name}: citation of {sid} is empty or longer than {CITATION_MAX} characters: {c!r}")
    with (out / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["source_id", "title", "publisher", "date", "url", "licence", "citation"],
                           lineterminator="\n")
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
                "citation": citations[sid],
            })
    print(f"{len(obs)} observations, {len(milestones)} milestones, {len(measures)} measure events, {len(sources)} sources")


# The short citation each source gets under a chart (sources.csv `citation`): "publisher · short title · year", written
# by hand in tools/citations.csv (shortened by choosing words, never by cutting a title). Every source needs one.
CITATIONS = Path(__file__).resolve().parent / "citations.csv"
CITATION_MAX = 80


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
