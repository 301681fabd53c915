"""The reference page of the benchmark: the cheapest page that does what the dashboard's pages do.

One selectbox and one choropleth of the 11 member states, drawn from the project's own GeoJSON with the
app's offline configuration (local topojson stub, hidden base map, fitted bounds). Every page of the app is
measured against this page in the same run (bench/run.py), so ratios hold on a busy machine.
Run from the repository root: `streamlit run bench/reference_app.py` (bench/static points at ../static).
"""

import json
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

GEOJSON = Path(__file__).resolve().parents[1] / "data" / "geo" / "asean_admin0.geojson"
CONFIG = {"topojsonURL": "/app/static/", "displaylogo": False}


@st.cache_resource
def shapes() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


gj = shapes()
codes = [f["properties"]["iso3"] for f in gj["features"]]
choice = st.selectbox("Pick", ["All priority areas", "Children online"])
# shade by a true numeric property of each shape (label point, area: whatever the file carries): no figure is made up
numeric = [k for k, v in gj["features"][0]["properties"].items() if isinstance(v, (int, float))] or [None]
prop = numeric[0] if choice == "Children online" else numeric[-1]
z = [f["properties"][prop] if prop else i for i, f in enumerate(gj["features"])]
fig = go.Figure(go.Choropleth(geojson=gj, featureidkey="properties.iso3", locations=codes, z=z, colorscale="Viridis",
                                hovertext=[f["properties"]["name"] for f in gj["features"]]))
fig.update_geos(visible=False, fitbounds="locations", projection_type="mercator")
fig.update_layout(height=560, margin={"l": 10, "r": 10, "t": 30, "b": 10})
st.plotly_chart(fig, config=CONFIG, width="stretch")
