"""The one place where Streamlit meets the data layer: load once per process, share across sessions."""

from __future__ import annotations

import html
import os

import streamlit as st

from aseancop import DataError, Dataset, load_dataset_cached

from .i18n import DEFAULT, STATE_KEY, _, normalise, use
from .issues import message


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
        with use(_reader_language()):
            st.error(_("The dashboard cannot start because its data files failed validation. Nothing was changed."))
            st.markdown("**" + _("What is wrong and where:") + "**")
            st.code("\n".join(_issue_line(i) for i in exc.issues[:50])
                    + ("\n" + _("... and {n} more problem(s)").format(n=len(exc.issues) - 50) if len(exc.issues) > 50 else ""),
                    language=None)
            st.caption(_("Fix the files in data/ (see data/README.md), then reload this page."))
        st.stop()
    except Exception as exc:  # unexpected: still no traceback for the reader
        with use(_reader_language()):
            st.error(_("The dashboard could not load its data: {error}").format(
                error=html.escape(type(exc).__name__) + ": " + html.escape(str(exc))[:500]))
        st.stop()


def _reader_language() -> str:
    """The reader's language even before the sidebar has read the link (the data loads first)."""
    code = st.session_state.get(STATE_KEY) or normalise(st.query_params.get("lang"))
    return code or DEFAULT


def _issue_line(issue) -> str:
    """file, line, column: message, in the reader's language (file and column names stay as they are)."""
    where = issue.file
    if issue.row is not None:
        where += ", " + _("line {n}").format(n=issue.row)
    if issue.column:
        where += ", " + _("column '{column}'").format(column=issue.column)
    return f"{where}: {message(issue.message)}"
