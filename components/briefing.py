"""The forum briefing: 9 slides built from the data, slide number in the URL (?slide=N), sources on each slide."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import yaml

from aseancop import Dataset

from . import charts, export, figcache, wording
from .filters import Filters
from .i18n import N_, _, fmt_date

GUIDELINES = Path(__file__).resolve().parents[1] / "data" / "guidelines.yml"


@st.cache_resource(show_spinner=False)
def guidelines() -> dict:
    return yaml.safe_load(GUIDELINES.read_text(encoding="utf-8"))


def _cached(ds: Dataset, f: Filters, build, key: str):
    """A slide's figure, built once per process for each language and mode (the shared figure cache)."""
    return figcache.figure(("briefing", ds.token, key, f.present), build)


def _slide_children_online(ds: Dataset, f: Filters):
    st.header(_("Children online in ASEAN"))
    cards = {c["id"]: c for c in wording.headlines(ds)}
    c1, c2 = st.columns(2)
    for col, key in ((c1, "online_12_17"), (c2, "online_all")):
        if key in cards:
            col.metric(cards[key]["label"], cards[key]["value"])
            col.caption(cards[key]["caption"])
    latest = wording.localise(ds.latest("internet_use_pct", age="all"))
    from .views import titles
    export.show(_cached(ds, f, lambda: charts.ranked_bar(ds, latest, "internet_use_pct", titles(ds, "internet_use_pct", latest, "all"),
                                      present=f.present, height=470), key="b1"), key="b1")
    return latest["source_id"].dropna().tolist()


def _slide_online_by_age(ds: Dataset, f: Filters):
    rows = ds.internet_use_by_age()
    young = rows[~rows["reference"]]
    st.header(_("Children online, by age: {n} of {total} member states publish a figure for an age group").format(
        n=young["iso3"].nunique(), total=len(ds.member_codes)))
    from .views import children_online_by_age
    children_online_by_age(ds, f, key="b_age", height=560)
    return rows["source_id"].tolist()


def _slide_ocsea(ds: Dataset, f: Filters):
    card = next(c for c in wording.headlines(ds) if c["id"] == "ocsea")
    st.header(_("Online sexual exploitation and abuse: {value} of internet-using children in one year").format(value=card["value"]))
    st.metric(card["label"], card["value"])
    st.caption(card["caption"])
    latest = wording.localise(ds.latest("ocsea_past_year", age="12-17"))
    from .views import titles
    export.show(_cached(ds, f, lambda: charts.ranked_bar(ds, latest, "ocsea_past_year", titles(ds, "ocsea_past_year", latest, "all"),
                                      present=f.present, height=440), key="b2"), key="b2")
    missing = latest.loc[~latest["has_data"], "name"].tolist()
    st.markdown(_("Surveys of internet-using children aged 12–17 (Disrupting Harm); probably under-reported.") + " "
                + _("No such survey for {n} member states: {states}.").format(n=len(missing), states=", ".join(missing)))
    return card["sources"] + latest["source_id"].dropna().tolist()


HELP_IDS = ["did_not_know_where_to_get_help", "victims_did_not_disclose", "victims_told_no_one",
            "image_sharing_victims_told_no_one", "victims_disclosing_told_police", "did_not_know_how_to_report_social_media"]


def _slide_what_children_told(ds: Dataset, f: Filters):
    st.header(_("What children told the surveys: many tell no one, few reach formal help"))
    rows = ds.obs[ds.obs["indicator_id"].isin(HELP_IDS) & (ds.obs["area_kind"] == "member")]
    for r in rows.sort_values(["indicator_id", "_country_order"]).itertuples():
        st.markdown(f"- **{wording.data_text(r.area_name)}: {r.display}** — {wording.indicator_name(ds, r.indicator_id)} ({int(r.year)})")
    st.caption(_("Measured only where Disrupting Harm published these items; each figure has its own denominator."))
    return rows["source_id"].tolist()


def _slide_ncmec(ds: Dataset, f: Filters):
    st.header(_("Reports of suspected child sexual abuse material, 2019–2023"))
    nc = wording.localise(ds.filter(indicator="ncmec_cybertipline_reports", members_only=True))
    nc["series"] = nc["area_name"]
    export.show(_cached(ds, f, lambda: charts.trend_lines(ds, nc, (wording.title(ds, "ncmec_cybertipline_reports"),
                    charts.subtitle(ds, "all", "all", nc["year"]) + " · " + _("reports, not victims"),
                    wording.source_line(ds, nc["source_id"])),
                    present=f.present, unit="count", height=470), key="b4"), key="b4")
    st.warning(_("Reports show where content was uploaded (affected by VPNs and proxies), not how much abuse happens. "
                 "2024 referrals are a different series and are not on this chart."), icon=":material/warning:")
    return nc["source_id"].tolist()


def _slide_priority_areas(ds: Dataset, f: Filters):
    st.header(_("Seven priority areas: where member states stand"))
    tr = ds.tracker()
    export.show(_cached(ds, f, lambda: charts.tracker_heatmap(ds, tr, (_("Evidence and measures in place, by priority area"),
                    _("Indicators with data per member state and priority area"),
                    wording.source_line(ds, ds.filter(members_only=True).query("priority_area != 'online'")["source_id"])),
                    present=f.present), key="b5"), key="b5")
    return list(ds.priority_areas["source_id"].dropna())


def _slide_guidelines(ds: Dataset, f: Filters):
    g = guidelines()
    st.header(_("ASEAN Guidelines (2023): three levels of law and a minimum service package"))
    c1, c2 = st.columns(2)
    with c1:
        st.subheader(_("Legislation: three levels"))
        for lv in g["legislation"]["levels"]:
            st.markdown("**" + _("Level {n}.").format(n=lv["level"]) + f"** {wording.data_text(lv['text'])}")
    with c2:
        st.subheader(_("Minimum package of services"))
        st.markdown("\n".join(f"{i}. {wording.data_text(s)}" for i, s in enumerate(g["services"]["minimum_package"], start=1)))
    return [g["source_id"]]


def _slide_unknown(ds: Dataset, f: Filters):
    st.header(_("What is still unknown"))
    for line in wording.gaps(ds):
        st.markdown(f"- {line}")
    return []


def _slide_milestones(ds: Dataset, f: Filters):
    st.header(_("The regional commitment"))
    for r in ds.milestones.itertuples():
        st.markdown(f"- **{int(r.year)}** — {wording.data_text(r.event)}")
    joined = ds.countries.at["TLS", "member_since"]
    st.markdown(f"- **{joined[:4]}** — " + _("Timor-Leste becomes member state number {n} ({date}).").format(
        n=len(ds.countries), date=fmt_date(joined, "long")))
    return ds.milestones["source_id"].tolist() + [ds.countries.at["TLS", "member_since_source"]]


SLIDES = [
    (N_("The regional commitment"), _slide_milestones),
    (N_("Children online"), _slide_children_online),
    (N_("Children online, by age"), _slide_online_by_age),
    (N_("Online sexual exploitation and abuse"), _slide_ocsea),
    (N_("What children told"), _slide_what_children_told),
    (N_("Reports over time"), _slide_ncmec),
    (N_("Priority areas"), _slide_priority_areas),
    (N_("ASEAN Guidelines"), _slide_guidelines),
    (N_("What is unknown"), _slide_unknown),
]


def slide_from_url() -> tuple[int, str | None]:
    raw = st.query_params.get("slide")
    if raw is None:
        return 1, None
    raw = str(raw)[:10]
    if not raw.isdigit():
        return 1, _("The link's slide number was not a number; showing slide 1.")
    n = int(raw)
    if not 1 <= n <= len(SLIDES):
        return (len(SLIDES) if n > len(SLIDES) else 1), _("There are {n} slides; showing the nearest one.").format(n=len(SLIDES))
    return n, None


def _go(n: int) -> None:
    st.query_params["slide"] = str(n)


def render(ds: Dataset, f: Filters) -> None:
    n, note = slide_from_url()
    if note:
        st.info(note)
    title, fn = SLIDES[n - 1]
    top = st.columns([1.5, 5, 1.5])
    top[0].button("◀ " + _("Previous"), disabled=n == 1, on_click=_go, args=(n - 1,), key="prev", width="stretch")
    top[1].caption(_("Slide {n} of {total}").format(n=n, total=len(SLIDES)) + f" · {_(title)}")
    top[2].button(_("Next") + " ▶", disabled=n == len(SLIDES), on_click=_go, args=(n + 1,), key="next", width="stretch")
    sources = fn(ds, f) or []
    ids = [s for s in dict.fromkeys(sources) if isinstance(s, str) and s in ds.sources.index]
    if ids:
        st.caption(wording.source_line(ds, ids))
