"""Coverage and tracker questions: which indicator has a value for which state, what is in place per priority
area, what is missing (facts; components/wording.py words them)."""

from __future__ import annotations

import pandas as pd

from .formatting import NO_DATA
from .memo import memo


class CoverageMixin:
    """Coverage of the evidence (mixed into aseancop.Dataset)."""

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
