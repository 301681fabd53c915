"""Load and validate the files in data/. Pure Python: no Streamlit here.

Every failure becomes an `Issue` naming the file, the line, the column and what is wrong,
collected across all checks and raised together as one `DataError`.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import yaml

from .errors import DataError, Issue
from .geo import read_boundaries

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[1] / "data"

SEXES = ["all", "female", "male"]
UNITS = ["percent", "count", "yes_no", "index", "ratio", "per_100", "rank"]
QUALIFIERS = ["", "at least", "more than", "up to", "about", "range", "interval"]
BETTER = ["higher", "lower", "none"]
# Indicator catalogue (see data/README.md, "Tiers"): how far an indicator's figures can be compared.
TIERS = ["headline", "comparable", "national", "context"]
HEADLINE_MIN_STATES = 6  # "comparable across most states": more than half of the 11 members
COMPARABLE_MIN_STATES = 3  # the same definition in at least 3 member states (also the map's lonely-map rule)
OBS_KEY = ["iso3", "indicator_id", "age_band", "sex", "year"]
OBS_COLUMNS = ["iso3", "indicator_id", "age_band", "sex", "year", "value", "lower", "upper",
               "qualifier", "source_id", "locator", "note"]
MEASURE_COLUMNS = ["measure_id", "iso3", "title", "priority_area", "event", "date", "source_id", "locator", "note"]
MEASURE_EVENTS = ["bill", "enacted", "signed", "in_force", "launched"]
CITATION_MAX = 90  # characters of a source's short citation (sources.csv `citation`), printed under charts
MAX_FILE_BYTES = 20_000_000
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: same result, faster

FILES = {
    "observations": "observations.csv",
    "indicators": "indicators.yml",
    "sources": "sources.csv",
    "countries": "countries.csv",
    "areas": "areas.csv",
    "age_bands": "age_bands.csv",
    "age_groups": "age_groups.csv",
    "priority_areas": "priority_areas.csv",
    "milestones": "milestones.csv",
    "measures": "measures.csv",
    "geometry": "geo/asean_admin0.geojson",
    "geometry_light": "geo/asean_admin0_light.geojson",
}


def read_csv_text(text: str, file: str, required: list[str], issues: list[Issue]) -> pd.DataFrame | None:
    """Parse CSV text as strings; report a missing header column or a ragged row precisely."""
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        issues.append(Issue(file, None, None, f"not a readable CSV file ({exc})"))
        return None
    if not rows or not any(cell.strip() for cell in rows[0]):
        issues.append(Issue(file, 1, None, "the file is empty: expected a header row"))
        return None
    header = [h.strip() for h in rows[0]]
    missing = [c for c in required if c not in header]
    if missing:
        issues.append(Issue(file, 1, None, f"missing column(s) {', '.join(missing)}; found {', '.join(header)}"))
        return None
    body = []
    for n, r in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in r):
            continue
        if len(r) != len(header):
            issues.append(Issue(file, n, None, f"has {len(r)} fields but the header has {len(header)}"))
            continue
        body.append([n] + [c.strip() for c in r])
    df = pd.DataFrame(body, columns=["_line"] + header, dtype=object)
    if df.empty:
        df = pd.DataFrame(columns=["_line"] + header, dtype=object)
    return df


def _read_text(path: Path, issues: list[Issue]) -> str | None:
    name = path.relative_to(path.parents[1]) if path.parent.name == "geo" else path.name
    if not path.exists():
        issues.append(Issue(str(name), None, None, "file is missing"))
        return None
    if path.stat().st_size > MAX_FILE_BYTES:
        issues.append(Issue(str(name), None, None, f"file is larger than {MAX_FILE_BYTES:,} bytes"))
        return None
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        issues.append(Issue(str(name), None, None, f"is not UTF-8 text (byte {exc.start})"))
        return None


def _pandera_issues(schema: pa.DataFrameSchema, df: pd.DataFrame, file: str, issues: list[Issue]) -> None:
    import pandera.pandas as pa

    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
        for _, f in fc.iterrows():
            idx = f["index"]
            line = int(df.loc[idx, "_line"]) if idx is not None and not pd.isna(idx) and idx in df.index else None
            check = str(f["check"])
            col = None if pd.isna(f["column"]) else str(f["column"])
            issues.append(Issue(file, line, col, f"value {f['failure_case']!r} fails check {check}"))


def _numeric(df: pd.DataFrame, cols: list[str], file: str, issues: list[Issue]) -> dict[str, set]:
    """Convert columns to numbers in place; report text that is not a number; return the rows that had it."""
    bad_rows: dict[str, set] = {}
    for col in cols:
        raw = df[col].fillna("")
        num = pd.to_numeric(raw.replace("", None), errors="coerce")
        bad = raw.ne("") & num.isna()
        for idx in df.index[bad]:
            issues.append(Issue(file, int(df.at[idx, "_line"]), col, f"{raw[idx]!r} is not a number"))
        bad_rows[col] = set(df.index[bad])
        df[col] = num.astype(float)
    return bad_rows


def load_dataset(data_dir: str | Path | None = None):
    """Load every file in `data_dir`, validate, and return a Dataset. Raises DataError listing all problems."""
    import pandera.pandas as pa  # here, not at the top: a start from the validated cache never needs it (~0.2 s)

    from .dataset import Dataset

    data_dir = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    issues: list[Issue] = []
    texts = {k: _read_text(data_dir / f, issues) for k, f in FILES.items()}

    # --- simple tables -------------------------------------------------------------------
    def table(key, required):
        if texts[key] is None:
            return None
        return read_csv_text(texts[key], FILES[key], required, issues)

    sources = table("sources", ["source_id", "title", "publisher", "date", "url", "licence", "citation"])
    countries = table("countries", ["iso3", "name", "member_since", "member_since_source", "capital",
                                    "capital_lon", "capital_lat", "order"])
    areas = table("areas", ["code", "name", "kind", "description"])
    age_bands = table("age_bands", ["code", "label", "min_age", "max_age", "children_only", "order", "age_group"])
    age_groups = table("age_groups", ["code", "label", "order", "description"])
    prio = table("priority_areas", ["code", "number", "title", "short_title", "source_id"])
    milestones = table("milestones", ["year", "milestone_id", "event", "source_id"])
    obs = table("observations", OBS_COLUMNS)
    measures = table("measures", MEASURE_COLUMNS)

    indicators = None
    if texts["indicators"] is not None:
        try:
            raw = yaml.load(texts["indicators"], Loader=YAML_LOADER)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            issues.append(Issue(FILES["indicators"], mark.line + 1 if mark else None, None, f"is not valid YAML ({getattr(exc, 'problem', exc)})"))
            raw = None
        if raw is not None and not isinstance(raw, list):
            issues.append(Issue(FILES["indicators"], None, None, "must be a list of indicator entries"))
        elif raw is not None:
            indicators = raw
            try:  # line of each entry, so a problem can be located in the file
                node = yaml.compose(texts["indicators"], Loader=YAML_LOADER)
                entry_lines = [n.start_mark.line + 1 for n in node.value]
            except Exception:
                entry_lines = []

    # --- schemas -------------------------------------------------------------------------
    if sources is not None:
        _pandera_issues(pa.DataFrameSchema({
            "source_id": pa.Column(str, [pa.Check.str_matches(r"^[a-z0-9_]+$")], unique=True),
            "title": pa.Column(str, pa.Check.str_length(min_value=1)),
            "url": pa.Column(str, pa.Check.str_matches(r"^https?://")),
        }), sources, FILES["sources"], issues)
        for idx in sources.index:  # the short citation printed under charts (Dataset.source_short)
            c = sources.at[idx, "citation"]
            if not c or len(c) > CITATION_MAX:
                issues.append(Issue(FILES["sources"], int(sources.at[idx, "_line"]), "citation",
                                    f"source {sources.at[idx, 'source_id']!r}: the short citation must be 1-{CITATION_MAX} "
                                    f"characters (publisher · short title · year), found {len(c)}"))
    source_ids = set(sources["source_id"]) if sources is not None else set()

    if countries is not None:
        _numeric(countries, ["capital_lon", "capital_lat", "order"], FILES["countries"], issues)
        _pandera_issues(pa.DataFrameSchema({
            "iso3": pa.Column(str, pa.Check.str_matches(r"^[A-Z]{3}$"), unique=True),
            "name": pa.Column(str, pa.Check.str_length(min_value=1)),
            "member_since": pa.Column(str, pa.Check.str_matches(r"^\d{4}-\d{2}-\d{2}$")),
            "member_since_source": pa.Column(str, pa.Check.isin(sorted(source_ids) or [""])),
            "capital_lon": pa.Column(float, pa.Check.in_range(90, 145)),
            "capital_lat": pa.Column(float, pa.Check.in_range(-12, 30)),
        }), countries, FILES["countries"], issues)
        if len(countries) != 11:
            issues.append(Issue(FILES["countries"], None, None, f"must list the 11 ASEAN member states, found {len(countries)}"))
    member_codes = list(countries["iso3"]) if countries is not None else []

    if areas is not None:
        _pandera_issues(pa.DataFrameSchema({
            "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z0-9_]+$"), unique=True),
            "kind": pa.Column(str, pa.Check.isin(["benchmark", "group"])),
        }), areas, FILES["areas"], issues)
        for idx in areas.index[areas["code"].isin(member_codes) | areas["code"].eq("ASEAN")]:
            issues.append(Issue(FILES["areas"], int(areas.at[idx, "_line"]), "code",
                                f"{areas.at[idx, 'code']!r} is reserved (a member state or an ASEAN aggregate)"))
    area_codes = member_codes + (list(areas["code"]) if areas is not None else [])

    if age_bands is not None:
        _numeric(age_bands, ["min_age", "max_age", "order"], FILES["age_bands"], issues)
        _pandera_issues(pa.DataFrameSchema({
            "code": pa.Column(str, unique=True),
            "label": pa.Column(str, pa.Check.str_length(min_value=1)),
            "children_only": pa.Column(str, pa.Check.isin(["true", "false"])),
        }), age_bands, FILES["age_bands"], issues)
    if age_groups is not None:
        _numeric(age_groups, ["order"], FILES["age_groups"], issues)
        _pandera_issues(pa.DataFrameSchema({
            "code": pa.Column(str, pa.Check.str_matches(r"^[a-z0-9-]+$"), unique=True),
            "label": pa.Column(str, pa.Check.str_length(min_value=1)),
        }), age_groups, FILES["age_groups"], issues)
    if age_bands is not None and age_groups is not None:
        group_codes = set(age_groups["code"])
        for idx in age_bands.index:
            g = age_bands.at[idx, "age_group"]
            if g and g not in group_codes:
                issues.append(Issue(FILES["age_bands"], int(age_bands.at[idx, "_line"]), "age_group",
                                    f"band {age_bands.at[idx, 'code']!r}: age group {g!r} is not a code in age_groups.csv "
                                    f"({', '.join(sorted(group_codes))}); leave it empty if the band is not a filter choice"))
    age_codes = list(age_bands["code"]) if age_bands is not None else []

    if prio is not None:
        _numeric(prio, ["number"], FILES["priority_areas"], issues)
        _pandera_issues(pa.DataFrameSchema({"code": pa.Column(str, unique=True)}), prio, FILES["priority_areas"], issues)
    prio_codes = list(prio["code"]) if prio is not None else []

    if milestones is not None:
        _numeric(milestones, ["year"], FILES["milestones"], issues)
        _pandera_issues(pa.DataFrameSchema({
            "source_id": pa.Column(str, pa.Check.isin(sorted(source_ids) or [""])),
        }), milestones, FILES["milestones"], issues)

    if measures is not None:
        _validate_measures(measures, member_codes, prio_codes, source_ids, issues)

    meta = {}
    if indicators is not None:
        meta = _validate_indicators(indicators, prio_codes, issues, entry_lines)

    if obs is not None:
        _validate_observations(obs, meta, area_codes, age_codes, source_ids, issues)
        if meta:
            line_of = {e.get("id"): ln for e, ln in zip(indicators, entry_lines) if isinstance(e, dict)}
            _validate_catalogue(meta, obs, member_codes, issues, line_of)

    # boundaries: GeoDataFrames (EPSG:4326, one row per member state), each problem naming the file and feature
    geo = {key: read_boundaries(texts[key], FILES[key], member_codes, issues) if texts[key] is not None else None
           for key in ("geometry", "geometry_light")}

    if issues:
        raise DataError(issues)
    ds = Dataset(
        observations=obs.drop(columns="_line"),
        indicator_meta=meta,
        sources=sources.drop(columns="_line").set_index("source_id", drop=False),
        countries=countries.drop(columns="_line").sort_values("order").set_index("iso3", drop=False),
        areas=areas.drop(columns="_line").set_index("code", drop=False),
        age_bands=age_bands.drop(columns="_line").sort_values("order").set_index("code", drop=False),
        age_groups=age_groups.drop(columns="_line").sort_values("order").set_index("code", drop=False),
        priority_areas=prio.drop(columns="_line").set_index("code", drop=False),
        milestones=milestones.drop(columns="_line"),
        geo=geo["geometry"],
        geo_light=geo["geometry_light"],
        data_dir=data_dir,
    )
    # the timeline's events (measures.csv), one row per (measure_id, event); not a Dataset field yet, so that
    # aseancop/dataset.py need not change for it: `ds.measures` is kept with the dataset (and in its disk cache)
    ds.measures = measures.drop(columns="_line").reset_index(drop=True)
    return ds


def _validate_indicators(entries: list, prio_codes: list[str], issues: list[Issue], lines: list[int] | None = None) -> dict:
    file = FILES["indicators"]
    lines = lines or []
    required = ["id", "title", "short_title", "unit", "priority_area", "description", "caveats", "better", "decimals",
                "tier", "family", "order", "comparability"]
    meta: dict[str, dict] = {}
    for n, e in enumerate(entries, start=1):
        where = f"entry {n}"
        line = lines[n - 1] if n - 1 < len(lines) else None
        if not isinstance(e, dict):
            issues.append(Issue(file, line, None, f"{where} is not a mapping"))
            continue
        ident = e.get("id")
        where = f"entry {n} (id {ident!r})"
        missing = [k for k in required if k not in e or e[k] in (None, "")]
        if missing:
            issues.append(Issue(file, line, ",".join(missing), f"{where} lacks {', '.join(missing)}"))
            if ident:
                meta[ident] = e  # known id: observations that use it are not reported a second time
            continue
        if e["unit"] not in UNITS:
            issues.append(Issue(file, line, "unit", f"{where}: unit {e['unit']!r} is not one of {', '.join(UNITS)}"))
        if e["priority_area"] not in prio_codes:
            issues.append(Issue(file, line, "priority_area", f"{where}: priority area {e['priority_area']!r} is not in priority_areas.csv"))
        if e["better"] not in BETTER:
            issues.append(Issue(file, line, "better", f"{where}: better must be higher, lower or none"))
        if not isinstance(e["caveats"], list):
            issues.append(Issue(file, line, "caveats", f"{where}: caveats must be a list"))
        elif any(not isinstance(c, str) for c in e["caveats"]):
            bad = next(c for c in e["caveats"] if not isinstance(c, str))
            issues.append(Issue(file, line, "caveats", f"{where}: every caveat must be text, found {bad!r} "
                                "(a caveat with ': ' in it needs quotes)"))
        if not isinstance(e["decimals"], int) or not 0 <= e["decimals"] <= 4:
            issues.append(Issue(file, line, "decimals", f"{where}: decimals must be a whole number 0-4"))
        if e["tier"] not in TIERS:
            issues.append(Issue(file, line, "tier", f"{where}: tier {e['tier']!r} is not one of {', '.join(TIERS)}"))
        if not isinstance(e["family"], str) or not re.fullmatch(r"[a-z0-9_]+", e["family"]):
            issues.append(Issue(file, line, "family", f"{where}: family {e['family']!r} must be a lower-case id ([a-z0-9_])"))
        if isinstance(e["order"], bool) or not isinstance(e["order"], int) or e["order"] < 0:
            issues.append(Issue(file, line, "order", f"{where}: order {e['order']!r} must be a whole number of 0 or more"))
        comp = e["comparability"]
        if not isinstance(comp, str) or "\n" in comp.strip() or len(comp) > 250:
            issues.append(Issue(file, line, "comparability",
                                f"{where}: comparability must be one short sentence (one line, at most 250 characters)"))
        if "tier_reason" in e and (not isinstance(e["tier_reason"], str) or not e["tier_reason"].strip()):
            issues.append(Issue(file, line, "tier_reason", f"{where}: tier_reason, when present, must be a sentence"))
        if len(str(e["short_title"])) > 40:
            issues.append(Issue(file, line, "short_title", f"{where}: short title is longer than 40 characters"))
        if ident in meta:
            issues.append(Issue(file, line, "id", f"{where}: duplicate indicator id"))
        clash = [k for k, v in meta.items() if v.get("short_title") == e["short_title"]]
        if clash:
            issues.append(Issue(file, line, "short_title", f"{where}: short title {e['short_title']!r} is already used by {clash[0]!r}"))
        meta[ident] = e
    return meta


def member_coverage(obs: pd.DataFrame, member_codes: list[str]) -> dict[str, tuple[int, str]]:
    """For each indicator: the most member states with a value for one age band, and that band.

    One age band = one definition: figures for different bands (5+ vs 15+) are not counted together.
    """
    o = obs[obs["iso3"].isin(member_codes)]
    n = o.groupby(["indicator_id", "age_band"])["iso3"].nunique().reset_index()
    n = n.sort_values(["indicator_id", "iso3", "age_band"], ascending=[True, False, True]).drop_duplicates("indicator_id")
    return {r.indicator_id: (int(r.iso3), r.age_band) for r in n.itertuples()}


def _validate_catalogue(meta: dict, obs: pd.DataFrame, member_codes: list[str], issues: list[Issue],
                        line_of: dict) -> None:
    """The tier must agree with the coverage the data have; families and orders must be consistent.

    Coverage n = the most member states with a value for one age band (see member_coverage).
    - headline: n >= HEADLINE_MIN_STATES; comparable: n >= COMPARABLE_MIN_STATES.
    - national: n <= 2, or n >= 3 with a `tier_reason` (e.g. each state's figure uses its own national definition).
    - context: n == 0 (benchmarks and groups only), or member values with a `tier_reason`.
    - family: a family used by one indicator is that indicator's id; a family that is also an indicator's id
      contains that indicator; all members of a family sit in one priority area.
    - order: unique within (priority_area, tier).
    """
    file = FILES["indicators"]
    cover = member_coverage(obs, member_codes)
    for ident, e in meta.items():
        if not isinstance(e, dict) or e.get("tier") not in TIERS:
            continue
        line, tier, reason = line_of.get(ident), e["tier"], e.get("tier_reason")
        n, band = cover.get(ident, (0, None))
        where = f"indicator {ident!r}"
        has = f"{n} member state{'s' if n != 1 else ''} ha{'ve' if n != 1 else 's'} a value" + (f" (age band {band})" if band else "")
        if tier == "headline" and n < HEADLINE_MIN_STATES:
            issues.append(Issue(file, line, "tier", f"{where}: tier headline needs at least {HEADLINE_MIN_STATES} member states "
                                f"with a value for one age band, but {has}; use comparable or national"))
        elif tier == "comparable" and n < COMPARABLE_MIN_STATES:
            issues.append(Issue(file, line, "tier", f"{where}: tier comparable needs at least {COMPARABLE_MIN_STATES} member states "
                                f"with a value for one age band, but only {has}; use national"))
        elif tier == "national" and n >= COMPARABLE_MIN_STATES and not reason:
            issues.append(Issue(file, line, "tier", f"{where}: tier national is for 1-2 member states, but {has}; "
                                "use comparable, or add a tier_reason saying why the figures are national definitions"))
        elif tier == "context" and n > 0 and not reason:
            issues.append(Issue(file, line, "tier", f"{where}: tier context is for benchmarks without member-state values, but {has}; "
                                "use national or comparable, or add a tier_reason saying why it is context only"))
    fams: dict[str, list[str]] = {}
    for ident, e in meta.items():
        if isinstance(e, dict) and isinstance(e.get("family"), str):
            fams.setdefault(e["family"], []).append(ident)
    for fam, members in fams.items():
        if len(members) == 1 and fam != members[0]:
            issues.append(Issue(file, line_of.get(members[0]), "family", f"indicator {members[0]!r}: family {fam!r} has no other member; "
                                f"an indicator alone in its family uses its own id ({members[0]!r})"))
        if fam in meta and fam not in members and isinstance(meta[fam], dict):
            for m in members:
                issues.append(Issue(file, line_of.get(m), "family", f"indicator {m!r}: family {fam!r} is the id of indicator "
                                    f"{fam!r}, which is in family {meta[fam].get('family')!r}; use one family for both"))
        areas = Counter(str(meta[m].get("priority_area")) for m in members)
        if len(areas) > 1:
            main_area = areas.most_common(1)[0][0]  # the members outside the family's usual area are reported
            for m in members:
                if str(meta[m].get("priority_area")) != main_area:
                    issues.append(Issue(file, line_of.get(m), "family", f"indicator {m!r}: family {fam!r} spans priority areas "
                                        f"({', '.join(sorted(map(str, areas)))}); a family sits in one area"))
    seen: dict[tuple, str] = {}
    for ident, e in meta.items():
        if not isinstance(e, dict) or isinstance(e.get("order"), bool) or not isinstance(e.get("order"), int):
            continue
        key = (e.get("priority_area"), e.get("tier"), e["order"])
        if key in seen:
            issues.append(Issue(file, line_of.get(ident), "order", f"indicator {ident!r}: order {e['order']} is already used by "
                                f"{seen[key]!r} in priority area {key[0]!r}, tier {key[1]!r}"))
        else:
            seen[key] = ident


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _measure_date(text: str):
    """(year, month, day) with None for the parts a date leaves out, or None when it is not a real date."""
    import datetime

    m = _DATE.match(text or "")
    if not m:
        return None
    y, mo, d = (int(x) if x else None for x in m.groups())
    try:
        datetime.date(y, mo or 1, d or 1)
    except ValueError:
        return None
    return y, mo, d


def _validate_measures(df: pd.DataFrame, member_codes, prio_codes, source_ids, issues: list[Issue]) -> None:
    """measures.csv: one dated event of a measure per row; known state, area, source; a real date, as precise as
    the source (YYYY, YYYY-MM or YYYY-MM-DD); one row per (measure, event); in force never before enacted."""
    file = FILES["measures"]

    def add(idx, col, msg):
        issues.append(Issue(file, int(df.at[idx, "_line"]), col, msg))

    dates = {}
    for idx, r in df.iterrows():
        mid = r["measure_id"]
        if not re.fullmatch(r"[a-z0-9_]+", mid or ""):
            add(idx, "measure_id", f"measure id {mid!r} must be lower case letters, digits and _")
        if r["iso3"] not in member_codes:
            add(idx, "iso3", f"{r['iso3']!r} is not a member state in countries.csv")
        if not r["title"]:
            add(idx, "title", "title is empty: name the measure in plain English")
        if r["priority_area"] not in prio_codes:
            add(idx, "priority_area", f"priority area {r['priority_area']!r} is not a code in priority_areas.csv")
        if r["event"] not in MEASURE_EVENTS:
            add(idx, "event", f"event {r['event']!r} is not one of {', '.join(MEASURE_EVENTS)}")
        d = _measure_date(r["date"])
        if d is None:
            add(idx, "date", f"date {r['date']!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
        elif not 1990 <= d[0] <= 2030:
            add(idx, "date", f"date {r['date']!r} is outside 1990-2030")
        else:
            dates[idx] = d
        if r["source_id"] not in source_ids:
            add(idx, "source_id", f"source {r['source_id']!r} is not in sources.csv")
        if not r["locator"]:
            add(idx, "locator", "say where in the source the date stands")
    first: dict[tuple, int] = {}
    facts: dict[str, tuple] = {}
    for idx, r in df.iterrows():
        key = (r["measure_id"], r["event"])
        if key in first:
            add(idx, "event", f"duplicate event {r['event']!r} for measure {r['measure_id']!r}: already on line {first[key]}")
        else:
            first[key] = int(r["_line"])
        same = (r["iso3"], r["title"], r["priority_area"])
        if r["measure_id"] in facts and facts[r["measure_id"]][0] != same:
            add(idx, "measure_id", f"measure {r['measure_id']!r} has another country, title or priority area on line "
                                   f"{facts[r['measure_id']][1]}: one measure, one description")
        facts.setdefault(r["measure_id"], (same, int(r["_line"])))
    by_event = {(r["measure_id"], r["event"]): idx for idx, r in df.iterrows()}
    for (mid, event), idx in by_event.items():
        if event != "in_force" or (mid, "enacted") not in by_event:
            continue
        e_idx = by_event[(mid, "enacted")]
        f, e = dates.get(idx), dates.get(e_idx)
        if f is None or e is None:
            continue
        n = min(sum(x is not None for x in f), sum(x is not None for x in e))  # compare as precisely as both are
        if f[:n] < e[:n]:
            add(idx, "date", f"measure {mid!r} comes into force on {df.at[idx, 'date']}, before it was enacted "
                             f"({df.at[e_idx, 'date']}, line {int(df.at[e_idx, '_line'])})")


def _validate_observations(obs, meta, area_codes, age_codes, source_ids, issues) -> None:
    import pandera.pandas as pa

    file = FILES["observations"]
    not_numbers = _numeric(obs, ["year", "value", "lower", "upper"], file, issues)
    schema = pa.DataFrameSchema({
        "iso3": pa.Column(str, pa.Check.isin(area_codes or [""], error="unknown country or area code")),
        "indicator_id": pa.Column(str, pa.Check.isin(sorted(meta) or [""], error="indicator has no entry in indicators.yml")),
        "age_band": pa.Column(str, pa.Check.isin(age_codes or [""], error="age band not in age_bands.csv")),
        "sex": pa.Column(str, pa.Check.isin(SEXES)),
        "year": pa.Column(float, pa.Check.in_range(1990, 2030), nullable=False),
        "qualifier": pa.Column(str, pa.Check.isin(QUALIFIERS)),
        "source_id": pa.Column(str, pa.Check.isin(sorted(source_ids) or [""], error="source_id not in sources.csv")),
        "locator": pa.Column(str, pa.Check.str_length(min_value=1, error="say where in the source the figure stands")),
    })
    _pandera_issues(schema, obs, file, issues)

    def add(idx, col, msg):
        issues.append(Issue(file, int(obs.at[idx, "_line"]), col, msg))

    for idx, r in obs.iterrows():
        q, v, lo, hi = r["qualifier"], r["value"], r["lower"], r["upper"]
        if q == "range":
            if pd.isna(lo) or pd.isna(hi):
                add(idx, "lower" if pd.isna(lo) else "upper", "a range needs both lower and upper")
            if not pd.isna(v):
                add(idx, "value", "a range has no single value: leave value empty")
        else:
            if pd.isna(v) and idx not in not_numbers.get("value", set()):
                add(idx, "value", "value is empty (missing data is left out of the file, not written as a row)")
            if q == "interval" and (pd.isna(lo) or pd.isna(hi)):
                add(idx, "lower", "an interval needs lower and upper")
            if q not in ("interval",) and (not pd.isna(lo) or not pd.isna(hi)):
                add(idx, "lower", f"lower/upper are only for ranges and intervals, not qualifier {q!r}")
        if not pd.isna(lo) and not pd.isna(v) and lo > v:
            add(idx, "lower", f"lower {lo:g} is greater than value {v:g}")
        if not pd.isna(hi) and not pd.isna(v) and v > hi:
            add(idx, "upper", f"value {v:g} is greater than upper {hi:g}")
        if not pd.isna(lo) and not pd.isna(hi) and lo > hi:
            add(idx, "upper", f"lower {lo:g} is greater than upper {hi:g}")
        m = meta.get(r["indicator_id"])
        if not m or "unit" not in m:
            continue
        for col in ("value", "lower", "upper"):
            x = r[col]
            if pd.isna(x):
                continue
            if m["unit"] == "percent" and not 0 <= x <= 100:
                add(idx, col, f"{x:g} is a percentage outside 0-100")
            elif m["unit"] == "yes_no" and x not in (0, 1):
                add(idx, col, f"{x:g} must be 1 (yes) or 0 (no)")
            elif m["unit"] == "count" and (x < 0 or x != int(x)):
                add(idx, col, f"{x:g} must be a whole number of 0 or more")
            elif x < 0 and m["unit"] != "index":
                add(idx, col, f"{x:g} must not be negative")

    dup = obs.duplicated(OBS_KEY, keep="first")
    for idx in obs.index[dup]:
        key = ", ".join(str(obs.at[idx, k]) for k in OBS_KEY)
        first = obs.loc[(obs[OBS_KEY] == obs.loc[idx, OBS_KEY]).all(axis=1), "_line"].iloc[0]
        add(idx, "iso3", f"duplicate key ({key}) already on line {first}")
    obs["year"] = obs["year"].astype("Int64")
