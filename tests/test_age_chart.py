"""The "children online, by age" chart keeps room for its plot, whatever states a reader picks."""

from __future__ import annotations

import itertools
import os

import pytest

from aseancop import load_dataset_cached
from components import views
from components.filters import Filters

DS = load_dataset_cached(os.environ.get("ASEANCOP_DATA_DIR") or None)
CODES = list(DS.member_codes)
SETS = [[c] for c in CODES] + [list(p) for p in itertools.combinations(CODES, 2)] + [CODES]


@pytest.mark.parametrize("compact", [False, True], ids=["wide", "phone"])
def test_every_state_row_has_room_between_the_title_and_the_sources(compact):
    # three states with a long wrapped title and source list once left 420 px for 504 px of margins: no plot at all
    for states in SETS:
        fig = views._children_online_by_age(DS, Filters(countries=states), states, None, compact=compact)[0]
        lay = fig.layout
        plot = lay.height - lay.margin.t - lay.margin.b
        rows = len(lay.yaxis.ticktext)
        assert rows == len(states), states  # one row a state, a state without figures too (it says No data)
        assert plot >= 30 * rows, (states, lay.height, lay.margin.t, lay.margin.b)
