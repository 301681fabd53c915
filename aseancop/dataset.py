"""The Dataset the pages ask: validated frames plus the questions they answer. Pure Python: no Streamlit here.

The questions live in modules by what they answer, mixed into this one class so components keep calling `ds.…`:
catalogue (what exists, filters, sources), coverage (coverage, tracker, gaps), profile (one state), timeline (dated
measures), series (latest values, trends, ranges, estimates). Shared helpers: aseancop.memo. Every answer is a fact
(frames, dicts, numbers, codes); components/wording.py words them in the reader's language.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .catalogue import DEFAULT_INDICATOR, MIN_COMPARABLE_STATES, TIERS, CatalogueMixin  # noqa: F401 (re-exported)
from .coverage import CoverageMixin
from .formatting import QUALIFIER_WORDS, format_value, sort_key
from .geo import small_states as _small_states
from .memo import _copier, _freeze, memo  # noqa: F401 (re-exported: tests and tools import them from here)
from .profile import ProfileMixin
from .series import ESTIMABLE, INTERNET_USE_PREFIXES, OWN_ESTIMATE, Estimate, SeriesMixin, _round_sig  # noqa: F401
from .timeline import MEASURE_COLUMNS, TimelineMixin

_TOKENS = itertools.count(1)


@dataclass
class Dataset(CatalogueMixin, CoverageMixin, ProfileMixin, TimelineMixin, SeriesMixin):
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
    # measures.csv: one dated event of a measure per row (see aseancop.timeline); empty when the file is absent
    measures: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MEASURE_COLUMNS))
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
        new.__dict__.pop("_per_ind", None)  # so do the sexes and years per indicator
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
