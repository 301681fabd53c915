"""Presentation mode (present=1) on the pages other than the briefing: the page's stage, one screen on a projector.

A page in large type is 1,200 to 3,500 px tall on a 1280×720 screen: the presenter would scroll on stage. In
presentation mode each page shows instead what a slide shows, for the reader's own filters: one message, the
number(s) set large where the page has them, one chart that fills the rest, its sources, and the care note and
helplines where the page shows abuse figures. It is drawn by the briefing's slide layout (`briefing.draw`), so a
stage and a slide fit the same screens (1280×720 and 1920×1080) by the same rules.

Nothing is removed from the page: the full page (tables, notes, every source, downloads) is the same link without
present=1, one click away ("Leave presentation mode"), and the QR code beside the stage opens the view.
"""

from __future__ import annotations

import streamlit as st

from aseancop import Dataset

from . import briefing, care, charts, views, wording
from .briefing import Number, Slide
from .filters import Filters
from .i18n import _, ngettext

PAGES = ("", "map", "country", "compare", "priority-areas", "trends", "timeline", "data")


def has_stage(path: str) -> bool:
    return (path or "").strip("/") in PAGES


def _leave() -> None:
    st.session_state["f_present"] = False  # the sidebar's own toggle: the link loses present=1 with it


def _sources(ds: Dataset, *id_lists) -> list[str]:
    return briefing._ids(ds, [s for ids in id_lists for s in ids])


def _indicator_slide(ds: Dataset, f: Filters, path: str, key: str, message: str, chart: str,
                     numbers: list[Number] | None = None) -> tuple[Slide | None, tuple]:
    """The page's indicator (map or ranking) as a stage; None when the page would say there is nothing to draw."""
    ind, latest = views.indicator_state(ds, f)
    sensitive = care.page_shows_abuse(ds, path, ind, f.area, f.age)
    if views.is_empty(f, ind, latest):
        return None, (ind, latest)
    numbers = numbers or []
    if not views.comparable(latest):  # national evidence: each state's figure as a line, not a regional chart
        has = latest[latest["has_data"]]
        n_all = int(latest["has_data"].sum())
        points = [(f"{r['name']}: {wording.display(r['display'])}", f"{r['age_label']} · {int(r['year'])}")
                  for r in has.to_dict("records")]
        others = latest.loc[~latest["has_data"], "name"].tolist()
        caption = (ngettext("National evidence, not a regional comparison: only {n} of {total} member states has this "
                            "figure, so no map is drawn.",
                            "National evidence, not a regional comparison: only {n} of {total} member states have this "
                            "figure, so no map is drawn.", n_all).format(n=n_all, total=len(latest)) + " "
                   + _("The other {n} have no comparable figure: {states}.").format(n=len(others), states=", ".join(others)))
        return Slide(key, message or wording.title(ds, ind), message or wording.title(ds, ind), numbers=numbers,
                     points=points, caption=caption,
                     sources=_sources(ds, has["source_id"].dropna()), sensitive=sensitive), (ind, latest)
    words = views.titles(ds, ind, views.selected(latest, f) if chart == "bar" else latest, f.sex)
    if chart == "map":
        def figure(present, height):
            return charts.choropleth(ds, latest, ind, words, present=present, height=height or 560,
                                     selected=f.country_list, title_chars=58)
        alt = lambda: views.map_alt(ds, ind, latest)  # noqa: E731
        shown = latest
    else:
        sel = views.selected(latest, f)

        def figure(present, height):
            return charts.ranked_bar(ds, sel, ind, words, present=present, height=height or 470)
        alt = lambda: views.map_alt(ds, ind, sel)  # noqa: E731
        shown = sel
    # without a message of its own the stage says the indicator's title, and the chart does not say it again
    return Slide(key, message or wording.title(ds, ind), message or wording.title(ds, ind), numbers=numbers,
                 figure=figure, alt=alt, sources=_sources(ds, shown.loc[shown["has_data"], "source_id"]),
                 sensitive=sensitive, state=views.state_key(ds, f, key), drop_chart_title=not message,
                 tall_chart=chart == "map"), (ind, latest)


# the overview's headline card that states the map's own indicator, where there is one (its number set large)
CARD_FOR = {("ocsea_past_year", "12-17"): "ocsea", ("internet_use_pct", "all"): "online_all",
            ("has_child_helpline", "all"): "helplines"}


def _overview(ds: Dataset, f: Filters):
    s, state = _indicator_slide(ds, f, "", "st_overview", _("Children online and online harm in ASEAN"), "map")
    if s is not None and s.figure is not None and not f.countries and f.year_int is None:
        ind, latest = state
        age = latest.loc[latest["has_data"], "age_band"].iloc[0]
        card = next((c for c in wording.headlines(ds) if c["id"] == CARD_FOR.get((ind, age)) and f.sex == "all"), None)
        if card is not None:
            s.numbers = [Number(card["label"], card["value"], card["caption"])]
            s.sources = _sources(ds, card["sources"], s.sources)
    if s is not None:  # the stage shows one indicator (the page's cards, OCSEA among them, are on the full page)
        s.sensitive = care.page_shows_abuse(ds, "map", state[0])
    return s, state


def _map(ds: Dataset, f: Filters):
    return _indicator_slide(ds, f, "map", "st_map", "", "map")


def _compare(ds: Dataset, f: Filters):
    return _indicator_slide(ds, f, "compare", "st_compare", "", "bar")


def _country(ds: Dataset, f: Filters):
    iso = f.countries[0] if f.countries else ds.member_codes[0]
    nums, sources, shown = [], [], []
    for ind, age in (("internet_use_pct", "all"), ("ocsea_past_year", "12-17")):
        if ind not in ds.indicator_meta:
            continue
        row = ds.latest(ind, age=age)
        row = row[(row["iso3"] == iso) & row["has_data"]]
        if row.empty:
            continue
        r = wording.localise(row).iloc[0]
        shown.append(ind)
        nums.append(Number(wording.title(ds, ind), wording.display(r["display"]),
                           " · ".join([wording.data_text(r["age_label"]), str(int(r["year"])), ds.source_short(r["source_id"])])))
        sources.append(r["source_id"])
    tr = ds.tracker()
    tr = tr[tr["iso3"] == iso]
    if f.area:
        tr = tr[tr["area"] == f.area]
    points = []
    for r in tr.to_dict("records"):
        done = (_("{done}/{checked} in place").format(done=int(r["in_place"]), checked=int(r["checked"])) if r["checked"]
                else _("not checked"))
        points.append((wording.area_title(ds, r["area"]),
                       ngettext("{n} indicator", "{n} indicators", int(r["with_data"])).format(n=int(r["with_data"]))
                       + " · " + done))
    rows = ds.filter(countries=[iso], members_only=True, area=f.area or None)
    sensitive = any(care.page_shows_abuse(ds, "map", i) for i in shown)  # an abuse figure among the numbers
    return Slide("st_country", wording.country_name(ds, iso), wording.country_name(ds, iso), numbers=nums[:2],
                 points=points, caption=_("a cell: indicators with data · measures in place of those checked"),
                 sources=_sources(ds, sources, rows["source_id"].dropna()), sensitive=sensitive), None


def _priority_areas(ds: Dataset, f: Filters):
    tr = ds.tracker()
    if f.countries:
        tr = tr[tr["iso3"].isin(f.countries)]
    src = ds.filter(members_only=True, countries=f.country_list).query("priority_area != 'online'")["source_id"]
    message = _("Seven priority areas: where member states stand")
    words = (_("What each member state has in place, by priority area"), _("Colour: the measures checked that are in place · text: indicators with data"),
             wording.source_line(ds, src))
    return Slide("st_tracker", message, message,
                 figure=lambda present, height: charts.tracker_heatmap(ds, tr, words, present=present),
                 # counts of indicators and measures, no figure about abuse: no care note (the full page has it)
                 sources=_sources(ds, src.dropna()), state=views.state_key(ds, f, "st_tracker")), None


def _trends(ds: Dataset, f: Filters):
    tot = ds.internet_series(f.country_list, until=f.year_int)
    message = wording.title(ds, "internet_use_pct")
    if tot.empty:
        return Slide("st_trends", message, message, warning=_("No internet-use series for the chosen countries.")), None
    return Slide("st_trends", message, message,
                 figure=lambda present, height: views.trend_total_figure(ds, tot, present, height),
                 sources=_sources(ds, tot["source_id"].dropna()), drop_chart_title=True,
                 state=(ds.token, tuple(f.countries), f.year, "st_trends")), None


def _timeline(ds: Dataset, f: Filters):
    from . import timeline

    codes = [c for c in ds.member_codes if not f.countries or c in f.countries]
    since = timeline.url_since()
    events = ds.timeline(codes, f.area or None, since)
    message = _("What changed: timeline of measures")
    missing = ds.states_without_measures(codes, f.area or None, since)
    caption = ("**" + _("No measure recorded") + ":** " + ", ".join(wording.country_name(ds, c) for c in missing)) if missing else ""
    return Slide("st_timeline", message, message,
                 figure=lambda present, height: _legend_beside(timeline.figure(ds, f, codes, since, events, present, height)),
                 caption=caption, sources=_sources(ds, events["source_id"].dropna()),
                 state=views.state_key(ds, f, "st_timeline", since or "")), None


def _legend_beside(fig):
    """A chart whose legend stands at its foot (one entry a line, for a phone) with the legend on its right: on a
    16:9 screen the rows get the height."""
    if fig.layout.legend.yref == "container" and (fig.layout.legend.y or 0) == 0:
        fig.update_layout(legend={"x": 1.02, "xanchor": "left", "y": 1, "yref": "paper", "yanchor": "top"},
                          margin_b=50)
    return fig


def _data(ds: Dataset, f: Filters):
    rows = ds.filter(area=f.area or None, age=f.age or None, countries=f.country_list,
                     sex=None if f.sex == "all" else f.sex, year=f.year_int, members_only=bool(f.countries))
    message = _("Data & sources")
    words = (_("How many indicators of each priority area have data, by member state"),
             _("Latest value per indicator (both sexes) · grey = No data · choose a priority area for each indicator"),
             _("Source: all sources listed on this page"))
    counts = " · ".join([
        ngettext("{n} observation", "{n} observations", len(rows)).format(n=len(rows)),
        ngettext("{n} indicator", "{n} indicators", rows["indicator_id"].nunique()).format(n=rows["indicator_id"].nunique()),
        ngettext("{n} source", "{n} sources", rows["source_id"].nunique()).format(n=rows["source_id"].nunique())])
    return Slide("st_data", message, message,
                 figure=lambda present, height: charts.coverage_by_area_heatmap(
                     ds, ds.coverage_by_area(age=f.age or None, countries=f.country_list), words, present=present,
                     across=present),
                 # counts of indicators, no figure about abuse: no care note (the full page, which lists them, has it)
                 caption=counts, sources=_sources(ds, rows["source_id"].dropna()),
                 state=views.state_key(ds, f, "st_data")), None


STAGES = {"": _overview, "map": _map, "country": _country, "compare": _compare, "priority-areas": _priority_areas,
          "trends": _trends, "timeline": _timeline, "data": _data}


def render(ds: Dataset, f: Filters, path: str, title: str) -> None:
    """The page's stage in place of the page (presentation mode): a slide for the reader's filters, its QR code."""
    from . import forum_kit

    path = (path or "").strip("/")
    s, state = STAGES[path](ds, f)
    st.html(briefing.SLIDE_CSS)
    with st.container(key="slide_nav"):
        top = st.columns([5, 2], vertical_alignment="center")
        top[0].caption(title + " · " + _("Presentation mode"))
        top[1].button(_("Leave presentation mode"), on_click=_leave, key="stage_leave", width="stretch")
    main, side = st.columns([6, 1.1])
    with side:
        side_box = st.container(key="slide_side")
    with side_box:
        forum_kit.qr_block(ds, f, path)
    with main, st.container(key="slide"):
        if s is None:  # nothing to draw for these filters: the page's own explanation, with its suggestions
            ind, latest = state
            st.title(wording.title(ds, ind) if ind else title)
            views.explain_empty(ds, f, ind, latest)
            return
        briefing.draw(ds, s, f, side=side_box, title=True)
