"""The tracker's colour is what is in place, not how much evidence there is (issue 18): a reader takes dark for
"done", so a cell with one measure in place out of four must never look like one with everything in place, and
"not checked" and "No data" must look different from "none in place". The same rule for the coverage heat map's
Yes/No cells. Checked on the real figures drawn from data/."""

from __future__ import annotations

import pandas as pd

from components import charts


def cell(fig, ds, iso3: str, area: str):
    hm = fig.data[0]
    areas = [a for a in ds.area_codes() if a != "online"]
    codes = [c for c in ds.member_codes]
    return hm.z[codes.index(iso3)][areas.index(area)], hm.text[codes.index(iso3)][areas.index(area)]


def test_tracker_colour_is_the_status_of_the_measures_checked(ds):
    tr = ds.tracker()
    fig = charts.tracker_heatmap(ds, tr, ("t", "s", "src"))
    words = fig.data[0].colorbar.ticktext
    assert [w.replace("<br>", " ") for w in words] == ["No data", "not checked", "none in place", "some in place",
                                                       "all in place"]
    seen = set()
    for r in tr.itertuples():
        z, text = cell(fig, ds, r.iso3, r.area)
        expected = (0 if not r.with_data else 1 if not r.checked else 2 if r.in_place == 0
                    else 4 if r.in_place == r.checked else 3)
        assert z == expected, (r.iso3, r.area, r.with_data, r.in_place, r.checked, z)
        seen.add(z)
        if r.with_data:  # the evidence count stays as text
            assert f"{r.with_data} indicator" in text
        else:
            assert text == "No data"
    assert seen == {0, 1, 2, 3, 4}, "the shipped data shows every status; a missing one means the rule changed"


def test_a_partly_done_cell_never_looks_like_a_complete_one(ds):
    tr = ds.tracker()
    fig = charts.tracker_heatmap(ds, tr, ("t", "s", "src"))
    colour = {code: charts.STATUS_STEPS[code] for code in range(5)}
    assert len(set(colour.values())) == 5 and charts.NO_DATA_COLOUR == colour[0]
    partial = tr[(tr["checked"] > 1) & (tr["in_place"] > 0) & (tr["in_place"] < tr["checked"])]
    complete = tr[(tr["checked"] > 0) & (tr["in_place"] == tr["checked"])]
    assert not partial.empty and not complete.empty
    zs_partial = {cell(fig, ds, r.iso3, r.area)[0] for r in partial.itertuples()}
    zs_complete = {cell(fig, ds, r.iso3, r.area)[0] for r in complete.itertuples()}
    assert zs_partial == {3} and zs_complete == {4}
    # and the colours drawn for those codes differ: the scale maps code k to STATUS_STEPS[k]
    flat = {c for p, c in fig.data[0].colorscale}
    assert flat == set(charts.STATUS_STEPS)


def test_coverage_yes_no_cells_are_status_and_other_values_neutral(ds):
    mat = ds.coverage(area="legal")
    fig = charts.coverage_heatmap(ds, mat, ("t", "s", "src"))
    z = pd.DataFrame(fig.data[0].z, index=mat.index, columns=mat.columns)
    assert ((mat == "Yes") == (z == 3)).all().all() and ((mat == "No") == (z == 2)).all().all()
    assert ((mat == "No data") == (z == 0)).all().all()
    assert (mat == "No").any().any() and (mat == "Yes").any().any()
    words = [w.replace("<br>", " ") for w in fig.data[0].colorbar.ticktext]
    assert words == ["No data", "a published value", "measure not in place (No)", "measure in place (Yes)"]
