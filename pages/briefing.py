"""Forum briefing (/briefing): a guided sequence of slides built from the data."""

from components.bootstrap import ensure_navigation

ensure_navigation()

import streamlit as st

from components import briefing, filters
from components.data import dataset

ds = dataset()
f = filters.current()
briefing.render(ds, f)
