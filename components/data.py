"""The one place where Streamlit meets the data layer: load once per process, share across sessions."""

from __future__ import annotations

import html
import os

import streamlit as st

from aseancop import DataError, Dataset, load_dataset_cached


@st.cache_resource(show_spinner=False)
def _load(data_dir: str | None) -> Dataset:
    """Loaded and validated once per process (per data folder), kept validated on disk for the next start
    (aseancop.cache); shared read-only by every session."""
    return load_dataset_cached(data_dir)


def dataset() -> Dataset:
    """The validated dataset (plus this session's uploaded rows, if any), or an error page naming each problem."""
    try:
        # ASEANCOP_DATA_DIR lets tests and deployments point at another copy of data/ (read-only use)
        base = _load(os.environ.get("ASEANCOP_DATA_DIR") or None)
        rows = st.session_state.get("user_rows")
        if rows is None or rows.empty:
            return base
        cached = st.session_state.get("_overlay")
        if not cached or cached[0] is not rows:  # the rows object itself is kept: identity cannot be reused
            cached = (rows, base.with_user_rows(rows))
            st.session_state["_overlay"] = cached
        return cached[1]
    except DataError as exc:
        st.error("The dashboard cannot start because its data files failed validation. Nothing was changed.")
        st.markdown("**What is wrong and where:**")
        st.code(exc.summary(limit=50), language=None)
        st.caption("Fix the files in data/ (see data/README.md), then reload this page.")
        st.stop()
    except Exception as exc:  # unexpected: still no traceback for the reader
        st.error("The dashboard could not load its data: " + html.escape(type(exc).__name__) + ": " + html.escape(str(exc))[:500])
        st.stop()
