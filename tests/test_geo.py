"""The boundaries: GeoDataFrames the maps can trust, small states that get a mark, a map light enough to send,
and data/geo/ that tools/build_geo.py reproduces byte for byte from Natural Earth."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import plotly.io as pio
import pytest
import shapely

from aseancop import geo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools import build_geo  # noqa: E402

MAP_BUDGET_BYTES = 80_000


@pytest.fixture(scope="module", params=["geo", "geo_light"])
def level(request, ds) -> gpd.GeoDataFrame:
    return getattr(ds, request.param)


def test_boundaries_are_a_geodataframe_of_the_11_member_states(ds, level):
    assert isinstance(level, gpd.GeoDataFrame)
    assert level.crs is not None and level.crs.equals("EPSG:4326")
    assert list(level.index) == list(ds.countries.index)  # exactly the codes of countries.csv, in its order
    assert list(level["iso3"]) == list(ds.countries["iso3"])
    assert level.geometry.is_valid.all() and not level.geometry.is_empty.any()
    assert set(level.geom_type) <= {"Polygon", "MultiPolygon"}
    minx, miny, maxx, maxy = level.total_bounds
    assert 90 < minx < maxx < 145 and -12 < miny < maxy < 30  # longitude/latitude of South-East Asia


def test_outer_rings_are_clockwise_as_plotly_needs(level):
    # a counter-clockwise outer ring makes plotly paint the whole world in that state's colour
    for iso, g in level.geometry.items():
        for part in shapely.get_parts(g):
            assert not part.exterior.is_ccw, f"{iso}: an outer ring is counter-clockwise"
            assert all(ring.is_ccw for ring in part.interiors), f"{iso}: a hole is clockwise"


def test_neighbours_share_one_border(level):
    # topology-preserving simplification: no gaps or overlaps between neighbours
    assert shapely.coverage_is_valid(level.geometry.to_numpy())


def test_label_points_lie_inside_their_state(ds, level):
    pts = gpd.points_from_xy(level["label_lon"], level["label_lat"], crs="EPSG:4326")
    inside = level.geometry.covers(gpd.GeoSeries(pts, index=level.index))
    assert inside.all(), list(level.index[~inside])


def test_areas_are_equal_area_km2_of_each_state(ds, level):
    # area_km2 is measured on the unsimplified source; simplification shaves the smallest states most (they are
    # drawn with a marker anyway: on the light level Singapore is a handful of pixels reduced to a few vertices)
    measured = level.to_crs("EPSG:6933").area / 1e6
    ratio = measured / level["area_km2"]
    large = ~level.index.isin(ds.small_states)
    assert ratio[large].between(0.95, 1.05).all(), ratio.round(3).to_dict()  # the light level drops islets
    assert (ratio[~large] > 0.4).all(), ratio.round(3).to_dict()
    # Natural Earth 1:50m: Indonesia is the largest member state and Singapore the smallest
    assert level["area_km2"].idxmax() == "IDN" and level["area_km2"].idxmin() == "SGP"


def test_light_level_is_lighter_than_the_map_level(ds):
    def vertices(g):
        return int(shapely.get_num_coordinates(g.geometry.to_numpy()).sum())
    assert vertices(ds.geo_light) < 0.6 * vertices(ds.geo)
    assert (ds.geo_light["area_km2"] == ds.geo["area_km2"]).all()


def test_small_states_follow_their_area_at_the_maps_size(ds):
    small = ds.small_states
    assert {"SGP", "BRN"} <= set(small)
    limit = geo.small_state_threshold_km2(ds.geo)
    area = ds.geo["area_km2"]
    assert all(area[c] < limit for c in small)
    assert all(area[c] >= limit for c in ds.member_codes if c not in small)
    # a larger map needs fewer marks, a smaller one more: the rule follows the areas, not a list
    assert set(geo.small_states(ds.geo, map_width_px=4 * geo.MAP_WIDTH_PX)) < set(small)
    assert set(geo.small_states(ds.geo, map_width_px=geo.MAP_WIDTH_PX / 3)) > set(small)


def test_feature_collection_carries_only_what_plotly_needs(ds):
    fc = geo.feature_collection(ds.geo, ["SGP", "BRN"])
    assert [f["id"] for f in fc["features"]] == ["BRN", "SGP"]  # member order
    assert all(f["properties"] == {} for f in fc["features"])


# ------------------------------------------------------------------------------------------ the /map figure

def map_figure(ds, indicator="ocsea_past_year", age="12-17", **kw):
    from components import charts
    from components.views import titles

    latest = ds.latest(indicator, age=age)
    return latest, charts.choropleth(ds, latest, indicator, titles(ds, indicator, latest, "all"), height=640,
                                     title_chars=58, **kw)


@pytest.mark.parametrize("indicator,age", [("ocsea_past_year", "12-17"), ("internet_use_pct", None),
                                           ("has_child_helpline", None)])
def test_map_figure_sent_to_the_browser_is_under_80_kb(ds, indicator, age):
    _, fig = map_figure(ds, indicator, age)
    spec = pio.to_json(fig, validate=False)  # exactly what st.plotly_chart sends
    assert len(spec.encode("utf-8")) <= MAP_BUDGET_BYTES, f"{len(spec.encode()):,} bytes"


def test_small_states_get_a_clickable_mark_on_the_same_scale_with_the_same_hover(ds):
    latest, fig = map_figure(ds, "internet_use_pct", None)
    marks = [t for t in fig.data if t.type == "scattergeo" and t.customdata is not None]
    assert sorted(c for t in marks for c in t.customdata) == sorted(ds.small_states)
    shapes = {loc: (t, i) for t in fig.data if t.type == "choropleth" for i, loc in enumerate(t.locations)}
    pts = ds.geo.loc[ds.small_states]
    for t in marks:
        for i, iso in enumerate(t.customdata):
            shape, j = shapes[iso]
            assert t.hovertext[i] == shape.text[j]  # same hover text as the state's shape
            assert shapely.Point(t.lon[i], t.lat[i]).within(pts.geometry[iso].buffer(0.05))  # on the state
            if t.name == "No data":
                assert t.marker.color == charts_no_data_colour()
            else:  # the same colour scale and range as the shapes
                assert t.marker.colorscale == shape.colorscale
                assert (t.marker.cmin, t.marker.cmax) == (shape.zmin, shape.zmax)
                assert t.marker.color[i] == shape.z[j]
    assert all(t.legendgroup == shape.legendgroup for t in marks for shape in fig.data
               if shape.type == "choropleth" and set(t.customdata) & set(shape.locations))


def charts_no_data_colour():
    from components.charts import NO_DATA_COLOUR

    return NO_DATA_COLOUR


def test_small_state_without_data_is_a_grey_no_data_mark(ds):
    latest, fig = map_figure(ds)
    missing = set(latest.loc[~latest["has_data"], "iso3"])
    assert "SGP" in missing  # Disrupting Harm did not survey Singapore
    mark = next(t for t in fig.data if t.type == "scattergeo" and t.customdata is not None and "SGP" in t.customdata)
    i = list(mark.customdata).index("SGP")
    assert mark.name == "No data" and mark.marker.color == charts_no_data_colour()
    assert "No data" in mark.hovertext[i] and "No data" in mark.text[i]


def test_a_click_on_a_mark_or_a_shape_resolves_to_the_state():
    from components.charts import clicked_iso3

    assert clicked_iso3({"location": "PHL", "curve_number": 0}) == "PHL"
    assert clicked_iso3({"customdata": "SGP", "lon": 103.8, "lat": 1.36}) == "SGP"
    assert clicked_iso3({"customdata": ["BRN"]}) == "BRN"
    assert clicked_iso3({"x": 1}) is None


def test_choosing_a_small_state_outlines_its_mark_and_fades_the_others(ds):
    _, fig = map_figure(ds, "internet_use_pct", None, selected=["SGP"])
    mark = next(t for t in fig.data if t.type == "scattergeo" and t.customdata is not None and "SGP" in t.customdata)
    i = list(mark.customdata).index("SGP")
    assert list(mark.selectedpoints) == [i] and mark.unselected.marker.opacity < 1
    assert mark.marker.line.width[i] > min(mark.marker.line.width)


def test_share_card_and_3d_view_use_the_light_level_and_show_small_states(ds):
    import json as _json

    from components import charts, deck

    card = charts.share_card(ds, "internet_use_pct", "SGP")
    light = sum(len(_json.dumps(t.geojson)) for t in card.data if t.type == "choropleth")
    assert light < 0.7 * len(_json.dumps(geo.feature_collection(ds.geo)))
    marks = [t for t in card.data if t.type == "scattergeo"]
    assert marks and len(marks[0].lon) == len(ds.small_states)
    d = _json.loads(deck.deck(ds, ds.latest("internet_use_pct"), "internet_use_pct").to_json())
    ring = next(layer for layer in d["layers"] if layer["id"] == "small_states")
    assert sorted(r["iso3"] for r in ring["data"]) == sorted(ds.small_states)


# ------------------------------------------------------------------------------------------ the build

def test_build_reproduces_the_committed_files(tmp_path):
    source = build_geo.default_source()
    assert source.exists(), (f"Natural Earth source missing at {source}: the shared/ folder beside the repository "
                             "holds it (see data/README.md)")
    built = build_geo.build(source, tmp_path)
    assert sorted(built) == sorted(p.name for p in (ROOT / "data" / "geo").glob("*.geojson"))
    for name in built:
        assert (tmp_path / name).read_bytes() == (ROOT / "data" / "geo" / name).read_bytes(), \
            f"data/geo/{name} differs from a rebuild: run .venv/bin/python tools/build_geo.py"
    meta = json.loads((tmp_path / "asean_admin0.geojson").read_text(encoding="utf-8"))
    assert "Natural Earth" in meta["source"] and meta["build"]["exterior_rings"] == "clockwise"


@pytest.mark.parametrize("indicator,age", [("ocsea_past_year", "12-17"), ("internet_use_pct", None)])
def test_map_labels_do_not_cover_each_other(ds, indicator, age):
    """Every state's value is written on the map: the crowded mainland states' beside them (charts.CALLOUTS) with a
    leader line, the others on their state or beside their marker; at a phone's map scale no two boxes overlap
    (tests/browser/test_publication.py measures the drawn labels at every size)."""
    from components import charts

    latest, fig = map_figure(ds, indicator, age)
    sizes = {c: charts._label_px(n, d, False) for c, n, d in zip(latest["iso3"], latest["name"], latest["display"])}
    anchors = {}  # iso3 -> (lon, lat, textposition)
    for t in fig.data:
        if t.type != "scattergeo" or t.text is None:
            continue
        codes = list(t.customdata) if t.customdata is not None else [c for c in latest["iso3"] if c not in ds.small_states]
        for i, c in enumerate(codes):
            pos = t.textposition[i] if not isinstance(t.textposition, str) else t.textposition
            anchors[c] = (t.lon[i], t.lat[i], pos)
    assert sorted(anchors) == sorted(ds.member_codes)
    for c, (lon, lat, pos) in anchors.items():
        if c in charts.CALLOUTS:
            assert (lon, lat, pos) == charts.CALLOUTS[c]
    lines = [t for t in fig.data if t.type == "scattergeo" and t.mode == "lines"]
    assert lines and all(c in {round(x, 3) for x in lines[0].lon if x is not None}
                         for c in (round(ds.geo.at[k, "label_lon"], 3) for k in charts.CALLOUTS))
    deg = 1 / 5.5  # a phone's map: ~260 px for the 51 degrees from 90 E to 141 E
    boxes = {}
    for c, (lon, lat, pos) in anchors.items():
        w, h = sizes[c][0] * deg, sizes[c][1] * deg
        g = (16 / 2 + 3) * deg if c in ds.small_states else 0
        vert, horiz = pos.split(" ")
        x0 = {"left": lon - g - 4 * deg - w, "center": lon - w / 2, "right": lon + g + 4 * deg}[horiz]
        y0 = {"top": lat + g, "middle": lat - h / 2, "bottom": lat - g - h}[vert]
        boxes[c] = shapely.box(x0, y0, x0 + w, y0 + h)
    codes = list(boxes)
    clashes = [(a, b, round(boxes[a].intersection(boxes[b]).area / min(boxes[a].area, boxes[b].area), 2))
               for i, a in enumerate(codes) for b in codes[i + 1:]
               if boxes[a].intersection(boxes[b]).area > 0.05 * min(boxes[a].area, boxes[b].area)]
    assert not clashes, clashes
