"""Every validation rule fires on a deliberately broken copy of data/, and says where and what.

Each test copies data/ (fixture `data_copy`), breaks one thing, loads the copy and checks that
some reported problem names the right file, the right line (1-based, header = line 1) and the
right column, in words a person can act on.
"""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest
import yaml

from aseancop import DataError, load_dataset

OBS = "observations.csv"
GEO = "geo/asean_admin0.geojson"


# ----------------------------------------------------------------------------- helpers
@pytest.fixture(autouse=True)
def fast_yaml(monkeypatch, request):
    """Parse indicators.yml with libyaml (same result as yaml.safe_load, ~10x faster): these tests
    load some fifty copies of data/. The YAML-error test and the real-data test keep the real parser."""
    if request.node.name in {"test_invalid_yaml", "test_real_data_loads_without_issues"}:
        return
    if getattr(yaml, "CSafeLoader", None) is not None:
        monkeypatch.setattr(yaml, "safe_load", lambda text: yaml.load(text, Loader=yaml.CSafeLoader))
        compose = yaml.compose
        monkeypatch.setattr(yaml, "compose", lambda text, Loader=yaml.CSafeLoader: compose(text, Loader=Loader))


def load_issues(path):
    with pytest.raises(DataError) as exc:
        load_dataset(path)
    issues = exc.value.issues
    assert issues, "DataError raised without any issue"
    return issues


def find_issue(issues, file, row=None, column=None, words=()):
    """The first issue matching file/row/column whose message contains every word (case-insensitive)."""
    for i in issues:
        if i.file != file:
            continue
        if row is not None and i.row != row:
            continue
        if column is not None and i.column != column:
            continue
        text = str(i).lower()
        if all(w.lower() in text for w in words):
            return i
    pytest.fail(f"no issue for {file} line {row} column {column} with {words!r}; got:\n"
                + "\n".join(str(i) for i in issues))


def read_rows(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def edit_observation(data, match: dict, changes: dict) -> int:
    """Change the first observation matching `match`; return its line number in the file."""
    rows = read_rows(data / OBS)
    head = rows[0]
    for n, r in enumerate(rows[1:], start=2):
        rec = dict(zip(head, r))
        if all(rec[k] == v for k, v in match.items()):
            for k, v in changes.items():
                r[head.index(k)] = v
            write_rows(data / OBS, rows)
            return n
    raise AssertionError(f"no observation matches {match}")


def indicators(data):
    return yaml.safe_load((data / "indicators.yml").read_text(encoding="utf-8"))


def write_indicators(data, entries):
    (data / "indicators.yml").write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def entry_line(data, ident, nth=1):
    """Line of the nth `- id: <ident>` entry in indicators.yml."""
    lines = (data / "indicators.yml").read_text(encoding="utf-8").split("\n")
    hits = [n for n, t in enumerate(lines, start=1) if t.strip() == f"- id: {ident}"]
    return hits[nth - 1]


def geometry(data):
    return json.loads((data / GEO).read_text(encoding="utf-8"))


def write_geometry(data, gj):
    (data / GEO).write_text(json.dumps(gj), encoding="utf-8")


KHM_OCSEA = {"iso3": "KHM", "indicator_id": "ocsea_past_year"}
DH6_RANGE = {"iso3": "DH6", "indicator_id": "ocsea_past_year"}
KHM_TFCSEA = {"iso3": "KHM", "indicator_id": "tfcsea_past_year_all_children", "qualifier": "interval"}


# ----------------------------------------------------------------------------- the real data
def test_real_data_loads_without_issues(data_dir):
    try:
        ds = load_dataset(data_dir)
    except DataError as exc:  # pragma: no cover - the message is the point
        pytest.fail("data/ does not validate:\n" + exc.summary(limit=50))
    assert len(ds.obs) > 0
    assert ds.member_codes == ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"]


def test_error_summary_reads_as_file_line_column(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"iso3": "XYZ"})
    with pytest.raises(DataError) as exc:
        load_dataset(data_copy)
    assert f"observations.csv, line {line}, column 'iso3'" in str(exc.value)


def test_all_problems_are_reported_together(data_copy):
    a = edit_observation(data_copy, KHM_OCSEA, {"value": "eleven"})
    b = edit_observation(data_copy, DH6_RANGE, {"source_id": "no_such_source"})
    issues = load_issues(data_copy)
    find_issue(issues, OBS, a, "value", ["eleven", "not a number"])
    find_issue(issues, OBS, b, "source_id", ["no_such_source"])


# ----------------------------------------------------------------------------- observations
def test_unknown_iso3_code(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"iso3": "XYZ"})
    find_issue(load_issues(data_copy), OBS, line, "iso3", ["XYZ", "unknown country or area code"])


def test_indicator_without_metadata(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"indicator_id": "made_up_indicator"})
    find_issue(load_issues(data_copy), OBS, line, "indicator_id", ["made_up_indicator", "indicators.yml"])


def test_source_id_not_in_sources(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"source_id": "no_such_source"})
    find_issue(load_issues(data_copy), OBS, line, "source_id", ["no_such_source", "not in sources.csv"])


@pytest.mark.parametrize("bad", ["120", "-5"])
def test_percentage_outside_0_100(data_copy, bad):
    line = edit_observation(data_copy, KHM_OCSEA, {"value": bad})
    find_issue(load_issues(data_copy), OBS, line, "value", [bad, "percentage outside 0-100"])


def test_lower_greater_than_value(data_copy):
    line = edit_observation(data_copy, KHM_TFCSEA, {"lower": "13"})  # value 11.9
    find_issue(load_issues(data_copy), OBS, line, "lower", ["lower 13 is greater than value 11.9"])


def test_value_greater_than_upper(data_copy):
    line = edit_observation(data_copy, KHM_TFCSEA, {"upper": "10"})  # value 11.9
    find_issue(load_issues(data_copy), OBS, line, "upper", ["value 11.9 is greater than upper 10"])


def test_lower_greater_than_upper_in_a_range(data_copy):
    line = edit_observation(data_copy, DH6_RANGE, {"lower": "20", "upper": "1"})
    find_issue(load_issues(data_copy), OBS, line, "upper", ["lower 20 is greater than upper 1"])


def test_range_with_a_value(data_copy):
    line = edit_observation(data_copy, DH6_RANGE, {"value": "10"})
    find_issue(load_issues(data_copy), OBS, line, "value", ["range", "leave value empty"])


def test_range_missing_an_end(data_copy):
    line = edit_observation(data_copy, DH6_RANGE, {"upper": ""})
    find_issue(load_issues(data_copy), OBS, line, "upper", ["range needs both lower and upper"])


def test_bounds_on_an_exact_value(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"lower": "5"})
    find_issue(load_issues(data_copy), OBS, line, "lower", ["only for ranges and intervals"])


def test_empty_value_is_not_a_row(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"value": ""})
    find_issue(load_issues(data_copy), OBS, line, "value", ["value is empty"])


def test_duplicate_key_names_line_of_first_occurrence(data_copy):
    rows = read_rows(data_copy / OBS)
    head = rows[0]
    first = next(n for n, r in enumerate(rows[1:], start=2)
                 if r[head.index("iso3")] == "KHM" and r[head.index("indicator_id")] == "ocsea_past_year")
    dup = list(rows[first - 1])
    dup[head.index("source_id")] = "respect_idn"  # another source, same key: still a duplicate
    rows.append(dup)
    write_rows(data_copy / OBS, rows)
    issue = find_issue(load_issues(data_copy), OBS, len(rows), None, ["duplicate", f"already on line {first}"])
    assert "KHM" in issue.message and "ocsea_past_year" in issue.message


def test_non_numeric_value(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"value": "11 %"})
    find_issue(load_issues(data_copy), OBS, line, "value", ["'11 %'", "is not a number"])


def test_non_numeric_year(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"year": "2022a"})
    find_issue(load_issues(data_copy), OBS, line, "year", ["2022a", "is not a number"])


def test_unknown_age_band(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"age_band": "12-19"})
    find_issue(load_issues(data_copy), OBS, line, "age_band", ["12-19", "age_bands.csv"])


def test_missing_locator(data_copy):
    line = edit_observation(data_copy, KHM_OCSEA, {"locator": ""})
    find_issue(load_issues(data_copy), OBS, line, "locator", ["where in the source"])


def test_yes_no_value_2(data_copy):
    line = edit_observation(data_copy, {"indicator_id": "has_child_helpline", "value": "1"}, {"value": "2"})
    find_issue(load_issues(data_copy), OBS, line, "value", ["2 must be 1 (yes) or 0 (no)"])


def test_negative_count(data_copy):
    line = edit_observation(data_copy, {"iso3": "KHM", "indicator_id": "ncmec_cybertipline_reports", "year": "2023"},
                            {"value": "-172906"})
    find_issue(load_issues(data_copy), OBS, line, "value", ["-172906", "whole number of 0 or more"])


def test_fractional_count(data_copy):
    line = edit_observation(data_copy, {"iso3": "KHM", "indicator_id": "ncmec_cybertipline_reports", "year": "2023"},
                            {"value": "172906.5"})
    find_issue(load_issues(data_copy), OBS, line, "value", ["whole number"])


# ----------------------------------------------------------------------------- files and formats
def test_missing_file(data_copy):
    (data_copy / "sources.csv").unlink()
    find_issue(load_issues(data_copy), "sources.csv", None, None, ["missing"])


def test_missing_geometry_file(data_copy):
    (data_copy / GEO).unlink()
    find_issue(load_issues(data_copy), GEO, None, None, ["missing"])


def test_non_utf8_file(data_copy):
    path = data_copy / "countries.csv"
    path.write_bytes(path.read_bytes().replace(b"Viet Nam", b"Vi\xeat Nam"))  # Latin-1 "ê"
    find_issue(load_issues(data_copy), "countries.csv", None, None, ["not utf-8"])


def test_malformed_csv_ragged_row(data_copy):
    path = data_copy / OBS
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[9] = lines[9] + ",an extra field"  # line 10 of the file
    path.write_text("\n".join(lines), encoding="utf-8")
    find_issue(load_issues(data_copy), OBS, 10, None, ["13 fields", "header has 12"])


def test_missing_column(data_copy):
    rows = read_rows(data_copy / OBS)
    k = rows[0].index("locator")
    write_rows(data_copy / OBS, [r[:k] + r[k + 1:] for r in rows])
    issue = find_issue(load_issues(data_copy), OBS, 1, None, ["missing column"])
    assert "locator" in f"{issue.column} {issue.message}"


def test_empty_csv_file(data_copy):
    (data_copy / "areas.csv").write_text("", encoding="utf-8")
    find_issue(load_issues(data_copy), "areas.csv", 1, None, ["empty"])


def test_invalid_yaml(data_copy):
    path = data_copy / "indicators.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    bad = next(n for n, t in enumerate(lines) if t.startswith("- id:") and n > 5)
    lines[bad + 1] = "  unit: [percent"  # unclosed flow sequence
    path.write_text("\n".join(lines), encoding="utf-8")
    issue = find_issue(load_issues(data_copy), "indicators.yml", None, None, ["not valid yaml"])
    assert issue.row is not None and bad + 1 <= issue.row <= bad + 4, issue  # near the broken line


def test_invalid_geojson(data_copy):
    (data_copy / GEO).write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    find_issue(load_issues(data_copy), GEO, 1, None, ["not valid json"])


def edit_geo(data_copy, change, file=GEO):
    """Load a boundaries file of the copy, let `change(features_by_iso3)` break it, write it back."""
    path = data_copy / file
    gj = json.loads(path.read_text(encoding="utf-8"))
    change({f["properties"]["iso3"]: f for f in gj["features"]})
    path.write_text(json.dumps(gj), encoding="utf-8")


def feature_number(data_copy, iso3, file=GEO):
    gj = json.loads((data_copy / file).read_text(encoding="utf-8"))
    return 1 + [f["properties"]["iso3"] for f in gj["features"]].index(iso3)


def test_self_intersecting_geometry_names_file_feature_and_where(data_copy):
    def bowtie(f):
        f["SGP"]["geometry"] = {"type": "Polygon", "coordinates": [[[103.6, 1.2], [104.0, 1.5], [104.0, 1.2],
                                                                    [103.6, 1.5], [103.6, 1.2]]]}
    edit_geo(data_copy, bowtie)
    n = feature_number(data_copy, "SGP")
    issue = find_issue(load_issues(data_copy), GEO, None, "geometry", [f"feature {n} (SGP)", "invalid", "self-intersection"])
    assert "103.8" in str(issue)  # where the ring crosses itself


def test_unreadable_and_wrong_type_geometries_are_named(data_copy):
    def breakage(f):
        f["BRN"]["geometry"] = {"type": "Polygon", "coordinates": [["a", "b"]]}
        f["TLS"]["geometry"] = {"type": "Point", "coordinates": [125.6, -8.6]}
    edit_geo(data_copy, breakage)
    issues = load_issues(data_copy)
    find_issue(issues, GEO, None, "geometry", [f"feature {feature_number(data_copy, 'BRN')} (BRN)", "cannot be read"])
    find_issue(issues, GEO, None, "geometry", [f"feature {feature_number(data_copy, 'TLS')} (TLS)", "polygon", "point"])


def test_geometry_outside_longitude_latitude_is_reported(data_copy):
    def projected(f):  # metres, as if someone saved the file in a projected CRS
        f["SGP"]["geometry"] = {"type": "Polygon", "coordinates": [[[11557000, 150000], [11557000, 160000],
                                                                    [11567000, 160000], [11557000, 150000]]]}
    edit_geo(data_copy, projected)
    find_issue(load_issues(data_copy), GEO, None, "geometry", ["(SGP)", "not longitude/latitude"])


def test_label_point_outside_its_state_is_reported(data_copy):
    edit_geo(data_copy, lambda f: f["MYS"]["properties"].update(label_lon=125.0, label_lat=10.0))
    find_issue(load_issues(data_copy), GEO, None, "properties.label_lon", ["(MYS)", "label point", "outside"])


def test_missing_area_is_reported_in_the_light_file_too(data_copy):
    light = "geo/asean_admin0_light.geojson"
    edit_geo(data_copy, lambda f: f["KHM"]["properties"].pop("area_km2"), file=light)
    find_issue(load_issues(data_copy), light, None, "properties.area_km2",
               [f"feature {feature_number(data_copy, 'KHM', light)} (KHM)", "area_km2", "tools/build_geo.py"])


def test_counter_clockwise_rings_are_loaded_clockwise(data_copy):
    import shapely

    def rfc7946(f):  # RFC 7946 order (counter-clockwise outer rings) would make plotly paint the whole world
        for feat in f.values():
            g = shapely.orient_polygons(shapely.geometry.shape(feat["geometry"]), exterior_cw=False)
            feat["geometry"] = json.loads(shapely.to_geojson(g))
    edit_geo(data_copy, rfc7946)
    ds = load_dataset(data_copy)
    for g in ds.geo.geometry:
        assert all(not p.exterior.is_ccw for p in shapely.get_parts(g))


# ----------------------------------------------------------------------------- indicators.yml
def test_indicator_missing_required_keys(data_copy):
    entries = indicators(data_copy)
    target = next(e for e in entries if e["id"] == "ocsea_past_year")
    del target["title"], target["caveats"]
    write_indicators(data_copy, entries)
    issue = find_issue(load_issues(data_copy), "indicators.yml", entry_line(data_copy, "ocsea_past_year"), None,
                       ["ocsea_past_year", "lacks", "title", "caveats"])
    assert "title" in issue.column and "caveats" in issue.column


def test_indicator_missing_unit_is_reported_not_a_crash(data_copy):
    entries = indicators(data_copy)
    del next(e for e in entries if e["id"] == "ocsea_past_year")["unit"]
    write_indicators(data_copy, entries)
    find_issue(load_issues(data_copy), "indicators.yml", entry_line(data_copy, "ocsea_past_year"), "unit",
               ["ocsea_past_year", "lacks", "unit"])


def test_indicator_bad_unit(data_copy):
    entries = indicators(data_copy)
    next(e for e in entries if e["id"] == "ocsea_past_year")["unit"] = "percentage"
    write_indicators(data_copy, entries)
    find_issue(load_issues(data_copy), "indicators.yml", entry_line(data_copy, "ocsea_past_year"), "unit",
               ["ocsea_past_year", "'percentage'", "is not one of"])


def test_indicator_bad_priority_area(data_copy):
    entries = indicators(data_copy)
    next(e for e in entries if e["id"] == "ocsea_past_year")["priority_area"] = "research"
    write_indicators(data_copy, entries)
    find_issue(load_issues(data_copy), "indicators.yml", entry_line(data_copy, "ocsea_past_year"), "priority_area",
               ["ocsea_past_year", "'research'", "priority_areas.csv"])


def test_indicator_bad_better_and_decimals(data_copy):
    entries = indicators(data_copy)
    e = next(e for e in entries if e["id"] == "ocsea_past_year")
    e["better"], e["decimals"] = "up", 8
    write_indicators(data_copy, entries)
    issues = load_issues(data_copy)
    find_issue(issues, "indicators.yml", None, "better", ["ocsea_past_year", "higher, lower or none"])
    find_issue(issues, "indicators.yml", None, "decimals", ["ocsea_past_year", "0-4"])


def test_indicator_short_title_too_long(data_copy):
    entries = indicators(data_copy)
    next(e for e in entries if e["id"] == "ocsea_past_year")["short_title"] = "x" * 41
    write_indicators(data_copy, entries)
    find_issue(load_issues(data_copy), "indicators.yml", entry_line(data_copy, "ocsea_past_year"), "short_title",
               ["ocsea_past_year", "longer than 40"])


def test_duplicate_indicator_id(data_copy):
    entries = indicators(data_copy)
    twin = copy.deepcopy(next(e for e in entries if e["id"] == "ocsea_past_year"))
    twin["short_title"] = "A distinct short title"
    write_indicators(data_copy, entries + [twin])
    find_issue(load_issues(data_copy), "indicators.yml", entry_line(data_copy, "ocsea_past_year", 2), "id",
               ["ocsea_past_year", "duplicate"])


def test_indicator_issue_names_line_of_entry_in_the_file_as_written(data_copy):
    path = data_copy / "indicators.yml"
    lines = path.read_text(encoding="utf-8").split("\n")  # the file as people edit it, not re-dumped
    start = lines.index("- id: ocsea_past_year")
    k = next(n for n in range(start + 1, len(lines)) if lines[n].strip().startswith("unit:"))
    lines[k] = lines[k].replace("percent", "per cent")
    path.write_text("\n".join(lines), encoding="utf-8")
    find_issue(load_issues(data_copy), "indicators.yml", start + 1, "unit", ["ocsea_past_year", "'per cent'"])


# ----------------------------------------------------------------------------- geometry
def test_geometry_with_10_features(data_copy):
    gj = geometry(data_copy)
    gj["features"] = gj["features"][:10]
    write_geometry(data_copy, gj)
    find_issue(load_issues(data_copy), GEO, None, None, ["exactly 11 features", "found 10"])


def test_geometry_self_intersecting_polygon(data_copy):
    gj = geometry(data_copy)
    n = next(i for i, f in enumerate(gj["features"]) if f["properties"]["iso3"] == "SGP")
    bowtie = [[103.6, 1.2], [104.0, 1.5], [104.0, 1.2], [103.6, 1.5], [103.6, 1.2]]
    gj["features"][n]["geometry"] = {"type": "Polygon", "coordinates": [bowtie]}
    write_geometry(data_copy, gj)
    find_issue(load_issues(data_copy), GEO, None, "geometry", [f"feature {n + 1} (SGP)", "invalid"])


def test_geometry_unknown_iso3(data_copy):
    gj = geometry(data_copy)
    gj["features"][0]["properties"]["iso3"] = "XYZ"
    write_geometry(data_copy, gj)
    find_issue(load_issues(data_copy), GEO, None, "properties.iso3", ["feature 1", "'XYZ'", "not an asean member state"])


def test_geometry_unreadable_feature(data_copy):
    gj = geometry(data_copy)
    gj["features"][1]["geometry"] = {"type": "Polygon", "coordinates": "nonsense"}
    write_geometry(data_copy, gj)
    find_issue(load_issues(data_copy), GEO, None, "geometry", ["feature 2 (KHM)"])


# ----------------------------------------------------------------------------- reference tables
def test_countries_with_10_rows(data_copy):
    rows = read_rows(data_copy / "countries.csv")
    write_rows(data_copy / "countries.csv", [r for r in rows if r[0] != "TLS"])
    find_issue(load_issues(data_copy), "countries.csv", None, None, ["11 ASEAN member states", "found 10"])


def test_country_capital_outside_region(data_copy):
    rows = read_rows(data_copy / "countries.csv")
    k = rows[0].index("capital_lat")
    line = next(n for n, r in enumerate(rows, start=1) if r[0] == "SGP")
    rows[line - 1][k] = "51.5"
    write_rows(data_copy / "countries.csv", rows)
    find_issue(load_issues(data_copy), "countries.csv", line, "capital_lat", ["51.5"])


def test_area_code_may_not_reuse_a_member_code(data_copy):
    path = data_copy / "areas.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "KHM,Cambodia again,benchmark,not allowed\n", encoding="utf-8")
    line = len(text.rstrip("\n").split("\n")) + 1
    find_issue(load_issues(data_copy), "areas.csv", line, "code", ["'KHM'", "reserved"])


def test_milestone_source_must_exist(data_copy):
    rows = read_rows(data_copy / "milestones.csv")
    rows[2][rows[0].index("source_id")] = "no_such_source"
    write_rows(data_copy / "milestones.csv", rows)
    find_issue(load_issues(data_copy), "milestones.csv", 3, "source_id", ["no_such_source"])


def test_source_url_must_be_a_web_address(data_copy):
    rows = read_rows(data_copy / "sources.csv")
    rows[5][rows[0].index("url")] = "www.example.org/report"
    write_rows(data_copy / "sources.csv", rows)
    find_issue(load_issues(data_copy), "sources.csv", 6, "url", ["www.example.org/report"])


# ----------------------------------------------------------------------------- indicator catalogue (tier, family, order)
def set_fields(data, ident, **fields):
    entries = indicators(data)
    e = next(e for e in entries if e["id"] == ident)
    for k, v in fields.items():
        if v is None:
            e.pop(k, None)
        else:
            e[k] = v
    write_indicators(data, entries)
    return entry_line(data, ident)


def test_catalogue_fields_are_required(data_copy):
    line = set_fields(data_copy, "ocsea_past_year", tier=None, comparability=None)
    issue = find_issue(load_issues(data_copy), "indicators.yml", line, None, ["ocsea_past_year", "lacks", "tier", "comparability"])
    assert "tier" in issue.column and "comparability" in issue.column


def test_tier_outside_the_vocabulary(data_copy):
    line = set_fields(data_copy, "ocsea_past_year", tier="regional")
    find_issue(load_issues(data_copy), "indicators.yml", line, "tier",
               ["ocsea_past_year", "'regional'", "headline, comparable, national, context"])


def test_headline_needs_most_member_states(data_copy):
    # 3 member states have a specialised police unit recorded: comparable, not headline
    line = set_fields(data_copy, "has_specialised_ocsea_police_unit", tier="headline")
    find_issue(load_issues(data_copy), "indicators.yml", line, "tier",
               ["has_specialised_ocsea_police_unit", "headline needs at least 6", "3 member states have a value"])


def test_comparable_needs_three_member_states(data_copy):
    line = set_fields(data_copy, "accepted_money_gifts_for_sexual_images", tier="comparable")
    find_issue(load_issues(data_copy), "indicators.yml", line, "tier",
               ["accepted_money_gifts_for_sexual_images", "comparable needs at least 3", "1 member state has a value",
                "age band 15-17"])


def test_coverage_counts_one_age_band_at_a_time(data_copy):
    # internet_use_pct_national has Indonesia (5+), Malaysia (15+) and Thailand (6+): three states, but never
    # three with the same definition, so it cannot be called comparable
    line = set_fields(data_copy, "internet_use_pct_national", tier="comparable")
    find_issue(load_issues(data_copy), "indicators.yml", line, "tier",
               ["internet_use_pct_national", "comparable needs at least 3", "1 member state has a value"])


def test_national_with_three_states_needs_a_reason(data_copy):
    line = set_fields(data_copy, "received_unwanted_sexual_images", tier="national")
    find_issue(load_issues(data_copy), "indicators.yml", line, "tier",
               ["received_unwanted_sexual_images", "national is for 1-2 member states", "3 member states", "tier_reason"])


def test_national_with_three_states_and_a_reason_loads(data_copy):
    set_fields(data_copy, "received_unwanted_sexual_images", tier="national", order=9999,
               tier_reason="Each country's question was worded differently.")
    load_dataset(data_copy)


def test_context_with_member_values_needs_a_reason(data_copy):
    line = set_fields(data_copy, "survey_children_n", tier_reason=None)  # context: sample sizes of three surveys
    find_issue(load_issues(data_copy), "indicators.yml", line, "tier",
               ["survey_children_n", "context is for benchmarks", "3 member states", "tier_reason"])


def test_family_alone_uses_its_own_id(data_copy):
    line = set_fields(data_copy, "offender_unknown_share", family="offenders")
    find_issue(load_issues(data_copy), "indicators.yml", line, "family",
               ["offender_unknown_share", "'offenders' has no other member", "its own id"])


def test_family_named_after_an_indicator_must_contain_it(data_copy):
    # ncmec_cybertipline_reports sits in family ncmec_cybertipline; another indicator may not borrow its id
    line = set_fields(data_copy, "ncmec_content_indonesian_children_4yr", family="ncmec_cybertipline_reports")
    find_issue(load_issues(data_copy), "indicators.yml", line, "family",
               ["ncmec_content_indonesian_children_4yr", "is the id of indicator 'ncmec_cybertipline_reports'",
                "in family 'ncmec_cybertipline'"])


def test_family_stays_in_one_priority_area(data_copy):
    line = set_fields(data_copy, "tfcsea_children_affected", priority_area="online")  # its two siblings are in "data"
    find_issue(load_issues(data_copy), "indicators.yml", line, "family",
               ["tfcsea_children_affected", "'tfcsea_past_year' spans priority areas (data, online)"])


def test_family_must_be_an_id(data_copy):
    line = set_fields(data_copy, "ocsea_past_year", family="OCSEA past year")
    find_issue(load_issues(data_copy), "indicators.yml", line, "family", ["ocsea_past_year", "lower-case id"])


@pytest.mark.parametrize("bad", ["first", 1.5, True])
def test_order_must_be_a_whole_number(data_copy, bad):
    line = set_fields(data_copy, "ocsea_past_year", order=bad)
    find_issue(load_issues(data_copy), "indicators.yml", line, "order", ["ocsea_past_year", "whole number"])


def test_order_unique_within_area_and_tier(data_copy):
    entries = indicators(data_copy)
    first = next(e for e in entries if e["id"] == "ncmec_cybertipline_reports")  # earlier in the file
    line = set_fields(data_copy, "ocsea_past_year", order=first["order"])  # both headline, area data
    find_issue(load_issues(data_copy), "indicators.yml", line, "order",
               ["ocsea_past_year", f"order {first['order']} is already used by 'ncmec_cybertipline_reports'"])


def test_comparability_is_one_short_sentence(data_copy):
    line = set_fields(data_copy, "ocsea_past_year", comparability="word " * 60)
    find_issue(load_issues(data_copy), "indicators.yml", line, "comparability", ["ocsea_past_year", "one short sentence"])


# ----------------------------------------------------------------------------- age groups
def test_age_band_group_must_exist(data_copy):
    rows = read_rows(data_copy / "age_bands.csv")
    k = rows[0].index("age_group")
    line = next(n for n, r in enumerate(rows, start=1) if r[0] == "13-17")
    rows[line - 1][k] = "teens"
    write_rows(data_copy / "age_bands.csv", rows)
    find_issue(load_issues(data_copy), "age_bands.csv", line, "age_group", ["'13-17'", "'teens'", "age_groups.csv"])


def test_age_groups_file_is_required(data_copy):
    (data_copy / "age_groups.csv").unlink()
    find_issue(load_issues(data_copy), "age_groups.csv", None, None, ["missing"])


def test_age_group_codes_are_unique(data_copy):
    path = data_copy / "age_groups.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "u12,Another,9,duplicate\n", encoding="utf-8")
    find_issue(load_issues(data_copy), "age_groups.csv", len(text.rstrip("\n").split("\n")) + 1, "code", ["u12"])


def test_age_bands_need_the_group_column(data_copy):
    rows = read_rows(data_copy / "age_bands.csv")
    k = rows[0].index("age_group")
    write_rows(data_copy / "age_bands.csv", [r[:k] + r[k + 1:] for r in rows])
    find_issue(load_issues(data_copy), "age_bands.csv", 1, None, ["missing column", "age_group"])


def test_caveat_with_a_colon_must_be_quoted(data_copy):
    path = data_copy / "indicators.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("- id: ocsea_past_year")
    k = next(n for n in range(start + 1, len(lines)) if lines[n].strip() == "caveats:")
    lines.insert(k + 1, "    - Not representative: city schools only.")  # YAML reads this as a mapping, not text
    path.write_text("\n".join(lines), encoding="utf-8")
    find_issue(load_issues(data_copy), "indicators.yml", start + 1, "caveats", ["ocsea_past_year", "must be text", "quotes"])


# ----------------------------------------------------------------------------- measures.csv (the timeline's events)
MEASURES = "measures.csv"


def measure_line(data, measure_id, event):
    rows = read_rows(data / MEASURES)
    head = rows[0]
    n = next(n for n, r in enumerate(rows[1:], start=2)
             if r[head.index("measure_id")] == measure_id and r[head.index("event")] == event)
    return rows, head, n


def edit_measure(data, measure_id, which, **changes) -> int:
    rows, head, n = measure_line(data, measure_id, which)
    for k, v in changes.items():
        rows[n - 1][head.index(k)] = v
    write_rows(data / MEASURES, rows)
    return n


def test_real_measures_load_with_both_dates_of_a_law(ds):
    m = ds.measures
    onsa = m[m["measure_id"] == "mys_online_safety_act_2025"].set_index("event")["date"].to_dict()
    assert onsa == {"enacted": "2025-05-06", "in_force": "2026-01-01"}
    assert set(m["event"]) <= {"bill", "enacted", "in_force", "signed", "launched"}
    assert m["source_id"].isin(ds.sources.index).all()
    when = {(r.measure_id, r.event): r.date for r in m.itertuples()}
    # the changes since the 2nd ASEAN ICT Forum (Nov 2023) that issue 22 names, each as its source dates it
    assert when[("mys_child_protection_code", "in_force")] == "2026-06-01"
    assert when[("idn_gr_17_2025", "in_force")] == "2026-03-28" and when[("idn_gr_17_2025", "enacted")] == "2025"
    assert when[("sgp_osra", "enacted")] == "2025-11-05" and when[("sgp_online_safety_commission", "launched")] == "2026-06-29"
    assert when[("vnm_cybersecurity_law_2025", "enacted")] == "2025-12-10"
    assert when[("vnm_cybersecurity_law_2025", "in_force")] == "2026-07-01"
    signed = m[(m["event"] == "signed") & m["measure_id"].str.endswith("un_cybercrime_convention")]
    assert sorted(signed["iso3"]) == ["KHM", "LAO", "MYS", "PHL", "THA", "VNM"]
    assert ("mmr_cybersecurity_law_2025", "in_force") not in when  # sources disagree: no date is guessed


def test_measure_in_force_before_enacted_is_refused(data_copy):
    n = edit_measure(data_copy, "vnm_cybersecurity_law_2025", "in_force", date="2025-11-30")  # enacted 2025-12-10
    find_issue(load_issues(data_copy), MEASURES, n, "date", ["vnm_cybersecurity_law_2025", "2025-11-30", "before", "2025-12-10"])


def test_measure_in_force_compared_only_as_precisely_as_both_dates(data_copy):
    edit_measure(data_copy, "vnm_cybersecurity_law_2025", "in_force", date="2025")  # same year: not earlier
    load_dataset(data_copy)
    n = edit_measure(data_copy, "vnm_cybersecurity_law_2025", "in_force", date="2024")
    find_issue(load_issues(data_copy), MEASURES, n, "date", ["before"])


@pytest.mark.parametrize("date", ["2026-02-30", "1 July 2026", "2026-7-1", "26", "1985"])
def test_measure_date_must_be_a_real_date_as_precise_as_the_source(data_copy, date):
    n = edit_measure(data_copy, "mys_child_protection_code", "in_force", date=date)
    find_issue(load_issues(data_copy), MEASURES, n, "date", [repr(date)])


@pytest.mark.parametrize("column,value,words", [
    ("source_id", "no_such_source", ["no_such_source", "sources.csv"]),
    ("iso3", "ASEAN", ["'ASEAN'", "member state"]),
    ("priority_area", "timeline", ["'timeline'", "priority_areas.csv"]),
    ("event", "passed", ["'passed'", "in_force"]),
])
def test_measure_with_unknown_reference_is_refused(data_copy, column, value, words):
    n = edit_measure(data_copy, "sgp_online_safety_commission", "launched", **{column: value})
    find_issue(load_issues(data_copy), MEASURES, n, column, words)


def test_measure_event_given_twice_is_refused(data_copy):
    rows, head, n = measure_line(data_copy, "sgp_osra", "enacted")
    rows.append(list(rows[n - 1]))
    write_rows(data_copy / MEASURES, rows)
    find_issue(load_issues(data_copy), MEASURES, len(rows), "event", ["duplicate", "sgp_osra", f"line {n}"])


def test_measures_file_is_required(data_copy):
    (data_copy / MEASURES).unlink()
    find_issue(load_issues(data_copy), MEASURES, None, None, ["missing"])


def test_source_without_url_is_refused(data_copy):
    rows = read_rows(data_copy / "sources.csv")
    n = next(n for n, r in enumerate(rows[1:], start=2) if r[0] == "mys_rahmatlim_onsa_2026")
    rows[n - 1][rows[0].index("url")] = ""
    write_rows(data_copy / "sources.csv", rows)
    find_issue(load_issues(data_copy), "sources.csv", n, "url")


# ----------------------------------------------------------------------------- short citations (sources.csv `citation`)
@pytest.mark.parametrize("citation,words", [("", ["citation", "1-90"]), ("x" * 91, ["citation", "found 91"])])
def test_source_citation_must_be_short_and_present(data_copy, citation, words):
    rows = read_rows(data_copy / "sources.csv")
    rows[3][rows[0].index("citation")] = citation
    write_rows(data_copy / "sources.csv", rows)
    find_issue(load_issues(data_copy), "sources.csv", 4, "citation", words)


def test_every_real_source_has_a_short_citation(ds):
    c = ds.sources["citation"]
    assert (c.str.len().between(1, 80)).all(), c[c.str.len() > 80].tolist()
    assert not c.str.contains("…|\\.\\.\\.", regex=True).any()  # shortened by choosing words, never cut
    assert (c == "ECPAT, INTERPOL, UNICEF · Disrupting Harm in Malaysia · 2022")["reliefweb_dh_my"]
    assert all(cit.endswith(" · " + str(d)) for cit, d in zip(c, ds.sources["date"]))


# ----------------------------------------------------------------------------- round 3 (research/round3)
def test_round3_row_colliding_with_an_existing_key_is_refused(data_copy):
    """A later round's figure for a key already in the file (same state, indicator, band, sex, year) is refused."""
    rows = read_rows(data_copy / OBS)
    head = rows[0]
    first = next(n for n, r in enumerate(rows[1:], start=2)
                 if r[head.index("iso3")] == "VNM" and r[head.index("indicator_id")] == "platform_proactive_csam_measures_required"
                 and r[head.index("year")] == "2025")
    clash = list(rows[first - 1])
    clash[head.index("value")] = "1"  # round 3's Law on Cybersecurity, dated 2025 instead of 2026
    clash[head.index("source_id")] = "vnm_mondaq_cybersecurity_law_2026"
    rows.append(clash)
    write_rows(data_copy / OBS, rows)
    find_issue(load_issues(data_copy), OBS, len(rows), "iso3", ["duplicate key", "platform_proactive_csam_measures_required",
                                                                 f"line {first}"])
