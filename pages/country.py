"""Country profile (/country): everything known about one member state, by priority area, with context."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import export, filters
from components.boundary import section
from components.data import dataset
from components.layout import header, source_footnote

ds = dataset()
f = filters.current()
codes = ds.member_codes
iso = f.countries[0] if f.countries else codes[0]


def _choose():
    st.session_state["f_countries"] = [st.session_state["profile_country"]]


row = ds.countries.loc[iso]
header(ds.country_name(iso),
       f"ASEAN member since {row['member_since']} · capital {row['capital']}. "
       "Each value is shown with the range and median of the member states that have the same indicator, "
       "age band and year.")
st.session_state["profile_country"] = iso
st.selectbox("Choose another member state", codes, key="profile_country", format_func=ds.country_name, on_change=_choose)

prof = None
with section("profile"):
    prof = ds.profile(iso)
    card_inds = list(dict.fromkeys(prof["indicator_id"]))
    if card_inds:
        c1, c2 = st.columns([3, 2])
        default = card_inds.index("ocsea_past_year") if "ocsea_past_year" in card_inds else 0
        card_ind = c1.selectbox("Share card for", card_inds, index=default, format_func=lambda i: ds.indicator(i)["short_title"],
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
        st.warning("No data for this country with the current priority-area and age-band filters. "
                   "Choose 'All priority areas' and 'All age bands' in the sidebar to see everything known.", icon=":material/search_off:")
    for area in ds.area_codes():
        part = prof[prof["priority_area"] == area]
        if part.empty:
            continue
        st.subheader(ds.area_title(area))
        yn = part[part["unit"] == "yes_no"]
        other = part[part["unit"] != "yes_no"]
        if not yn.empty:
            st.markdown("**In place (checklist)**")
            for r in yn.itertuples():
                mark = ":material/check_circle: **Yes**" if r.value >= 0.5 else ":material/cancel: **No**"
                st.markdown(f"- {mark} — {ds.indicator(r.indicator_id)['title']} ({int(r.year)}; {r.source_publisher})")
        if not other.empty:
            table = other[["indicator", "age_label", "sex", "year", "display", "context", "source_title", "source_url"]].rename(columns={
                "indicator": "Indicator", "age_label": "Age band", "sex": "Sex", "year": "Year", "display": "Value",
                "context": "Member states, same indicator and year", "source_title": "Source", "source_url": "Link"})
            st.dataframe(table, hide_index=True, width="stretch",
                         column_config={"Link": st.column_config.LinkColumn(display_text="open source"),
                                        "Year": st.column_config.NumberColumn(format="%d")})

with section("estimate"):
    est = ds.estimate_affected(iso)
    if est:
        st.subheader("Estimated number of children affected")
        st.metric("Our estimate (past-year online sexual exploitation and abuse, ages 12–17)",
                  ("≥ " if est.qualifier in ("at least", "more than") else "≤ " if est.qualifier == "up to" else "≈ ") + f"{est.value:,.0f}")
        st.markdown(f"**Arithmetic:** {est.arithmetic}")
        if est.published:
            st.markdown(f"The report's own estimate: **{est.published['display']}** ({est.published['source_title']}).")
        st.caption(est.caveat)

with section("unknowns"):
    st.subheader("What is not known")
    unk = ds.unknowns(iso)
    if f.area:
        unk = unk[unk["priority_area"] == f.area]
    if unk.empty:
        st.markdown("Every indicator measured elsewhere in ASEAN is also available here.")
    else:
        st.markdown(f"{len(unk)} indicators exist for other member states but **not for {ds.country_name(iso)}**:")
        st.dataframe(unk.assign(area=unk["priority_area"].map(ds.area_title))[["area", "indicator", "states_with_data"]].rename(
            columns={"area": "Priority area", "indicator": "Indicator", "states_with_data": "Member states with data"}),
            hide_index=True, width="stretch")
    if prof is not None:
        source_footnote(ds, prof)
