"""Profile questions: everything known about one member state, each value with the member states' context."""

from __future__ import annotations

import pandas as pd

from .memo import memo


class ProfileMixin:
    """One member state's profile (mixed into aseancop.Dataset)."""

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
        o["_area_order"] = o["priority_area"].map(self.priority_areas["number"].to_dict())
        return o.sort_values(["_area_order", "indicator", "_age_order", "sex"]).reset_index(drop=True)

    @memo
    def regional_context(self, indicator: str, age: str, sex: str, year: int) -> dict:
        """Range and median across member states for the same indicator, age band, sex and year: n (states with
        the figure); when n >= 2 also min, max, median, bounded (some values are bounds or ranges) and, for a
        yes/no indicator, yes (states answering yes). components/wording.regional_context words it."""
        o = self.obs[(self.obs["indicator_id"] == indicator) & (self.obs["area_kind"] == "member") & (self.obs["age_band"] == age)
                     & (self.obs["sex"] == sex) & (self.obs["year"] == year)]
        vals = o["sort_value"].dropna()
        if len(vals) < 2:
            return {"n": int(len(vals))}
        yes_no = self.indicator_meta[indicator]["unit"] == "yes_no"
        return {"n": int(len(vals)), "min": float(vals.min()), "max": float(vals.max()),
                "median": float(vals.median()), "bounded": bool((o["qualifier"] != "").any()),
                "yes": int((vals >= 0.5).sum()) if yes_no else None}
