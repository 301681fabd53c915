"""Trends (/trends): internet use over time for the chosen countries, total and youth where available."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import charts, export, figcache, filters, views
from components.boundary import section
from components.data import dataset
from components.layout import caveats, header, source_footnote

ds = dataset()
f = filters.current()
header("Trends", "Who is online at what age, and internet use over time. Breaks in a line are gaps in the published series, not zeros; "
       "dotted lines are world or regional benchmarks, not ASEAN figures.")

with section("age_chart"):
    st.subheader("Children online, by age")
    views.children_online_by_age(ds, f, key="age_chart")

tot = None
with section("trend_total"):
    tot = ds.internet_series(f.country_list, until=f.year_int)
    if tot.empty:
        st.warning("No internet-use series for the chosen countries.", icon=":material/search_off:")
    else:
        export.show(figcache.figure(views.state_key(ds, f, "trend_total"), lambda: charts.trend_lines(ds, tot, (ds.indicator("internet_use_pct")["title"],
                        charts.subtitle(ds, "all", "all", tot["year"]), ds.source_line(tot["source_id"])), present=f.present)),
                        key="trend_total")
        st.caption("Series are shown as published, not smoothed; a missing year is a gap in the line. "
                   "Known breaks are listed under 'Read with care' below.")

with section("trend_youth"):
    st.subheader("Young people and children")
    youth = ds.internet_series(f.country_list, youth=True, until=f.year_int)
    if youth.empty:
        st.info("No youth internet-use series for the chosen countries.")
    else:
        export.show(figcache.figure(views.state_key(ds, f, "trend_youth"), lambda: charts.trend_lines(ds, youth, ("Internet use among children and young people",
                        "Ages 6–14 and 15–24 · national statistics and ITU world estimates · " +
                        charts.subtitle(ds, None, "all", youth["year"]), ds.source_line(youth["source_id"])), present=f.present)),
                        key="trend_youth")
        members = youth.loc[youth["area_kind"] == "member", "area_name"].unique().tolist()
        st.caption("Member states with official internet-use figures by age band in this dataset: "
                   + (", ".join(members) if members else "none") + ". Benchmark lines are estimates for the world or a region.")
    caveats(ds, "internet_use_pct")
    if tot is not None:
        source_footnote(ds, tot)
