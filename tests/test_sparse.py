"""Sparse evidence made navigable: no lonely maps. For every priority area and age option the sidebar offers, the
map explorer raises nothing and never colours fewer than 3 member states: with fewer, it shows national evidence
cards (value as published, age band, year, source) and says that the others have no comparable figure."""

from __future__ import annotations

import json

import pytest

from aseancop import MIN_COMPARABLE_STATES
from components import filters
from test_pages import DS, figures, no_exception, run_page

COMBOS = [(area, age) for area in [""] + DS.area_codes() for age in filters.age_choices(DS, area)]


def coloured_states(at) -> int | None:
    """How many member states a choropleth on the page colours (None: no choropleth drawn)."""
    for fig in figures(at):
        traces = [t for t in fig["data"] if t["type"] == "choropleth"]
        if traces:
            return sum(len(t.get("locations", [])) for t in traces if t.get("name") != "No data")
    return None


@pytest.mark.parametrize("area,age", COMBOS, ids=[f"{a or 'all'}-{g or 'all'}" for a, g in COMBOS])
def test_map_never_colours_fewer_than_three_states(area, age):
    params = {k: v for k, v in (("area", area), ("age", age)) if v}
    at = run_page("map", **params)
    no_exception(at)
    n = coloured_states(at)
    if n is not None:
        assert n >= MIN_COMPARABLE_STATES, f"lonely map: {n} state(s) coloured for area={area!r} age={age!r}"
    else:
        infos = " ".join(i.value for i in at.info) + " ".join(w.value for w in at.warning)
        assert "National evidence" in infos or "No data" in infos, infos


def test_thin_indicator_shows_one_card_per_state_with_its_band_year_and_source():
    # an indicator that only Thailand publishes for ages 6-14 (national statistics)
    ind = next(i for i in DS.indicators_for("online") if int(DS.latest(i)["has_data"].sum()) == 1)
    at = run_page("map", area="online", indicator=ind)
    no_exception(at)
    assert coloured_states(at) is None
    latest = DS.latest(ind)
    row = latest[latest["has_data"]].iloc[0]
    info = " ".join(i.value for i in at.info)
    assert "only 1 of 11 member states has this figure" in info
    assert all(n in info for n in latest.loc[~latest["has_data"], "name"])
    assert row["display"] in [m.value for m in at.metric]
    captions = " ".join(c.value for c in at.caption)
    assert str(int(row["year"])) in captions and row["age_label"] in captions
    assert any(row["source_url"] in m.value for m in at.markdown if m.value.startswith("Source:"))


def test_compare_shows_evidence_instead_of_a_ranking_of_one_state():
    ind = next(i for i in DS.indicators_for("online") if int(DS.latest(i)["has_data"].sum()) == 1)
    at = run_page("compare", area="online", indicator=ind)
    no_exception(at)
    ranked = [t for fig in figures(at) for t in fig["data"] if t["type"] == "bar" and t.get("orientation") == "h"]
    assert not ranked, "a ranking of fewer than 3 states was drawn"
    assert any("National evidence" in i.value for i in at.info)


def test_age_filter_offers_reader_facing_groups_only():
    at = run_page("map")
    no_exception(at)
    options = at.selectbox(key="f_age").options
    assert options[0] == "All age groups"
    assert set(options[1:]) <= set(DS.age_groups["label"])
    for odd in ("All ages except 15–24", "Age not stated", "Students aged 5–24", "Ages 15–49"):
        assert odd not in options


def test_an_exact_band_in_an_old_link_opens_its_age_group_and_says_so():
    at = run_page("map", age="13-17")
    no_exception(at)
    assert at.session_state["f_age"] == "12-17"
    assert any("shown under the age group 'Adolescents (12–17)'" in i.value for i in at.info)


def test_a_band_that_is_not_a_filter_choice_falls_back_to_all_ages_with_a_note():
    at = run_page("map", age="unstated")
    no_exception(at)
    assert at.session_state["f_age"] == ""
    assert any("not an age group you can filter by" in i.value for i in at.info)


def test_indicator_picker_says_tier_and_coverage():
    at = run_page("map", area="online")
    labels = at.selectbox(key="f_indicator").options
    assert labels[0].startswith("Headline · ")
    assert any(label.startswith("Comparable · ") for label in labels)
    n = [int(label.rsplit(" · ", 1)[1].split("/")[0]) for label in labels]
    assert max(n) == 11 and all(label.endswith("/11") for label in labels)
