"""Figures that carry their own title, subtitle (age band, sex, year), source line and 'No data' legend.

All builders are pure functions of data-layer answers, so they can be tested and exported as images.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly import colors as px_colors
from plotly.colors import sample_colorscale

from aseancop import NO_DATA, Dataset
from aseancop.geo import feature_collection, label_positions

from . import wording
from .i18n import N_, _, ngettext

APP_NAME = N_("ASEAN Child Online Protection Dashboard")
# Latin/Vietnamese first, then the scripts of Thai, Khmer, Lao and Myanmar (fonts shipped in static/fonts, declared
# for the browser in .streamlit/config.toml and copied for kaleido's Chromium by run.sh/test.sh)
SCRIPT_FONTS = ["Noto Sans Thai", "Noto Sans Khmer", "Noto Sans Lao", "Noto Sans Myanmar"]
FONT_FAMILY = "Arial, Helvetica, " + ", ".join(SCRIPT_FONTS) + ", sans-serif"
NO_DATA_COLOUR = "#d4d4d4"
NO_DATA_LINE = "#8c8c8c"
YES_COLOUR = "#2a788e"  # viridis teal
NO_COLOUR = "#fde725"  # viridis yellow
SCALE = "Viridis"
TOPOJSON_CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False,
                   "modeBarButtonsToRemove": ["select2d", "lasso2d"], "toImageButtonOptions": {"scale": 2}}


def subtitle(ds: Dataset, age: str | None, sex: str, years) -> str:
    years = sorted({int(y) for y in years if not pd.isna(y)}) if years is not None else []
    parts = []
    if age:
        parts.append(wording.age_label(ds, age))
    parts.append(wording.sex_words(sex))
    if years:
        parts.append(wording.years_text(years))
    return " · ".join(parts)


# The narrowest width (px) a chart gets on a supported screen: a 390-px phone, where Streamlit stacks the columns
# and keeps 16 px either side. Plotly does not wrap text, and the server does not know the reader's window, so a
# chart's title, subtitle and source are wrapped to this width unless the caller knows better (`width_px`).
PHONE_CHART_W = 350
# In presentation mode (projector, 1280 px and wider): the narrowest chart column of a page (two fifths of the row).
PRESENT_CHART_W = 400


MODEBAR_PX = 62  # the title starts below the modebar (plotly's buttons, top right, down to ~58 px): never under it


def chars_per_line(width_px: float, size: float, bold: bool = False) -> int:
    """How many characters fit a line of `width_px` at `size` px (Arial: ~0.52 em a character, bold ~0.58, more
    with capitals; measured against Chromium's own text boxes, with some room to spare)."""
    return max(12, int(width_px / (size * (0.62 if bold else 0.58))))


def frame(fig: go.Figure | dict, title: str, sub: str, source: str, present: bool = False, height: int = 520,
          bottom_note: str = "", axis_space: int = 0, title_chars: int = 72, top_axis_space: int = 0,
          width_px: int | None = None, extra_bottom: int = 0, plot_min: int = 0) -> go.Figure:
    """Put title, subtitle, source and the dashboard's name inside the figure (self-contained screenshots).
    Text is wrapped to `width_px` (default: the narrowest width the chart gets, PHONE_CHART_W or PRESENT_CHART_W)
    and never to more than `title_chars` characters a line.
    `top_axis_space` (px) keeps an axis drawn on top clear of the subtitle (plotly's automargin counts the title's
    margin as room for tick labels, so they would overlap it).
    `fig` may be a plain {"data", "layout"} dict (a chart built without plotly's object model): it is framed as a
    dict and made a figure by from_dict (validated in the tests, not per reader).
    `plot_min` (px): the plot keeps at least this height between the title's and the source's margins (bars and
    rows sized to their count: the figure grows, never shrinks)."""
    k = 1.6 if present else 1.0
    kt = 1.3 if present else 1.0  # the words around a chart grow less than its marks and labels on a projector
    title_size, sub_size, foot_size = int(18 * kt), int(13 * kt), int(10 * kt)
    width = (width_px or (PRESENT_CHART_W if present else PHONE_CHART_W)) - 24  # the title's own left pad and some air
    foot = source
    if bottom_note:
        foot = bottom_note + "<br>" + foot
    # the source line starts where the plot starts, right of the y axis's labels
    if isinstance(fig, dict):
        left = _labels_px((fig["layout"].get("yaxis") or {}).get("ticktext"),
                          [(t.get("type", "scatter"), None if t.get("y") is None else list(t["y"])) for t in fig["data"]],
                          12 * k)
    else:
        left = _left_labels_px(fig, 12 * k)
    foot_chars = min(int(title_chars * (1.45 if not present else 1.1)),
                     chars_per_line(width - left - (40 if left else 0), foot_size))
    foot = _wrap(foot, foot_chars)
    n_lines = foot.count("<br>") + 1 + _wrap(_(APP_NAME), foot_chars).count("<br>") + 1  # and the dashboard's name
    head = _wrap(title, min(title_chars if not present else int(title_chars * 0.75), chars_per_line(width, title_size, True)))
    sub_html = _wrap(sub, min(int(title_chars * 1.5) if not present else int(title_chars * 1.1),
                              chars_per_line(width, sub_size)))
    t_lines = head.count("<br>") + 1 + sub_html.count("<br>") + 1
    layout = dict(
        title={"text": f"<b>{head}</b><br>" + "<br>".join(
                   f"<span style='font-size:{sub_size}px;color:#444'>{line}</span>" for line in sub_html.split("<br>")),
               "x": 0.01, "xanchor": "left", "xref": "container", "y": 1, "yref": "container", "yanchor": "top",
               "pad": {"t": MODEBAR_PX}, "font": {"size": title_size}},
        font={"family": FONT_FAMILY, "size": int(12 * k), "color": "#1a1a1a"},
        # plotly sets every line of the title at the title's line height (1.3 em), the subtitle's too
        margin={"l": 10, "r": 10, "t": MODEBAR_PX + int(t_lines * title_size * 1.3) + int((10 + top_axis_space) * k),
                "b": int((30 + axis_space) * k) + int(n_lines * foot_size * 1.3) + extra_bottom},
        height=int(height * (1.45 if present else 1)) + extra_bottom,
        paper_bgcolor="white", plot_bgcolor="white",
    )
    # the plot keeps at least `plot_min` px between the title's and the source's margins (a few states with a long
    # wrapped title and source list left the age chart's 420 px with no plot at all)
    layout["height"] = max(layout["height"], layout["margin"]["t"] + layout["margin"]["b"] + plot_min)
    name = "<br>".join(f"<i>{line}</i>" for line in _wrap(_(APP_NAME), foot_chars).split("<br>"))
    note = dict(text=foot + "<br>" + name, xref="paper", yref="paper", x=0, y=0, xanchor="left",
                yanchor="top", yshift=-int((8 + axis_space) * k), showarrow=False, align="left",
                font={"size": foot_size, "color": "#444"})
    if isinstance(fig, dict):
        _merge(fig["layout"], layout)
        fig["layout"].setdefault("annotations", []).append(note)
        return from_dict(fig)
    fig.update_layout(**layout)
    fig.add_annotation(**note)
    return fig


def from_dict(fig: dict) -> go.Figure:
    """A figure from a plain {"data", "layout"} dict, without plotly's per-property validation: that walk cost 10-25 ms
    a figure on every new filter state (cProfile) and finds nothing a test has not. tests/test_figure_dicts.py
    validates every dict-built chart over the filter space (`go.Figure(fig.to_dict())` raises on a misspelt or
    out-of-range property: one kept here reaches the test) and checks the validated figure is the same."""
    return go.Figure(fig, _validate=False)


def _merge(into: dict, new: dict) -> None:
    """update_layout's merge, for a plain layout dict: nested dicts are merged, everything else replaced."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def rewrap_title(layout: dict, width_px: int) -> None:
    """Wrap a framed figure's title and subtitle again for a picture `width_px` wide (an exported image: the screen's
    figure is wrapped for the narrowest screen), and give the plot back the top margin the saved lines took."""
    import html
    import re

    title = layout.get("title") or {}
    text = title.get("text") or ""
    m = re.match(r"^<b>(.*?)</b>(.*)$", text, re.S)
    if not m:
        return
    size = (title.get("font") or {}).get("size") or 18
    sub_size = int((re.search(r"font-size:(\d+)px", m.group(2)) or [None, 13])[1])
    plain = lambda x: html.unescape(re.sub(r"<[^>]+>", " ", x.replace("<br>", " "))).split()  # noqa: E731
    head = _wrap(" ".join(plain(m.group(1))), chars_per_line(width_px - 24, size, True))
    sub_words = plain(m.group(2))
    sub = _wrap(" ".join(sub_words), chars_per_line(width_px - 24, sub_size)) if sub_words else ""
    new = f"<b>{head}</b>" + ("<br>" + "<br>".join(f"<span style='font-size:{sub_size}px;color:#444'>{line}</span>"
                                                   for line in sub.split("<br>")) if sub else "")
    saved = text.count("<br>") - new.count("<br>")
    title["text"] = new
    margin = layout.setdefault("margin", {})
    if saved > 0 and margin.get("t"):
        margin["t"] = int(margin["t"] - saved * size * 1.3)
    for a in layout.get("annotations") or []:  # the source line under the plot, with the dashboard's name
        foot = a.get("text") or ""
        if a.get("yref") != "paper" or a.get("y") != 0 or a.get("yanchor") != "top" or "<i>" not in foot:
            continue
        lines = foot.split("<br>")
        words = " ".join(html.unescape(x) for x in lines if not x.startswith("<i>"))
        foot_size = (a.get("font") or {}).get("size") or 10
        new_foot = _wrap(words, chars_per_line(width_px * 0.8, foot_size)) + "<br><i>" + _esc(_(APP_NAME)) + "</i>"
        saved = foot.count("<br>") - new_foot.count("<br>")
        a["text"] = new_foot
        if saved > 0 and margin.get("b"):
            margin["b"] = int(margin["b"] - saved * foot_size * 1.3)


def _left_labels_px(fig: go.Figure, size: float) -> float:
    """About how wide the y axis's labels are (px): the plot, and what is anchored to it, starts right of them."""
    return _labels_px(fig.layout.yaxis.ticktext, [(t.type, getattr(t, "y", None)) for t in fig.data], size)


def _labels_px(ticktext, traces: list[tuple[str, object]], size: float) -> float:
    """_left_labels_px from the y axis's tick texts and the traces' (type, y)."""
    labels = list(ticktext or [])
    for kind, ys in traces:
        if ys is not None and len(ys) and kind != "heatmap" and isinstance(ys[0], str):
            labels += list(ys)
        elif kind == "heatmap" and ys is not None:
            labels += [str(y).split("<br>")[0] for y in ys]
    if not labels:
        return 40 if any(kind not in ("choropleth", "scattergeo") for kind, _y in traces) else 0
    return max(len(str(x)) for x in labels) * size * 0.6 + 24  # and the ticks' standoff


def _esc(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _pieces(word: str, width: int) -> list[str]:
    """A word longer than a line (Thai and Khmer write phrases without spaces) in line-sized pieces, never
    separating a combining vowel or tone mark from its letter; zero-width spaces are preferred break points."""
    import unicodedata

    if len(word) <= width:
        return [word]
    if "\u200b" in word:
        parts = [p for p in word.split("\u200b") if p]
        out, cur = [], ""
        for p in parts:
            if cur and len(cur) + len(p) > width:
                out.append(cur)
                cur = ""
            cur += p
        out.append(cur)
        return [q for piece in out for q in (_pieces(piece, width) if len(piece) > width and piece != word else [piece])]
    out, cur = [], ""
    for ch in word:
        if len(cur) >= width and unicodedata.category(ch) not in ("Mn", "Mc") and ch not in "\u17d2":
            if not (cur and cur[-1] == "\u17d2"):  # Khmer coeng joins the next consonant
                out.append(cur)
                cur = ""
        cur += ch
    out.append(cur)
    return out


def _wrap(text: str, width: int) -> str:
    out, line = [], ""
    for chunk in str(text).split("<br>"):
        line = ""
        for w in chunk.split(" "):
            for k, p in enumerate(_pieces(w, width)):
                sep = " " if k == 0 else ""  # pieces of one word (split at zero-width spaces) join without a space
                if line and len(line) + len(sep) + len(p) > width:
                    out.append(line)
                    line = p
                else:
                    line = (line + sep + p) if line else p
        out.append(line)
    return "<br>".join(_esc(x) for x in out)


def _colours(values: pd.Series, unit: str) -> list[str]:
    if unit == "yes_no":
        return [YES_COLOUR if v >= 0.5 else NO_COLOUR for v in values]
    lo, hi = values.min(), values.max()
    span = (hi - lo) or 1
    return sample_colorscale(SCALE, [0.15 + 0.85 * (v - lo) / span for v in values])


def hover_text(r: pd.Series, ds: Dataset) -> str:
    if not r.get("has_data", True) or r["display"] in (NO_DATA, wording.no_data()):
        return f"<b>{_esc(r['name'])}</b><br>" + _esc(_("No data for this indicator, age band and sex"))
    q = f"<br>{_esc(r['qualifier_text'])}" if r.get("qualifier") else ""
    src = _esc(str(r["source_title"])[:90])
    return (f"<b>{_esc(r['name'])}</b><br>{_esc(r['display'])}{q}<br>" + _esc(_("Year: {year}").format(year=int(r['year'])))
            + "<br>" + _esc(_("Source: {sources}").format(sources=src)))


def choropleth(ds: Dataset, latest: pd.DataFrame, indicator: str, title_sub: tuple[str, str, str],
               present: bool = False, height: int = 560, labels: bool = True, selected: list[str] | None = None,
               title_chars: int = 72) -> go.Figure:
    """Map of all 11 member states: values coloured (viridis), missing ones light grey 'No data', values labelled.

    States too small to see or click at this size (`ds.small_states`) also get a round marker on the same colour
    scale, with the same hover text; a click on it selects the state like a click on its shape (`clicked_iso3`).
    With `selected` countries, the others are faded and the chosen ones outlined.
    """
    def style(part, marker=False):
        if not selected:
            return {"marker_line_color": "white", "marker_line_width": 0.8} if not marker else {}
        chosen = list(part["iso3"].isin(selected))
        # plotly ignores per-location opacity lists on choropleths: fade through selected/unselected points
        fade = {"selectedpoints": [i for i, c in enumerate(chosen) if c],
                "selected": {"marker": {"opacity": 1.0}}, "unselected": {"marker": {"opacity": 0.3}}}
        if marker:
            return fade
        return {"marker_line_color": ["#111" if c else "white" for c in chosen],
                "marker_line_width": [2.5 if c else 0.6 for c in chosen], **fade}

    m = ds.indicator(indicator)
    has = latest[latest["has_data"]]
    missing = latest[~latest["has_data"]]
    fig = go.Figure()
    marks = []  # (states, marker colour settings, trace name) for the small states' markers, drawn on top
    # each trace carries only its own countries' shapes: the boundaries are sent once per map, not per trace
    if not has.empty:
        if m["unit"] == "yes_no":
            for flag, colour, name in ((1, YES_COLOUR, wording.yes_no(True)), (0, NO_COLOUR, wording.yes_no(False))):
                part = has[(has["value"] >= 0.5) == bool(flag)]
                if part.empty:
                    continue
                fig.add_trace(go.Choropleth(
                    geojson=feature_collection(ds.geo, part["iso3"]), locations=part["iso3"],
                    z=[flag] * len(part), colorscale=[[0, colour], [1, colour]], showscale=False, name=name,
                    legendgroup=name, showlegend=True, text=[hover_text(r, ds) for r in part.to_dict("records")],
                    hoverinfo="text", **style(part)))
                marks.append((part, {"color": colour}, name))
        else:
            lo, hi = float(has["sort_value"].min()), float(has["sort_value"].max())
            fig.add_trace(go.Choropleth(
                geojson=feature_collection(ds.geo, has["iso3"]), locations=has["iso3"],
                z=has["sort_value"], zmin=lo, zmax=hi, colorscale=SCALE, name=wording.short_title(ds, indicator),
                legendgroup="values", **style(has),
                colorbar={"title": {"text": _unit_label(m["unit"])}, "thickness": 14, "len": 0.6, "x": 1.0},
                text=[hover_text(r, ds) for r in has.to_dict("records")], hoverinfo="text", showlegend=False))
            marks.append((has, {"color": has.set_index("iso3")["sort_value"], "colorscale": SCALE, "cmin": lo,
                                "cmax": hi}, "values"))
    if not missing.empty:
        fig.add_trace(go.Choropleth(
            geojson=feature_collection(ds.geo, missing["iso3"]), locations=missing["iso3"],
            z=[0] * len(missing), colorscale=[[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]], showscale=False, name=wording.no_data(),
            legendgroup=wording.no_data(), showlegend=True, text=[hover_text(r, ds) for r in missing.to_dict("records")],
            hoverinfo="text",
            **({"marker_line_color": NO_DATA_LINE, "marker_line_width": 0.8} if not selected else style(missing))))
        marks.append((missing, {"color": NO_DATA_COLOUR, "line": {"color": NO_DATA_LINE}}, wording.no_data()))
    small = ds.small_states
    points = ds.label_points()
    big = latest[~latest["iso3"].isin(small)]
    size = 22 if present else 16
    # label boxes placed so that they overlap each other and the neighbours' land least (aseancop.geo)
    sides = label_positions(ds.geo, {c: _label_px(n, d, present) for c, n, d in
                                     zip(latest["iso3"], latest["name"], latest["display"])},
                            marked=small, marker_px=size) if labels else {}
    if labels:
        sides.update({c: s for c, s in FIXED_SIDES.items() if c in sides})
        # the crowded mainland states' labels sit in the sea or on non-member land next to them, with a leader line:
        # on the states themselves they cover each other at every size up to a laptop's
        at = {c: (CALLOUTS[c][0], CALLOUTS[c][1]) if c in CALLOUTS else (points.at[c, "lon"], points.at[c, "lat"])
              for c in big["iso3"]}
        fig.add_trace(go.Scattergeo(
            lon=[at[c][0] for c in big["iso3"]], lat=[at[c][1] for c in big["iso3"]], mode="text", hoverinfo="skip",
            showlegend=False, text=[_map_label(n, d) for n, d in zip(big["name"], big["display"])],
            textposition=[CALLOUTS[c][2] if c in CALLOUTS else _TEXT_POSITION[sides[c]] for c in big["iso3"]],
            textfont=_label_font(present)))
        out = [c for c in big["iso3"] if c in CALLOUTS]
        if out:
            lon, lat = [], []
            for c in out:
                lon += [points.at[c, "lon"], CALLOUTS[c][0], None]
                lat += [points.at[c, "lat"], CALLOUTS[c][1], None]
            lon += [MAP_WEST_LON, None]  # room on the map for the labels written west of Malaysia
            lat += [CALLOUTS["MYS"][1], None]
            fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", line={"color": "#555", "width": 1},
                                        hoverinfo="skip", showlegend=False))
    for part, colour, group in marks:
        part = part[part["iso3"].isin(small)]
        if part.empty:
            continue
        chosen = part["iso3"].isin(selected or [])
        if isinstance(colour["color"], pd.Series):  # one value per state: the marks' own, in their order
            colour = {**colour, "color": list(colour["color"][part["iso3"]])}
        fig.add_trace(go.Scattergeo(
            lon=points.loc[part["iso3"], "lon"], lat=points.loc[part["iso3"], "lat"], customdata=list(part["iso3"]),
            mode="markers+text" if labels else "markers", name=group, legendgroup=group, showlegend=False,
            marker={"size": size, "symbol": "circle", "showscale": False, **colour,
                    "line": {"color": colour.get("line", {}).get("color", "white") if not selected else
                             ["#111" if c else "white" for c in chosen],
                             "width": [2.5 if c else 1.5 for c in chosen] if selected else 1.5}},
            text=[_map_label(n, d) for n, d in zip(part["name"], part["display"])] if labels else None,
            textposition=[_TEXT_POSITION[sides[c]] for c in part["iso3"]] if labels else None,
            textfont=_label_font(present), hovertext=[hover_text(r, ds) for r in part.to_dict("records")],
            hoverinfo="text", **style(part, marker=True)))
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", bgcolor="white",
                    domain={"x": [0, 0.93], "y": [0, 1]})
    fig.update_layout(legend={"orientation": "v", "x": 0.0, "y": 0.0, "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.85)",
                              "title": {"text": ""}, "font": {"size": 14 if present else 12}}, dragmode=False)
    title, sub, source = title_sub
    # a map has three fifths of a row (overview, map explorer): on a projector that is ~600 px
    return frame(fig, title, sub, source, present=present, height=height, title_chars=title_chars,
                 width_px=600 if present else None)


# Labels moved off crowded states (lon, lat of the label's anchor, side of the anchor it is written on), placed for
# the smallest map (a phone's, ~6 px a degree) so that no two labels meet: Lao PDR above, over China; Viet Nam
# and Cambodia in the South China Sea; Malaysia west of its peninsula, in the Andaman Sea.
CALLOUTS = {"LAO": (105.8, 23.6, "top center"), "VNM": (108.6, 19.0, "middle right"),
            "KHM": (109.9, 14.0, "middle right"), "MYS": (100.0, 5.8, "middle left")}
MAP_WEST_LON = 90.0  # the map reaches this far west so that Malaysia's label is drawn on it
# sides that keep the other labels clear of those: the Philippines' on the Pacific, the small states' off the islands
FIXED_SIDES = {"PHL": "right", "BRN": "right", "TLS": "right", "SGP": "right", "THA": "center", "MMR": "center",
               "IDN": "center"}
_TEXT_POSITION = {"center": "middle center", "right": "middle right", "left": "middle left", "top": "top center", "bottom": "bottom center"}


def _map_label(name: str, display: str) -> str:
    return f"{_esc(_short_name(name))}<br><b>{_esc(display)}</b>"


def _label_px(name: str, display: str, present: bool) -> tuple[float, float]:
    """About how many pixels a two-line map label takes (Arial: ~0.55 em per character, bold ~0.62)."""
    size = 13 if present else 10
    return max(len(_short_name(name)) * 0.55, len(str(display)) * 0.62) * size + 4, 2.6 * size


def _label_font(present: bool) -> dict:
    return {"size": 13 if present else 10, "color": "#111",
            "shadow": "1px 1px 1px #fff, -1px -1px 1px #fff, 1px -1px 1px #fff, -1px 1px 1px #fff"}


def clicked_iso3(point: dict) -> str | None:
    """The member state a map click selected: a shape reports its `location`, a small state's marker its customdata."""
    loc = point.get("location") or point.get("customdata")
    if isinstance(loc, (list, tuple)):
        loc = loc[0] if loc else None
    return loc if isinstance(loc, str) else None


def _short_name(name: str) -> str:
    """A short name for crowded labels (Brunei Darussalam -> Brunei), in the reader's language."""
    if name in ("Brunei Darussalam", wording.data_text("Brunei Darussalam")):
        return _("Brunei")
    return name


def _unit_label(unit: str) -> str:
    return wording.unit_label(unit)


def ranked_bar(ds: Dataset, latest: pd.DataFrame, indicator: str, title_sub: tuple[str, str, str],
               present: bool = False, height: int = 520, title_chars: int = 72) -> go.Figure:
    """Countries ranked by value; ranges drawn as spans, intervals with whiskers, 'No data' listed, never 0."""
    m = ds.indicator(indicator)
    has = latest[latest["has_data"]].sort_values("sort_value")
    missing = latest[~latest["has_data"]]
    order = list(missing["name"]) + list(has["name"])
    fig = go.Figure()
    if not has.empty:
        point = has[has["qualifier"] != "range"]
        rng = has[has["qualifier"] == "range"]
        if not point.empty:
            err = None
            if (point["qualifier"] == "interval").any():
                err = {"type": "data", "symmetric": False,
                       "array": (point["upper"] - point["value"]).fillna(0).tolist(),
                       "arrayminus": (point["value"] - point["lower"]).fillna(0).tolist(), "color": "#333"}
            fig.add_trace(go.Bar(
                y=point["name"], x=point["value"], orientation="h", marker_color=_colours(point["value"], m["unit"]),
                text=point["display"], textposition="outside", cliponaxis=False, error_x=err,
                name=wording.short_title(ds, indicator),
                hovertext=[hover_text(r, ds) for r in point.to_dict("records")], hoverinfo="text", showlegend=False))
        if not rng.empty:
            fig.add_trace(go.Bar(
                y=rng["name"], x=rng["upper"] - rng["lower"], base=rng["lower"], orientation="h",
                marker={"color": "rgba(42,120,142,0.35)", "line": {"color": YES_COLOUR, "width": 1.5}},
                text=rng["display"], textposition="outside", cliponaxis=False, name=_("Range (no single value)"),
                hovertext=[hover_text(r, ds) for r in rng.to_dict("records")], hoverinfo="text", showlegend=True))
    if not missing.empty:
        fig.add_trace(go.Scatter(
            y=missing["name"], x=[0] * len(missing), mode="text", text=[wording.no_data()] * len(missing),
            textposition="middle right", textfont={"color": "#666", "size": 13 if present else 11},
            name=wording.no_data(), hoverinfo="skip", showlegend=False))
    xmax = float(pd.concat([has["value"], has["upper"]]).max()) if not has.empty else 1
    if m["unit"] == "yes_no":
        fig.update_xaxes(tickvals=[0, 1], ticktext=[wording.yes_no(False), wording.yes_no(True)], range=[0, 1.25])
    else:
        fig.update_xaxes(range=[0, (xmax if not math.isnan(xmax) else 1) * 1.22], title=_unit_label(m["unit"]),
                         gridcolor="#eee", zeroline=True, zerolinecolor="#999")
    # every state keeps its label: plotly thins category labels out when it thinks they are crowded
    fig.update_yaxes(categoryorder="array", categoryarray=order, automargin=True, tickmode="linear", dtick=1)
    fig.update_layout(barmode="overlay", bargap=0.3, showlegend=bool((has["qualifier"] == "range").any()),
                      legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}, dragmode=False)
    title, sub, source = title_sub
    # bars sized to their count: each category row keeps ~24 px of plot height (more on a slide)
    return frame(fig, title, sub, source, present=present, height=height, axis_space=44, title_chars=title_chars,
                 plot_min=int(len(order) * 24 * (1.6 if present else 1)))


def trend_lines(ds: Dataset, series: pd.DataFrame, title_sub: tuple[str, str, str], present: bool = False,
                height: int = 520, unit: str = "percent", compact: bool = False) -> go.Figure:
    """One line per country/series over years; gaps stay gaps (no interpolation).
    `compact` (a phone's form): the legend under the plot, one or two names a row, so the plot keeps the width
    (beside a 390 px plot, "East Asia & Pacific (World Bank region)" left the lines ~60 px)."""
    names = series["series"].unique().tolist()
    # categories need distinguishable colours: plotly's colour-blind-safe qualitative palette, dashes after 11
    palette = px_colors.qualitative.Safe
    by_user = "user" in series
    groups: dict = {name: [] for name in names}
    for r in series[["series", "year", "value", "display", "area_kind"] + (["user"] if by_user else [])].to_dict("records"):
        groups[r["series"]].append(r)  # one conversion of the rows, not a filter, sort and reindex a line (py-spy)
    no_value = _("no published value")
    # with many lines, or long names, end labels collide with each other or run off: the legend names them
    end_labels = len(names) <= 6 and max(len(_short_name(x)) for x in names) <= 12
    # built as plain dicts (charts.from_dict), as the age chart: add_trace, add_annotation and update_*axes re-walked
    # the figure on every call
    data, notes = [], []
    for i, name in enumerate(names):
        colour = palette[i % len(palette)]
        rows = sorted(groups[name], key=(lambda r: (r["year"], r["user"])) if by_user else (lambda r: r["year"]))
        # one point per year: a reader's uploaded figure for a year the data already has wins, as in latest()
        at = {int(r["year"]): r for r in rows}
        years = list(range(min(at), max(at) + 1))  # a missing year stays a gap
        values = [_number(at[y]["value"]) if y in at else math.nan for y in years]
        shown = [at[y]["display"] if y in at and isinstance(at[y]["display"], str) else no_value for y in years]
        kind = next((r["area_kind"] for r in rows if isinstance(r["area_kind"], str)), None)
        dash = "dot" if kind != "member" else ("solid" if i < len(palette) else "dash")
        data.append({"type": "scatter", "x": np.array(years, dtype="int64"), "y": np.array(values, dtype="float64"),
                     "mode": "lines+markers", "name": name, "line": {"color": colour, "dash": dash, "width": 2.5},
                     "connectgaps": False, "hovertext": [f"{_esc(name)}<br>{y}: {_esc(d)}" for y, d in zip(years, shown)],
                     "hoverinfo": "text"})
        drawn = [(y, v) for y, v in zip(years, values) if not math.isnan(v)]
        if end_labels and drawn:
            notes.append({"x": drawn[-1][0], "y": drawn[-1][1], "text": _esc(_short_name(name)), "showarrow": False,
                          "xanchor": "left", "xshift": 6, "font": {"size": 12 if present else 9, "color": colour}})
    y0, y1 = int(series["year"].min()), int(series["year"].max())
    # years a phone's width can write side by side (~28 px a year label, ~300 px of plot)
    layout = {"xaxis": {"dtick": 1 if y1 - y0 < 7 else 2 if y1 - y0 < 11 else 5, "range": [y0 - 0.5, y1 + 0.8],
                        "gridcolor": "#eee"},
              "yaxis": {"title": {"text": _unit_label(unit)}, "gridcolor": "#eee", "rangemode": "tozero",
                        "nticks": 5},  # room on a low slide
              "hovermode": "closest"}
    if notes:
        layout["annotations"] = notes
    extra = 0
    if (len(names) > 6 and present) or compact:  # a long legend beside the plot: taller than a slide's chart, wider
        # than a phone can spare; at its foot, in rows instead
        per_row = 2  # the narrowest width holds two names a row ("Brunei Darussalam" is long)
        if compact and max(len(x) for x in names) > 20:  # a benchmark's long name takes a row of its own
            per_row = 1
        row_px = 26 if present else 20 if compact else 24  # a legend row: ~24 px, ~19 px when one name a row (phone)
        extra = int(-(-len(names) // per_row) * row_px) + 10
        layout["legend"] = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yref": "container",
                            "yanchor": "bottom", "font": {"size": 13 if present else 11}}
        if compact:  # exactly per_row names a row, as the room reserved for them assumes
            layout["legend"].update(entrywidth=1 / per_row, entrywidthmode="fraction")
    else:
        layout["legend"] = {"orientation": "v", "x": 1.02, "y": 1, "yanchor": "top", "font": {"size": 13 if present else 11}}
    title, sub, source = title_sub
    # a legend beside the plot: the plot at least as tall as its names (else they run into the source line); on a
    # phone, the lines at least PHONE_PLOT_MIN px tall above their legend
    return frame({"data": data, "layout": layout}, title, sub, source, present=present, height=height, axis_space=30,
                 extra_bottom=extra, plot_min=(PHONE_PLOT_MIN if compact else 0) if extra
                 else len(names) * (21 if not present else 26))


PHONE_PLOT_MIN = 260


def _number(v) -> float:
    """A row's value as a float; a missing one (None, NaN, pd.NA) as NaN, a gap in the line."""
    return math.nan if v is None or v is pd.NA or v != v else float(v)


LABELLED_ROWS = 40
TOP_NAMES = 64  # px above a heat map for member-state names written at 45 degrees on its top axis


def coverage_heatmap(ds: Dataset, matrix: pd.DataFrame, title_sub: tuple[str, str, str], present: bool = False) -> go.Figure:
    """Indicator x country: filled where a value exists (value written in the cell), grey 'No data' where not."""
    # colour says what a cell holds, never a verdict on a figure: grey No data, one neutral colour for any published
    # value, and for checklist measures (Yes/No) the tracker's status colours: in place / not in place
    cells = matrix.to_numpy(dtype=object).tolist()  # one row a indicator, one column a state
    z = np.array([[0 if v == NO_DATA else 3 if v == "Yes" else 2 if v == "No" else 1 for v in row] for row in cells],
                 dtype="int64").reshape(len(cells), len(matrix.columns))
    no_data, yes, no = wording.no_data(), wording.yes_no(True), wording.yes_no(False)
    text = [[no_data if v == NO_DATA else yes if v == "Yes" else no if v == "No" else v for v in row] for row in cells]
    ylabels = [wording.short_title(ds, i) for i in matrix.index]
    xlabels = [_short_name(wording.country_name(ds, c)) for c in matrix.columns]
    trace = {"type": "heatmap", "z": z, "x": xlabels, "y": ylabels, "text": text, "zmin": -0.5, "zmax": 3.5,
             "colorscale": _steps([NO_DATA_COLOUR, VALUE_COLOUR, STATUS_NONE, STATUS_ALL]),
             "colorbar": _word_legend([_("No data"), _("a published value"), _("measure not in place (No)"),
                                       _("measure in place (Yes)")], present),
             "xgap": 2, "ygap": 2, "hovertemplate": "%{y}<br>%{x}: %{text}<extra></extra>",
             "textfont": {"size": 12 if present else 9}}
    if len(ylabels) <= LABELLED_ROWS:  # writing every value costs the browser dearly on a big matrix: then on hover
        trace["texttemplate"] = "%{text}"
    # a plain dict, validated once in the tests (charts.from_dict), not a graph object walked property by property
    fig = {"data": [trace], "layout": {"yaxis": {"autorange": "reversed", "automargin": True, "tickmode": "linear", "dtick": 1},
                                       "xaxis": {"side": "top", "tickangle": -45, "tickmode": "linear", "dtick": 1}}}
    title, sub, source = title_sub
    return frame(fig, title, sub, source, present=present, height=max(360, 26 * len(ylabels) + 160 + TOP_NAMES),
                 top_axis_space=TOP_NAMES)


def coverage_by_area_heatmap(ds: Dataset, summary: pd.DataFrame, title_sub: tuple[str, str, str],
                             present: bool = False, compact: bool = False, across: bool = False) -> go.Figure:
    """Priority area x member state: 'n of m' indicators with a value; a cell with none is grey 'No data' (never 0).
    `compact` (a phone's form): member states down, the areas across by number (named under the chart), 'n/m'.
    `across` (a projected slide, 16:9): member states down, the areas across named over their columns, 'n/m'."""
    areas = list(dict.fromkeys(summary["priority_area"]))
    codes = list(dict.fromkeys(summary["iso3"]))
    piv = summary.pivot(index="priority_area", columns="iso3", values="with_data").reindex(index=areas, columns=codes)
    total = summary.drop_duplicates("priority_area").set_index("priority_area")["indicators"]
    share = piv.div(total, axis=0)
    text = [[_("{n} of {total}").format(n=int(piv.at[a, c]), total=int(total[a])) if piv.at[a, c] else wording.no_data()
             for c in codes] for a in areas]
    fig = go.Figure(go.Heatmap(
        z=share.values, x=[_short_name(wording.country_name(ds, c)) for c in codes],
        y=[_wrap(wording.area_title(ds, a), 34) for a in areas], text=text, texttemplate="%{text}",
        colorscale=[[0, NO_DATA_COLOUR], [0.0001, "#fde725"], [1, "#21918c"]], zmin=0, zmax=1, xgap=3, ygap=3,
        colorbar={"title": {"text": _wrap(_("share of the area's indicators with data"), 14), "side": "right"},
                  "thickness": 12, "tickformat": ".0%"},
        hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>", textfont={"size": 13 if present else 10}))
    fig.update_yaxes(autorange="reversed", automargin=True, tickmode="linear", dtick=1)
    fig.update_xaxes(side="top", tickangle=-45, tickmode="linear", dtick=1)
    title, sub, source = title_sub
    if across:  # as the tracker on a slide: 11 short rows, the areas' short names over their columns
        nums = [str(int(ds.priority_areas.at[a, "number"])) if a in ds.priority_areas.index else "" for a in areas]
        names = [(f"{n}. " if n and n != "0" else "") + _wrap(wording.area_short_title(ds, a), 14) for n, a in zip(nums, areas)]
        fig.data[0].update(z=share.values.T, x=names, y=[_short_name(wording.country_name(ds, c)) for c in codes],
                           text=[[(f"{int(piv.at[a, c])}/{int(total[a])}" if piv.at[a, c] else wording.no_data())
                                  for a in areas] for c in codes])
        # the colour scale under the grid: the eight columns keep the slide's width
        fig.data[0].colorbar = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.04, "yanchor": "top",
                                "thickness": 12, "len": 0.45, "tickformat": ".0%", "tickfont": {"size": 13},
                                "title": {"text": _("share of the area's indicators with data"), "side": "right",
                                          "font": {"size": 13}}}
        fig.update_xaxes(tickangle=0, automargin=True)
        lines = max(str(x).count("<br>") + 1 for x in names)
        return frame(fig, title, sub, source, present=present, height=max(300, 200 + 38 * len(codes) + 15 * lines),
                     top_axis_space=15 * lines + 4, axis_space=50, plot_min=26 * len(codes))
    if compact:  # the same cells and colours, transposed, with short labels
        hm = fig.data[0]
        nums = [str(int(ds.priority_areas.at[a, "number"])) if a in ds.priority_areas.index else str(i + 1)
                for i, a in enumerate(areas)]
        small = [[(f"{int(piv.at[a, c])}/{int(total[a])}" if piv.at[a, c] else _no_data_lines()) for a in areas]
                 for c in codes]
        hm.update(z=share.values.T, x=nums, y=[_short_name(wording.country_name(ds, c)) for c in codes], text=small,
                  colorbar={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.02, "yanchor": "top", "thickness": 10,
                            "len": 0.6, "title": {"text": _("share of the area's indicators with data"), "side": "top"}})
        fig.update_xaxes(tickangle=0)
        key = " · ".join(f"{num} {wording.area_title(ds, a)}" for num, a in zip(nums, areas))
        return frame(fig, title, sub, source, present=present, bottom_note=key, axis_space=70,
                     height=max(320, 330 + 34 * len(codes)), top_axis_space=20,
                     plot_min=32 * len(codes))  # a two-line "No / data" cell a row
    return frame(fig, title, sub, source, present=present, height=max(320, 200 + 46 * len(areas) + TOP_NAMES),
                 top_axis_space=TOP_NAMES)


# Status colours (tracker, checklist cells): grey No data; near-white "not checked" (evidence, but no measure checked);
# light orange none in place; mid blue some; dark blue all. Words in the legend, never colour alone.
STATUS_NONE, STATUS_SOME, STATUS_ALL, NOT_CHECKED, VALUE_COLOUR = "#fdd49e", "#6baed6", "#08519c", "#f4f4f4", "#c9d7e3"
STATUS_STEPS = [NO_DATA_COLOUR, NOT_CHECKED, STATUS_NONE, STATUS_SOME, STATUS_ALL]


def status_words() -> list[str]:
    return [_("No data"), _("not checked"), _("none in place"), _("some in place"), _("all in place")]


def _status_code(with_data: int, checked: int, in_place: int) -> int:
    """0 No data · 1 evidence but no measure checked · 2 none of the checked measures in place · 3 some · 4 all."""
    if not with_data:
        return 0
    if not checked:
        return 1
    return 2 if in_place == 0 else 4 if in_place >= checked else 3


def _steps(colours: list[str]) -> list[list]:
    """A discrete colour scale: integer codes 0..n-1 (zmin -0.5, zmax n-0.5) each get one flat colour."""
    n = len(colours)
    return [[k / n + e, c] for i, c in enumerate(colours) for k, e in ((i, 0), (i + 1, -1e-9 if i + 1 < n else 0))]


def _word_legend(words: list[str], present: bool) -> dict:
    """A colour bar whose steps are named in words (one tick per code)."""
    return {"tickvals": list(range(len(words))), "ticktext": [_wrap(w, 16) for w in words], "thickness": 14,
            "len": min(1.0, 0.16 * len(words)), "y": 1, "yanchor": "top", "outlinewidth": 0,
            "tickfont": {"size": 14 if present else 11}}


def tracker_heatmap(ds: Dataset, tracker: pd.DataFrame, title_sub: tuple[str, str, str], present: bool = False,
                    compact: bool = False) -> go.Figure:
    """11 x 7: how many indicators of each priority area have evidence for each state, with what is in place.
    `compact` (a phone's form, 7 columns of ~40 px): the columns are numbered, their names listed under the chart,
    and a cell says "2 · 1/2" (indicators with data · measures in place of those checked)."""
    areas = [a for a in ds.area_codes() if a != "online"]
    # only the states in the tracker frame (a country filter may keep a few), in ASEAN order
    codes = [c for c in ds.member_codes if c in set(tracker["iso3"])]
    # one dict a cell (a state and an area; none where the tracker has no row: 0, as a count), not a pivot and .at lookups
    cell = {(r["iso3"], r["area"]): r for r in tracker[["iso3", "area", "with_data", "in_place", "checked"]].to_dict("records")}

    def count(c, a, what) -> int:
        v = (cell.get((c, a)) or {}).get(what)
        return 0 if v is None or v != v else int(v)
    grid = {(c, a): (count(c, a, "with_data"), count(c, a, "in_place"), count(c, a, "checked")) for c in codes for a in areas}
    if compact or present:  # short cells, explained under the title: a phone's narrow columns, a slide's low rows
        sep = "<br>" if compact else " · "
        empty = _no_data_lines() if compact else wording.no_data()
        text = [[(f"{n}" + (f"{sep}{done}/{chk}" if chk else "")) if n else empty
                 for n, done, chk in (grid[c, a] for a in areas)] for c in codes]
    else:
        text = [[(ngettext("{n} indicator", "{n} indicators", n).format(n=n)
                  + ("<br>" + _("{done}/{checked} in place").format(done=done, checked=chk) if chk else ""))
                 if n else wording.no_data() for n, done, chk in (grid[c, a] for a in areas)] for c in codes]
    # the colour is the status (what is in place of the measures checked); the evidence count stays in the text
    status = [[_status_code(n, chk, done) for n, done, chk in (grid[c, a] for a in areas)] for c in codes]
    x = [f"{int(ds.priority_areas.at[a, 'number'])}" + ("" if compact else ". " + _wrap(wording.area_short_title(ds, a), 14))
         for a in areas]
    colorbar = _word_legend(status_words(), present)
    key = ""
    if compact:
        # the status legend under the grid, across the phone's width, its words wrapped short
        _merge(colorbar, {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.02, "yanchor": "top", "thickness": 10,
                          "len": 1.0, "outlinewidth": 0, "ticktext": [_wrap(w, 12) for w in status_words()],
                          "tickfont": {"size": 10}})
        key = (" · ".join(f"{int(ds.priority_areas.at[a, 'number'])} {wording.area_short_title(ds, a)}" for a in areas)
               + " · " + _("a cell: indicators with data, and measures in place of those checked"))
    fig = {"data": [{"type": "heatmap", "z": status, "x": x, "y": [_short_name(wording.country_name(ds, c)) for c in codes],
                     "text": text, "texttemplate": "%{text}", "colorscale": _steps(STATUS_STEPS), "zmin": -0.5,
                     "zmax": len(STATUS_STEPS) - 0.5, "xgap": 3, "ygap": 3, "colorbar": colorbar,
                     "hovertemplate": "%{y} · %{x}<br>%{text}<extra></extra>", "textfont": {"size": 13 if present else 10}}],
           "layout": {"yaxis": {"autorange": "reversed", "automargin": True, "tickmode": "linear", "dtick": 1},
                      "xaxis": {"side": "top", "tickangle": 0, "automargin": True, "tickmode": "linear", "dtick": 1}}}
    title, sub, source = title_sub
    if present and not compact:  # a slide's short cells ("5 · 4/5") are explained in its subtitle
        sub = _("Colour: the measures checked that are in place") + " · " + _(
            "a cell: indicators with data · measures in place of those checked")
    label_lines = max(str(v).count("<br>") + 1 for v in x)
    # a row holds its cell's lines: two in the full form, one on a slide (present), two short ones on a phone
    return frame(fig, title, sub, source, present=present, bottom_note=key, axis_space=70 if compact else 0,
                 height=max(300, 200 + 38 * len(codes) + 15 * label_lines + (150 if compact else 0)),
                 top_axis_space=15 * label_lines + 4, plot_min=len(codes) * (32 if compact else 26 if present else 38))


def _no_data_lines() -> str:
    """'No data' on two lines, for a narrow cell."""
    return "<br>".join(wording.no_data().split(" ", 1))


def grouped_bars(ds: Dataset, rows: pd.DataFrame, indicator: str, by: str, title_sub: tuple[str, str, str],
                 present: bool = False) -> go.Figure:
    """Breakdown of one indicator by age band or sex for the chosen countries (values labelled)."""
    m = ds.indicator(indicator)
    fig = go.Figure()
    groups = rows[by].unique().tolist()
    colours = sample_colorscale(SCALE, [0.15 + 0.7 * i / max(1, len(groups) - 1) for i in range(len(groups))])
    for g, colour in zip(groups, colours):
        part = rows[rows[by] == g]
        label = wording.age_label(ds, g) if by == "age_band" else wording.sex_words(g)
        fig.add_trace(go.Bar(x=[f"{_short_name(n)} ({int(y)})" for n, y in zip(part["area_name"], part["year"])],
                             y=part["sort_value"], name=label, marker_color=colour, text=part["display"],
                             textposition="outside", cliponaxis=False,
                             hovertext=[f"{_esc(n)} · {_esc(label)} · {int(y)}: {_esc(d)}" for n, y, d in
                                        zip(part["area_name"], part["year"], part["display"])], hoverinfo="text"))
    fig.update_layout(barmode="group", legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"})
    fig.update_xaxes(tickmode="linear", dtick=1)
    fig.update_yaxes(title=_unit_label(m["unit"]), gridcolor="#eee", rangemode="tozero")
    title, sub, source = title_sub
    return frame(fig, title, sub, source, present=present, height=480, axis_space=40)


def share_card(ds: Dataset, indicator: str, iso3: str | None, age: str | None = None, sex: str = "all") -> go.Figure:
    """A 1200 x 675 card: the headline number, its meaning in one sentence, age band, year, source, small map."""
    latest = wording.localise(ds.latest(indicator, age=age, sex=sex))
    has = latest[latest["has_data"]]
    if iso3:
        row = latest[latest["iso3"] == iso3].iloc[0]
        big, place = row["display"], row["name"]
        years = [row["year"]] if row["has_data"] else []
        src_ids = [row["source_id"]] if row["has_data"] else []
        note = row["qualifier_text"] if row["has_data"] and row["qualifier"] else ""
    else:
        rng = ds.range_across(indicator, age) if not has.empty else None
        big = rng["text"] if rng else wording.no_data()
        place = (_("ASEAN member states: range across the {n} with data").format(n=len(has)) if rng
                 else _("ASEAN member states"))
        years = has["year"].tolist()
        src_ids = has["source_id"].tolist()
        note = _("lowest and highest published national figures; not an ASEAN average") if rng else ""
    age_code = has["age_band"].iloc[0] if not has.empty else age
    fig = go.Figure()
    # the chosen state dark (grey if it has no figure: missing is never coloured as a value), outlined either way
    colours = pd.Series([("#2a788e" if h and (c == iso3 or not iso3) else ("#c9e3ea" if h else NO_DATA_COLOUR))
                         for c, h in zip(latest["iso3"], latest["has_data"])], index=latest["iso3"])
    # one trace per colour, with the light outlines; states too small to see get a marker of their colour
    for colour, codes in colours.groupby(colours, sort=False).groups.items():
        codes = list(codes)
        fig.add_trace(go.Choropleth(geojson=feature_collection(ds.geo_light, codes), locations=codes,
                                    z=[0] * len(codes), colorscale=[[0, colour], [1, colour]], showscale=False,
                                    marker_line_color=["#12355b" if c == iso3 else "white" for c in codes],
                                    marker_line_width=[2.5 if c == iso3 else 0.6 for c in codes], hoverinfo="skip",
                                    showlegend=False))
    small = [c for c in ds.small_states if c in colours.index]
    if small:
        pts = ds.geo_light.loc[small]
        fig.add_trace(go.Scattergeo(lon=pts["label_lon"], lat=pts["label_lat"], mode="markers", hoverinfo="skip",
                                    showlegend=False, marker={"size": [17 if c == iso3 else 13 for c in small],
                                                              "color": list(colours[small]),
                                                              "line": {"color": ["#12355b" if c == iso3 else "#555"
                                                                                 for c in small],
                                                                       "width": [3 if c == iso3 else 1 for c in small]}}))
    fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator", domain={"x": [0.6, 1.0], "y": [0.12, 0.92]})
    lines = [
        (0.955, f"<b>{_esc(place)}</b>", 30, "#12355b"),
        (0.80, f"<b>{_esc(big)}</b>", 110, "#111"),
        (0.56, _wrap(wording.title(ds, indicator), 46), 24, "#222"),
    ]
    for y, text, size, colour in lines:
        fig.add_annotation(text=text, x=0.02, y=y, xref="paper", yref="paper", xanchor="left", yanchor="top",
                           showarrow=False, align="left", font={"size": size, "color": colour})
    meta_line = subtitle(ds, age_code, sex, years) + (f" · {note}" if note else "")
    chosen_has = bool(iso3) and bool(latest.loc[latest["iso3"] == iso3, "has_data"].any())
    key_text = _esc(((_("Dark: {place} · light: other states with data").format(place=place) if chosen_has else
                      _("Outlined: {place} · light: states with data").format(place=place)) if iso3
                     else _("Dark: member states with data")) + " · " + _("grey: no data"))
    fig.add_annotation(text=key_text, x=0.8, y=0.06, xref="paper", yref="paper", xanchor="center", yanchor="bottom",
                       showarrow=False, font={"size": 13, "color": "#444"})
    fig.add_annotation(text=_wrap(meta_line, 60), x=0.02, y=0.3, xref="paper", yref="paper", xanchor="left", yanchor="top",
                       showarrow=False, align="left", font={"size": 18, "color": "#333"})
    fig.add_annotation(text=_wrap(wording.source_line(ds, src_ids, limit=2), 95) + f"<br><i>{_esc(_(APP_NAME))}</i> · "
                       + _esc(_("Boundaries: Natural Earth")),
                       x=0.02, y=0.02, xref="paper", yref="paper", xanchor="left", yanchor="bottom", showarrow=False,
                       align="left", font={"size": 13, "color": "#444"})
    fig.update_layout(width=1200, height=675, margin={"l": 20, "r": 20, "t": 20, "b": 20}, paper_bgcolor="white",
                      font={"family": FONT_FAMILY})
    return fig


def _subplot_grid(n: int, compact: bool) -> tuple[dict, list[tuple[str, str]]]:
    """The layout plotly's make_subplots gives the age chart's n panels (side by side sharing the y axis, or one
    under the other), without its template, and each panel's (x, y) axis names; made once per shape."""
    got = _GRIDS.get((n, compact))
    if got is None:
        from plotly.subplots import make_subplots

        titles = [str(i) for i in range(n)]
        if compact:
            grid = make_subplots(rows=n, cols=1, shared_xaxes=False, vertical_spacing=0.35 / n, subplot_titles=titles)
        else:
            grid = make_subplots(rows=1, cols=n, shared_yaxes=True, horizontal_spacing=0.012, subplot_titles=titles)
        layout = grid.to_dict()["layout"]
        layout.pop("template", None)
        axes = [(f"x{i}" if i > 1 else "x", f"y{i}" if i > 1 else "y") for i in range(1, n + 1)]
        got = _GRIDS[(n, compact)] = (layout, axes)
    return _copy(got[0]), got[1]


_GRIDS: dict = {}


def _copy(x):
    """A copy of nested dicts and lists of plain values (copy.deepcopy's memo and dispatch cost more than the copy)."""
    if isinstance(x, dict):
        return {k: _copy(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_copy(v) for v in x]
    return x


def internet_by_age(ds: Dataset, rows: pd.DataFrame, countries: list[str], title_sub: tuple[str, str, str],
                    present: bool = False, height: int | None = None, compact: bool = False) -> go.Figure:
    """Children online, by age: one panel per reader-facing age group, one row per member state.

    Each dot is one published figure labelled with its exact age band and year (open dot: a bound); a grey tick
    marks the state's whole-population figure in every panel; an empty cell says No data, so gaps stay visible.
    `compact` (a phone's form): the panels one under the other, each the chart's full width."""
    # the rows are few (one a published figure): plain records, grouped in Python, not a pandas filter, groupby and
    # .at lookup a panel and a state (~40 ms of pandas overhead for 30 rows, cProfile)
    recs = rows.to_dict("records")
    for r in recs:
        g = r.get("age_group")
        r["_grp"] = g if isinstance(g, str) and g else "other"
    present_groups = {r["_grp"] for r in recs}
    order = [g for g in list(ds.age_groups.index) + ["other"] if g in present_groups]
    order = [g for g in order if g != "all"] + (["all"] if "all" in order else [])  # whole population last
    names = {c: _short_name(wording.country_name(ds, c)) for c in countries}
    # a state with two figures in one panel gets two lines (one a figure), so no label sits on another
    per_cell: dict = {}
    for r in recs:
        per_cell[(r["iso3"], r["_grp"])] = per_cell.get((r["iso3"], r["_grp"]), 0) + 1
    most: dict = {}
    for (c, _g), m in per_cell.items():
        most[c] = max(most.get(c, 0), m)
    slots = {c: max(1, int(most.get(c, 0))) for c in countries}
    first, y = {}, 0
    for c in countries:
        first[c], y = y, y + slots[c]
    ypos = {c: first[c] + (slots[c] - 1) / 2 for c in countries}  # the state's name: in the middle of its lines
    n_lines = y
    ref: dict = {}
    for r in recs:  # each state's first whole-population figure
        if r["age_band"] == "all" and r["iso3"] not in ref:
            ref[r["iso3"]] = r
    k = 1.3 if present else 1.0
    n = max(1, len(order))
    titles = [f"<b>{_wrap(_group_label(ds, g), 16)}</b>" for g in order]
    # built as plain dicts (from_dict): make_subplots, add_trace(row=, col=) and update_xaxes
    # re-walked the figure on every call, ~160 ms of a server's CPU for each new country set and form (py-spy)
    layout, axes = _subplot_grid(n, compact)
    layout["annotations"] = layout.get("annotations", [])[:len(titles)]
    for a, t in zip(layout["annotations"], titles):
        a["text"] = t
        a["font"] = {"size": 12 * k}
    if not layout["annotations"]:
        del layout["annotations"]
    data = []
    hovers = [_age_hover(r, ds) for r in recs]
    for (xa, ya), g in zip(axes, order):
        at = {"xaxis": xa, "yaxis": ya}
        part = [i for i, r in enumerate(recs) if r["_grp"] == g]
        colour = YES_COLOUR if g != "all" else "#555555"
        if g != "all" and ref:  # the whole-population figure as a reference tick in every panel
            refs = [c for c in countries if c in ref]
            data.append({
                "x": [ref[c]["sort_value"] for c in refs], "y": [ypos[c] for c in refs], "mode": "markers",
                "marker": {"symbol": "line-ns", "size": 16 * k, "line": {"width": 2, "color": "#9a9a9a"}},
                "name": _("Whole population (all ages)"), "showlegend": False,
                "hovertext": [f"{_esc(names[c])} · " + _esc(_("all ages {value} ({year})").format(
                    value=wording.display(ref[c]["display"]), year=int(ref[c]["year"]))) for c in refs],
                "hoverinfo": "text", "type": "scatter", **at})
        iso = [recs[i]["iso3"] for i in part]
        values = [recs[i]["sort_value"] for i in part]
        count = {c: iso.count(c) for c in set(iso)}
        seen: dict = {}
        kk = []
        for c in iso:  # each figure's place among its state's figures in this panel
            kk.append(seen.get(c, 0))
            seen[c] = kk[-1] + 1
        bounded = [recs[i]["qualifier"] in ("at least", "more than", "up to", "less than") for i in part]
        data.append({
            "x": np.array(values, dtype="float64"),
            "y": [first[c] + (slots[c] - count[c]) / 2 + j for c, j in zip(iso, kk)],
            "mode": "markers+text", "name": _group_label(ds, g), "showlegend": False,
            "marker": {"size": 11 * k, "color": colour, "symbol": ["circle-open" if b else "circle" for b in bounded],
                       "line": {"width": 2, "color": colour}},
            # a dot left of the middle has its label on its right (room inside the panel)
            "text": [f"{_esc(_band_short(ds, recs[i]['age_band']))} · {int(recs[i]['year'])}" for i in part],
            "textposition": ["middle left" if v >= 55 else "middle right" for v in values],
            "textfont": {"size": 10 * k, "color": "#333"}, "cliponaxis": False,
            "hovertext": [hovers[i] for i in part], "hoverinfo": "text",
            "type": "scatter", **at})
        have = set(iso)
        empty = [c for c in countries if c not in have]
        if empty:
            data.append({"x": [1] * len(empty), "y": [ypos[c] for c in empty], "mode": "text",
                         "text": [wording.no_data()] * len(empty), "textposition": "middle right",
                         "textfont": {"size": 10 * k, "color": "#8c8c8c"}, "hoverinfo": "skip", "showlegend": False,
                         "type": "scatter", **at})
        layout["xaxis" + xa[1:]].update(range=[0, 104], tickvals=[0, 50, 100], gridcolor="#eee", zeroline=False,
                                         title={"text": "%", "standoff": 2})
    for _x, ya in axes:
        layout["yaxis" + ya[1:]].update(tickvals=list(ypos.values()), ticktext=[names[c] for c in countries],
                                         range=[n_lines - 0.5, -0.6], showgrid=False, zeroline=False, automargin=True)
    # a thin line between states (their figures may take two lines), across every panel that has a trace
    used = {(t["xaxis"], t["yaxis"]) for t in data}
    panels = [a for a in axes if a in used]
    shapes = [{"type": "line", "x0": 0, "x1": 1, "xref": f"{x} domain", "y0": first[c] - 0.5,
               "y1": first[c] - 0.5, "yref": yy, "line": {"color": "#eeeeee", "width": 1}}
              for c in countries[1:] for x, yy in panels]
    if shapes:  # none for one state (an empty list would reach the browser as one)
        layout["shapes"] = shapes
    layout.update(showlegend=False, dragmode=False, hovermode="closest")
    fig = {"data": data, "layout": layout}
    title, sub, source = title_sub
    # a height the caller chose (a slide) stays; otherwise the plot keeps room for every state's lines
    plot_min = 0 if height else (n * (40 + 24 * n_lines) if compact else 40 + 36 * n_lines)
    if compact:
        height = height or 150 + n * (70 + 24 * n_lines)
    return frame(fig, title, sub, source, present=present, height=height or max(420, 190 + 36 * n_lines),
                 plot_min=plot_min,
                 axis_space=30, title_chars=88, top_axis_space=16)


def _group_label(ds: Dataset, g: str) -> str:
    if g in ds.age_groups.index:
        return wording.data_text(str(ds.age_groups.at[g, "label"]))
    return _("Other age bands")


def _band_short(ds: Dataset, band: str) -> str:
    label = str(ds.age_bands.at[band, "label"]) if band in ds.age_bands.index else ""
    from .i18n import lang

    if label.startswith("Ages ") and (lang() == "en" or not any(ch.isalpha() for ch in label[5:])):
        return label[5:]  # "Ages 12–17" -> "12–17" (the same in every language); "Ages 5 and over" is translated
    if lang() == "en" and " aged " in label and "(" not in label:
        return label.replace(" aged ", " ")  # "Students aged 5–24" -> "Students 5–24"
    if lang() == "en" and "(" in label:  # a label beside a dot: "Gen Z (born 1997–2012, about 12–27)" -> "Gen Z ≈12–27"
        head, inner = label.split("(", 1)
        inner = inner.rstrip(")")
        if "about " in inner:
            return f"{head.strip()} ≈{inner.split('about ', 1)[1]}"  # 'about' kept: an approximate band stays one
        if inner[:1].isdigit():
            return inner  # "Youth (15–24)" -> "15–24"
        return head.strip()  # "Under 12 (born 2013 or later)" -> "Under 12" (the hover gives the whole band)
    return wording.age_label(ds, band)


def _age_hover(r: pd.Series, ds: Dataset) -> str:
    q = f" ({_esc(r['qualifier_text'])})" if r.get("qualifier") else ""
    return (f"<b>{_esc(wording.country_name(ds, r['iso3']))}</b> · {_esc(wording.data_text(r['age_label']))}<br>"
            f"{_esc(wording.display(r['display']))}{q} · {int(r['year'])}"
            f"<br>{_esc(wording.data_text(r['indicator']))}<br>"
            + _esc(_("Source: {sources}").format(sources=str(r['source_title'])[:90])))


# --------------------------------------------------------------------------------------------- timeline of measures
EVENT_STYLE = {  # Okabe-Ito colours (colour-blind safe) and a distinct shape per status: never colour alone
    "bill": ("#E69F00", "diamond"), "signed": ("#56B4E9", "square"), "enacted": ("#0072B2", "circle"),
    "in_force": ("#009E73", "triangle-up"), "launched": ("#CC79A7", "hexagon")}
FORUM_DAY = "2023-11-01"


def timeline_chart(ds: Dataset, events: pd.DataFrame, countries: list[str], title_sub: tuple[str, str, str],
                   start: str = "2019-01-01", present: bool = False) -> go.Figure:
    """One row per member state, a marker per dated event (colour and shape by status, legend in words). A date
    the source gives only to the month or year is drawn at the middle of that period with a line across it;
    a state without events in the view says 'No measure recorded' on its row (not 'nothing exists')."""
    import datetime as dt

    k = 1.6 if present else 1.0
    names = {c: _short_name(wording.country_name(ds, c)) for c in countries}
    ypos = {c: i for i, c in enumerate(countries)}
    fig = go.Figure()
    ev = events[events["iso3"].isin(countries)].copy()
    if not ev.empty:
        ev["mid"] = [s + (e - s) / 2 for s, e in zip(ev["start"], ev["end"])]
        # events of one state at the same spot are spread a little in their row, so none hides another
        ev["_n"] = ev.groupby(["iso3", "mid"]).cumcount()
        ev["_of"] = ev.groupby(["iso3", "mid"])["event"].transform("size")
        ev["y"] = [ypos[c] + (n - (m - 1) / 2) * 0.22 for c, n, m in zip(ev["iso3"], ev["_n"], ev["_of"])]
        spans = ev[ev["precision"] != "day"]
        if not spans.empty:
            xs, ys = [], []
            for r in spans.itertuples():
                xs += [r.start, r.end, None]
                ys += [r.y, r.y, None]
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#9a9a9a", "width": 3 * k},
                                     name=_wrap(_("Date known only to the month or year (line: the period)"), 28),
                                     hoverinfo="skip"))
        for event, (colour, symbol) in EVENT_STYLE.items():
            part = ev[ev["event"] == event]
            if part.empty:
                continue
            hover = [f"<b>{_esc(wording.country_name(ds, r.iso3))}</b> · {_esc(wording.event_words(r.event))} · "
                     f"{_esc(wording.measure_date(r.date))}<br>{_esc(wording.data_text(r.title))}"
                     for r in part.itertuples()]
            fig.add_trace(go.Scatter(x=part["mid"], y=part["y"], mode="markers", name=wording.event_words(event),
                                     marker={"color": colour, "symbol": symbol, "size": 13 * k,
                                             "line": {"color": "#1a1a1a", "width": 1}},
                                     hovertext=hover, hoverinfo="text"))
    x0 = dt.date.fromisoformat(start) - dt.timedelta(days=45)
    x1 = dt.date(2026, 12, 31) + dt.timedelta(days=30)
    for c in countries:
        if c not in set(ev["iso3"]):
            fig.add_annotation(x=x0 + dt.timedelta(days=20), y=ypos[c], text=f"<i>{_esc(wording.no_measure_recorded())}</i>",
                               showarrow=False, xanchor="left", font={"size": 11 * k, "color": "#595959"})
    if x0 <= dt.date.fromisoformat(FORUM_DAY) <= x1:
        fig.add_shape(type="line", x0=FORUM_DAY, x1=FORUM_DAY, yref="paper", y0=0, y1=1,
                      line={"color": "#595959", "width": 1.5, "dash": "dash"})
        fig.add_annotation(x=FORUM_DAY, yref="paper", y=1, yanchor="bottom", showarrow=False, xanchor="right",
                           text=_wrap(_("2nd ASEAN ICT Forum (November 2023)"), 20), font={"size": 10 * k, "color": "#444"},
                           xshift=-3)
    fig.update_xaxes(type="date", range=[x0, x1], gridcolor="#eee", dtick="M12", tickformat="%Y")
    fig.update_yaxes(tickvals=list(ypos.values()), ticktext=[names[c] for c in countries],
                     range=[len(countries) - 0.5, -0.7], showgrid=True, gridcolor="#f3f3f3", zeroline=False, automargin=True)
    # the legend at the foot of the picture, one entry a line (a phone's width has room for no more), with its room
    lines = sum(1 + str(t.name).count("<br>") for t in fig.data if t.showlegend is not False)
    fig.update_layout(legend={"orientation": "v", "x": 0, "xanchor": "left", "y": 0, "yref": "container",
                              "yanchor": "bottom", "font": {"size": 11 * k}},
                      hovermode="closest", dragmode=False)
    title, sub, source = title_sub
    return frame(fig, title, sub, source, present=present, height=max(360, 210 + 36 * len(countries)),
                 axis_space=30, title_chars=88, extra_bottom=int(lines * 19 * k) + 8, top_axis_space=16,
                 plot_min=int(len(countries) * 26 * k))
