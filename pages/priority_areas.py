"""Priority-area tracker (/priority-areas): 11 states x 7 priority areas, with the indicators behind each cell."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import charts, export, figcache, filters, timeline, views, wording
from components.boundary import section
from components.data import dataset
from components.i18n import _
from components.layout import header, source_footnote

ds = dataset()
f = filters.current()
header(_("Priority-area tracker"), _("For each member state and each of the seven priority areas of the ASEAN Regional "
                                     "Plan of Action: how many indicators have evidence, and how many of the measures "
                                     "checked are in place. Grey cells have no data, which does not mean nothing is in place."))
timeline.links(ds)

with section("tracker"):
    tr = ds.tracker()
    if f.countries:
        tr = tr[tr["iso3"].isin(f.countries)]
    words = (_("What each member state has in place, by priority area"),
             _("Colour: the measures checked that are in place · text: indicators with data"),
             # the sources of the cells drawn: the chosen member states only
             wording.source_line(ds, ds.filter(members_only=True, countries=f.country_list)
                                 .query("priority_area != 'online'")["source_id"]))
    fig = figcache.figure(views.state_key(ds, f, "tracker"), lambda: charts.tracker_heatmap(ds, tr, words, present=f.present))
    # on a phone seven named columns do not fit: numbered columns, named under the chart, and short cells
    phone = None if f.present else figcache.figure(views.state_key(ds, f, "tracker_phone"), lambda: charts.tracker_heatmap(
        ds, tr, words, compact=True))
    export.show_forms(fig, phone, key="tracker")

with section("tracker_drill"):
    st.subheader(_("Drill into a cell"))
    areas = [a for a in ds.area_codes() if a != "online"]
    c1, c2 = st.columns(2)
    area = c1.selectbox(_("Priority area"), areas, index=areas.index(f.area) if f.area in areas else 0,
                        format_func=lambda a: wording.area_title(ds, a), key="trk_area")
    codes = f.countries or ds.member_codes
    iso = c2.selectbox(_("Member state"), codes, format_func=lambda c: wording.country_name(ds, c), key="trk_country")
    rows = ds.filter(area=area, countries=[iso], members_only=True)
    if rows.empty:
        st.warning(_("No data for {state} in “{area}”.").format(state=wording.country_name(ds, iso),
                                                               area=wording.area_title(ds, area)), icon=":material/search_off:")
    else:
        shown = wording.localise(rows).assign(indicator=[wording.indicator_name(ds, i) for i in rows["indicator_id"]])
        c_link, c_year = _("Link"), _("Year")
        st.dataframe(shown[["indicator", "age_label", "year", "display", "source_title", "source_url"]].rename(columns={
            "indicator": _("Indicator"), "age_label": _("Age band"), "year": c_year, "display": _("Value"),
            "source_title": _("Source"), "source_url": c_link}), hide_index=True, width="stretch",
            column_config={c_link: st.column_config.LinkColumn(display_text=_("open source")),
                           c_year: st.column_config.NumberColumn(format="%d")})
        source_footnote(ds, rows)
