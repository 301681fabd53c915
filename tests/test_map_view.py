"""The map page's view switch: the map and ranking by default, the 3-D view when asked, and back again."""

from __future__ import annotations

import json

from test_pages import no_exception, run_page


def _kinds(at) -> set[str]:
    kinds = set()
    for el in at.get("plotly_chart"):
        kinds |= {t["type"] for t in json.loads(el.proto.spec)["data"]}
    return kinds


def test_map_page_switches_between_map_and_3d_view():
    at = run_page("map")
    no_exception(at)
    assert "choropleth" in _kinds(at) and "bar" in _kinds(at)
    assert not at.get("deck_gl_json_chart"), "the 3-D view is drawn although the reader did not ask for it"

    at.segmented_control(key="map_view").set_value("3-D view").run()
    no_exception(at)
    decks = at.get("deck_gl_json_chart")
    assert len(decks) == 1, "choosing the 3-D view shows no 3-D deck"
    spec = json.loads(decks[0].proto.json)
    columns = next(layer for layer in spec["layers"] if layer["@@type"] == "ColumnLayer")
    assert len(columns["data"]) == 11, "the 3-D view should stand a column on each member state's capital"
    assert "choropleth" not in _kinds(at)
    # the data table and the sources stay below the view either way
    assert at.get("arrow_data_frame") or at.dataframe

    at.segmented_control(key="map_view").set_value("Map and ranking").run()
    no_exception(at)
    assert "choropleth" in _kinds(at) and not at.get("deck_gl_json_chart")


def test_a_filter_state_shows_the_same_figures_however_the_reader_got_there():
    """Figures are cached per filter state and shared between sessions: the same state must show the same charts
    whether it was opened from a link or reached by changing a filter, and another state must not."""
    linked = run_page("map", area="online")
    clicked = run_page("map")
    before = [el.proto.spec for el in clicked.get("plotly_chart")]
    clicked.sidebar.selectbox(key="f_area").select("online").run()
    no_exception(linked)
    no_exception(clicked)
    assert clicked.session_state["f_indicator"] == linked.session_state["f_indicator"]
    after = [el.proto.spec for el in clicked.get("plotly_chart")]
    assert after == [el.proto.spec for el in linked.get("plotly_chart")]
    assert after != before
