"""pydeck view of an indicator: columns at the capitals, sized and coloured by value, over flat outlines.

No basemap and nothing fetched: `map_provider=None` and an empty inline MapLibre style (pydeck's default
style name is otherwise requested from the app itself as `/dark`; DESIGN.md's note missed that).
Outlines are the light level of the boundaries (`ds.geo_light`), not the 2-D map's; states too small to see at this
zoom (`ds.small_states`) get a ring in their value's colour.
"""

from __future__ import annotations

import html
import json

import pandas as pd
import pydeck as pdk
from plotly.colors import sample_colorscale, unlabel_rgb

from aseancop import NO_DATA, Dataset

NO_DATA_RGB = [212, 212, 212, 255]
# an empty MapLibre style inline: pydeck's default style name ("dark") would be fetched from the app as /dark
BLANK_STYLE = 'data:application/json,{"version":8,"sources":{},"layers":[]}'


def _rgb(colour: str) -> list[int]:
    if colour.startswith("#"):
        return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return [int(x) for x in unlabel_rgb(colour)]


class CompactDeck(pdk.Deck):
    """pydeck indents its JSON (2 spaces): six times the bytes on the wire. Send it compact instead."""

    def to_json(self):
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"))


def deck(ds: Dataset, latest: pd.DataFrame, indicator: str) -> pdk.Deck:
    has = latest[latest["has_data"]]
    lo, hi = (has["sort_value"].min(), has["sort_value"].max()) if not has.empty else (0, 1)
    span = (hi - lo) or 1
    caps = ds.countries.set_index("iso3")
    rows = []
    by_iso = latest.set_index("iso3")
    for iso in ds.member_codes:
        r = by_iso.loc[iso]
        t = (r["sort_value"] - lo) / span if r["has_data"] else 0
        rows.append({
            "iso3": iso, "name": html.escape(r["name"]), "display": html.escape(str(r["display"])),
            "year": "" if pd.isna(r["year"]) else str(int(r["year"])),
            "source": html.escape(str(r["source_title"])[:80]) if r["has_data"] else "",
            "lon": float(caps.at[iso, "capital_lon"]), "lat": float(caps.at[iso, "capital_lat"]),
            "elevation": float(40_000 + 760_000 * t) if r["has_data"] else 8_000.0,
            "colour": (_rgb(sample_colorscale("Viridis", [0.15 + 0.85 * t])[0]) + [235]) if r["has_data"] else NO_DATA_RGB,
            "fill": [236, 240, 243, 255] if r["has_data"] else [226, 226, 226, 255],
        })
    table = pd.DataFrame(rows).set_index("iso3")
    # the light outlines with each state's value and tooltip fields as feature properties
    shapes = ds.geo_light[["geometry"]].join(table[["name", "display", "year", "source", "fill"]])
    outlines = pdk.Layer("GeoJsonLayer", shapes.to_geo_dict(drop_id=False), pickable=True, stroked=True, filled=True,
                         extruded=False, get_fill_color="properties.fill", get_line_color=[120, 120, 120],
                         line_width_min_pixels=1, id="outlines")
    columns = pdk.Layer("ColumnLayer", rows, get_position=["lon", "lat"], get_elevation="elevation", elevation_scale=1,
                        radius=38_000, get_fill_color="colour", pickable=True, extruded=True, id="columns")
    # states too small to see at this zoom: a ring on the state, in the value's colour, at least 9 px across
    small = table.loc[ds.small_states].join(ds.geo_light[["label_lon", "label_lat"]])
    marks = pdk.Layer("ScatterplotLayer", small.reset_index().to_dict("records"), get_position=["label_lon", "label_lat"],
                      get_radius=30_000, radius_min_pixels=9, get_fill_color="colour", stroked=True,
                      get_line_color=[60, 60, 60, 255], line_width_min_pixels=1.5, pickable=True, id="small_states")
    tooltip = {"html": "<b>{name}</b><br>{display}<br>{year}<br>{source}",
               "style": {"backgroundColor": "white", "color": "#111", "fontSize": "13px"}}
    view = pdk.ViewState(latitude=7, longitude=114, zoom=3.3, pitch=45, bearing=-8)
    return CompactDeck(layers=[outlines, marks, columns], initial_view_state=view, tooltip=tooltip, map_provider=None,
                       map_style=BLANK_STYLE)


def legend_text(latest: pd.DataFrame) -> str:
    from .i18n import _

    n_missing = int((~latest["has_data"]).sum()) if "has_data" in latest else int((latest["display"] == NO_DATA).sum())
    return _("Columns stand on each capital: height and colour show the value. Short grey columns and grey countries have "
             "no data ({n} of {total}). Rings mark the states too small to see at this size. Hover a column, a ring or a "
             "country for its value, year and source.").format(n=n_missing, total=len(latest))
