"""The member states' boundaries as GeoDataFrames, and the facts figures need from them. No Streamlit here.

Two levels of the same outlines, both built by tools/build_geo.py from Natural Earth 1:50m:
`geo/asean_admin0.geojson` for the 2-D maps and `geo/asean_admin0_light.geojson` for share cards and the 3-D view.
Each feature carries `iso3`, `name`, a label point inside the state (`label_lon`, `label_lat`) and the state's
area in km² measured in an equal-area projection (`area_km2`).
"""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import shapely

from .errors import Issue

CRS = "EPSG:4326"
PROPERTIES = ["iso3", "name", "label_lon", "label_lat", "area_km2"]
KM_PER_DEGREE = 111.32  # one degree of longitude at the equator (WGS 84), km

# Which states are too small to see and click on the 2-D map, from their (equal-area) areas:
# MAP_WIDTH_PX is the width the 11 states span on /map in a 1440-px-wide window (367 px measured in Chromium;
# tests/browser/test_map.py checks it stays near), MIN_TARGET_PX the smallest click target WCAG 2.2 accepts
# (2.5.8 Target Size (Minimum): 24 × 24 CSS pixels). A state whose area covers fewer pixels than that square gets
# a marker.
MAP_WIDTH_PX = 370
MIN_TARGET_PX = 24


def read_boundaries(text: str, file: str, member_codes: list[str], issues: list[Issue]) -> gpd.GeoDataFrame | None:
    """Parse one boundaries file into a GeoDataFrame (EPSG:4326, index iso3, member order).

    Every problem becomes an Issue naming the file and the feature (its number and iso3); None if any was found.
    """
    try:
        gj = json.loads(text)
    except json.JSONDecodeError as exc:
        issues.append(Issue(file, exc.lineno, None, f"is not valid JSON ({exc.msg})"))
        return None
    feats = gj.get("features") if isinstance(gj, dict) else None
    if not isinstance(gj, dict) or gj.get("type") != "FeatureCollection" or not isinstance(feats, list):
        issues.append(Issue(file, None, None, "must be a GeoJSON FeatureCollection"))
        return None
    n_before = len(issues)
    crs = (((gj.get("crs") or {}).get("properties") or {}).get("name") or "") if isinstance(gj.get("crs"), dict) else ""
    if crs and not any(k in crs.upper().replace("::", ":") for k in ("CRS84", "EPSG:4326")):
        issues.append(Issue(file, None, "crs", f"coordinates must be longitude/latitude (EPSG:4326), the file says {crs}"))

    rows, geoms = [], []
    for n, f in enumerate(feats, start=1):
        props = (f.get("properties") if isinstance(f, dict) else None) or {}
        iso = props.get("iso3")
        where = f"feature {n} ({iso or 'no iso3'})"
        if iso not in member_codes:
            issues.append(Issue(file, None, "properties.iso3", f"{where}: {iso!r} is not an ASEAN member state code"))
        geom = _geometry(f, file, where, issues)
        for key in ("label_lon", "label_lat", "area_km2"):
            if not isinstance(props.get(key), (int, float)) or isinstance(props.get(key), bool) \
                    or not math.isfinite(props[key]):
                issues.append(Issue(file, None, f"properties.{key}", f"{where}: {key} must be a number "
                                                                     "(rebuild the file with tools/build_geo.py)"))
        if geom is not None and isinstance(props.get("area_km2"), (int, float)) and props["area_km2"] <= 0:
            issues.append(Issue(file, None, "properties.area_km2", f"{where}: area_km2 must be more than 0"))
        if geom is not None and all(isinstance(props.get(k), (int, float)) for k in ("label_lon", "label_lat")):
            if not geom.buffer(1e-9).covers(shapely.Point(props["label_lon"], props["label_lat"])):
                issues.append(Issue(file, None, "properties.label_lon",
                                    f"{where}: the label point {props['label_lon']}, {props['label_lat']} is outside "
                                    "the state"))
        rows.append({k: props.get(k) for k in PROPERTIES})
        geoms.append(geom)

    seen = [r["iso3"] for r in rows]
    if len(feats) != len(member_codes):
        issues.append(Issue(file, None, None, f"must hold exactly {len(member_codes)} features, one per member state; "
                                              f"found {len(feats)}"))
    elif sorted(seen, key=str) != sorted(member_codes):
        missing = sorted(set(member_codes) - set(seen))
        issues.append(Issue(file, None, "properties.iso3", f"has no feature for {', '.join(missing) or 'some member state'}"
                            + (" (a code appears twice)" if len(set(seen)) < len(seen) else "")))
    if len(issues) > n_before:
        return None
    # plotly's geo maps need clockwise outer rings (a counter-clockwise one fills the rest of the world)
    gdf = gpd.GeoDataFrame(rows, geometry=list(shapely.orient_polygons(np.array(geoms, dtype=object), exterior_cw=True)),
                           crs=CRS)
    gdf["area_km2"] = gdf["area_km2"].astype(float)
    return gdf.set_index("iso3", drop=False).loc[member_codes]


def _geometry(f, file: str, where: str, issues: list[Issue]):
    raw = f.get("geometry") if isinstance(f, dict) else None
    if not isinstance(raw, dict):
        issues.append(Issue(file, None, "geometry", f"{where}: has no geometry"))
        return None
    try:
        g = shapely.from_geojson(json.dumps(raw))
    except Exception as exc:  # GEOS says what it could not read
        issues.append(Issue(file, None, "geometry", f"{where}: geometry cannot be read ({str(exc).strip()})"))
        return None
    if g.geom_type not in ("Polygon", "MultiPolygon") or g.is_empty:
        issues.append(Issue(file, None, "geometry", f"{where}: geometry must be a non-empty Polygon or MultiPolygon, "
                                                    f"found {'an empty ' if g.is_empty else ''}{g.geom_type}"))
        return None
    if not g.is_valid:
        issues.append(Issue(file, None, "geometry", f"{where}: geometry is invalid ({shapely.is_valid_reason(g)})"))
        return None
    minx, miny, maxx, maxy = g.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        issues.append(Issue(file, None, "geometry", f"{where}: coordinates are not longitude/latitude "
                                                    f"(bounds {minx:g}, {miny:g}, {maxx:g}, {maxy:g})"))
        return None
    return g


def small_state_threshold_km2(geo: gpd.GeoDataFrame, map_width_px: float = MAP_WIDTH_PX,
                              min_target_px: float = MIN_TARGET_PX) -> float:
    """Area under which a state covers fewer than min_target_px² pixels when the 11 states span map_width_px."""
    minx, miny, maxx, maxy = geo.total_bounds
    width_km = (maxx - minx) * KM_PER_DEGREE * math.cos(math.radians((miny + maxy) / 2))
    km_per_px = width_km / map_width_px
    return (min_target_px * km_per_px) ** 2


def small_states(geo: gpd.GeoDataFrame, map_width_px: float = MAP_WIDTH_PX,
                 min_target_px: float = MIN_TARGET_PX) -> list[str]:
    """Member states too small to see and click at the map's size, smallest first."""
    limit = small_state_threshold_km2(geo, map_width_px, min_target_px)
    return list(geo.loc[geo["area_km2"] < limit].sort_values("area_km2")["iso3"])


def feature_collection(geo: gpd.GeoDataFrame, codes=None) -> dict:
    """GeoJSON of some states (all by default), in member order, with `id` = iso3 and no properties: what plotly
    needs. The features are converted once per GeoDataFrame and shared (treat them as read-only)."""
    feats = _features(geo)
    keep = None if codes is None else set(codes)
    return {"type": "FeatureCollection", "features": [f for c, f in feats.items() if keep is None or c in keep]}


_FEATURES: dict = {}  # id(GeoDataFrame) -> (the frame, {iso3: feature}); the frame is kept so the id stays its own


def _features(geo: gpd.GeoDataFrame) -> dict:
    hit = _FEATURES.get(id(geo))
    if hit is None or hit[0] is not geo:
        fc = json.loads(geo[["geometry"]].to_json(drop_id=False))
        hit = (geo, {f["id"]: f for f in fc["features"]})
        if len(_FEATURES) > 16:  # datasets are few (the project's, a test's copies): keep the cache small
            _FEATURES.clear()
        _FEATURES[id(geo)] = hit
    return hit[1]


SIDES = ["center", "right", "bottom", "top", "left"]


def label_positions(geo: gpd.GeoDataFrame, sizes: dict, marked=(), map_width_px: float = MAP_WIDTH_PX,
                    marker_px: float = 16) -> dict:
    """Where each state's label goes relative to its label point: 'center', 'right', 'bottom', 'top' or 'left'.

    `sizes` maps iso3 -> (width, height) of the label in pixels. Labels are placed one by one, largest state first
    and the `marked` (small) states last, each where its box overlaps the labels already placed least, then the
    land of other states least (a marked state's label never sits on its marker: no 'center'); ties go to the
    first side in SIDES. Boxes are measured at the map's scale (map_width_px for the 11 states' width).
    """
    minx, _, maxx, _ = geo.total_bounds
    deg = (maxx - minx) / map_width_px  # degrees per pixel at the map's size
    geoms = geo.geometry.to_numpy()
    index = {c: i for i, c in enumerate(geo.index)}
    codes = [c for c in geo.sort_values("area_km2", ascending=False).index if c in sizes and c not in set(marked)]
    codes += [c for c in marked if c in sizes]
    placed, out = [], {}
    for code in codes:
        x, y = geo.at[code, "label_lon"], geo.at[code, "label_lat"]
        w, h = sizes[code][0] * deg, sizes[code][1] * deg
        g = (marker_px / 2 + 3) * deg if code in marked else 0.0
        boxes = {"center": (x - w / 2, y - h / 2, x + w / 2, y + h / 2),
                 "right": (x + g + 4 * deg, y - h / 2, x + g + 4 * deg + w, y + h / 2),
                 "bottom": (x - w / 2, y - g - h, x + w / 2, y - g),
                 "top": (x - w / 2, y + g, x + w / 2, y + g + h),
                 "left": (x - g - 4 * deg - w, y - h / 2, x - g - 4 * deg, y + h / 2)}
        if code in marked:
            del boxes["center"]
        # land a label may not cover: every state for a marked one, the other states for one written on its state
        land = geoms if code in marked else np.delete(geoms, index[code])

        def cost(side):
            bx = boxes[side]
            area = (bx[2] - bx[0]) * (bx[3] - bx[1])
            on_land = float(shapely.area(shapely.clip_by_rect(land, *bx)).sum())
            on_labels = sum(max(0.0, min(bx[2], p[2]) - max(bx[0], p[0])) * max(0.0, min(bx[3], p[3]) - max(bx[1], p[1]))
                            for p in placed)
            return round((10 * on_labels + on_land) / area, 2), SIDES.index(side)
        side = min(boxes, key=cost)
        out[code] = side
        placed.append(boxes[side])
    return out
