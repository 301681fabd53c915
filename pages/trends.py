"""Trends (/trends): internet use over time for the chosen countries, total and youth where available."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import export, figcache, filters, views, wording
from components.boundary import section
from components.data import dataset
from components.i18n import _
from components.layout import caveats, header, source_footnote

ds = dataset()
f = filters.current()


header(_("Trends"), _("Who is online at what age, and internet use over time. Breaks in a line are gaps in the published "
                      "series, not zeros; dotted lines are world or regional benchmarks, not ASEAN figures."))

with section("age_chart"):
    st.subheader(_("Children online, by age"))
    views.children_online_by_age(ds, f, key="age_chart")

tot = None
with section("trend_total"):
    tot = ds.internet_series(f.country_list, until=f.year_int)
    if tot.empty:
        st.warning(_("No internet-use series for the chosen countries."), icon=":material/search_off:")
    else:
        key = (ds.token, tuple(f.countries), f.year)  # what it depends on: not area/age
        # a phone gets the legend under the lines (export.show_forms shows the form that fits the screen)
        export.show_forms(figcache.figure(key + (f.present, "trend_total"), lambda: views.trend_total_figure(ds, tot, f.present)),
                          None if f.present else figcache.figure(key + ("trend_total_phone",), lambda: views.trend_total_figure(
                              ds, tot, False, compact=True)), key="trend_total")
        st.caption(_("Series are shown as published, not smoothed; a missing year is a gap in the line. "
                     "Known breaks are listed under 'Read with care' below."))

with section("trend_youth"):
    st.subheader(_("Young people and children"))
    youth = ds.internet_series(f.country_list, youth=True, until=f.year_int)
    if youth.empty:
        st.info(_("No youth internet-use series for the chosen countries."))
    else:
        key = (ds.token, tuple(f.countries), f.year)
        export.show_forms(figcache.figure(key + (f.present, "trend_youth"), lambda: views.youth_trend_figure(ds, youth, f.present)),
                          None if f.present else figcache.figure(key + ("trend_youth_phone",), lambda: views.youth_trend_figure(
                              ds, youth, False, compact=True)), key="trend_youth")
        members = [wording.data_text(n) for n in youth.loc[youth["area_kind"] == "member", "area_name"].unique()]
        st.caption(_("Member states with official internet-use figures by age band in this dataset: {states}.").format(
            states=", ".join(members) if members else _("none")) + " "
            + _("Benchmark lines are estimates for the world or a region."))
    caveats(ds, "internet_use_pct")
    if tot is not None:
        source_footnote(ds, tot)
