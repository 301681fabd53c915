"""Map explorer (/map): choropleth of the chosen indicator, ranked bar beside it, table under it, 3-D view on request."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import charts, export, figcache, filters, views, wording
from components.boundary import section
from components.data import dataset
from components.i18n import N_, _
from components.layout import caveats, download_csv, header, source_footnote

ds = dataset()
f = filters.current()
header(_("Map explorer"))

ind, latest, empty = None, None, True
with section("map"):
    ind, latest = views.indicator_state(ds, f)
    empty = views.is_empty(f, ind, latest)
    if views.chart_or_evidence(ds, f, ind, latest, key="map_evidence", definition=False):
        # a switch, not tabs: st.tabs builds every tab on every rerun, and the 3-D deck (its JSON and the browser's
        # WebGL canvas) is only worth building when the reader asks for it
        view = st.segmented_control(_("View"), [N_("Map and ranking"), N_("3-D view")], default="Map and ranking",
                                    required=True, key="map_view", format_func=_, label_visibility="collapsed")
        if view != "3-D view":
            left, right = st.columns([3, 2], gap="medium")
            with left:
                views.map_chart(ds, f, ind, latest, key="map_main", height=840, title_chars=58)  # the title wraps to a phone: the map keeps ~370 px of land
                st.caption(_("Click a country to open its profile. Grey countries have no data (never zero)."))
                card_iso = f.countries[0] if len(f.countries) == 1 else None
                export.share_card_button(ds, ind, card_iso, f.age or None, f.sex, key="map_card")
            with right:
                sel = views.selected(latest, f)
                bar = figcache.figure(views.state_key(ds, f, "map_bar", ind), lambda: charts.ranked_bar(
                    ds, sel, ind, views.titles(ds, ind, sel, f.sex), present=f.present, height=640, title_chars=38))
                export.show(bar, key="map_bar")
        else:
            from components import deck  # pydeck is imported only by readers who open the 3-D view

            st.pydeck_chart(deck.deck(ds, latest, ind), width="stretch", key="map_deck", height=560)
            st.caption(deck.legend_text(latest))
with section("map_table"):
    if not empty:
        bench = wording.localise(ds.benchmarks(ind, age=latest.loc[latest["has_data"], "age_band"].iloc[0]))
        if not bench.empty:
            st.markdown("**" + _("Regional and world figures (not ASEAN averages):") + "** " + "; ".join(
                f"{r.area_name} {r.display} ({int(r.year)})" for r in bench.itertuples()))
        st.subheader(_("Data table"))
        views.latest_table(ds, views.selected(latest, f), cache_key=views.state_key(ds, f, "map_table", ind))
        download_csv(ds, ds.filter(indicator=ind, countries=f.country_list, members_only=True),
                     views.filters_text(ds, f, ind), key="map_csv")
        caveats(ds, ind)
        source_footnote(ds, latest[latest["has_data"]])
