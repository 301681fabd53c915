"""The timeline of measures (/timeline): the "since the forum" choice (bound to the URL as since=2023-11), the
chart and the accessible list of events, each with its date at the source's precision, status in words, source
link and note. Facts come from aseancop.timeline; words from components/wording.py."""

from __future__ import annotations

import streamlit as st

from aseancop import Dataset
from aseancop.timeline import FIRST_YEAR, FORUM, LAST_YEAR

from . import charts, export, figcache, views, wording
from .filters import Filters
from .i18n import _, ngettext
from .layout import _md

ALL = "all"
PARAM = "since"
STATE = "tl_since"


def _url_since() -> str | None:
    try:
        return st.query_params.get(PARAM)
    except Exception:
        return None


def _to_url() -> None:
    if st.session_state.get(STATE) == FORUM:
        st.query_params[PARAM] = FORUM
    else:
        st.query_params.pop(PARAM, None)
    st.session_state["_tl_since_url"] = _url_since()


def since_choice() -> str | None:
    """The one-click view: every event 2019-2026, or only those since the forum (November 2023). Bound to the
    URL (since=2023-11) both ways; another value in a link is ignored, and the reader is told."""
    ss = st.session_state
    raw = _url_since()
    if STATE not in ss or ss.get("_tl_since_url") != raw:  # a new link (or first visit) decides
        ss[STATE] = FORUM if raw == FORUM else ALL
        ss["_tl_since_url"] = raw
        if raw is not None and raw != FORUM:
            st.query_params.pop(PARAM, None)
            ss["_tl_since_url"] = None
            st.info(_("Ignored the link's 'since' value '{value}': the timeline offers since={forum} (the forum) "
                      "or no value (all of {first}–{last}).").format(value=_md("".join(ch for ch in str(raw) if ch.isprintable())[:12]), forum=FORUM,
                                                                      first=FIRST_YEAR, last=LAST_YEAR),
                    icon=":material/info:")
    labels = {ALL: _("All measures, {first}–{last}").format(first=FIRST_YEAR, last=LAST_YEAR),
              FORUM: _("Since the forum (November 2023)")}
    st.segmented_control(_("Show"), [ALL, FORUM], key=STATE, format_func=labels.get, required=True, on_change=_to_url,
                         help=_("The 2nd ASEAN ICT Forum on Child Online Protection was held in November 2023. "
                                "Adds since=2023-11 to the link."))
    return FORUM if ss.get(STATE) == FORUM else None


def scope_words(ds: Dataset, f: Filters, since: str | None) -> str:
    parts = [wording.area_title(ds, f.area) if f.area else _("All priority areas")]
    parts.append(", ".join(wording.country_name(ds, c) for c in f.countries) if f.countries
                 else _("All {n} member states").format(n=len(ds.member_codes)))
    parts.append(_("since November 2023") if since else f"{FIRST_YEAR}–{LAST_YEAR}")
    return " · ".join(parts)


def url_since() -> str | None:
    """The view the link asks for: FORUM (since=2023-11) or None (everything); another value counts as None."""
    return FORUM if _url_since() == FORUM else None


def figure(ds: Dataset, f: Filters, codes: list[str], since: str | None, events, present: bool, height=None):
    """The timeline chart of these states' events (the page's and the presentation stage's)."""
    return charts.timeline_chart(
        ds, events, codes, (_("Measures by member state: bills, signatures, laws enacted and in force, units and "
                              "services launched"), scope_words(ds, f, since), wording.source_line(ds, events["source_id"])),
        start=f"{since}-01" if since else f"{FIRST_YEAR}-01-01", present=present)


def show(ds: Dataset, f: Filters, since: str | None) -> None:
    """The chart, the states with nothing recorded, and the list of events (newest last, by year)."""
    codes = [c for c in ds.member_codes if not f.countries or c in f.countries]
    area = f.area or None
    events = ds.timeline(codes, area, since)
    fig = figcache.figure(views.state_key(ds, f, "timeline", since or ALL),
                          lambda: figure(ds, f, codes, since, events, f.present))
    export.show(fig, key="timeline_chart")

    st.caption(_("Each event is shown at the precision its source gives (a day, a month or a year). A state "
                 "marked 'No measure recorded' has no dated measure in these data for this view: that does not "
                 "mean it has none."))
    missing = ds.states_without_measures(codes, area, since)
    if missing:
        st.markdown("**" + _("No measure recorded") + ":** " + _md(", ".join(wording.country_name(ds, c) for c in missing)))
    if since:
        unsure = ds.since_unsure(codes, area, since)
        if unsure:
            st.caption(ngettext("{n} event dated only by a year that may fall before or after November 2023 is not "
                                "counted here; it is in the full view.",
                                "{n} events dated only by a year that may fall before or after November 2023 are not "
                                "counted here; they are in the full view.", len(unsure)).format(n=len(unsure)))

    st.subheader(_("Events, oldest first"))
    if events.empty:
        st.warning(_("No measure recorded for this choice of priority area and member states."),
                   icon=":material/search_off:")
        return
    lines = []
    year = None
    for r in events.itertuples():
        if r.start.year != year:
            year = r.start.year
            lines.append(f"\n#### {year}\n")
        src = f"[{_md(r.source_citation)}]({r.source_url})" if isinstance(r.source_url, str) and r.source_url else _md(r.source_citation)
        note = f" {_md(wording.data_text(r.note))}" if isinstance(r.note, str) and r.note else ""
        lines.append(f"- **{_md(wording.measure_date(r.date))}** · {_md(wording.country_name(ds, r.iso3))} · "
                     f"*{_md(wording.event_words(r.event))}*: {_md(wording.data_text(r.title))} "
                     f"({_md(wording.area_title(ds, r.priority_area))}).{note} "
                     + _("Source: {sources}").format(sources=src))
    with st.container(key="timeline_events"):  # one element: a readable list for screen readers, links to the sources
        st.markdown("\n".join(lines))


def links(ds: Dataset) -> None:
    """'As of <latest date>' and the links to the timeline, in full and since the forum, for the tracker and the
    country profile. The sidebar filters are session state: the timeline opens with the same area and countries."""
    as_of = wording.as_of(ds)
    if as_of:
        st.caption(as_of)
    c1, c2 = st.columns(2)
    c1.page_link("pages/timeline.py", label=_("Timeline of measures, {first}–{last}").format(first=FIRST_YEAR, last=LAST_YEAR),
                 icon=":material/timeline:")
    c2.page_link("pages/timeline.py", label=_("What changed since the forum (November 2023)"), icon=":material/update:",
                 query_params={PARAM: FORUM})
