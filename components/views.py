"""Reusable blocks that several pages share: an indicator shown as map, ranked bar and table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from aseancop import MIN_COMPARABLE_STATES, Dataset

from . import charts, wording
from .filters import Filters, resolved_indicator
from .i18n import _, data_text, ngettext
from .layout import _md, caveats, download_csv, no_data_message, source_footnote, table_frame


def titles(ds: Dataset, indicator: str, latest: pd.DataFrame, sex: str) -> tuple[str, str, str]:
    has = latest[latest["has_data"]]
    age = has["age_band"].iloc[0] if not has.empty else ds.pick_age(indicator, None)
    sub = charts.subtitle(ds, age, sex, has["year"].tolist())
    sub += " · " + _("{n} of {total} member states with data").format(n=len(has), total=len(latest))
    return wording.title(ds, indicator), sub, wording.source_line(ds, has["source_id"].tolist())


def indicator_state(ds: Dataset, f: Filters) -> tuple[str | None, pd.DataFrame | None]:
    """The indicator for the current filters and its latest value for all 11 member states.

    Maps always draw all 11 states (chosen countries highlighted); use `selected()` for bars and tables.
    """
    ind = resolved_indicator(ds, f)
    if not ind:
        return None, None
    latest = wording.localise(ds.latest(ind, age=f.age or None, sex=f.sex, year=f.year_int))
    return ind, latest


def selected(latest: pd.DataFrame, f: Filters) -> pd.DataFrame:
    return latest[latest["iso3"].isin(f.countries)].reset_index(drop=True) if f.countries else latest


def is_empty(f: Filters, ind: str | None, latest: pd.DataFrame | None) -> bool:
    """No indicator for the filters, or none of the chosen states has a value."""
    return ind is None or latest is None or not selected(latest, f)["has_data"].any()


def explain_empty(ds: Dataset, f: Filters, ind: str | None, latest: pd.DataFrame | None) -> bool:
    """Say plainly when the combination has no data and suggest the nearest one. Returns True if empty."""
    if ind is None:
        no_data_message(ds, _("this priority area and age band"), wording.suggest(ds, area=f.area or None, age=f.age or None))
        return True
    if is_empty(f, ind, latest):
        label = wording.short_title(ds, ind)
        no_data_message(ds, _("“{indicator}” with these filters").format(indicator=label),
                        wording.suggest(ds, indicator=ind, age=f.age or None, countries=f.country_list, sex=f.sex, year=f.year_int))
        return True
    return False


def filters_text(ds: Dataset, f: Filters, ind: str | None) -> str:
    parts = [f"area={f.area or 'all'}", f"age={f.age or 'all'}", f"countries={','.join(f.countries) or 'all'}",
             f"indicator={ind or '-'}", f"sex={f.sex}", f"year={f.year}"]
    return "; ".join(parts)


def latest_table(ds: Dataset, latest: pd.DataFrame, cache_key: tuple | None = None) -> None:
    """The latest value per member state with its source; `cache_key` (a state_key) keeps the worded table per process."""
    from . import figcache

    c_link = _("Link")
    show = figcache.figure(cache_key, lambda: _latest_frame(latest)) if cache_key else _latest_frame(latest)
    st.dataframe(show, hide_index=True, width="stretch",
                 column_config={c_link: st.column_config.LinkColumn(c_link, display_text=_("open source"))})


def _latest_frame(latest: pd.DataFrame) -> pd.DataFrame:
    c_state, c_value, c_year, c_read, c_source, c_link = (_("Member state"), _("Value"), _("Year"),
                                                          _("How to read the value"), _("Source"), _("Link"))
    show = wording.localise(latest)[["name", "display", "year", "qualifier_text", "source_title", "source_url"]].rename(
        columns={"name": c_state, "display": c_value, "year": c_year, "qualifier_text": c_read,
                 "source_title": c_source, "source_url": c_link})
    for c in (c_read, c_source, c_link):
        show[c] = show[c].fillna("")
    show[c_year] = show[c_year].map(lambda y: "" if y is None or y is pd.NA or pd.isna(y) else str(int(y)))
    return show


def map_chart(ds: Dataset, f: Filters, ind: str, latest: pd.DataFrame, key: str, height: int = 560,
              title_chars: int = 72) -> None:
    """The choropleth; clicking a country opens its profile."""
    from . import figcache

    fig = figcache.figure(
        ("map", ds.token, ind, f.age, f.sex, f.year, tuple(f.countries), f.present, height, title_chars),
        lambda: charts.choropleth(ds, latest, ind, titles(ds, ind, latest, f.sex), present=f.present, height=height,
                                  selected=f.country_list, title_chars=title_chars))
    from . import export

    event = export.show(fig, key, alt=lambda: map_alt(ds, ind, latest), on_select="rerun", selection_mode="points")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for p in points:
        loc = charts.clicked_iso3(p)  # a state's shape, or the marker of a state too small to click
        if loc in ds.countries.index:
            # the sidebar widget already exists in this run: the new link carries the country instead
            from dataclasses import replace

            from .filters import url_params

            st.switch_page("pages/country.py", query_params=url_params(replace(f, countries=[loc]), ds))


def map_alt(ds: Dataset, ind: str, latest: pd.DataFrame) -> str:
    """Text alternative of a map or ranking: every state's value in words."""
    has = latest[latest["has_data"]].sort_values("sort_value", ascending=False)
    missing = latest.loc[~latest["has_data"], "name"].tolist()
    parts = [f"{r['name']} {r['display']}" for r in has.to_dict("records")]
    text = f"{wording.short_title(ds, ind)}: " + ("; ".join(parts) if parts else _("no member state has data"))
    if missing:
        text += ". " + _("No data: {states}.").format(states=", ".join(missing))
    return text


def state_key(ds: Dataset, f: Filters, *extra) -> tuple:
    """Everything a figure on a page depends on, for the shared figure cache."""
    return (ds.token, f.area, f.age, tuple(f.countries), f.indicator, f.sex, f.year, f.present) + extra


def comparable(latest: pd.DataFrame | None) -> bool:
    """Enough member states have a value to draw a map or a ranking (otherwise: national evidence cards)."""
    return latest is not None and int(latest["has_data"].sum()) >= MIN_COMPARABLE_STATES


def chart_or_evidence(ds: Dataset, f: Filters, ind: str | None, latest: pd.DataFrame | None, key: str,
                      definition: bool = True) -> bool:
    """The one rule of every page that maps or ranks an indicator: say plainly when there is no data; with fewer than
    MIN_COMPARABLE_STATES states, show national evidence cards; otherwise return True (the caller draws its chart)."""
    if explain_empty(ds, f, ind, latest):
        return False
    if not comparable(latest):
        national_evidence(ds, f, ind, latest, key=key, definition=definition)
        return False
    return True


def national_evidence(ds: Dataset, f: Filters, ind: str, latest: pd.DataFrame, key: str, definition: bool = True) -> None:
    """Fewer than MIN_COMPARABLE_STATES states have this figure: no map, one card per state that has it."""
    m = ds.indicator(ind)
    latest = wording.localise(latest)
    has = latest[latest["has_data"]]
    if f.countries:
        shown = has[has["iso3"].isin(f.countries)]
        has = shown if not shown.empty else has
    n_all = int(latest["has_data"].sum())
    others = [r["name"] for r in latest.to_dict("records") if not r["has_data"]]
    st.markdown(f"#### {_md(wording.title(ds, ind))}")
    st.info(ngettext("National evidence, not a regional comparison: only {n} of {total} member states has this "
                     "figure, so no map is drawn.",
                     "National evidence, not a regional comparison: only {n} of {total} member states have this "
                     "figure, so no map is drawn.", n_all).format(n=n_all, total=len(latest)) + " "
            + _("The other {n} have no comparable figure: {states}.").format(n=len(others), states=", ".join(others)),
            icon=":material/info:")
    cols = st.columns(min(3, max(1, len(has))))
    for k, r in enumerate(has.to_dict("records")):
        with cols[k % len(cols)], st.container(border=True):
            st.markdown(f"**{_md(r['name'])}**")
            st.metric(r["name"], r["display"], label_visibility="collapsed")
            st.caption(f"{_md(r['age_label'])} · {wording.sex_words(r['sex'])} · {int(r['year'])}"
                       + (f" · {_md(r['qualifier_text'])}" if r["qualifier"] else ""))
            url = str(r["source_url"] or "")
            title = _md(str(r["source_title"]))
            link = f"[{title}]({url})" if url.startswith(("https://", "http://")) else title
            st.markdown(_("Source: {sources}").format(sources=link))
    if definition:
        st.markdown("**" + _("What it measures.") + f"** {_md(wording.description(ds, ind))}")
    if m.get("comparability"):
        st.caption(_md(data_text(m["comparability"])))
    if len(f.countries) == 1 and f.countries[0] in set(has["iso3"]):  # a one-state share card still tells the truth
        from . import export

        export.share_card_button(ds, ind, f.countries[0], f.age or None, f.sex, key=f"{key}_card")


def series_names(frame: pd.DataFrame) -> pd.DataFrame:
    """Series names (countries, regions, age bands) in the reader's language; values as published."""
    out = wording.localise(frame)
    out["series"] = out["series"].map(lambda s: " · ".join(wording.data_text(p) for p in str(s).split(" · ")))
    return out


def trend_total_figure(ds: Dataset, tot: pd.DataFrame, present: bool, height: int | None = None, compact: bool = False):
    """Internet use over time (all ages) for the series given: the trends page's first chart (`compact`: its phone
    form) and its stage."""
    kw = {"height": height} if height else {}
    return charts.trend_lines(ds, series_names(tot), (wording.title(ds, "internet_use_pct"),
                              charts.subtitle(ds, "all", "all", tot["year"]), wording.source_line(ds, tot["source_id"])),
                              present=present, compact=compact, **kw)


def youth_trend_figure(ds: Dataset, youth: pd.DataFrame, present: bool, compact: bool = False):
    """Internet use among children and young people over time (6–14 and 15–24): the trends page's second chart."""
    return charts.trend_lines(ds, series_names(youth), (_("Internet use among children and young people"),
                              _("Ages 6–14 and 15–24 · national statistics and ITU world estimates") + " · "
                              + charts.subtitle(ds, None, "all", youth["year"]), wording.source_line(ds, youth["source_id"])),
                              present=present, compact=compact)


def children_online_by_age(ds: Dataset, f: Filters, key: str, height: int | None = None) -> None:
    """The age question answered honestly: every internet-use figure by its published age band, per member state."""
    from . import export, figcache

    codes = f.countries or ds.member_codes
    # figure, text alternative and captions made once per process for these states and language (~40 ms a rerun)
    fig, alt, only_all, missing = figcache.figure(("age_chart", ds.token, tuple(codes), f.present, height),
                                                  lambda: _children_online_by_age(ds, f, codes, height))
    # on a phone five panels side by side are too narrow for their labels: there they stand one under the other
    phone = None if f.present else figcache.figure(("age_chart_phone", ds.token, tuple(codes)),
                                                   lambda: _children_online_by_age(ds, f, codes, None, compact=True)[0])
    export.show_forms(fig, phone, key=key, alt=alt)
    if only_all:
        st.caption(_("Only a whole-population figure (no figure for children or youth): {states}.").format(states=", ".join(only_all)))
    if missing:
        st.caption(_("No internet-use figure at all: {states}.").format(states=", ".join(missing)))


def _children_online_by_age(ds: Dataset, f: Filters, codes: list[str], height: int | None, compact: bool = False):
    from . import figcache

    rows = ds.internet_use_by_age(f.country_list)
    have = set(rows["iso3"])
    children = rows[~rows["reference"]]
    title = _("Children online, by age: every published internet-use figure")
    sub = _("Each dot is one figure with its exact age band and year · grey tick: whole population · open dot: a bound · "
            "both sexes · {n} of {total} states have a figure for an age group below all ages").format(
        n=children["iso3"].nunique(), total=len(codes))
    fig = figcache.freeze(charts.internet_by_age(ds, rows, codes, (title, sub, wording.source_line(ds, rows["source_id"])),
                                                 present=f.present, height=height, compact=compact))
    by_state: dict[str, list[dict]] = {}
    for r in rows[["iso3", "age_label", "display", "year"]].to_dict("records"):  # one conversion, not one a state
        by_state.setdefault(r["iso3"], []).append(r)
    lines = []
    for c in codes:
        part = by_state.get(c)
        if not part:
            lines.append(f"{wording.country_name(ds, c)}: {wording.no_data()}")
            continue
        lines.append(f"{wording.country_name(ds, c)}: " + "; ".join(
            f"{wording.data_text(r['age_label'])} {r['display']} ({int(r['year'])})" for r in part))
    missing = [wording.country_name(ds, c) for c in codes if c not in have]
    only_all = [wording.country_name(ds, c) for c in codes if c in have and c not in set(children["iso3"])]
    return fig, title + "\n" + "\n".join(lines), only_all, missing


def indicator_catalogue(ds: Dataset, f: Filters) -> None:
    """Every indicator of the chosen area and age group, by priority area and tier, with its reach and comparability."""
    from . import figcache

    summary, table = figcache.figure(("catalogue", ds.token, f.area, f.age), lambda: _catalogue(ds, f.area, f.age))
    if table is None:
        st.info(_("No indicators for this priority area and age group."))
        return
    st.markdown(summary)
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 40 + 35 * len(table)))
    st.caption(_("Headline and comparable indicators use the same definition in at least 3 member states and can be "
                 "mapped; national evidence covers one or two states or a national definition and is shown state by state; "
                 "context figures describe the setting (world and regional benchmarks, populations)."))


def _catalogue(ds: Dataset, area: str, age: str) -> tuple[str, pd.DataFrame | None]:
    """The catalogue's summary line and table, in the reader's language (built once per process and language)."""
    from .wording import area_short_title, short_title, tier_label

    cat = ds.catalogue(area or None, age or None)
    if cat.empty:
        return "", None
    counts = cat["tier"].value_counts()
    summary = (" · ".join(f"**{counts.get(t, 0)}** {tier_label(t).lower()}" for t in ("headline", "comparable", "national", "context")
                          if counts.get(t, 0)) + " · " + ngettext("{n} indicator", "{n} indicators", len(cat)).format(n=len(cat)))
    family: dict = {}
    for j, m in ds.indicator_meta.items():
        family.setdefault(m.get("family"), []).append(j)
    table = pd.DataFrame({
        _("Priority area"): [area_short_title(ds, a) for a in cat["priority_area"]],
        _("Tier"): [tier_label(t) for t in cat["tier"]],
        _("Indicator"): [short_title(ds, i) for i in cat["indicator_id"]],
        _("Member states with data"): [_("{n} of {total}").format(n=n, total=m)
                                       for n, m in zip(cat["states_with_data"], cat["member_states"])],
        _("Can be compared"): [data_text(c) if isinstance(c, str) else c for c in cat["comparability"]],
        _("Same family (near-duplicates, series breaks)"): [
            ", ".join(short_title(ds, j) for j in family.get(fam, []) if j != i) if fam else ""
            for i, fam in zip(cat["indicator_id"], cat["family"])],
    })
    return summary, table


def profile_parts(ds: Dataset, iso: str, f: Filters) -> list[tuple[str, str, pd.DataFrame | None]]:
    """A country profile by priority area: (area, checklist as markdown, table of the other values), for the filters
    shown; built once per process, state, filters and language (the profile reran ~40 ms of wording every time)."""
    from . import figcache

    return figcache.figure(("profile", ds.token, iso, f.area, f.age), lambda: _profile_parts(ds, iso, f.area, f.age))


def _profile_parts(ds: Dataset, iso: str, area_filter: str, age: str):
    prof = ds.profile(iso, area=area_filter or None, age=age or None)
    out = []
    for area in ds.area_codes():
        part = prof[prof["priority_area"] == area]
        if part.empty:
            continue
        yn = part[part["unit"] == "yes_no"]
        other = part[part["unit"] != "yes_no"]
        checklist = "\n".join(
            "- " + (f":material/check_circle: **{wording.yes_no(True)}**" if r.value >= 0.5
                    else f":material/cancel: **{wording.yes_no(False)}**")
            + f" — {wording.title(ds, r.indicator_id)} ({int(r.year)}; {r.source_publisher})" for r in yn.itertuples())
        table = None
        if not other.empty:
            other = wording.localise(other).assign(
                indicator=[wording.indicator_name(ds, i) for i in other["indicator_id"]],
                sex=other["sex"].map(wording.sex_words),
                context=[wording.regional_context(ds, r["indicator_id"], r["age_band"], r["sex"], r["year"])
                         for r in other.to_dict("records")])
            table = other[["indicator", "age_label", "sex", "year", "display", "context", "source_title", "source_url"]].rename(columns={
                "indicator": _("Indicator"), "age_label": _("Age band"), "sex": _("Sex"), "year": _("Year"), "display": _("Value"),
                "context": _("Member states, same indicator and year"), "source_title": _("Source"), "source_url": _("Link")})
        out.append((area, checklist, table))
    return out
