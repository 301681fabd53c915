"""Build data/geo/ (the member states' boundaries) from Natural Earth with geopandas.

    .venv/bin/python tools/build_geo.py                      # rebuild data/geo/ from ../shared/geo/source
    .venv/bin/python tools/build_geo.py --check              # exit 1 if data/geo/ differs from a rebuild
    .venv/bin/python tools/build_geo.py SOURCE.zip --out-dir DIR

SOURCE is Natural Earth's 1:50m "Admin 0 - Countries" download (version 5.0.0, public domain), the zip as
downloaded; the default is `shared/geo/source/ne_50m_admin_0_countries.zip` in the nearest folder above this
repository that has one (`../shared` beside a clone). Nothing is downloaded.

Steps (geopandas + shapely >= 2.1):
  1. keep the 11 member states of data/countries.csv (Natural Earth's ADM0_A3 is their ISO3 code), in that
     file's order, with its names;
  2. area of each state in an equal-area projection (EPSG:6933, WGS 84 / NSIDC EASE-Grid 2.0 Global), in km²,
     from the unsimplified source;
  3. per level: snapping to a grid of 10^-decimals degrees, then topology-preserving simplification of the whole
     coverage (shapely.coverage_simplify, so neighbours keep one shared border and no island is lost by
     simplification), then exterior rings CLOCKWISE (plotly's geo maps fill the rest of the world around a
     counter-clockwise ring; deck.gl and geopandas accept either);
     - `asean_admin0.geojson`: the 2-D map level (every island kept; /map must stay under 80 KB);
     - `asean_admin0_light.geojson`: the overview level for share cards and the pydeck view (islands under
       LIGHT_MIN_PART_KM2 dropped, except a state's largest part);
  4. a label point inside each state: the centre of the largest circle that fits in the part of the state that
     holds its capital (shapely.maximum_inscribed_circle, the "pole of inaccessibility": the most room for a
     label; the capital's part keeps Malaysia's label on the peninsula, away from Brunei's), checked to lie inside
     after rounding;
  5. write compact UTF-8 GeoJSON, one feature per line, sorted keys, fixed number formatting: the same input
     gives the same bytes (tests/test_geo.py rebuilds into a temporary folder and compares).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
SOURCE_NAME = "ne_50m_admin_0_countries.zip"
SOURCE_REL = Path("shared") / "geo" / "source" / SOURCE_NAME
EQUAL_AREA = "EPSG:6933"
# name -> (coverage_simplify tolerance in degrees, decimals, smallest island kept in km²; 0 = all)
LEVELS = {
    "asean_admin0.geojson": (0.06, 2, 0),
    "asean_admin0_light.geojson": (0.12, 2, 500),
}
LIGHT_MIN_PART_KM2 = LEVELS["asean_admin0_light.geojson"][2]
LABEL_DECIMALS = 3


def default_source() -> Path:
    """`shared/geo/source/<zip>` beside this repository (or beside one of its parent folders, for worktrees)."""
    for folder in ROOT.parents:
        if (folder / SOURCE_REL).exists():
            return folder / SOURCE_REL
    return ROOT.parent / SOURCE_REL


def member_states(countries_csv: Path) -> list[tuple[str, str, float, float]]:
    """(iso3, name, capital lon, capital lat) in the file's order."""
    with countries_csv.open(encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: int(r["order"]))
    return [(r["iso3"], r["name"], float(r["capital_lon"]), float(r["capital_lat"])) for r in rows]


def load_source(path: Path, states: list[tuple[str, str, float, float]]) -> gpd.GeoDataFrame:
    src = gpd.read_file(path)
    if src.crs is None or not src.crs.equals("EPSG:4326"):
        sys.exit(f"{path}: expected WGS 84 longitude/latitude (EPSG:4326), found {src.crs}")
    codes = [s[0] for s in states]
    sub = src[src["ADM0_A3"].isin(codes)]
    found = sorted(sub["ADM0_A3"])
    if found != sorted(codes):
        sys.exit(f"{path}: expected one feature per member state {sorted(codes)}, found {found}")
    sub = sub.set_index("ADM0_A3").loc[codes]
    return gpd.GeoDataFrame({"iso3": codes, "name": [s[1] for s in states],
                             "capital": [shapely.Point(s[2], s[3]) for s in states]},
                            geometry=list(sub.geometry.values), crs="EPSG:4326")


def drop_small_parts(geoms, min_km2: float):
    """Islands under `min_km2` (equal-area) removed; each state keeps at least its largest part."""
    if not min_km2:
        return geoms
    out = []
    for g in geoms:
        parts = gpd.GeoSeries(list(shapely.get_parts(g)), crs="EPSG:4326")
        km2 = parts.to_crs(EQUAL_AREA).area.to_numpy() / 1e6
        keep = (km2 >= min_km2) | (np.arange(len(parts)) == int(np.argmax(km2)))
        out.append(shapely.union_all(parts[keep].to_numpy()) if keep.sum() > 1 else parts[keep].iloc[0])
    return np.array(out, dtype=object)


def simplify_level(src: gpd.GeoDataFrame, tolerance: float, decimals: int, min_part_km2: float) -> gpd.GeoDataFrame:
    geoms = drop_small_parts(src.geometry.to_numpy(), min_part_km2)
    # snap first: simplification only removes vertices, so the result stays on the grid and neighbours' shared
    # borders stay identical (snapping after simplifying can open slivers between neighbours)
    snapped = shapely.set_precision(geoms, 10.0 ** -decimals)
    simp = shapely.coverage_simplify(snapped, tolerance, simplify_boundary=True)
    final = shapely.orient_polygons(simp, exterior_cw=True)
    for code, g in zip(src["iso3"], final):
        if g.is_empty or not g.is_valid or g.geom_type not in ("Polygon", "MultiPolygon"):
            sys.exit(f"{code}: simplification gave a bad geometry ({g.geom_type}, {shapely.is_valid_reason(g)})")
    if not shapely.coverage_is_valid(final):
        sys.exit(f"tolerance {tolerance}, {decimals} decimals: neighbours' borders no longer match (invalid coverage)")
    return src.set_geometry(list(final), crs="EPSG:4326")


def label_point(geom, capital) -> tuple[float, float]:
    """Centre of the largest inscribed circle of the part with the capital, rounded; must stay inside the state."""
    home = min(shapely.get_parts(geom), key=lambda p: (p.distance(capital), -p.area))
    centre = shapely.get_point(shapely.maximum_inscribed_circle(home, 1e-4), 0)
    lon, lat = round(centre.x, LABEL_DECIMALS), round(centre.y, LABEL_DECIMALS)
    if not geom.covers(shapely.Point(lon, lat)):
        rp = geom.representative_point()
        lon, lat = round(rp.x, LABEL_DECIMALS), round(rp.y, LABEL_DECIMALS)
    if not geom.covers(shapely.Point(lon, lat)):
        sys.exit(f"label point {lon}, {lat} falls outside the state")
    return lon, lat


def _num(v: float, decimals: int):
    v = round(float(v), decimals)
    return 0.0 if v == 0 else v  # no "-0.0"


def _coords(obj, decimals: int):
    if isinstance(obj[0], (int, float)):
        return [_num(v, decimals) for v in obj]
    return [_coords(o, decimals) for o in obj]


def geojson_text(level: gpd.GeoDataFrame, areas_km2, decimals: int, meta: dict) -> str:
    lines = []
    for (_, r), area in zip(level.iterrows(), areas_km2):
        lon, lat = label_point(r.geometry, r["capital"])
        geom = shapely.geometry.mapping(r.geometry)
        feature = {"type": "Feature", "id": r["iso3"],
                   "properties": {"iso3": r["iso3"], "name": r["name"], "label_lon": lon, "label_lat": lat,
                                  "area_km2": int(round(area))},
                   "geometry": {"type": geom["type"], "coordinates": _coords(geom["coordinates"], decimals)}}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    head = json.dumps({"type": "FeatureCollection", **meta}, ensure_ascii=False, separators=(",", ":"))
    return head[:-1] + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def build(source: Path, out_dir: Path, countries_csv: Path = ROOT / "data" / "countries.csv") -> dict[str, str]:
    """Write every level into `out_dir`; return {file name: text}."""
    states = member_states(countries_csv)
    src = load_source(source, states)
    areas = src.to_crs(EQUAL_AREA).area.to_numpy() / 1e6
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    out = {}
    for name, (tol, decimals, min_km2) in LEVELS.items():
        level = simplify_level(src, tol, decimals, min_km2)
        meta = {"source": f"Natural Earth 1:50m Admin 0 - Countries 5.0.0 ({SOURCE_NAME}, sha256 {digest}); "
                          "public domain",
                "build": {"tool": "tools/build_geo.py", "coverage_simplify_tolerance_deg": tol,
                          "decimals": decimals, "smallest_island_km2": min_km2, "exterior_rings": "clockwise",
                          "area_km2": f"{EQUAL_AREA} (equal-area), unsimplified source"}}
        out[name] = geojson_text(level, areas, decimals, meta)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in out.items():
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", type=Path, default=None,
                    help=f"Natural Earth 1:50m admin-0 zip (default: the nearest ../{SOURCE_REL})")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "data" / "geo")
    ap.add_argument("--check", action="store_true", help="rebuild into a temporary folder and compare with --out-dir")
    a = ap.parse_args(argv)
    source = a.source or default_source()
    if not source.exists():
        print(f"Natural Earth source not found: {source} (pass its path as the first argument)", file=sys.stderr)
        return 2
    if a.check:
        with tempfile.TemporaryDirectory() as tmp:
            built = build(source, Path(tmp))
        stale = [n for n, text in built.items()
                 if not (a.out_dir / n).exists() or (a.out_dir / n).read_text(encoding="utf-8") != text]
        if stale:
            print(f"out of date in {a.out_dir}: {', '.join(stale)}; run tools/build_geo.py", file=sys.stderr)
            return 1
        print(f"{a.out_dir}: up to date")
        return 0
    built = build(source, a.out_dir)
    print(f"shapely {shapely.__version__} (GEOS {shapely.geos_version_string}), geopandas {gpd.__version__}")
    for name, text in built.items():
        gdf = gpd.read_file(a.out_dir / name)
        print(f"{a.out_dir / name}: {len(text.encode()):,} bytes, "
              f"{int(shapely.get_num_coordinates(gdf.geometry.values).sum()):,} vertices, "
              f"{int(shapely.get_num_geometries(gdf.geometry.values).sum())} parts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
