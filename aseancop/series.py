"""Series and estimates: the latest value per state, benchmarks, internet use by age and over time, ranges and
headline figures across member states, and the children-affected estimate (facts; components word them)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from .formatting import NO_DATA, format_value
from .memo import memo

# Prevalence indicators whose denominator is internet-using children, with the population and
# online-share indicators of the same age band that turn them into a number of children.
ESTIMABLE = {
    "ocsea_past_year": ("child_population_12_17", "internet_users_share_12_17"),
    "tfcsea_past_year": ("child_population_12_17", "internet_users_share_12_17"),
}
# "Children online, by age": indicators that measure the share of a population using the internet. Daily use,
# smartphone use and household access are other questions and stay out. Ids from a later data round that start
# with one of these prefixes join automatically (e.g. the APJII generation bands).
INTERNET_USE_PREFIXES = ("internet_use_pct", "internet_users_share_12_17", "internet_use_12_17_dh", "internet_penetration_apjii",
                         "students_internet_use_5_24", "internet_use_15_49", "internet_use_15_24")

OWN_ESTIMATE = {"ocsea_past_year": "ocsea_past_year_children_estimate", "tfcsea_past_year": "tfcsea_children_affected"}


@dataclass
class Estimate:
    iso3: str
    prevalence: dict
    population: dict
    online_share: dict
    value: float
    qualifier: str
    exact: float  # the unrounded product (components/wording.estimate_words shows the arithmetic)
    published: dict | None


class SeriesMixin:
    """Values across states and over time (mixed into aseancop.Dataset)."""

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

    def estimate_affected(self, iso3: str, prevalence_indicator: str = "ocsea_past_year") -> Estimate | None:
        """Children affected = prevalence among internet users x share of the age band online x population.

        Returns None when any input is missing. A bound on the prevalence stays a bound on the estimate.
        """
        if prevalence_indicator not in ESTIMABLE:
            return None
        pop_id, share_id = ESTIMABLE[prevalence_indicator]

        def one(ind):  # the state's row of the all-states answer (made once), not a query per state
            lat = self.latest(ind, age="12-17")
            r = lat[lat["iso3"] == iso3]
            return r.iloc[0] if len(r) and r.iloc[0]["has_data"] else None

        prev, pop, share = one(prevalence_indicator), one(pop_id), one(share_id)
        if prev is None or pop is None or share is None or pd.isna(prev["value"]):
            return None
        value = prev["value"] / 100 * share["value"] / 100 * pop["value"]
        q = prev["qualifier"] if prev["qualifier"] in ("at least", "more than", "up to", "about") else "about"
        rounded = _round_sig(value, mode="floor" if q in ("at least", "more than") else "ceil" if q == "up to" else "nearest")
        own = OWN_ESTIMATE.get(prevalence_indicator)
        published = None
        r = one(own) if own else None
        if r is not None:
            published = {"display": r["display"], "source_title": r["source_title"], "year": int(r["year"])}
        return Estimate(iso3, dict(prev), dict(pop), dict(share), rounded, q, value, published)

    @memo
    def internet_use_by_age(self, countries: list[str] | None = None) -> pd.DataFrame:
        """Every internet-use figure of every member state, by the exact age band published (both sexes).

        One row per state, indicator and age band: the latest year. States without any figure are absent (the
        chart lists them as No data). `reference` marks whole-population figures (all ages)."""
        if countries:  # every step below is per state: the chosen states' rows of the whole answer (made once)
            o = self.internet_use_by_age()
            return o[o["iso3"].isin(countries)].reset_index(drop=True)
        ids = [i for i in self.indicator_meta if i.startswith(INTERNET_USE_PREFIXES) and self.indicator_meta[i]["unit"] == "percent"]
        o = self.obs[self.obs["indicator_id"].isin(ids) & (self.obs["area_kind"] == "member") & (self.obs["sex"] == "all")]
        o = o[~o["note"].fillna("").str.startswith("Unverified")]
        o = o.sort_values(["year", "user"]).groupby(["iso3", "indicator_id", "age_band"]).tail(1)
        # the same survey figure reported by two sources (e.g. Disrupting Harm and its re-analysis) is one point
        o = o.sort_values(["year", "user"], ascending=False).drop_duplicates(["iso3", "age_band", "value", "qualifier"])
        o = o.assign(reference=o["age_band"] == "all", age_group=o["age_band"].map(lambda b: self.group_of_band(b) or ""))
        return o.sort_values(["_country_order", "reference", "_age_order", "year"]).reset_index(drop=True)

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
        """Three to five headline figures as facts: id, value (as published), facts (states, age, years) and
        sources. components/wording.headlines gives each its label and caption in the reader's language."""
        out = []
        dh = self.obs[(self.obs["indicator_id"] == "ocsea_past_year") & (self.obs["iso3"] == "DH6")]
        if not dh.empty:
            r = dh.iloc[0]
            rng = self.range_across("ocsea_past_year", "12-17")
            out.append({"id": "ocsea", "value": r["display"],
                        "facts": {"group": "DH6", "low": rng["low"]["iso3"] if rng else None,
                                  "high": rng["high"]["iso3"] if rng else None, "age": "12-17", "years": [int(r["year"])]},
                        "sources": [r["source_id"]]})
        for key, indicator, age in (("online_12_17", "internet_users_share_12_17", "12-17"),
                                    ("online_all", "internet_use_pct", "all")):
            rng = self.range_across(indicator, age)
            if rng:
                out.append({"id": key, "value": rng["text"],
                            "facts": {"n": rng["n"], "low": rng["low"]["iso3"], "high": rng["high"]["iso3"], "age": age,
                                      "years": rng["years"]},
                            "sources": rng["sources"]})
        lat = self.latest("has_child_helpline", age="all")
        has = lat[lat["has_data"]]
        if not has.empty:
            yes = int((has["value"] >= 0.5).sum())
            out.append({"id": "helplines",  # its value is a count of states: worded by the component
                        "facts": {"yes": yes, "total": len(lat), "missing": lat.loc[~lat["has_data"], "iso3"].tolist(),
                                  "years": [int(min(has["year"])), int(max(has["year"]))],
                                  "n_sources": int(has["source_id"].nunique())},
                        "sources": has["source_id"].unique().tolist()})
        return out

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
