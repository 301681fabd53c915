"""Priority-area tracker (/priority-areas): 11 states x 7 priority areas, with the indicators behind each cell."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import charts, export, figcache, filters, views
from components.boundary import section
from components.data import dataset
from components.layout import header, source_footnote

ds = dataset()
f = filters.current()
header("Priority-area tracker", "For each member state and each of the seven priority areas of the ASEAN Regional "
       "Plan of Action: how many indicators have evidence, and how many of the measures checked are in place. "
       "Grey cells have no data, which does not mean nothing is in place.")

with section("tracker"):
    tr = ds.tracker()
    if f.countries:
        tr = tr[tr["iso3"].isin(f.countries)]
    fig = figcache.figure(views.state_key(ds, f, "tracker"), lambda: charts.tracker_heatmap(
        ds, tr, ("What each member state has in place, by priority area",
                 "Indicators with data per cell · laws, units, services, education and industry duties",
                 ds.source_line(ds.filter(members_only=True).query("priority_area != 'online'")["source_id"])),
        present=f.present))
    export.show(fig, key="tracker")

with section("tracker_drill"):
    st.subheader("Drill into a cell")
    areas = [a for a in ds.area_codes() if a != "online"]
    c1, c2 = st.columns(2)
    area = c1.selectbox("Priority area", areas, index=areas.index(f.area) if f.area in areas else 0,
                        format_func=ds.area_title, key="trk_area")
    codes = f.countries or ds.member_codes
    iso = c2.selectbox("Member state", codes, format_func=ds.country_name, key="trk_country")
    rows = ds.filter(area=area, countries=[iso], members_only=True)
    if rows.empty:
        st.warning(f"No data for {ds.country_name(iso)} in “{ds.area_title(area)}”.", icon=":material/search_off:")
    else:
        st.dataframe(rows[["indicator", "age_label", "year", "display", "source_title", "source_url"]].rename(columns={
            "indicator": "Indicator", "age_label": "Age band", "year": "Year", "display": "Value", "source_title": "Source",
            "source_url": "Link"}), hide_index=True, width="stretch",
            column_config={"Link": st.column_config.LinkColumn(display_text="open source"), "Year": st.column_config.NumberColumn(format="%d")})
        source_footnote(ds, rows)
