"""Image export (PNG 2x and SVG) of any figure, generated only when the reader clicks, fully offline.

kaleido drives the system Chromium (found on PATH; BROWSER_PATH overrides). The plotly topojson for geo
figures is the local stub in static/, so an export makes no network request either.
"""

from __future__ import annotations

import copy
import os
import re
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from . import charts, figcache
from .i18n import _, lang, use

STATIC = Path(__file__).resolve().parents[1] / "static"
_LOCK = threading.Lock()
_STARTED = False


def chromium() -> str | None:
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser") \
        or shutil.which("google-chrome")


def _ensure_server() -> None:
    """Point plotly at the local topojson and start kaleido's persistent browser once per process."""
    global _STARTED
    with _LOCK:
        if _STARTED:
            return
        pio.defaults.topojson = STATIC.as_uri() + "/"
        path = chromium()
        if path and not os.environ.get("BROWSER_PATH"):
            os.environ["BROWSER_PATH"] = path
        import kaleido

        try:
            kaleido.start_sync_server(silence_warnings=True)
        except Exception:  # already running, or this kaleido has no persistent server: per-call export works
            pass
        _STARTED = True


def to_image(fig: go.Figure, fmt: str = "png", scale: float = 2, width: int | None = None, height: int | None = None) -> bytes:
    """Render a figure to PNG or SVG bytes with the system Chromium (raises RuntimeError if there is none)."""
    if not chromium():
        raise RuntimeError("Chromium is not installed")
    _ensure_server()
    width = width or 1200
    height = height or int(fig.layout.height or 560)
    import warnings

    with warnings.catch_warnings():  # kaleido notes that per-call options are ignored by its persistent server
        warnings.simplefilter("ignore", UserWarning)
        # a copy: cached figures share their dict form between sessions, and the exporter must not touch it
        spec = copy.deepcopy(fig.to_dict())
        charts.rewrap_title(spec.get("layout", {}), width)  # the picture's own width, not the narrowest screen's
        return pio.to_image(spec, format=fmt, scale=scale if fmt == "png" else 1, width=width, height=height,
                            validate=False)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60] or "chart"


def image_buttons(fig: go.Figure, name: str, key: str) -> None:
    """Two download buttons; the image is rendered only on click. Without Chromium: say what to install."""
    if not chromium():
        st.caption(_("Image download needs Chromium on the server: install it with `apt-get install chromium` "
                     "(or set BROWSER_PATH). The data download below works without it."))
        return
    with st.popover(_("Download image"), icon=":material/image:"):
        st.caption(_("With title, age band, year and source in the picture."))
        st.download_button(_("PNG (2× resolution)"), data=lambda: to_image(fig, "png"), file_name=f"{slug(name)}.png",
                           mime="image/png", key=f"{key}_png", on_click="ignore", width="stretch")
        st.download_button(_("SVG (vector)"), data=lambda: to_image(fig, "svg"), file_name=f"{slug(name)}.svg",
                           mime="image/svg+xml", key=f"{key}_svg", on_click="ignore", width="stretch")


def show(fig: go.Figure, key: str, name: str | None = None, alt: str | None = None, modebar: bool = True, **kwargs):
    """Draw a figure with its export buttons and an alt text for screen readers; returns the chart event.
    `modebar=False`: no plotly buttons (a projected slide: its title then starts at the top, see briefing._chart)."""
    config = charts.TOPOJSON_CONFIG if modebar else {**charts.TOPOJSON_CONFIG, "displayModeBar": False}
    event = st.plotly_chart(fig, config=config, width="stretch", key=key, **kwargs)
    title = name or _plain_title(fig)
    with st.expander(_("Chart description (text alternative)"), expanded=False):
        st.text(_alt_text(fig, alt))
    image_buttons(fig, title, key)
    return event


def show_forms(fig: go.Figure, phone: go.Figure | None, key: str, **kwargs):
    """A chart that cannot be read on a phone in its full form: both forms are sent, the page's CSS shows the phone's
    below 641 px and the full one above (components/layout.py); only the shown one is drawn."""
    if phone is None:
        return show(fig, key=key, **kwargs)
    with st.container(key=f"wideform_{key}"):
        event = show(fig, key=key, **kwargs)
    with st.container(key=f"phoneform_{key}"):
        show(phone, key=f"{key}_phone", **{k: v for k, v in kwargs.items() if k in ("alt", "name")})
    return event


def _alt_text(fig: go.Figure, alt) -> str:
    """The chart's text alternative: given (a string, or a callable making one) or described from the figure. A cached
    figure (one language, never changed) keeps its text, so reruns do not word it again."""
    frozen = isinstance(fig, figcache.FrozenFigure)
    if frozen and "_alt_text" in fig.__dict__:
        return fig.__dict__["_alt_text"]
    text = (alt() if callable(alt) else alt) or describe(fig)
    if frozen:
        fig.__dict__["_alt_text"] = text
    return text


def _plain_title(fig: go.Figure) -> str:
    text = (fig.layout.title.text or _("chart")) if fig.layout.title else _("chart")
    return re.sub(r"<[^>]+>", " ", text).split("  ")[0].strip()


def share_card_button(ds, indicator: str, iso3: str | None, age: str | None, sex: str, key: str) -> None:
    """Download a 1200 x 675 share card (PNG) for a country or the regional view, rendered on click."""
    name = f"{ds.country_name(iso3) if iso3 else 'asean'}-{indicator}-card"  # file names stay ASCII
    if not chromium():
        st.caption(_("Share cards need Chromium on the server (apt-get install chromium)."))
        return
    code = lang()  # the card is drawn when clicked, outside this run: keep the reader's language

    def card() -> bytes:
        with use(code):
            return to_image(charts.share_card(ds, indicator, iso3, age, sex), "png", scale=1, width=1200, height=675)

    def square() -> bytes:
        with use(code):
            return to_image(square_card(ds, indicator, iso3, age, sex), "png", scale=1, width=1080, height=1080)

    cols = st.columns(2)
    cols[0].download_button(_("Share card (1200×675 PNG)"), key=key, file_name=f"{slug(name)}.png", mime="image/png",
                            on_click="ignore", icon=":material/share:",
                            data=card)
    cols[1].download_button(_("Square image (1080×1080 PNG)"), key=f"{key}_square", file_name=f"{slug(name)}-square.png",
                            mime="image/png", on_click="ignore", icon=":material/crop_square:", data=square)


# Where each piece of the 1200 x 675 card (charts.share_card, found by its position there) goes on the square:
# (y, font size, wrap width or None to keep the text as it is); the map takes the lower half.
_SQUARE = {0.955: (0.965, 32, None), 0.80: (0.885, 120, None), 0.56: (0.715, 28, 58), 0.3: (0.575, 20, 78),
           0.06: (0.13, 15, None), 0.02: (0.015, 14, None)}


def square_card(ds, indicator: str, iso3: str | None, age: str | None = None, sex: str = "all") -> go.Figure:
    """The share card's content (number, meaning, age band, year, source, small map) laid out for a 1080 x 1080 square."""
    import html

    fig = go.Figure(charts.share_card(ds, indicator, iso3, age, sex))
    notes = []
    for a in fig.layout.annotations:
        spot = _SQUARE.get(round(a.y, 3))
        if spot is None:
            notes.append(a)
            continue
        y, size, wrap = spot
        text = a.text
        if wrap:
            text = charts._wrap(html.unescape(text.replace("<br>", " ")), wrap)
        a.update(y=y, text=text, font={**(a.font.to_plotly_json() if a.font else {}), "size": size},
                 x=0.5 if a.y == 0.06 else 0.03, xanchor="center" if a.y == 0.06 else "left")
        notes.append(a)
    fig.layout.annotations = notes
    fig.update_geos(domain={"x": [0.06, 0.94], "y": [0.17, 0.53]})
    fig.update_layout(width=1080, height=1080)
    return fig


def _num(x) -> str:
    from .i18n import fmt_number

    try:
        return fmt_number(float(x), 1)
    except (TypeError, ValueError):
        return str(x)


def describe(fig: go.Figure, limit: int = 14) -> str:
    """A plain-text description of a figure's data, for screen readers and for readers who cannot see colour."""
    lines = [_plain_title(fig)]
    for t in fig.data:
        name = getattr(t, "name", None) or t.type
        if t.type == "bar":
            cats = t.y if t.orientation == "h" else t.x
            labels = t.text if t.text is not None else (t.x if t.orientation == "h" else t.y)
            cats = [] if cats is None else list(cats)
            labels = [] if labels is None else list(labels) if not isinstance(labels, str) else [labels] * len(cats)
            pairs = [f"{c}: {v}" for c, v in zip(cats[:limit], labels[:limit])]
            lines.append(f"{name}: " + "; ".join(pairs))
        elif t.type == "scatter" and t.mode and "lines" in t.mode:
            xs = [] if t.x is None else list(t.x)
            ys = [] if t.y is None else list(t.y)
            if xs:
                lines.append(_("{name}: {first} to {last}, from {start} to {end}").format(
                name=name, first=xs[0], last=xs[-1], start=_num(ys[0]), end=_num(ys[-1])))
        elif t.type == "heatmap":
            lines.append(_("Grid of {rows} rows by {cols} columns; each cell shows its value or 'No data'.").format(
                rows=0 if t.y is None else len(t.y), cols=0 if t.x is None else len(t.x)))
        elif t.type == "choropleth":
            lines.append(f"{name}: {', '.join(([] if t.locations is None else list(t.locations))[:limit])}")
    return "\n".join(lines)
