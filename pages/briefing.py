"""Forum briefing (/briefing): a guided sequence of slides built from the data."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import briefing, filters
from components.boundary import section
from components.data import dataset

ds = dataset()
f = filters.current()
with section("briefing"):
    briefing.render(ds, f)
