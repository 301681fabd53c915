"""Make sure app.py (st.navigation, shared filters) runs even when the first visit opens a deep link.

Streamlit keeps a per-process flag for the old `pages/` folder convention: until some session has run
app.py's st.navigation, a first visit to e.g. /map would execute pages/map.py on its own (no sidebar
filters, no page config). Page files call `ensure_navigation()` first: if that legacy mode is active,
switch it off and rerun, so app.py routes the same URL through st.navigation.
"""

import streamlit as st


def ensure_navigation() -> None:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # pragma: no cover - older/newer Streamlit without the legacy flag
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
