"""What goes on each deck slide, shared by the PowerPoint and the PDF builders: the briefing's slide specs
(components/briefing.py, the page's own source of truth) in one language, each chart rendered once (kaleido), each
slide's link and QR code, and one geometry (inches on a 13.333 x 7.5 in, 16:9 slide)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

import plotly.graph_objects as go

from aseancop import Dataset

from .. import briefing, care, wording
from ..i18n import _, use
from . import qr

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches (16:9)
PX_PER_IN = 96  # a chart is laid out at 96 px per inch of its box (text as large as on a 1280 x 720 screen) ...
SCALE = 2.5  # ... and drawn 2.5 times as dense: 3200 px across a full slide, sharp on a 1920 x 1080 projector

# the boxes (left, top, width, height) in inches
TITLE = (0.5, 0.3, 10.7, 0.6)
MESSAGE = (0.5, 0.9, 10.7, 0.95)
QR_BOX = (11.55, 0.35, 1.3, 1.3)
QR_LINK = (11.3, 1.68, 1.8, 1.0)
BODY_TOP = 1.95
BODY_LEFT, BODY_RIGHT = 0.5, 11.1  # the column right of the body holds the QR code, its link and the help line
NUMBERS_W = 3.5
SOURCE = (0.5, 6.85, 12.35, 0.5)
CARE = (11.25, 2.75, 1.75, 4.05)
NOTE_H = 0.45

FONTS = {"th": "Noto Sans Thai", "km": "Noto Sans Khmer", "lo": "Noto Sans Lao", "my": "Noto Sans Myanmar"}
LATIN = "Noto Sans"


def font_for(code: str) -> str:
    """The font a run in this language is set in (the script's Noto font; Latin scripts: Noto Sans)."""
    return FONTS.get(code, LATIN)


@dataclass
class DeckSlide:
    number: int
    total: int
    spec: briefing.Slide
    link: str
    qr_png: bytes
    chart_png: bytes | None = None
    chart_box: tuple[float, float, float, float] | None = None
    alt: str = ""
    body_box: tuple[float, float, float, float] = (0, 0, 0, 0)  # where the points or the numbers go
    numbers_box: tuple[float, float, float, float] | None = None
    note_box: tuple[float, float, float, float] | None = None
    source_line: str = ""
    care_note: str = ""
    care_line: str = ""
    notes: list[str] = field(default_factory=list)
    label: str = ""  # "Slide 3 of 9"


def _rewrap_title(fig, width_px: int) -> None:
    """Wrap the chart's title and subtitle to the width the picture really has on the slide (the charts wrap to a
    screen's width), and size the top margin to the lines."""
    import html as _html
    import re

    from ..charts import _wrap

    t = fig.layout.title
    text = (t.text or "") if t else ""
    m = re.match(r"^<b>(.*?)</b>(.*)$", text, re.S)
    if not m:
        return
    old_size = (t.font.size or 28) if t.font else 28
    old_lines = text.count("<br>") + 1
    old_top = fig.layout.margin.t or 0
    size, sub_size = 21, 15  # on a slide the message above says it: the chart's title is set smaller than on screen
    plain = lambda x: _html.unescape(re.sub(r"<[^>]+>", " ", x.replace("<br>", " "))).split()  # noqa: E731
    head_words, sub_words = plain(m.group(1)), plain(m.group(2))
    head = _wrap(" ".join(head_words), max(16, int(width_px / (size * 0.56))))
    sub = _wrap(" ".join(sub_words), max(20, int(width_px / (sub_size * 0.52)))) if sub_words else ""
    new = f"<b>{head}</b>" + ("<br>" + "<br>".join(f"<span style='font-size:{sub_size}px;color:#444'>{line}</span>"
                                                   for line in sub.split("<br>")) if sub else "")
    n_lines = new.count("<br>") + 1
    # keep the room the chart kept above its plot for a top axis (the tracker's column names)
    from ..charts import MODEBAR_PX

    # (charts.frame: the modebar's room, 1.3 em a title line, 10 px at presentation scale, then the top axis's room)
    extra = max(0, old_top - int(MODEBAR_PX + old_lines * old_size * 1.3 + 16))

    # the title starts below the modebar (its buttons never cover it)
    fig.update_layout(title_text=new, title_font_size=size, title_pad_t=MODEBAR_PX,
                      margin={"t": int(MODEBAR_PX + 8 + head.count("<br>") * size * 1.3 + size * 1.3
                                       + (sub.count("<br>") + 1 if sub else 0) * sub_size * 1.35 + extra)})


def _legend_rows(fig, per_row: int) -> int:
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.name)
    return -(-entries // per_row) if fig.layout.legend.orientation == "h" else entries


def for_slide(fig, width_px: int = 0, height: int | None = None):
    """A chart for a slide: the slide carries the source line as text (and in the notes), so the picture drops its
    own footer (source and app name) and gives that height to the plot. Title and subtitle (age band, years) stay,
    wrapped to the picture's width."""
    from ..charts import APP_NAME

    fig = go.Figure(fig)  # a copy: cached figures are shared and never changed
    if height:
        fig.update_layout(height=height)
        if height < 400:  # a low slide chart: a few value ticks, so their labels do not touch
            fig.update_yaxes(nticks=3)
    if width_px:
        _rewrap_title(fig, width_px)
        # every category label fits at this size (plotly drops tick labels that do not: 11 states must all show)
        fig.update_yaxes(tickfont_size=13)
        fig.update_xaxes(tickfont_size=13)
    kept, shift = [], None
    for a in fig.layout.annotations:
        words = " ".join(re.sub(r"<[^>]+>", " ", a.text or "").split())  # the name may be wrapped over two lines
        if a.yref == "paper" and a.y == 0 and a.yanchor == "top" and (APP_NAME in words or _(APP_NAME) in words):
            shift = abs(a.yshift or 0)
            continue
        kept.append(a)
    if shift is not None:
        fig.layout.annotations = kept
        # room for the x axis's ticks and title (and a legend kept at the picture's foot: charts.frame's extra_bottom)
        legend_foot = fig.layout.legend.yref == "container" and (fig.layout.legend.y or 0) == 0
        below = int(min(shift + 45, 90))
        if legend_foot:  # the picture's width decides how many names a row of the legend holds (~130 px a name)
            below = 45 + _legend_rows(fig, max(3, (width_px or 600) // 130)) * 22
        fig.update_layout(margin={"b": below})
    return fig


def fit_size(points: list[tuple[str, str]], width_in: float, height_in: float, largest: int = 28,
             smallest: int = 11) -> int:
    """The largest type size (pt) at which these points fill a box of this size without running over it."""
    for size in range(largest, smallest - 1, -1):
        chars_per_line = max(10, int(width_in * 72 / (size * 0.55)))  # ~0.55 em a character (Latin and Thai alike)
        lines = sum(-(-(len(a) + len(b) + 3) // chars_per_line) for a, b in points)
        if lines * size * 1.3 / 72 + len(points) * size * 0.35 / 72 <= height_in:
            return size
    return smallest


def slide_link(base: str, code: str, n: int, params: dict | None = None) -> str:
    p = dict(params or {})
    p.pop("slide", None)
    p["present"] = "1"
    if code != "en":
        p["lang"] = code
    else:
        p.pop("lang", None)
    p["slide"] = str(n)
    return qr.view_link(base, "briefing", p)


def build(ds: Dataset, code: str, base: str, render: Callable | None = None, params: dict | None = None) -> list[DeckSlide]:
    """Every briefing slide in language `code`, with its chart rendered by `render(fig, width, height, scale)`
    (default: kaleido through components.export). Raises RuntimeError with what to install if a chart cannot be drawn."""
    if render is None:
        from .. import export

        def render(fig, width, height, scale):
            return export.to_image(fig, "png", scale=scale, width=width, height=height)

    out = []
    with use(code):
        specs = briefing.slides(ds)
        for n, s in enumerate(specs, start=1):
            link = slide_link(base, code, n, params)
            d = DeckSlide(number=n, total=len(specs), spec=s, link=link, qr_png=qr.qr_png(link, scale=10, border=2),
                          label=_("Slide {n} of {total}").format(n=n, total=len(specs)))
            bottom = SOURCE[1] - 0.05
            if s.caption or s.warning:
                d.note_box = (BODY_LEFT, bottom - NOTE_H, BODY_RIGHT - BODY_LEFT, NOTE_H)
                bottom -= NOTE_H + 0.05
            left = BODY_LEFT
            if s.numbers:
                d.numbers_box = (BODY_LEFT, BODY_TOP, NUMBERS_W, bottom - BODY_TOP)
                left = BODY_LEFT + NUMBERS_W + 0.2
            d.body_box = (left, BODY_TOP, BODY_RIGHT - left, bottom - BODY_TOP)
            if s.figure is not None:
                box = d.body_box
                w_px, h_px = int(box[2] * PX_PER_IN), int(box[3] * PX_PER_IN)
                fig = for_slide(s.figure(True, h_px), w_px)
                d.chart_png = render(fig, w_px, h_px, SCALE)
                d.chart_box = box
                from ..export import describe

                d.alt = (s.alt() if s.alt else "") or describe(fig)
            d.source_line = wording.source_line(ds, s.sources)
            if s.sensitive:
                d.care_note = care.note_text()
                d.care_line = care.help_line(ds)
            d.notes = list(s.notes)
            if s.sensitive:
                d.notes.append(d.care_line + " (" + wording.source_line(ds, care.help_sources(ds), limit=20) + ")")
            d.notes.append(_("Sources: {sources}").format(sources="; ".join(ds.source_short(i) for i in s.sources))
                           if s.sources else "")
            d.notes.append(_("This slide live: {link}").format(link=link))
            d.notes = [x for x in d.notes if x]
            out.append(d)
    return out
