"""Catalogue questions: which states, priority areas, indicators, age groups, sexes and years exist; which
observations match a filter; which sources stand behind a figure; and, for an empty view, where data do exist."""

from __future__ import annotations

import pandas as pd

from .formatting import NO_DATA
from .memo import memo

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
# A view that colours fewer member states than this is not drawn as a map or a ranking: the figures are shown
# one by one as national evidence instead (the same threshold defines a "comparable" indicator in the catalogue).
MIN_COMPARABLE_STATES = 3
# Indicator tiers of the catalogue (data/indicators.yml), most comparable first.
TIERS = ["headline", "comparable", "national", "context"]


class CatalogueMixin:
    """What exists in the data (mixed into aseancop.Dataset, which holds the frames)."""

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

    @memo
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
        present = self._per_indicator()["sexes"].get(indicator, set())
        return [s for s in ("all", "female", "male") if s in present]

    def years_for(self, indicator: str, age: str | None = None) -> list[int]:
        years = self._per_indicator()["years"]
        bands = self.bands_of(age) if age else self._per_indicator()["bands"].get(indicator, set())
        return sorted(set().union(*(years.get((indicator, b), ()) for b in bands)))

    def _per_indicator(self) -> dict:
        """Per indicator, the sexes it has ('sexes') and its source bands ('bands'); per (indicator, band) the years
        ('years'): made once per Dataset, as the sidebar asks them for each new choice (a filter of every row each
        time was a third of the sidebar's CPU, py-spy)."""
        got = self.__dict__.get("_per_ind")
        if got is None:
            o = self.obs.dropna(subset=["year"])
            got = {"sexes": {i: set(g) for i, g in self.obs.groupby("indicator_id")["sex"]},
                   "bands": {i: set(g) for i, g in self.obs.groupby("indicator_id")["age_band"]},
                   "years": {k: {int(y) for y in g} for k, g in o.groupby(["indicator_id", "age_band"])["year"]}}
            self._per_ind = got
        return got

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

    # ------------------------------------------------------------------ age groups (age_groups.csv)
    def bands_in_group(self, code: str) -> list[str]:
        """The source age bands (codes in age_bands.csv order) that belong to age group `code`; [] if unknown."""
        return list(self._groups().get(code, ()))

    def _groups(self) -> dict[str, tuple[str, ...]]:
        """Age group -> its source bands in age_bands.csv order, made once per Dataset (asked for every indicator of
        every sidebar choice: a .at lookup a band each time was ~10% of a rerun's CPU, py-spy)."""
        got = self.__dict__.get("_band_groups")
        if got is None:
            b = self.age_bands
            got = {}
            if "age_group" in b.columns:
                for band, group in zip(b.index, b["age_group"]):
                    got.setdefault(group, []).append(band)
            got = self._band_groups = {g: tuple(bands) for g, bands in got.items()}
        return got

    def group_of_band(self, band: str) -> str | None:
        """The age group a source band belongs to, or None (unknown band, or a band that is not a filter choice)."""
        if "age_group" not in self.age_bands.columns or band not in self.age_bands.index:
            return None
        return self.age_bands.at[band, "age_group"] or None

    # ------------------------------------------------------------------ sources
    def source_short(self, source_id: str) -> str:
        """The short citation a chart prints for a source: its `citation` column in sources.csv (publisher · short
        title · year, written by hand, never a title cut mid-phrase); a source without one (a user upload, an older
        data folder) is named in full: publisher · title · date."""
        r = self.sources.loc[source_id]
        citation = r.get("citation") if "citation" in self.sources.columns else None
        if isinstance(citation, str) and citation.strip():
            return citation.strip()
        return " · ".join(str(r[k]) for k in ("publisher", "title", "date") if isinstance(r.get(k), str) and r[k])

    def sources_of(self, source_ids) -> list[str]:
        """Exactly the given sources that exist, each once, in a stable order (sources.csv order), whatever the
        order or repetition of the ids (a figure's rows come in any order)."""
        wanted = {s for s in source_ids if isinstance(s, str)}
        return [s for s in self.sources.index if s in wanted]

    def source_line(self, source_ids, limit: int | None = None) -> str:
        """The short citations of exactly these sources (sources_of order), joined by '; ': the first `limit` if
        given. components/wording.source_line adds the 'Source(s):' label and the count of the rest."""
        ids = self.sources_of(source_ids)
        return "; ".join(self.source_short(s) for s in (ids if limit is None else ids[:limit]))

    # ------------------------------------------------------------------ an empty view: where data do exist
    @memo
    def nearest_data(self, area=None, age=None, indicator=None, countries=None, sex=None, year=None) -> list[dict]:
        """For a filter choice without data, the nearest choices that have data, as facts (codes, numbers);
        components/wording.suggest words them. kinds: bands (the indicator's age bands), area_groups (the area's
        age groups), other_areas (areas with data for the age choice), countries, sexes, years."""
        out = []
        if indicator and age and not (self.bands_of(age) & set(self.age_bands_for(indicator=indicator))):
            out.append({"kind": "bands", "bands": self.age_bands_for(indicator=indicator)})
        if area and age and not self.indicators_for(area, age):
            out.append({"kind": "area_groups", "groups": self.age_groups_for(area=area)})
            others = [a for a in self.area_codes() if self.indicators_for(a, age)]
            if others:
                out.append({"kind": "other_areas", "areas": others})
        if indicator and countries:
            have = set(self.obs.loc[(self.obs["indicator_id"] == indicator) & (self.obs["area_kind"] == "member"), "iso3"])
            if not set(countries) & have:
                out.append({"kind": "countries", "states": [c for c in self.member_codes if c in have]})
        if indicator and sex and sex not in self.sexes_for(indicator):
            out.append({"kind": "sexes", "sexes": self.sexes_for(indicator)})
        if indicator and year and int(year) not in self.years_for(indicator):
            yrs = self.years_for(indicator)
            if yrs:
                out.append({"kind": "years", "years": yrs})
        return out
