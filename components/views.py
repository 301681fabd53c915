"""Reusable blocks that several pages share: an indicator shown as map, ranked bar and table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from aseancop import MIN_COMPARABLE_STATES, Dataset

from . import charts
from .filters import Filters, resolved_indicator
from .layout import _md, caveats, download_csv, no_data_message, source_footnote, table_frame


def titles(ds: Dataset, indicator: str, latest: pd.DataFrame, sex: str) -> tuple[str, str, str]:
    m = ds.indicator(indicator)
    has = latest[latest["has_data"]]
    age = has["age_band"].iloc[0] if not has.empty else ds.pick_age(indicator, None)
    sub = charts.subtitle(ds, age, sex, has["year"].tolist())
    n = len(has)
    sub += f" · {n} of {len(latest)} member states with data"
    return m["title"], sub, ds.source_line(has["source_id"].tolist())


def indicator_state(ds: Dataset, f: Filters) -> tuple[str | None, pd.DataFrame | None]:
    """The indicator for the current filters and its latest value for all 11 member states.

    Maps always draw all 11 states (chosen countries highlighted); use `selected()` for bars and tables.
    """
    ind = resolved_indicator(ds, f)
    if not ind:
        return None, None
    latest = ds.latest(ind, age=f.age or None, sex=f.sex, year=f.year_int)
    return ind, latest


def selected(latest: pd.DataFrame, f: Filters) -> pd.DataFrame:
    return latest[latest["iso3"].isin(f.countries)].reset_index(drop=True) if f.countries else latest


def explain_empty(ds: Dataset, f: Filters, ind: str | None, latest: pd.DataFrame | None) -> bool:
    """Say plainly when the combination has no data and suggest the nearest one. Returns True if empty."""
    if ind is None:
        no_data_message(ds, "this priority area and age band", ds.suggest(area=f.area or None, age=f.age or None))
        return True
    if latest is None or not selected(latest, f)["has_data"].any():
        label = ds.indicator(ind)["short_title"]
        no_data_message(ds, f"“{label}” with these filters",
                        ds.suggest(indicator=ind, age=f.age or None, countries=f.country_list, sex=f.sex, year=f.year_int))
        return True
    return False


def filters_text(ds: Dataset, f: Filters, ind: str | None) -> str:
    parts = [f"area={f.area or 'all'}", f"age={f.age or 'all'}", f"countries={','.join(f.countries) or 'all'}",
             f"indicator={ind or '-'}", f"sex={f.sex}", f"year={f.year}"]
    return "; ".join(parts)


def latest_table(ds: Dataset, latest: pd.DataFrame) -> None:
    show = latest[["name", "display", "year", "qualifier_text", "source_title", "source_url"]].rename(columns={
        "name": "Member state", "display": "Value", "year": "Year", "qualifier_text": "How to read the value",
        "source_title": "Source", "source_url": "Link"})
    for c in ("How to read the value", "Source", "Link"):
        show[c] = show[c].fillna("")
    show["Year"] = show["Year"].map(lambda y: "" if y is None or y is pd.NA or pd.isna(y) else str(int(y)))
    st.dataframe(show, hide_index=True, width="stretch",
                 column_config={"Link": st.column_config.LinkColumn("Link", display_text="open source")})


def map_chart(ds: Dataset, f: Filters, ind: str, latest: pd.DataFrame, key: str, height: int = 560,
              title_chars: int = 72) -> None:
    """The choropleth; clicking a country opens its profile."""
    from . import figcache

    fig = figcache.figure(
        ("map", id(ds), ind, f.age, f.sex, f.year, tuple(f.countries), f.present, height, title_chars),
        lambda: charts.choropleth(ds, latest, ind, titles(ds, ind, latest, f.sex), present=f.present, height=height,
                                  selected=f.country_list, title_chars=title_chars))
    from . import export

    event = export.show(fig, key, alt=map_alt(ds, ind, latest), on_select="rerun", selection_mode="points")
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
    parts = [f"{r['name']} {r['display']}" for _, r in has.iterrows()]
    text = f"{ds.indicator(ind)['short_title']}: " + ("; ".join(parts) if parts else "no member state has data")
    if missing:
        text += f". No data: {', '.join(missing)}."
    return text


def state_key(ds: Dataset, f: Filters, *extra) -> tuple:
    """Everything a figure on a page depends on, for the shared figure cache."""
    return (id(ds), f.area, f.age, tuple(f.countries), f.indicator, f.sex, f.year, f.present) + extra


def comparable(latest: pd.DataFrame | None) -> bool:
    """Enough member states have a value to draw a map or a ranking (otherwise: national evidence cards)."""
    return latest is not None and int(latest["has_data"].sum()) >= MIN_COMPARABLE_STATES


def national_evidence(ds: Dataset, f: Filters, ind: str, latest: pd.DataFrame, key: str, definition: bool = True) -> None:
    """Fewer than MIN_COMPARABLE_STATES states have this figure: no map, one card per state that has it."""
    m = ds.indicator(ind)
    has = latest[latest["has_data"]]
    if f.countries:
        shown = has[has["iso3"].isin(f.countries)]
        has = shown if not shown.empty else has
    n_all = int(latest["has_data"].sum())
    others = [r["name"] for _, r in latest.iterrows() if not r["has_data"]]
    st.markdown(f"#### {_md(m['title'])}")
    st.info(f"National evidence, not a regional comparison: only {n_all} of {len(latest)} member states "
            f"{'has' if n_all == 1 else 'have'} this figure, so no map is drawn. "
            f"The other {len(others)} have no comparable figure: {', '.join(others)}.", icon=":material/info:")
    cols = st.columns(min(3, max(1, len(has))))
    for k, (_, r) in enumerate(has.iterrows()):
        with cols[k % len(cols)], st.container(border=True):
            st.markdown(f"**{_md(r['name'])}**")
            st.metric(r["name"], r["display"], label_visibility="collapsed")
            sex = {"all": "both sexes", "female": "girls/women", "male": "boys/men"}.get(r["sex"], r["sex"])
            st.caption(f"{_md(r['age_label'])} · {sex} · {int(r['year'])}"
                       + (f" · {_md(r['qualifier_text'])}" if r["qualifier"] else ""))
            url = str(r["source_url"] or "")
            title = _md(str(r["source_title"]))
            st.markdown(f"Source: [{title}]({url})" if url.startswith(("https://", "http://")) else f"Source: {title}")
    if definition:
        st.markdown(f"**What it measures.** {_md(m['description'])}")
    if m.get("comparability"):
        st.caption(_md(m["comparability"]))



def children_online_by_age(ds: Dataset, f: Filters, key: str, height: int | None = None) -> None:
    """The age question answered honestly: every internet-use figure by its published age band, per member state."""
    from . import export, figcache

    codes = f.countries or ds.member_codes
    rows = ds.internet_use_by_age(f.country_list)
    have = set(rows["iso3"])
    children = rows[~rows["reference"]]
    title = "Children online, by age: every published internet-use figure"
    sub = (f"Each dot is one figure with its exact age band and year · grey tick: whole population · open dot: a bound · "
           f"both sexes · {children['iso3'].nunique()} of {len(codes)} states have a figure for an age group below all ages")
    fig = figcache.figure(("age_chart", id(ds), tuple(codes), f.present, height),
                          lambda: charts.internet_by_age(ds, rows, codes, (title, sub, ds.source_line(rows["source_id"])),
                                                         present=f.present, height=height))
    lines = []
    for c in codes:
        part = rows[rows["iso3"] == c]
        if part.empty:
            lines.append(f"{ds.country_name(c)}: No data")
            continue
        lines.append(f"{ds.country_name(c)}: " + "; ".join(
            f"{r['age_label']} {r['display']} ({int(r['year'])})" for _, r in part.iterrows()))
    export.show(fig, key=key, alt=title + "\n" + "\n".join(lines))
    missing = [ds.country_name(c) for c in codes if c not in have]
    only_all = [ds.country_name(c) for c in codes if c in have and c not in set(children["iso3"])]
    if only_all:
        st.caption("Only a whole-population figure (no figure for children or youth): " + ", ".join(only_all) + ".")
    if missing:
        st.caption("No internet-use figure at all: " + ", ".join(missing) + ".")


def indicator_catalogue(ds: Dataset, f: Filters) -> None:
    """Every indicator of the chosen area and age group, by priority area and tier, with its reach and comparability."""
    from .wording import area_short_title, short_title, tier_label

    cat = ds.catalogue(f.area or None, f.age or None)
    if cat.empty:
        st.info("No indicators for this priority area and age group.")
        return
    counts = cat["tier"].value_counts()
    st.markdown(" · ".join(f"**{counts.get(t, 0)}** {tier_label(t).lower()}" for t in ("headline", "comparable", "national", "context")
                           if counts.get(t, 0)) + f" · {len(cat)} indicators")
    table = pd.DataFrame({
        "Priority area": [area_short_title(ds, a) for a in cat["priority_area"]],
        "Tier": [tier_label(t) for t in cat["tier"]],
        "Indicator": [short_title(ds, i) for i in cat["indicator_id"]],
        "Member states with data": [f"{n} of {m}" for n, m in zip(cat["states_with_data"], cat["member_states"])],
        "Can be compared": cat["comparability"],
        "Same family (near-duplicates, series breaks)": [
            ", ".join(short_title(ds, j) for j, m in ds.indicator_meta.items() if m.get("family") == fam and j != i)
            for i, fam in zip(cat["indicator_id"], cat["family"])],
    })
    st.dataframe(table, hide_index=True, width="stretch", height=min(420, 40 + 35 * len(table)))
    st.caption("Headline and comparable indicators use the same definition in at least 3 member states and can be "
               "mapped; national evidence covers one or two states or a national definition and is shown state by state; "
               "context figures describe the setting (world and regional benchmarks, populations).")
