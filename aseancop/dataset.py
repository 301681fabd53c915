"""The questions pages ask, answered from validated data. Pure Python: no Streamlit here."""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .formatting import NO_DATA, QUALIFIER_WORDS, format_value, sort_key
from .geo import small_states as _small_states

# Default indicator for each priority area when the URL does not name one (the area's headline).
DEFAULT_INDICATOR = {
    "online": "internet_use_pct",
    "legal": "csam_defined_in_law",
    "enforcement": "interpol_vid_taskforce_2021",
    "units": "has_specialised_ocsea_police_unit",
    "services": "has_child_helpline",
    "data": "ocsea_past_year",
    "education": "school_online_safety_education",
    "industry": "platform_csam_reporting_obligation",
}

# Prevalence indicators whose denominator is internet-using children, with the population and
# online-share indicators of the same age band that turn them into a number of children.
ESTIMABLE = {
    "ocsea_past_year": ("child_population_12_17", "internet_users_share_12_17"),
    "tfcsea_past_year": ("child_population_12_17", "internet_users_share_12_17"),
}
# A view that colours fewer member states than this is not drawn as a map or a ranking: the figures are shown
# one by one as national evidence instead (the same threshold defines a "comparable" indicator in the catalogue).
MIN_COMPARABLE_STATES = 3
# Indicator tiers of the catalogue (data/indicators.yml), most comparable first.
TIERS = ["headline", "comparable", "national", "context"]

# "Children online, by age": indicators that measure the share of a population using the internet. Daily use,
# smartphone use and household access are other questions and stay out. Ids from a later data round that start
# with one of these prefixes join automatically (e.g. the APJII generation bands).
INTERNET_USE_PREFIXES = ("internet_use_pct", "internet_users_share_12_17", "internet_use_12_17_dh", "internet_penetration_apjii",
                         "students_internet_use_5_24", "internet_use_15_49", "internet_use_15_24")

OWN_ESTIMATE = {"ocsea_past_year": "ocsea_past_year_children_estimate", "tfcsea_past_year": "tfcsea_children_affected"}


def _freeze(x):
    if isinstance(x, (list, tuple, set)):
        return tuple(_freeze(i) for i in x)
    if isinstance(x, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in x.items()))
    return x


_SCALARS = (str, int, float, bool, type(None))


def _copier(value):
    """How to hand out a cached answer without letting a caller change the cache: the cheapest safe copy."""
    import copy

    if isinstance(value, (pd.DataFrame, pd.Series)):
        return lambda v: v.copy()
    if isinstance(value, _SCALARS) or (isinstance(value, tuple) and all(isinstance(i, _SCALARS) for i in value)):
        return lambda v: v  # immutable
    if isinstance(value, (list, set, frozenset)) and all(isinstance(i, _SCALARS) for i in value):
        return type(value)  # a shallow copy is a full copy (deepcopy took ~0.5 ms a call, hundreds of calls a rerun)
    if isinstance(value, dict) and all(isinstance(i, _SCALARS) for i in value.values()):
        return dict
    return copy.deepcopy


def memo(fn):
    """Remember a query's answer on this Dataset (data never change after loading); hand out copies."""
    import functools

    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        cache = self.__dict__.setdefault("_memo", {})
        key = (fn.__name__, _freeze(args), _freeze(kwargs))
        got = cache.get(key)
        if got is None:
            value = fn(self, *args, **kwargs)
            got = cache[key] = (value, _copier(value))
        return got[1](got[0])

    return wrapper


@dataclass
class Estimate:
    iso3: str
    prevalence: dict
    population: dict
    online_share: dict
    value: float
    qualifier: str
    arithmetic: str
    published: dict | None
    caveat: str


_TOKENS = itertools.count(1)


@dataclass
class Dataset:
    observations: pd.DataFrame
    indicator_meta: dict
    sources: pd.DataFrame
    countries: pd.DataFrame
    areas: pd.DataFrame
    age_bands: pd.DataFrame
    priority_areas: pd.DataFrame
    milestones: pd.DataFrame
    geo: gpd.GeoDataFrame  # boundaries for the 2-D maps (EPSG:4326, index iso3): see aseancop.geo
    geo_light: gpd.GeoDataFrame  # the same, lighter: share cards and the 3-D view
    data_dir: Path
    age_groups: pd.DataFrame | None = None  # age_groups.csv, indexed by code (see bands_in_group)
    obs: pd.DataFrame = field(init=False)

    def __post_init__(self):
        o = self._enrich(self.observations.copy())
        o["user"] = False
        self.obs = o.sort_values(["indicator_id", "_country_order", "_age_order", "sex", "year"]).reset_index(drop=True)

    def __getstate__(self):
        # a stored dataset (aseancop.cache) gets a new token in the process that reads it: tokens are per process
        state = dict(self.__dict__)
        state.pop("token", None)
        return state

    @functools.cached_property
    def token(self) -> int:
        """This dataset's identity for caches shared across sessions: unique in the process, never reused (an
        object's id() is reused once it is freed, so a cache keyed on it could serve one upload's figures to another)."""
        return next(_TOKENS)

    @functools.cached_property
    def small_states(self) -> list[str]:
        """Member states too small to see and click on the 2-D map (by equal-area area): they get a marker."""
        return _small_states(self.geo)

    def label_points(self) -> pd.DataFrame:
        """Where each state's label goes (a point inside it): columns lon, lat; index iso3 in member order."""
        return self.geo[["label_lon", "label_lat"]].set_axis(["lon", "lat"], axis=1)

    def _enrich(self, o: pd.DataFrame) -> pd.DataFrame:
        meta = self.indicator_meta
        o["unit"] = o["indicator_id"].map(lambda i: meta[i]["unit"])
        o["decimals"] = o["indicator_id"].map(lambda i: meta[i]["decimals"])
        o["priority_area"] = o["indicator_id"].map(lambda i: meta[i]["priority_area"])
        o["indicator"] = o["indicator_id"].map(lambda i: meta[i]["short_title"])
        members = set(self.countries.index)
        o["area_kind"] = o["iso3"].map(lambda c: "member" if c in members else self.areas.at[c, "kind"])
        names = {**self.countries["name"].to_dict(), **self.areas["name"].to_dict()}
        o["area_name"] = o["iso3"].map(names)
        o["display"] = [format_value(v, lo, hi, q, u, d) for v, lo, hi, q, u, d in
                        zip(o["value"], o["lower"], o["upper"], o["qualifier"], o["unit"], o["decimals"])]
        o["sort_value"] = [sort_key(v, lo, hi) for v, lo, hi in zip(o["value"], o["lower"], o["upper"])]
        o["qualifier_text"] = o["qualifier"].map(QUALIFIER_WORDS)
        o["source_title"] = o["source_id"].map(self.sources["title"])
        o["source_publisher"] = o["source_id"].map(self.sources["publisher"])
        o["source_url"] = o["source_id"].map(self.sources["url"])
        o["age_label"] = o["age_band"].map(self.age_bands["label"])
        age_order = self.age_bands["order"].to_dict()
        o["_age_order"] = o["age_band"].map(age_order)
        o["_country_order"] = o["iso3"].map(self.countries["order"].to_dict()).fillna(99)
        return o

    def with_user_rows(self, rows: pd.DataFrame) -> "Dataset":
        """A per-session view with validated uploaded rows added and marked as user-supplied (data/ untouched)."""
        import copy

        if rows is None or rows.empty:
            return self
        new = copy.copy(self)
        new._memo = {}
        new.__dict__.pop("token", None)  # a view of its own: caches must not confuse it with the shipped data
        new.__dict__.pop("_counts", None)  # the counts include the uploaded rows: made again for this view
        u = rows.copy()
        for col in ("value", "lower", "upper", "year"):
            u[col] = pd.to_numeric(u[col], errors="coerce")
        u["year"] = u["year"].astype("Int64")
        u = self._enrich(u)
        u["source_title"] = "User-supplied (this session only, not verified): " + rows["source"].astype(str).str.slice(0, 120).values
        u["source_publisher"] = "User upload"
        u["source_url"] = rows["source_url"].astype(str).values
        u["note"] = ("User-supplied. " + rows["note"].astype(str)).str.strip().values
        u["user"] = True
        src = pd.DataFrame([{"source_id": "user_upload", "title": "User-supplied figures (this session only, not verified)",
                             "publisher": "User upload", "date": "this session", "url": "", "licence": "as supplied by the user"}]
                           ).set_index("source_id", drop=False)
        new.sources = pd.concat([self.sources[self.sources.index != "user_upload"], src])
        new.obs = pd.concat([self.obs, u[self.obs.columns.intersection(u.columns)]], ignore_index=True).sort_values(
            ["indicator_id", "_country_order", "_age_order", "sex", "year", "user"]).reset_index(drop=True)
        return new

    @property
    def n_user_rows(self) -> int:
        return int(self.obs["user"].sum())

    # ------------------------------------------------------------------ vocabulary
    @property
    def member_codes(self) -> list[str]:
        return list(self.countries.index)

    def country_name(self, iso3: str) -> str:
        if iso3 in self.countries.index:
            return self.countries.at[iso3, "name"]
        return self.areas.at[iso3, "name"] if iso3 in self.areas.index else iso3

    def indicator(self, indicator_id: str) -> dict:
        return self.indicator_meta[indicator_id]

    def area_title(self, code: str) -> str:
        row = self.priority_areas.loc[code]
        return row["title"] if code == "online" else f"{int(row['number'])}. {row['title']}"

    def area_codes(self) -> list[str]:
        return list(self.priority_areas.sort_values("number").index)

    @memo
    def indicators_for(self, area: str | None = None, age: str | None = None, members_only: bool = False) -> list[str]:
        """Indicator ids with data for the area and age choice, in catalogue order: priority area, tier, display order."""
        ids = self.filter(area=area, age=age, members_only=members_only)["indicator_id"].unique().tolist()
        return sorted(ids, key=self._catalogue_key)

    def _catalogue_key(self, i: str) -> tuple:
        m = self.indicator_meta[i]
        area_no = int(self.priority_areas.at[m["priority_area"], "number"]) if m["priority_area"] in self.priority_areas.index else 99
        return (area_no, TIERS.index(m.get("tier", "context")), int(m.get("order", 999)), m["short_title"])

    @memo
    def states_with_data(self, indicator: str, age: str | None = None) -> int:
        """How many member states a map of this indicator and age choice would colour (one source band).

        Same answer as counting `latest(indicator, age)["has_data"]`, from counts made once per Dataset: the
        indicator picker asks this for every indicator (~160) of each age choice, and the first visitor waited
        seconds for 160 `latest()` tables."""
        return int(self._band_counts()["latest"].get((indicator, self.pick_age(indicator, age)), 0))

    def _band_counts(self) -> dict:
        """Per (indicator, source band): member states with any value ('any'), member states whose latest
        both-sexes value exists ('latest', as latest() picks it); per indicator: its bands ('bands')."""
        got = self.__dict__.get("_counts")
        if got is None:
            m = self.obs[self.obs["area_kind"] == "member"]
            last = m[m["sex"] == "all"].sort_values(["year", "user"]).groupby(["indicator_id", "age_band", "iso3"]).tail(1)
            last = last[last["display"].notna() & (last["display"] != NO_DATA)]
            got = {"any": m.groupby(["indicator_id", "age_band"])["iso3"].nunique().to_dict(),
                   "latest": last.groupby(["indicator_id", "age_band"])["iso3"].nunique().to_dict(),
                   "bands": {i: set(b) for i, b in self.obs.groupby("indicator_id")["age_band"]}}
            self._counts = got
        return got

    @memo
    def catalogue(self, area: str | None = None, age: str | None = None) -> pd.DataFrame:
        """The indicator catalogue for an area and age choice: tier, family, comparability, coverage, in order."""
        rows = []
        for i in self.indicators_for(area, age):
            m = self.indicator_meta[i]
            rows.append({"indicator_id": i, "short_title": m["short_title"], "title": m["title"],
                         "priority_area": m["priority_area"], "tier": m.get("tier", "context"),
                         "family": m.get("family", i), "comparability": m.get("comparability", ""),
                         "states_with_data": self.states_with_data(i, age), "member_states": len(self.member_codes)})
        return pd.DataFrame(rows, columns=["indicator_id", "short_title", "title", "priority_area", "tier", "family",
                                           "comparability", "states_with_data", "member_states"])

    def default_indicator(self, area: str | None = None, age: str | None = None) -> str | None:
        """The best comparable indicator for an area and age choice: one that can be mapped (>= 3 states) first,
        then the area's headline, then tier, coverage and display order."""
        choices = self.indicators_for(area, age)
        if not choices:
            return None
        pref = DEFAULT_INDICATOR.get(area or "data")

        def score(i):
            n = self.states_with_data(i, age)
            return (n >= MIN_COMPARABLE_STATES, i == pref, -TIERS.index(self.indicator_meta[i].get("tier", "context")), n,
                    -int(self.indicator_meta[i].get("order", 999)))
        return max(choices, key=score)

    def bands_of(self, age: str | None) -> set[str] | None:
        """The source age bands an age choice stands for: a reader-facing age group's bands, or one band."""
        if not age:
            return None
        if age in self.age_groups.index:
            return set(self.bands_in_group(age))
        return {age}

    @memo
    def age_groups_for(self, area: str | None = None, indicator: str | None = None) -> list[str]:
        """The reader-facing age groups (data/age_groups.csv order) that have data for this area or indicator."""
        present = set(self.age_bands_for(area=area, indicator=indicator))
        return [g for g in self.age_groups.index if present & set(self.bands_in_group(g))]

    @memo
    def age_bands_for(self, area: str | None = None, indicator: str | None = None) -> list[str]:
        if indicator and not area:  # asked per indicator by pick_age for every indicator: from the counts
            present = self._band_counts()["bands"].get(indicator, set())
            return [c for c in self.age_bands.index if c in present]
        o = self.obs
        if area:
            o = o[o["priority_area"] == area]
        if indicator:
            o = o[o["indicator_id"] == indicator]
        present = set(o["age_band"])
        return [c for c in self.age_bands.index if c in present]

    def sexes_for(self, indicator: str) -> list[str]:
        present = set(self.obs.loc[self.obs["indicator_id"] == indicator, "sex"])
        return [s for s in ("all", "female", "male") if s in present]

    def years_for(self, indicator: str, age: str | None = None) -> list[int]:
        o = self.obs[self.obs["indicator_id"] == indicator]
        if age:
            o = o[o["age_band"].isin(self.bands_of(age))]
        return sorted(int(y) for y in o["year"].unique())

    # ------------------------------------------------------------------ filtering
    @memo
    def filter(self, area=None, age=None, countries=None, indicator=None, sex=None, year=None,
               members_only: bool = False) -> pd.DataFrame:
        """Observations matching every given filter (None = no filter on that dimension)."""
        o = self.obs
        if area:
            o = o[o["priority_area"] == area]
        if indicator:
            o = o[o["indicator_id"] == indicator]
        if age:
            o = o[o["age_band"].isin(self.bands_of(age))]
        if sex:
            o = o[o["sex"] == sex]
        if year:
            o = o[o["year"] == int(year)]
        if countries:
            keep = set(countries)
            o = o[o["iso3"].isin(keep) | (o["area_kind"] != "member") & (not members_only)]
        if members_only:
            o = o[o["area_kind"] == "member"]
        return o

    def pick_age(self, indicator: str, age: str | None) -> str | None:
        """The one source age band to show for an indicator (a map compares like with like).

        A band that is measured is used as asked; for an age group, its band that most member states have; when
        the indicator is not measured for the choice at all, the band most member states have."""
        bands = self.age_bands_for(indicator=indicator)
        if age in bands and age not in self.age_groups.index:
            return age
        if not bands:
            return None
        wanted = [b for b in bands if b in (self.bands_of(age) or set())]
        candidates = wanted or bands
        counts = self._band_counts()["any"]  # member states with any value, per (indicator, band)
        return max(candidates, key=lambda b: (counts.get((indicator, b), 0), b == age, -bands.index(b)))

    @memo
    def latest(self, indicator: str, age: str | None = None, sex: str = "all", year: int | None = None,
               countries: list[str] | None = None) -> pd.DataFrame:
        """One row per member state (ASEAN order): its latest value (or the value for `year`), or No data."""
        age = self.pick_age(indicator, age)
        o = self.obs[(self.obs["indicator_id"] == indicator) & (self.obs["area_kind"] == "member")
                     & (self.obs["age_band"] == age) & (self.obs["sex"] == sex)]
        if year:
            o = o[o["year"] == int(year)]
        o = o.sort_values(["year", "user"]).groupby("iso3").tail(1).set_index("iso3")
        codes = [c for c in self.member_codes if not countries or c in countries]
        frame = pd.DataFrame({"iso3": codes, "name": [self.country_name(c) for c in codes]}).set_index("iso3", drop=False)
        cols = ["indicator_id", "age_band", "sex", "year", "value", "lower", "upper", "qualifier", "display",
                "sort_value", "source_id", "source_title", "source_url", "locator", "note", "unit", "decimals",
                "qualifier_text", "age_label"]
        frame = frame.join(o[cols], how="left")
        frame["display"] = frame["display"].fillna(NO_DATA)
        frame["has_data"] = frame["display"] != NO_DATA
        frame["year"] = frame["year"].astype("Int64")
        return frame.reset_index(drop=True)

    def benchmarks(self, indicator: str, age: str | None = None, sex: str = "all") -> pd.DataFrame:
        """Non-member rows (world, regional, pooled samples) for the indicator: shown beside, never as ASEAN."""
        o = self.obs[(self.obs["indicator_id"] == indicator) & (self.obs["area_kind"] != "member") & (self.obs["sex"] == sex)]
        if age:
            o = o[o["age_band"] == age]
        return o

    @memo
    def regional_context(self, indicator: str, age: str, sex: str, year: int) -> dict:
        """Range and median across member states for the same indicator, age band, sex and year."""
        o = self.obs[(self.obs["indicator_id"] == indicator) & (self.obs["area_kind"] == "member") & (self.obs["age_band"] == age)
                     & (self.obs["sex"] == sex) & (self.obs["year"] == year)]
        vals = o["sort_value"].dropna()
        m = self.indicator_meta[indicator]
        if len(vals) < 2:
            return {"n": int(len(vals)), "text": "No other member state has this figure for the same year"}
        bounded = bool((o["qualifier"] != "").any())
        fmt = lambda x: format_value(x, unit=m["unit"], decimals=m["decimals"])
        if m["unit"] == "yes_no":
            yes = int((vals >= 0.5).sum())
            text = f"{yes} of {len(vals)} member states with data: yes"
        else:
            text = f"{len(vals)} states: {fmt(vals.min())} to {fmt(vals.max())}, median {fmt(vals.median())}"
            if bounded:
                text += " (some values are bounds or ranges)"
        return {"n": int(len(vals)), "min": float(vals.min()), "max": float(vals.max()),
                "median": float(vals.median()), "bounded": bounded,
                "yes": int((vals >= 0.5).sum()) if m["unit"] == "yes_no" else None, "text": text}

    # ------------------------------------------------------------------ coverage
    @memo
    def coverage(self, area: str | None = None, age: str | None = None, countries: list[str] | None = None) -> pd.DataFrame:
        """Indicator x member state: the latest value as text (same age band and sex as maps show), or 'No data'."""
        if countries:  # the same values, fewer columns: one shared matrix per (area, age), not one per country pick
            return self.coverage(area, age)[[c for c in self.member_codes if c in countries]]
        codes = [c for c in self.member_codes if not countries or c in countries]
        if area or age:
            ids = self.indicators_for(area, age, members_only=True)
        else:
            ids = [i for i in self.indicators_for(members_only=True)]
        rows = {}
        for i in ids:
            sexes = self.sexes_for(i)
            lat = self.latest(i, age=age, sex="all" if "all" in sexes else sexes[0]).set_index("iso3")
            rows[i] = [lat.at[c, "display"] for c in codes]
        return pd.DataFrame.from_dict(rows, orient="index", columns=codes).reindex(ids).fillna(NO_DATA)

    @memo
    def coverage_by_area(self, age: str | None = None, countries: list[str] | None = None) -> pd.DataFrame:
        """Priority area x member state, counted from coverage(): how many of the area's indicators have a value
        (with_data) out of how many it has (indicators). One row per area and state, in ASEAN and plan order."""
        mat = self.coverage(age=age, countries=countries)
        rows = []
        for area in self.area_codes():
            ids = [i for i in mat.index if self.indicator_meta[i]["priority_area"] == area]
            if not ids:
                continue
            part = mat.loc[ids]
            for c in mat.columns:
                rows.append({"priority_area": area, "iso3": c, "with_data": int((part[c] != NO_DATA).sum()),
                             "indicators": len(ids)})
        return pd.DataFrame(rows, columns=["priority_area", "iso3", "with_data", "indicators"])

    @memo
    def tracker(self) -> pd.DataFrame:
        """Member state x priority area: how many indicators have evidence, and what is in place."""
        rows = []
        o = self.obs[self.obs["area_kind"] == "member"]
        for area in self.area_codes():
            if area == "online":
                continue
            area_ids = [i for i, m in self.indicator_meta.items() if m["priority_area"] == area]
            ao = o[o["indicator_id"].isin(area_ids)]
            measured = ao.groupby("iso3")["indicator_id"].nunique()
            latest = ao.sort_values("year").groupby(["iso3", "indicator_id"]).tail(1)
            yesno = latest[latest["unit"] == "yes_no"]
            for c in self.member_codes:
                yn = yesno[yesno["iso3"] == c]
                rows.append({
                    "iso3": c, "name": self.country_name(c), "area": area,
                    "indicators_in_area": len(area_ids),
                    "with_data": int(measured.get(c, 0)),
                    "in_place": int((yn["value"] >= 0.5).sum()),
                    "not_in_place": int((yn["value"] < 0.5).sum()),
                    "checked": int(len(yn)),
                })
        return pd.DataFrame(rows)

    @memo
    def profile(self, iso3: str, area: str | None = None, age: str | None = None) -> pd.DataFrame:
        """Everything known about one member state: latest value per indicator, age band and sex, with context;
        optionally only one priority area and the source bands of one age group (or band)."""
        if area or age:
            o = self.profile(iso3)
            if area:
                o = o[o["priority_area"] == area]
            if age:
                o = o[o["age_band"].isin(self.bands_of(age))]
            return o.reset_index(drop=True)
        o = self.obs[self.obs["iso3"] == iso3].sort_values("year")
        o = o.groupby(["indicator_id", "age_band", "sex"]).tail(1).copy()
        o["context"] = [self.regional_context(i, a, s, y)["text"] for i, a, s, y in
                        zip(o["indicator_id"], o["age_band"], o["sex"], o["year"])]
        o["_area_order"] = o["priority_area"].map(self.priority_areas["number"].to_dict())
        return o.sort_values(["_area_order", "indicator", "_age_order", "sex"]).reset_index(drop=True)

    @memo
    def unknowns(self, iso3: str) -> pd.DataFrame:
        """Indicators measured for at least one other member state but not for this one."""
        m = self.obs[self.obs["area_kind"] == "member"]
        have = set(m.loc[m["iso3"] == iso3, "indicator_id"])
        others = m[~m["indicator_id"].isin(have)].groupby("indicator_id")["iso3"].nunique()
        rows = [{"indicator_id": i, "indicator": self.indicator_meta[i]["short_title"],
                 "title": self.indicator_meta[i]["title"],
                 "priority_area": self.indicator_meta[i]["priority_area"], "states_with_data": int(n)}
                for i, n in others.items()]
        df = pd.DataFrame(rows, columns=["indicator_id", "indicator", "title", "priority_area", "states_with_data"])
        df["_area_order"] = df["priority_area"].map(self.priority_areas["number"].to_dict())
        return df.sort_values(["_area_order", "indicator"]).drop(columns="_area_order").reset_index(drop=True)

    def suggest(self, area=None, age=None, indicator=None, countries=None, sex=None, year=None) -> list[str]:
        """Plain-language suggestions of the nearest filter combinations that do have data."""
        tips = []
        if indicator and age and not (self.bands_of(age) & set(self.age_bands_for(indicator=indicator))):
            bands = [self.age_bands.at[b, "label"] for b in self.age_bands_for(indicator=indicator)]
            tips.append(f"This indicator is measured for: {', '.join(bands)}.")
        if area and age and not self.indicators_for(area, age):
            groups = [self.age_groups.at[g, "label"] for g in self.age_groups_for(area=area)]
            tips.append(f"In this priority area the data covers: {', '.join(groups)}.")
            others = [self.area_title(a) for a in self.area_codes() if self.indicators_for(a, age)]
            if others:
                tips.append(f"This age group has data in: {'; '.join(others)}.")
        if indicator and countries:
            have = self.obs[(self.obs["indicator_id"] == indicator) & (self.obs["area_kind"] == "member")]["iso3"].unique()
            if not set(countries) & set(have):
                tips.append(f"Countries with this indicator: {', '.join(self.country_name(c) for c in self.member_codes if c in have)}.")
        if indicator and sex and sex not in self.sexes_for(indicator):
            tips.append(f"This indicator is available for: {', '.join(self.sexes_for(indicator))}.")
        if indicator and year and int(year) not in self.years_for(indicator):
            yrs = self.years_for(indicator)
            tips.append(f"Years with data: {', '.join(map(str, yrs))}." if yrs else "")
        return [t for t in tips if t]

    # ------------------------------------------------------------------ estimates
    def estimate_affected(self, iso3: str, prevalence_indicator: str = "ocsea_past_year") -> Estimate | None:
        """Children affected = prevalence among internet users x share of the age band online x population.

        Returns None when any input is missing. A bound on the prevalence stays a bound on the estimate.
        """
        if prevalence_indicator not in ESTIMABLE:
            return None
        pop_id, share_id = ESTIMABLE[prevalence_indicator]

        def one(ind):
            r = self.latest(ind, age="12-17", countries=[iso3]).iloc[0]
            return r if r["has_data"] else None

        prev, pop, share = one(prevalence_indicator), one(pop_id), one(share_id)
        if prev is None or pop is None or share is None or pd.isna(prev["value"]):
            return None
        value = prev["value"] / 100 * share["value"] / 100 * pop["value"]
        q = prev["qualifier"] if prev["qualifier"] in ("at least", "more than", "up to", "about") else "about"
        rounded = _round_sig(value, mode="floor" if q in ("at least", "more than") else "ceil" if q == "up to" else "nearest")
        arithmetic = (f"{prev['display']} of internet-using 12–17-year-olds × {share['display']} of 12–17-year-olds online "
                      f"× {pop['display']} children aged 12–17 = {format_value(rounded, qualifier=q, unit='count')} "
                      f"(rounded; exact product {value:,.0f})")
        own = OWN_ESTIMATE.get(prevalence_indicator)
        published = None
        if own:
            r = self.latest(own, age="12-17", countries=[iso3]).iloc[0]
            if r["has_data"]:
                published = {"display": r["display"], "source_title": r["source_title"], "year": int(r["year"])}
        caveat = ("Our estimate, not an official figure: it assumes children who do not use the internet were not "
                  "affected, and it combines a prevalence from one year with a population figure from another "
                  f"({int(prev['year'])} and {int(pop['year'])}).")
        return Estimate(iso3, dict(prev), dict(pop), dict(share), rounded, q, arithmetic, published, caveat)

    @memo
    def internet_use_by_age(self, countries: list[str] | None = None) -> pd.DataFrame:
        """Every internet-use figure of every member state, by the exact age band published (both sexes).

        One row per state, indicator and age band: the latest year. States without any figure are absent (the
        chart lists them as No data). `reference` marks whole-population figures (all ages)."""
        ids = [i for i in self.indicator_meta if i.startswith(INTERNET_USE_PREFIXES) and self.indicator_meta[i]["unit"] == "percent"]
        o = self.obs[self.obs["indicator_id"].isin(ids) & (self.obs["area_kind"] == "member") & (self.obs["sex"] == "all")]
        o = o[~o["note"].fillna("").str.startswith("Unverified")]
        if countries:
            o = o[o["iso3"].isin(countries)]
        o = o.sort_values(["year", "user"]).groupby(["iso3", "indicator_id", "age_band"]).tail(1)
        # the same survey figure reported by two sources (e.g. Disrupting Harm and its re-analysis) is one point
        o = o.sort_values(["year", "user"], ascending=False).drop_duplicates(["iso3", "age_band", "value", "qualifier"])
        o = o.assign(reference=o["age_band"] == "all", age_group=o["age_band"].map(lambda b: self.group_of_band(b) or ""))
        return o.sort_values(["_country_order", "reference", "_age_order", "year"]).reset_index(drop=True)

    # ------------------------------------------------------------------ trends
    @memo
    def internet_series(self, countries: list[str] | None = None, youth: bool = False, until: int | None = None) -> pd.DataFrame:
        """Internet use over time, one 'series' per line: all ages (ITU/WDI) or children and youth (6–14, 15–24).

        Benchmarks (world, regions) are kept as their own series, never merged into member-state lines.
        """
        if youth:
            o = self.obs[self.obs["indicator_id"].isin(["internet_use_pct_national", "internet_use_15_24"])
                         & self.obs["age_band"].isin(["15-24", "6-14"]) & (self.obs["sex"] == "all")]
        else:
            o = self.obs[(self.obs["indicator_id"] == "internet_use_pct") & (self.obs["sex"] == "all")]
        o = o[~o["note"].str.startswith("Unverified")]  # listed on Data & sources, never drawn as a trend
        if countries:
            o = o[o["iso3"].isin(countries) | (o["area_kind"] != "member")]
        if until:
            o = o[o["year"] <= until]
        label = o["area_name"] + (" · " + o["age_label"] if youth else "")
        return o.assign(series=label)

    # ------------------------------------------------------------------ overview answers
    @memo
    def range_across(self, indicator: str, age: str | None = None) -> dict | None:
        """Lowest and highest latest value across member states (each a published figure; no averaging)."""
        lat = self.latest(indicator, age=age)
        has = lat[lat["has_data"] & lat["value"].notna()]
        if has.empty:
            return None
        lo, hi = has.loc[has["value"].idxmin()], has.loc[has["value"].idxmax()]
        m = self.indicator_meta[indicator]
        return {"n": len(has), "low": lo, "high": hi,
                "text": format_value(None, lo["value"], hi["value"], "range", m["unit"], m["decimals"]),
                "years": sorted({int(y) for y in has["year"]}), "sources": list(dict.fromkeys(has["source_id"]))}

    @memo
    def headlines(self) -> list[dict]:
        """Three to five headline figures, each with its age band, year and source."""
        out = []
        dh = self.obs[(self.obs["indicator_id"] == "ocsea_past_year") & (self.obs["iso3"] == "DH6")]
        if not dh.empty:
            r = dh.iloc[0]
            rng = self.range_across("ocsea_past_year", "12-17")
            who = f" ({rng['low']['name']} lowest, {rng['high']['name']} highest)" if rng else ""
            out.append({"id": "ocsea", "label": "Internet-using children aged 12–17 subjected to online sexual exploitation and abuse in the past year",
                        "value": r["display"],
                        "facts": {"group": "DH6", "low": rng["low"]["iso3"] if rng else None,
                                  "high": rng["high"]["iso3"] if rng else None, "age": "12-17", "years": [int(r["year"])]},
                        "caption": f"Range across the {_lower_first(self.areas.at['DH6', 'name'])}{who} · ages 12–17 · {int(r['year'])} · {self.source_line([r['source_id']])}",
                        "sources": [r["source_id"]]})
        rng = self.range_across("internet_users_share_12_17", "12-17")
        if rng:
            out.append({"id": "online_12_17", "label": "Children aged 12–17 who use the internet", "value": rng["text"],
                        "facts": {"n": rng["n"], "low": rng["low"]["iso3"], "high": rng["high"]["iso3"], "age": "12-17",
                                  "years": rng["years"]},
                        "caption": f"{rng['n']} surveyed member states ({rng['low']['name']} lowest, {rng['high']['name']} highest) · ages 12–17 · "
                                   f"{'–'.join(map(str, rng['years']))} · {self.source_line(rng['sources'])}",
                        "sources": rng["sources"]})
        rng = self.range_across("internet_use_pct", "all")
        if rng:
            out.append({"id": "online_all", "label": "People of all ages who use the internet", "value": rng["text"],
                        "facts": {"n": rng["n"], "low": rng["low"]["iso3"], "high": rng["high"]["iso3"], "age": "all",
                                  "years": rng["years"]},
                        "caption": f"All {rng['n']} member states, latest year ({rng['low']['name']} lowest, {rng['high']['name']} highest) · "
                                   f"{rng['years'][0]}–{rng['years'][-1]} · {self.source_line(rng['sources'])}",
                        "sources": rng["sources"]})
        lat = self.latest("has_child_helpline", age="all")
        has = lat[lat["has_data"]]
        if not has.empty:
            missing = lat.loc[~lat["has_data"], "name"].tolist()
            yes = int((has["value"] >= 0.5).sum())
            out.append({"id": "helplines", "label": "Member states with a national helpline children can call", "value": f"{yes} of {len(lat)}",
                        "facts": {"yes": yes, "total": len(lat), "missing": lat.loc[~lat["has_data"], "iso3"].tolist(),
                                  "years": [int(min(has["year"])), int(max(has["year"]))],
                                  "n_sources": int(has["source_id"].nunique())},
                        "caption": (f"No data: {', '.join(missing)} · " if missing else "") + f"{min(has['year'])}–{max(has['year'])} · "
                                   f"Sources: {has['source_id'].nunique()} helpline operators, ministries and news reports (listed on the Data & sources page)",
                        "sources": has["source_id"].unique().tolist()})
        return out

    @memo
    def gap_facts(self) -> list[dict]:
        """What is missing, as facts derived from the data (components word them; they stay true as data are added).

        kinds: no_survey (states), combined_only (age bands), old_internet (newest year; states with their year),
        fewest (states with their count of indicators; total)."""
        out = []
        have = set(self.obs.loc[(self.obs["indicator_id"] == "ocsea_past_year") & (self.obs["area_kind"] == "member"), "iso3"])
        missing = [c for c in self.member_codes if c not in have]
        if missing:
            out.append({"kind": "no_survey", "states": missing})
        o = self.obs[(self.obs["indicator_id"] == "ocsea_past_year") & (self.obs["area_kind"] == "member")]
        if set(o["sex"]) == {"all"}:
            out.append({"kind": "combined_only", "bands": [b for b in self.age_bands.index if b in set(o["age_band"])]})
        lat = self.latest("internet_use_pct", age="all")
        newest = lat["year"].max()
        old = lat[lat["year"] < newest]
        if not old.empty:
            out.append({"kind": "old_internet", "newest": int(newest),
                        "states": [(r["iso3"], int(r["year"])) for r in old.to_dict("records")]})
        m = self.obs[self.obs["area_kind"] == "member"]
        counts = m.groupby("iso3")["indicator_id"].nunique().reindex(self.member_codes, fill_value=0)
        out.append({"kind": "fewest", "states": [(c, int(n)) for c, n in counts.nsmallest(3).items()],
                    "total": len(self.indicator_meta)})
        return out

    def gaps(self) -> list[str]:
        """gap_facts() in English (for tools and tests; the dashboard words them in components/wording.py)."""
        lines = []
        names = lambda codes: ", ".join(self.country_name(c) for c in self.member_codes if c in codes)
        for g in self.gap_facts():
            if g["kind"] == "no_survey":
                lines.append(f"No national survey of online sexual exploitation and abuse of children: {names(g['states'])}.")
            elif g["kind"] == "combined_only":
                bands = ", ".join(self.age_bands.at[b, "label"].lower() for b in g["bands"])
                lines.append(f"Past-year online sexual exploitation and abuse is published only for {bands} with both sexes combined: no breakdown by age band or sex.")
            elif g["kind"] == "old_internet":
                lines.append("Internet use: the latest figure is older than " + str(g["newest"]) + " for " +
                             ", ".join(f"{self.country_name(c)} ({y})" for c, y in g["states"]) + ".")
            elif g["kind"] == "fewest":
                lines.append("Fewest indicators with any data: " + ", ".join(
                    f"{self.country_name(c)} ({n} of {g['total']})" for c, n in g["states"]) + ".")
        return lines

    def source_short(self, source_id: str, title_chars: int = 70) -> str:
        """'Publisher, Title… (date)' kept short enough for a chart footer."""
        r = self.sources.loc[source_id]
        pub = str(r["publisher"]).split(" (")[0]
        title = str(r["title"])
        if len(title) > title_chars:
            title = title[:title_chars].rsplit(" ", 1)[0] + "…"
        return f"{pub}, {title} ({r['date']})"

    def source_line(self, source_ids, limit: int = 4) -> str:
        """One footer line naming every source behind a figure (the first `limit` in full, then a count)."""
        ids = [s for s in dict.fromkeys(source_ids) if isinstance(s, str) and s in self.sources.index]
        if not ids:
            return ""
        parts = [self.source_short(s) for s in ids[:limit]]
        more = len(ids) - limit
        label = "Source: " if len(ids) == 1 else "Sources: "
        return label + "; ".join(parts) + (f"; and {more} more (listed on the Data & sources page)" if more > 0 else "")

    # ------------------------------------------------------------------ age groups (age_groups.csv)
    def bands_in_group(self, code: str) -> list[str]:
        """The source age bands (codes in age_bands.csv order) that belong to age group `code`; [] if unknown."""
        b = self.age_bands
        if "age_group" not in b.columns:
            return []
        return [c for c in b.index if b.at[c, "age_group"] == code]

    def group_of_band(self, band: str) -> str | None:
        """The age group a source band belongs to, or None (unknown band, or a band that is not a filter choice)."""
        if "age_group" not in self.age_bands.columns or band not in self.age_bands.index:
            return None
        return self.age_bands.at[band, "age_group"] or None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _round_sig(x: float, sig: int = 2, mode: str = "nearest") -> float:
    """Round to `sig` significant figures; a lower bound rounds down and an upper bound up, so bounds stay true."""
    if x <= 0 or math.isnan(x):
        return x
    digits = sig - int(math.floor(math.log10(abs(x)))) - 1
    step = 10.0 ** (-digits)
    if mode == "floor":
        return math.floor(x / step) * step
    if mode == "ceil":
        return math.ceil(x / step) * step
    return round(x, digits)
