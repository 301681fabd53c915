"""Overview (/): what the dashboard is, headline figures with age band, year and source, a map, the gaps."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import filters, views, wording
from components.boundary import section
from components.data import dataset
from components.i18n import _
from components.layout import header, headline_card

ds = dataset()
f = filters.current()

header(_("Children online and online harm in ASEAN"),
       _("Where children in the {n} ASEAN member states are online, what harm they meet there, and what each state "
         "has in place under the seven priority areas of the ASEAN Regional Plan of Action on protecting children "
         "from online exploitation and abuse. Every figure links to its source; countries without a figure show "
         "**No data**, never zero.").format(n=len(ds.member_codes)))

with section("headlines"):
    cards = wording.headlines(ds)
    cols = st.columns(len(cards))
    for col, c in zip(cols, cards):
        with col:
            headline_card(c["label"], c["value"], c["caption"])

left, right = st.columns([3, 2], gap="large")
with left, section("overview_map"):
    st.subheader(_("Regional map"))
    ind, latest = views.indicator_state(ds, f)
    if views.chart_or_evidence(ds, f, ind, latest, key="overview_evidence"):
        views.map_chart(ds, f, ind, latest, key="overview_map", height=600, title_chars=50)
        st.caption(_("Change the priority area, age band or indicator in the sidebar. Click a country to open its profile."))
with right, section("gaps"):
    st.subheader(_("What is missing"))
    for line in wording.gaps(ds):
        st.markdown(f"- {line}")

with st.expander(_("How to read this dashboard"), expanded=False):
    st.markdown("\n".join("- " + line for line in (
        _("**Survey figures** (Disrupting Harm) describe *internet-using* children aged 12–17, not all children, "
          "and are probably under-reported."),
        _("**NCMEC CyberTipline reports** show where suspected child sexual abuse material was uploaded. They "
          "depend on platforms' reporting and on VPNs; they are **not** a measure of how much abuse happens in a country."),
        _("**≥ 2%** means *at least 2%*; **10–31%** is a range (no single value was published); **≈** marks rounded "
          "figures; a value in brackets after a number is its uncertainty interval."),
        _("**World** and **regional** benchmarks are shown as such; no figure here is an ASEAN average unless a source "
          "published one."))))
