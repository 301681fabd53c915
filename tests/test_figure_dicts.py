"""Charts built as plain dicts (charts.from_dict skips plotly's per-property validation at run time) are valid plotly
figures: validated here, over the states a reader can pick, in a language with long words and on a slide. A misspelt
property or a value out of range raises in `go.Figure(...)`; the validated figure must draw what the app sends."""

from __future__ import annotations

import itertools
import json
import os

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from aseancop import load_dataset_cached
from components import charts, views, wording
from components.filters import Filters
from components.i18n import use

DS = load_dataset_cached(os.environ.get("ASEANCOP_DATA_DIR") or None)
CODES = list(DS.member_codes)
SETS = [[]] + [[c] for c in CODES] + [list(p) for p in itertools.combinations(CODES, 2)][::3]


def _same_when_validated(fig: go.Figure, what) -> None:
    sent = fig.to_dict()
    checked = go.Figure(sent)  # raises ValueError on an invalid property or value
    # the same figure, as the browser gets it (JSON, keys in any order)
    assert json.loads(pio.to_json(checked, validate=False)) == json.loads(pio.to_json(sent, validate=False)), what


def _dict_built(states, present, lang):
    f = Filters(countries=states, present=present)
    codes = states or CODES
    yield "age", views._children_online_by_age(DS, f, codes, None)[0]
    if not present:
        yield "age phone", views._children_online_by_age(DS, f, codes, None, compact=True)[0]
    tot = DS.internet_series(states or None)
    if not tot.empty:
        yield "trend", views.trend_total_figure(DS, tot, present)
        if not present:
            yield "trend phone", views.trend_total_figure(DS, tot, False, compact=True)
    youth = DS.internet_series(states or None, youth=True)
    if not youth.empty:
        yield "youth", views.youth_trend_figure(DS, youth, present)
        if not present:
            yield "youth phone", views.youth_trend_figure(DS, youth, False, compact=True)
    for area in [None] + DS.area_codes():
        mat = DS.coverage(area=area, countries=states or None)
        if not mat.empty:
            yield "coverage", charts.coverage_heatmap(DS, mat, ("t", "s", "src"), present=present)
    tr = DS.tracker()
    tr = tr[tr["iso3"].isin(states)] if states else tr
    yield "tracker", charts.tracker_heatmap(DS, tr, ("t", "s", "src"), present=present)
    if not present:
        yield "tracker phone", charts.tracker_heatmap(DS, tr, ("t", "s", "src"), compact=True)
    nc = wording.localise(DS.filter(indicator="ncmec_cybertipline_reports", countries=states or None, members_only=True))
    if not nc.empty:
        nc["series"] = nc["area_name"]
        yield "ncmec", charts.trend_lines(DS, nc, ("t", "s", "src"), present=present, unit="count")


@pytest.mark.parametrize("lang,present", [("en", False), ("km", False), ("vi", True)])
def test_dict_built_charts_are_valid_plotly_figures(lang, present):
    seen = set()
    with use(lang):
        for states in SETS:
            for name, fig in _dict_built(states, present, lang):
                _same_when_validated(fig, (lang, present, states, name))
                seen.add(name)
    assert {"age", "trend", "youth", "ncmec", "coverage", "tracker"} <= seen


def test_an_invalid_property_in_a_dict_built_chart_is_caught():
    # the check above can fail: a misspelt property survives from_dict and is refused by validation
    fig = charts.from_dict({"data": [{"type": "scatter", "x": [1], "y": [2], "colour": "red"}], "layout": {}})
    with pytest.raises(ValueError, match="colour"):
        _same_when_validated(fig, "misspelt")


@pytest.mark.parametrize("lang", ["en", "km"])
def test_a_phone_trend_keeps_its_width_for_the_lines(lang):
    # beside a 390 px plot the legend ("East Asia & Pacific (World Bank region)") left the lines ~60 px: on a phone
    # the names go under the plot, a row reserved for every one or two of them, and the lines keep their height
    with use(lang):
        for states in SETS:
            tot = DS.internet_series(states or None)
            phone = views.trend_total_figure(DS, tot, False, compact=True)
            legend = phone.layout.legend
            assert legend.orientation == "h" and legend.yanchor == "bottom" and legend.entrywidthmode == "fraction", states
            per_row = round(1 / legend.entrywidth)
            names = [t.name for t in phone.data]
            assert per_row in (1, 2) and (per_row == 1 or max(len(n) for n in names) <= 20), (states, per_row)
            rows = -(-len(names) // per_row)
            assert phone.layout.margin.b >= rows * 19 + 40, states  # the legend's rows fit under the plot and its source
            plot = phone.layout.height - phone.layout.margin.t - phone.layout.margin.b
            assert plot >= charts.PHONE_PLOT_MIN, states  # and the lines keep their height
