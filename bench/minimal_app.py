"""The reference page for ratios: one widget and one chart, nothing else."""

import plotly.graph_objects as go
import streamlit as st

choice = st.selectbox("Pick", ["All priority areas", "Children online"])
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 2 if choice == "Children online" else 3, 3])))
