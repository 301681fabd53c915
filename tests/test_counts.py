"""The indicator picker's counts ("n of 11 states") and the age band a map uses agree with the map itself,
for every indicator and every age choice the sidebar offers."""

from __future__ import annotations


def _pick_age_by_scan(ds, indicator, age):
    """pick_age as it was written before the counts were precomputed (scans the observations)."""
    o = ds.obs
    bands = [c for c in ds.age_bands.index if c in set(o.loc[o["indicator_id"] == indicator, "age_band"])]
    if age in bands and age not in ds.age_groups.index:
        return age
    if not bands:
        return None
    wanted = [b for b in bands if b in (ds.bands_of(age) or set())]
    candidates = wanted or bands
    m = o[(o["indicator_id"] == indicator) & (o["area_kind"] == "member")]
    counts = m.groupby("age_band")["iso3"].nunique()
    return max(candidates, key=lambda b: (counts.get(b, 0), b == age, -bands.index(b)))


def _check(ds):
    ages = [None] + list(ds.age_groups.index)
    for ind in ds.indicator_meta:
        for age in ages:
            assert ds.pick_age(ind, age) == _pick_age_by_scan(ds, ind, age), (ind, age)
            shown = int(ds.latest(ind, age=age)["has_data"].sum())
            assert ds.states_with_data(ind, age) == shown, (ind, age)


def test_picker_counts_match_the_map_for_every_indicator_and_age(ds):
    _check(ds)
