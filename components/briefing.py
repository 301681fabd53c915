"""The forum briefing: 9 slides built from the data, slide number in the URL (?slide=N), sources on each slide.

Each slide is a spec (`Slide`): title, one message, its big numbers, a figure builder, text points, sources and the
speaker-note facts (each figure with its age band, year, source and caveats). The page (`render`) and the deck
builders (components/forum_kit: PowerPoint and PDF) read the same specs, so the deck says what the page says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import streamlit as st
import yaml

from aseancop import Dataset

from . import charts, export, figcache, wording
from .filters import Filters
from .i18n import N_, _, fmt_date

GUIDELINES = Path(__file__).resolve().parents[1] / "data" / "guidelines.yml"


@dataclass
class Number:
    label: str
    value: str
    caption: str


@dataclass
class Slide:
    """One briefing slide, in the reader's language (build it inside `use(code)` for another language)."""
    key: str
    title: str  # the short name of the slide
    message: str  # the one sentence the slide says
    numbers: list[Number] = field(default_factory=list)
    figure: Callable[[bool, int | None], object] | None = None  # (present, height) -> plotly figure
    alt: Callable[[], str] | None = None  # the chart's text alternative (default: described from the figure)
    points: list[tuple[str, str]] = field(default_factory=list)  # (bold lead, text) lines of a text slide
    point_heads: list[tuple[int, str]] = field(default_factory=list)  # (index of first point, subheading)
    caption: str = ""  # a short note under the chart
    warning: str = ""  # a caveat the reader must not miss
    sources: list[str] = field(default_factory=list)  # source ids
    notes: list[str] = field(default_factory=list)  # speaker-note facts
    sensitive: bool = False  # shows abuse figures: opens with the care note
    state: tuple = ()  # what the figure depends on besides the slide (a page's stage: the reader's filters)
    drop_chart_title: bool = False  # the message says the chart's title: on the projector the chart does not repeat it
    tall_chart: bool = False  # a map: on the projector the chart takes the screen's height, the words stand beside it


@st.cache_resource(show_spinner=False)
def guidelines() -> dict:
    return yaml.safe_load(GUIDELINES.read_text(encoding="utf-8"))


def _ids(ds: Dataset, ids) -> list[str]:
    return [s for s in dict.fromkeys(ids) if isinstance(s, str) and s in ds.sources.index]


def facts(ds: Dataset, rows: pd.DataFrame, indicator: str | None = None) -> list[str]:
    """Speaker-note lines: each figure with its place, age band, year and source; then the indicator's caveats."""
    out = []
    if rows is not None and not rows.empty:
        name_col = "name" if "name" in rows else "area_name"
        for r in rows.to_dict("records"):
            if "has_data" in r and not r["has_data"]:
                out.append(f"{wording.data_text(r[name_col])}: {wording.no_data()}")
                continue
            what = wording.indicator_name(ds, r["indicator_id"]) if not indicator else ""
            bits = [wording.data_text(r.get("age_label") or ""), str(int(r["year"])) if pd.notna(r.get("year")) else "",
                    ds.source_short(r["source_id"]) if r.get("source_id") in ds.sources.index else ""]
            out.append(f"{wording.data_text(r[name_col])}: {wording.display(r['display'])}"
                       + (f" — {what}" if what else "") + " (" + "; ".join(b for b in bits if b) + ")")
    if indicator:
        out += [_("Read with care: {caveat}").format(caveat=c) for c in wording.caveats(ds, indicator)]
    return out


def _children_online(ds: Dataset) -> Slide:
    from .views import titles

    cards = {c["id"]: c for c in wording.headlines(ds)}
    nums = [Number(cards[k]["label"], cards[k]["value"], cards[k]["caption"]) for k in ("online_12_17", "online_all")
            if k in cards]
    latest = wording.localise(ds.latest("internet_use_pct", age="all"))
    return Slide("b1", _("Children online"), _("Children online in ASEAN"), numbers=nums,
                 figure=lambda present, height: charts.ranked_bar(
                     ds, latest, "internet_use_pct", titles(ds, "internet_use_pct", latest, "all"), present=present,
                     height=height or 470),
                 sources=_ids(ds, latest["source_id"].dropna().tolist() + sum((cards[k]["sources"] for k in cards
                                                                                 if k in ("online_12_17", "online_all")), [])),
                 notes=[f"{n.label}: {n.value} ({n.caption})" for n in nums] + facts(ds, latest, "internet_use_pct"))


def _online_by_age(ds: Dataset) -> Slide:
    from .views import _children_online_by_age

    rows = ds.internet_use_by_age()
    young = rows[~rows["reference"]]
    built: dict = {}

    def figure(present, height):
        fig, alt, only_all, missing = _children_online_by_age(ds, Filters(present=present), list(ds.member_codes),
                                                              height or 560)
        built["alt"] = alt
        return fig

    return Slide("b_age", _("Children online, by age"),
                 _("Children online, by age: {n} of {total} member states publish a figure for an age group").format(
                     n=young["iso3"].nunique(), total=len(ds.member_codes)),
                 figure=figure, alt=lambda: built.get("alt", ""),
                 sources=_ids(ds, rows["source_id"]), notes=facts(ds, wording.localise(rows)))


def _ocsea(ds: Dataset) -> Slide:
    from .views import titles

    card = next(c for c in wording.headlines(ds) if c["id"] == "ocsea")
    latest = wording.localise(ds.latest("ocsea_past_year", age="12-17"))
    missing = latest.loc[~latest["has_data"], "name"].tolist()
    return Slide("b2", _("Online sexual exploitation and abuse"),
                 _("Online sexual exploitation and abuse: {value} of internet-using children in one year").format(
                     value=card["value"]),
                 numbers=[Number(card["label"], card["value"], card["caption"])],
                 figure=lambda present, height: charts.ranked_bar(
                     ds, latest, "ocsea_past_year", titles(ds, "ocsea_past_year", latest, "all"), present=present,
                     height=height or 440),
                 caption=_("Surveys of internet-using children aged 12–17 (Disrupting Harm); probably under-reported.") + " "
                 + _("No such survey for {n} member states: {states}.").format(n=len(missing), states=", ".join(missing)),
                 sources=_ids(ds, card["sources"] + latest["source_id"].dropna().tolist()),
                 notes=[f"{card['label']}: {card['value']} ({card['caption']})"] + facts(ds, latest, "ocsea_past_year"),
                 sensitive=True)


HELP_IDS = ["did_not_know_where_to_get_help", "victims_did_not_disclose", "victims_told_no_one",
            "image_sharing_victims_told_no_one", "victims_disclosing_told_police", "did_not_know_how_to_report_social_media"]


def _what_children_told(ds: Dataset) -> Slide:
    rows = ds.obs[ds.obs["indicator_id"].isin(HELP_IDS) & (ds.obs["area_kind"] == "member")]
    rows = rows.sort_values(["indicator_id", "_country_order"])
    points = [(f"{wording.data_text(r.area_name)}: {wording.display(r.display)}",
               f"{wording.indicator_name(ds, r.indicator_id)} ({int(r.year)})") for r in rows.itertuples()]
    return Slide("b3", _("What children told"), _("What children told the surveys: many tell no one, few reach formal help"),
                 points=points,
                 caption=_("Measured only where Disrupting Harm published these items; each figure has its own denominator."),
                 sources=_ids(ds, rows["source_id"]), notes=facts(ds, rows), sensitive=True)


def _ncmec(ds: Dataset) -> Slide:
    nc = wording.localise(ds.filter(indicator="ncmec_cybertipline_reports", members_only=True))
    nc["series"] = nc["area_name"]
    warning = _("Reports show where content was uploaded (affected by VPNs and proxies), not how much abuse happens. "
                "2024 referrals are a different series and are not on this chart.")
    return Slide("b4", _("Reports over time"), _("Reports of suspected child sexual abuse material, 2019–2023"),
                 figure=lambda present, height: charts.trend_lines(
                     ds, nc, (wording.title(ds, "ncmec_cybertipline_reports"),
                              charts.subtitle(ds, "all", "all", nc["year"]) + " · " + _("reports, not victims"),
                              wording.source_line(ds, nc["source_id"])), present=present, unit="count",
                     height=height or 470),
                 warning=warning, sources=_ids(ds, nc["source_id"]),
                 notes=[warning] + facts(ds, nc.sort_values(["_country_order", "year"]), "ncmec_cybertipline_reports"),
                 sensitive=True)


def _priority_areas(ds: Dataset) -> Slide:
    tr = ds.tracker()
    src_rows = ds.filter(members_only=True).query("priority_area != 'online'")
    notes = [_("Each cell's colour is how many of the measures checked for a member state and priority area are in "
               "place ('not checked' and 'No data' are shown apart from 'none in place'); its text counts the indicators "
               "with data. It is not a score.")]
    return Slide("b5", _("Priority areas"), _("Seven priority areas: where member states stand"),
                 figure=lambda present, height: charts.tracker_heatmap(
                     ds, tr, (_("Evidence and measures in place, by priority area"),
                              _("Colour: the measures checked that are in place · text: indicators with data"),
                              wording.source_line(ds, src_rows["source_id"])), present=present),
                 sources=_ids(ds, ds.priority_areas["source_id"].dropna()), notes=notes)


def _guidelines(ds: Dataset) -> Slide:
    g = guidelines()
    levels = [(_("Level {n}.").format(n=lv["level"]), wording.data_text(lv["text"])) for lv in g["legislation"]["levels"]]
    services = [(f"{i}.", wording.data_text(s)) for i, s in enumerate(g["services"]["minimum_package"], start=1)]
    return Slide("b6", _("ASEAN Guidelines"),
                 _("ASEAN Guidelines (2023): three levels of law and a minimum service package"),
                 points=levels + services,
                 point_heads=[(0, _("Legislation: three levels")), (len(levels), _("Minimum package of services"))],
                 sources=_ids(ds, [g["source_id"]]), notes=[f"{a} {b}" for a, b in levels + services])


def _unknown(ds: Dataset) -> Slide:
    gaps = wording.gaps(ds)
    return Slide("b7", _("What is unknown"), _("What is still unknown"), points=[("", line) for line in gaps], notes=gaps)


def _milestones(ds: Dataset) -> Slide:
    points = [(str(int(r.year)), wording.data_text(r.event)) for r in ds.milestones.itertuples()]
    joined = ds.countries.at["TLS", "member_since"]
    points.append((joined[:4], _("Timor-Leste becomes member state number {n} ({date}).").format(
        n=len(ds.countries), date=fmt_date(joined, "long"))))
    return Slide("b0", _("The regional commitment"), _("The regional commitment"), points=points,
                 sources=_ids(ds, ds.milestones["source_id"].tolist() + [ds.countries.at["TLS", "member_since_source"]]),
                 notes=[f"{a}: {b}" for a, b in points])


SLIDES = [
    (N_("The regional commitment"), _milestones),
    (N_("Children online"), _children_online),
    (N_("Children online, by age"), _online_by_age),
    (N_("Online sexual exploitation and abuse"), _ocsea),
    (N_("What children told"), _what_children_told),
    (N_("Reports over time"), _ncmec),
    (N_("Priority areas"), _priority_areas),
    (N_("ASEAN Guidelines"), _guidelines),
    (N_("What is unknown"), _unknown),
]


def slide(ds: Dataset, n: int) -> Slide:
    """Slide n (1-based), in the current language."""
    return SLIDES[n - 1][1](ds)


def slides(ds: Dataset) -> list[Slide]:
    return [fn(ds) for _title, fn in SLIDES]


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


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#|~$" else ch for ch in str(text))


# Presentation mode: one slide fits a 1280 x 720 screen (and so a 1920 x 1080 one) with nothing to scroll. Static CSS
# only (no data or user text), scoped to the slide's containers.
SLIDE_CSS = """
<style>
[data-testid="stMainBlockContainer"]:has(.st-key-slide) { padding-bottom: 0.5rem !important; padding-top: 0.6rem !important; }
[data-testid="stMainBlockContainer"]:has(.st-key-slide) > div > [data-testid="stVerticalBlock"] { gap: 0.4rem !important; }
.st-key-slide_nav button { min-height: 0 !important; padding: 0.1rem 0.7rem !important; }
.st-key-slide_nav button p, .st-key-slide_nav [data-testid="stCaptionContainer"] { font-size: 0.72rem !important; }
.st-key-slide [data-testid="stVerticalBlock"] { gap: 0.35rem !important; }
.st-key-slide h1, .st-key-slide h2 { font-size: 1.55rem !important; line-height: 1.22 !important; padding: 0 0 0.2rem 0 !important; }
.st-key-slide h3 { font-size: 1.05rem !important; padding: 0.1rem 0 !important; }
/* a page's stage opens with its title (h1): Streamlit pulls the element after a heading up by 1rem, over its last line */
.st-key-slide [data-testid="stHeading"]:has(h1) [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
/* beside a map (Slide.tall_chart) the words have two fifths of the slide: the title in smaller type */
.st-key-slide_words h1 { font-size: 1.25rem !important; }
.st-key-slide_words [data-testid="stMarkdownContainer"] p { font-size: 0.72rem !important; }
.st-key-slide [data-testid="stMarkdownContainer"] p, .st-key-slide [data-testid="stMarkdownContainer"] li {
  font-size: 0.8rem !important; line-height: 1.3 !important; }
.st-key-slide [data-testid="stMarkdownContainer"] li { margin-bottom: 0.1rem !important; }
.st-key-slide [data-testid="stMetricValue"], .st-key-slide [data-testid="stMetricValue"] *,
.st-key-slide [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: 2.5rem !important; line-height: 1.05 !important; font-weight: 700 !important;
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
.st-key-slide [data-testid="stCaptionContainer"], .st-key-slide [data-testid="stCaptionContainer"] p,
.st-key-slide_side [data-testid="stCaptionContainer"], .st-key-slide_side [data-testid="stCaptionContainer"] p {
  font-size: 0.6rem !important; line-height: 1.3 !important; }
.st-key-slide [data-testid="stAlert"] p { font-size: 0.66rem !important; }
.st-key-slide [data-testid="stAlert"] > div { padding: 0.35rem 0.7rem !important; }
.st-key-slide [data-testid="stExpander"], .st-key-slide [data-testid="stPopover"] { display: none !important; }
.st-key-slide_side [data-testid="stImage"] img { width: 128px !important; }
</style>
"""
SCREEN_H = 720  # the smallest forum screen a slide must fit (px); 1920 x 1080 has room to spare
_NAV_H, _GAPS_H = 56, 90


def _lines(text: str, per_line: int) -> int:
    return max(1, -(-len(text or "") // per_line)) if text else 0


def present_chart_height(s: Slide, title: bool = False) -> int:
    """The chart's height (px) in presentation mode: the screen less the slide's text, by a conservative estimate of
    its lines at the slide's type sizes (message ~34 px, notes ~15 px, sources ~13 px). `title`: the message is a
    page's title (h1), which keeps the 1rem Streamlit takes back from a heading (see SLIDE_CSS)."""
    used = _NAV_H + _GAPS_H + _lines(s.message, 46) * 42 + 12 + (22 if title else 0)
    note = " ".join(t for t in (s.caption, s.warning) if t)
    if note:
        used += _lines(note, 120) * 21 + (26 if s.warning else 6)
    if s.sources:
        used += 2 * 19
    if s.sensitive:
        used += 4 * 18 + 10  # the help line under the slide
    return max(260, SCREEN_H - used)


def _without_title(fig):
    """The framed figure with its bold title line(s) taken out (the subtitle stays) and their height given back."""
    import re

    title = fig.layout.title.text or ""
    m = re.match(r"^<b>(.*?)</b>(?:<br>)?(.*)$", title, re.S)
    if not m:
        return fig
    size = fig.layout.title.font.size or 18
    lines = m.group(1).count("<br>") + 1
    fig.update_layout(title_text=m.group(2), margin_t=max(0, int((fig.layout.margin.t or 0) - lines * size * 1.3)))
    bars = [t for t in fig.data if t.type == "bar"]
    labels = [t for t in fig.data if t.type == "scatter" and "text" in (t.mode or "") and "markers" not in (t.mode or "")]
    if (bars and len(bars) + len(labels) == len(fig.data)
            and all(t.orientation == "h" and t.text is not None for t in bars)):  # ("No data" is a text label)
        # a ranking whose every bar carries its value: the value axis says nothing more, its rows get the room
        fig.update_xaxes(visible=False)
        fig.update_layout(margin_b=12)
    return fig


TALL_CHART_H, TALL_CHART_W = SCREEN_H - _NAV_H - 48, 520  # a map beside the slide's words (`Slide.tall_chart`)


def _chart(ds: Dataset, s: Slide, f: Filters, title: bool = False) -> None:
    if not f.present:
        fig = figcache.figure(("briefing", ds.token, s.key, False) + tuple(s.state), lambda: s.figure(False, None))
        export.show(fig, key=s.key, alt=s.alt)
        return
    from .forum_kit.content import for_slide

    if s.tall_chart:
        height, width = TALL_CHART_H, TALL_CHART_W
    else:
        height = present_chart_height(s, title)
        width = 600 if s.numbers else 860  # the chart column's width on a 1280-px screen (title wrapped to it)

    def build():
        fig = for_slide(s.figure(True, int(height / 1.45)), width, height=height)
        # beside one big number its label says what the chart shows: the chart's own title would say it again and
        # take the height its rows need (11 state names on a 1280×720 screen). With two numbers the title stays: it
        # says which of them the chart draws.
        fig = _without_title(fig) if len(s.numbers) == 1 or s.drop_chart_title else fig
        # on the projector the chart has no buttons (the full page has them): its title needs no room under them
        # (plotly sets a title of several lines anchored at the top one line too high: that line's height stays)
        if (fig.layout.title.pad.t or 0) == charts.MODEBAR_PX:
            keep = int((fig.layout.title.font.size or 18) * 1.3) + 4
            fig.update_layout(title_pad_t=keep, margin_t=max(0, (fig.layout.margin.t or 0) - charts.MODEBAR_PX + keep))
        return fig

    fig = figcache.figure(("briefing", ds.token, s.key, True, height) + tuple(s.state), build)
    export.show(fig, key=s.key, alt=s.alt, modebar=False)


def draw(ds: Dataset, s: Slide, f: Filters, side=None, title: bool = False) -> None:
    """A slide spec on the page: message, big numbers, the chart, text points, notes and sources. In presentation
    mode the care note goes to the side column (`side`) and the slide is sized to fit the screen. `title`: the message
    is the page's title (a page's stage, components/stage.py), not a heading under it."""
    from . import care

    if s.sensitive:
        if f.present and side is not None:
            with side:
                st.caption("**" + _md(care.note_text()) + "**")
        else:
            care.show(ds, f.countries or None)
    tall = f.present and s.tall_chart and s.figure is not None
    if tall:  # the message, numbers and notes on the left (first on a phone); the chart at the screen's height
        words, chart_col = st.columns([2, 3], vertical_alignment="top")
        with chart_col:
            _chart(ds, s, f, title)
        with words, st.container(key="slide_words"):
            _words(ds, s, f, side, title, tall=True)
        return
    _words(ds, s, f, side, title)


def _words(ds: Dataset, s: Slide, f: Filters, side, title: bool, tall: bool = False) -> None:
    from . import care

    (st.title if title else st.header)(s.message)
    side_by_side = f.present and bool(s.numbers) and s.figure is not None and not tall  # on screen: numbers above
    if side_by_side:
        left, right = st.columns([1.15, 3], vertical_alignment="top")
    else:
        left = right = st.container()
    if s.numbers:
        with left:
            cols = [st.container() for _n in s.numbers] if side_by_side or tall else st.columns(len(s.numbers))
            for col, num in zip(cols, s.numbers):
                with col:  # the number large, then its whole label (a metric label would be cut with "…")
                    st.metric(num.label, num.value, label_visibility="collapsed")
                    st.markdown(f"**{_md(num.label)}**")
                    st.caption(_md(num.caption))
    if s.figure is not None and not tall:
        with right:
            _chart(ds, s, f, title)
    if s.points:
        heads = dict(s.point_heads)
        if heads:
            bounds = sorted(heads) + [len(s.points)]
            cols = st.columns(len(heads))
            for col, start, end in zip(cols, bounds, bounds[1:]):
                with col:
                    st.subheader(heads[start])
                    st.markdown("\n".join(f"- **{_md(a)}** {_md(b)}" for a, b in s.points[start:end]))
        else:
            st.markdown("\n".join(f"- **{_md(a)}** — {_md(b)}" if a else f"- {_md(b)}" for a, b in s.points))
    if s.caption:
        st.caption(_md(s.caption))
    if s.warning:
        st.warning(s.warning, icon=":material/warning:")
    if s.sources:  # on the projector the first two sources and how many more (all of them in the deck's notes)
        st.caption(_md(wording.source_line(ds, s.sources, limit=2 if f.present else 4)))
    if s.sensitive and f.present and side is not None:
        st.caption(_md(care.help_line(ds, f.countries or None)))


def render(ds: Dataset, f: Filters) -> None:
    from . import forum_kit

    n, note = slide_from_url()
    if note:
        st.info(note)
    if f.present:
        st.html(SLIDE_CSS)
    title, fn = SLIDES[n - 1]
    with st.container(key="slide_nav"):
        top = st.columns([1.5, 5, 1.5], vertical_alignment="center")
        top[0].button("◀ " + _("Previous"), disabled=n == 1, on_click=_go, args=(n - 1,), key="prev", width="stretch")
        top[1].caption(_("Slide {n} of {total}").format(n=n, total=len(SLIDES)) + f" · {_(title)}")
        top[2].button(_("Next") + " ▶", disabled=n == len(SLIDES), on_click=_go, args=(n + 1,), key="next", width="stretch")
    main, side = st.columns([6, 1.1])
    with side:
        side_box = st.container(key="slide_side")
    with side_box:
        forum_kit.qr_block(ds, f, "briefing", slide=n)
    with main:
        with st.container(key="slide"):
            draw(ds, fn(ds), f, side=side_box)
    if not f.present:  # on the projector the slide alone; the decks are offered on the normal page
        forum_kit.download_block(ds, f)
