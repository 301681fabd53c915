"""Country profile (/country): everything known about one member state, by priority area, with context."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import export, filters, wording
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
    if f.area:
        prof = prof[prof["priority_area"] == f.area]
    if f.age:
        prof = prof[prof["age_band"].isin(ds.bands_of(f.age))]
    if prof.empty:
        st.warning(_("No data for this country with the current priority-area and age-band filters. "
                     "Choose 'All priority areas' and 'All age bands' in the sidebar to see everything known."),
                   icon=":material/search_off:")
    for area in ds.area_codes():
        part = prof[prof["priority_area"] == area]
        if part.empty:
            continue
        st.subheader(wording.area_title(ds, area))
        yn = part[part["unit"] == "yes_no"]
        other = part[part["unit"] != "yes_no"]
        if not yn.empty:
            st.markdown("**" + _("In place (checklist)") + "**")
            for r in yn.itertuples():
                mark = (f":material/check_circle: **{wording.yes_no(True)}**" if r.value >= 0.5
                        else f":material/cancel: **{wording.yes_no(False)}**")
                st.markdown(f"- {mark} — {wording.title(ds, r.indicator_id)} ({int(r.year)}; {r.source_publisher})")
        if not other.empty:
            other = wording.localise(other).assign(
                indicator=[wording.indicator_name(ds, i) for i in other["indicator_id"]],
                sex=other["sex"].map(wording.sex_words),
                context=[wording.regional_context(ds, r["indicator_id"], r["age_band"], r["sex"], r["year"])
                         for r in other.to_dict("records")])
            c_link, c_year = _("Link"), _("Year")
            table = other[["indicator", "age_label", "sex", "year", "display", "context", "source_title", "source_url"]].rename(columns={
                "indicator": _("Indicator"), "age_label": _("Age band"), "sex": _("Sex"), "year": c_year, "display": _("Value"),
                "context": _("Member states, same indicator and year"), "source_title": _("Source"), "source_url": c_link})
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
        st.dataframe(unk.assign(area=unk["priority_area"].map(lambda a: wording.area_title(ds, a)),
                                indicator=[wording.short_title(ds, i) for i in unk["indicator_id"]])[["area", "indicator", "states_with_data"]].rename(
            columns={"area": _("Priority area"), "indicator": _("Indicator"), "states_with_data": _("Member states with data")}),
            hide_index=True, width="stretch")
    if prof is not None:
        source_footnote(ds, prof)
