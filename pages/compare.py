"""Compare (/compare): chosen countries side by side; breakdowns by age band and sex; NCMEC over time."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from aseancop import NO_DATA

from components import charts, export, figcache, filters, views, wording
from components.boundary import section
from components.data import dataset
from components.i18n import _
from components.layout import caveats, header, source_footnote

ds = dataset()
f = filters.current()
header(_("Compare countries"), _("Choose countries in the sidebar (all {n} by default). Values are shown as published: "
                                 "bounds stay bounds and ranges stay ranges.").format(n=len(ds.member_codes)))

ind = None
with section("compare_bar"):
    ind, latest = views.indicator_state(ds, f)
    if views.chart_or_evidence(ds, f, ind, latest, key="cmp_evidence"):
        sel = views.selected(latest, f)
        bar = figcache.figure(views.state_key(ds, f, "cmp_bar", ind),
                              lambda: charts.ranked_bar(ds, sel, ind, views.titles(ds, ind, sel, f.sex), present=f.present))
        export.show(bar, key="cmp_bar")
        caveats(ds, ind)

with section("compare_matrix"):
    st.subheader(_("Several indicators side by side"))
    options = ds.indicators_for(f.area or None, f.age or None, members_only=True)
    default = [i for i in options[:4]]
    chosen = st.multiselect(_("Indicators"), options, default=default, placeholder=_("Choose indicators"), format_func=lambda i: wording.short_title(ds, i),
                            key="cmp_inds")
    if chosen:
        mat = ds.coverage(area=None, age=f.age or None, countries=f.country_list).reindex(chosen).dropna(how="all")
        mat = mat.replace(NO_DATA, wording.no_data())
        mat.index = [wording.short_title(ds, i) for i in mat.index]
        mat.columns = [wording.country_name(ds, c) for c in mat.columns]
        st.dataframe(mat.T, width="stretch")

with section("compare_breakdowns"):
    if ind:
        st.subheader(_("Breakdowns by age band and sex"))
        rows = wording.localise(ds.filter(indicator=ind, countries=f.country_list, members_only=True))
        by_age = rows[rows["sex"] == "all"]
        shown = False
        if by_age["age_band"].nunique() > 1:
            export.show(figcache.figure(views.state_key(ds, f, "cmp_age", ind), lambda: charts.grouped_bars(ds, by_age, ind, "age_band", (_("{title} by age band").format(title=wording.title(ds, ind)),
                            charts.subtitle(ds, None, "all", by_age["year"]), wording.source_line(ds, by_age["source_id"])), present=f.present)),
                            key="cmp_age")
            shown = True
        by_sex = rows[rows["sex"] != "all"]
        if not by_sex.empty:
            export.show(figcache.figure(views.state_key(ds, f, "cmp_sex", ind), lambda: charts.grouped_bars(ds, rows[rows["age_band"].isin(by_sex["age_band"])], ind, "sex",
                            (_("{title} by sex").format(title=wording.title(ds, ind)),
                             charts.subtitle(ds, by_sex["age_band"].iloc[0], "all", by_sex["year"]),
                             wording.source_line(ds, by_sex["source_id"])), present=f.present)),
                            key="cmp_sex")
            shown = True
        if not shown:
            st.info(_("This indicator has no breakdown by age band or sex in the data.") + " "
                    + _("Indicators with a breakdown by sex: {indicators}.").format(indicators=", ".join(
                        sorted({wording.short_title(ds, i) for i in ds.obs.loc[ds.obs["sex"] != "all", "indicator_id"].unique()}))))

with section("compare_ncmec"):
    st.subheader(_("NCMEC CyberTipline reports over time"))
    nc = wording.localise(ds.filter(indicator="ncmec_cybertipline_reports", countries=f.country_list, members_only=True)).copy()
    nc["series"] = nc["area_name"]
    ncmec_fig = figcache.figure((ds.token, tuple(f.countries), f.present, "cmp_ncmec"), lambda: charts.trend_lines(  # any area/age
        ds, nc, (wording.title(ds, "ncmec_cybertipline_reports"),
                 charts.subtitle(ds, "all", "all", nc["year"]) + " · " + _("reports, not victims"),
                 wording.source_line(ds, nc["source_id"])),
        present=f.present, unit="count"))
    export.show(ncmec_fig, key="cmp_ncmec")
    st.warning(_("NCMEC counts show where suspected child sexual abuse material was uploaded, as reported mostly by US "
                 "platforms. They depend on platform reporting, VPNs and proxies, and are **not** a measure of how much abuse "
                 "happens in a country. The 2024 figures are referrals, a different series: they are not drawn on this chart."),
               icon=":material/warning:")
    source_footnote(ds, nc)
