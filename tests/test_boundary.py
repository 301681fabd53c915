"""Error boundaries: one failing section shows a plain message with a way out; the rest of the page, the sidebar
and the navigation keep working; the traceback goes to the server log with the filter state, never to the reader."""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def _open(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    return at


def _boom(*args, **kwargs):
    raise RuntimeError("secret internal detail /srv/app/components/charts.py line 42")


def test_streamlit_is_configured_never_to_show_tracebacks():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["client"]["showErrorDetails"] == "none"


def test_a_failing_section_leaves_the_rest_of_the_page_and_the_sidebar_working(monkeypatch, caplog):
    from components import charts

    monkeypatch.setattr(charts, "tracker_heatmap", _boom)
    with caplog.at_level(logging.ERROR, logger="aseancop.app"):
        at = _open("pages/priority_areas.py", country=["PHL", "THA"], area="legal")
    assert not at.exception
    assert at.session_state["_boundary_failures"] == ["tracker"]
    warnings = [w.value for w in at.warning]
    assert any("could not be drawn for these filters" in w for w in warnings), warnings
    # what was asked is said, as plain text
    asked = " ".join(t.value for t in at.text)
    assert "PHL" in asked and "THA" in asked and "legal" in asked
    # no traceback or internal detail reaches the reader
    everything = " ".join([w.value for w in at.warning] + [m.value for m in at.markdown] + [t.value for t in at.text]
                          + [c.value for c in at.code] + [e.value for e in at.error])
    assert "secret internal detail" not in everything and "Traceback" not in everything
    # the next section (drill-down) and the sidebar still work
    assert at.selectbox(key="trk_area").value == "legal"
    assert at.selectbox(key="f_area").value == "legal"
    # the server log has the traceback and the filter state
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "RuntimeError: secret internal detail" in logged and "'countries': ['PHL', 'THA']" in logged


def test_reset_filters_button_in_the_message_clears_the_filters(monkeypatch):
    from components import charts

    monkeypatch.setattr(charts, "tracker_heatmap", _boom)
    at = _open("pages/priority_areas.py", country=["PHL", "THA"], area="legal")
    at.button(key="_boundary_reset_tracker").click().run()
    assert at.session_state["f_countries"] == []
    assert at.session_state["f_area"] == ""
    assert at.selectbox(key="f_area").value == ""


def test_an_error_in_a_page_outside_its_sections_is_caught_by_the_page_boundary(monkeypatch):
    from components import layout

    monkeypatch.setattr(layout, "header", _boom)
    at = _open("pages/trends.py")
    assert not at.exception
    assert "page" in at.session_state["_boundary_failures"]
    assert at.selectbox(key="f_area") is not None  # sidebar drawn before the page


def test_tracker_with_any_country_subset_draws_all_chosen_states_only():
    at = _open("pages/priority_areas.py", country=["PHL", "THA"])
    assert not at.exception and not at.session_state["_boundary_failures"]
    import json

    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    heat = fig["data"][0]
    assert heat["y"] == ["Philippines", "Thailand"]
    cells = [c for row in heat["text"] for c in row]
    assert len(cells) == 2 * 7
    assert all(c == "No data" or "indicator" in c for c in cells), cells
    assert not any(c.startswith("0 ") for c in cells)
