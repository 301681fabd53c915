"""Country profile (/country): everything known about one member state, by priority area, with context."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import export, filters, timeline, views, wording
from components.boundary import section
from components.data import dataset
from components.i18n import _, fmt_date
from components.layout import header, source_footnote

ds = dataset()
f = filters.current()
codes = ds.member_codes
iso = f.countries[0] if f.countries else codes[0]


def _choose():
    st.session_state["f_countries"] = [st.session_state["profile_country"]]


row = ds.countries.loc[iso]
header(wording.country_name(ds, iso),
       _("ASEAN member since {date} · capital {capital}.").format(date=fmt_date(row["member_since"], "long"),
                                                                 capital=row["capital"]) + " "
       + _("Each value is shown with the range and median of the member states that have the same indicator, "
           "age band and year."))
timeline.links(ds)
st.session_state["profile_country"] = iso
st.selectbox(_("Choose another member state"), codes, key="profile_country",
             format_func=lambda c: wording.country_name(ds, c), on_change=_choose)

prof = None
with section("profile"):
    prof = ds.profile(iso)
    card_inds = list(dict.fromkeys(prof["indicator_id"]))
    if card_inds:
        c1, c2 = st.columns([3, 2])
        default = card_inds.index("ocsea_past_year") if "ocsea_past_year" in card_inds else 0
        card_ind = c1.selectbox(_("Share card for"), card_inds, index=default, format_func=lambda i: wording.short_title(ds, i),
                                key="card_ind")
        with c2:
            st.write("")
            export.share_card_button(ds, card_ind, iso, prof.loc[prof["indicator_id"] == card_ind, "age_band"].iloc[0], "all",
                                     key="country_card")
    prof = ds.profile(iso, area=f.area or None, age=f.age or None)  # what the sections below show
    if prof.empty:
        st.warning(_("No data for this country with the current priority-area and age-band filters. "
                     "Choose 'All priority areas' and 'All age bands' in the sidebar to see everything known."),
                   icon=":material/search_off:")
    for area, checklist, table in views.profile_parts(ds, iso, f):
        st.subheader(wording.area_title(ds, area))
        if checklist:
            st.markdown("**" + _("In place (checklist)") + "**\n\n" + checklist)  # one element for the whole list
        if table is not None:
            c_link, c_year = _("Link"), _("Year")
            st.dataframe(table, hide_index=True, width="stretch",
                         column_config={c_link: st.column_config.LinkColumn(display_text=_("open source")),
                                        c_year: st.column_config.NumberColumn(format="%d")})

with section("estimate"):
    est = ds.estimate_affected(iso)
    if est:
        value, arithmetic, caveat = wording.estimate_words(est)
        st.subheader(_("Estimated number of children affected"))
        st.metric(_("Our estimate (past-year online sexual exploitation and abuse, ages 12–17)"), value)
        st.markdown("**" + _("Arithmetic:") + f"** {arithmetic}")
        if est.published:
            st.markdown(_("The report's own estimate: **{value}** ({source}).").format(
                value=est.published["display"], source=est.published["source_title"]))
        st.caption(caveat)

with section("unknowns"):
    st.subheader(_("What is not known"))
    unk = ds.unknowns(iso)
    if f.area:
        unk = unk[unk["priority_area"] == f.area]
    if unk.empty:
        st.markdown(_("Every indicator measured elsewhere in ASEAN is also available here."))
    else:
        st.markdown(_("{n} indicators exist for other member states but **not for {state}**:").format(
            n=len(unk), state=wording.country_name(ds, iso)))
        titles = {a: wording.area_title(ds, a) for a in unk["priority_area"].unique()}
        st.dataframe(unk.assign(area=unk["priority_area"].map(titles),
                                indicator=[wording.short_title(ds, i) for i in unk["indicator_id"]])[["area", "indicator", "states_with_data"]].rename(
            columns={"area": _("Priority area"), "indicator": _("Indicator"), "states_with_data": _("Member states with data")}),
            hide_index=True, width="stretch")
    if prof is not None:
        source_footnote(ds, prof)
