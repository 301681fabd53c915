"""Error boundaries: an unexpected error in one section never takes the page, the sidebar or the navigation with it.

Streamlit stops a script where an uncaught error happens, so everything below it would be missing, and it would
show a traceback (unless `client.showErrorDetails` hides it, which .streamlit/config.toml does). Each page body and
each independent section runs inside `section(...)`: on an unexpected error the reader gets a plain message (what
was asked, a *Reset filters* button), the server log gets the traceback with the filter state, and the script goes
on with the next section. Streamlit's own control flow (st.rerun, st.stop, st.switch_page) passes through.
"""

from __future__ import annotations

import logging
import traceback
from contextlib import contextmanager

import streamlit as st

from .i18n import _

try:  # Streamlit's control-flow exceptions must never be swallowed
    from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException
except ImportError:  # pragma: no cover - other Streamlit versions
    from streamlit.runtime.scriptrunner.exceptions import ScriptControlException  # type: ignore

log = logging.getLogger("aseancop.app")

FAILURES_KEY = "_boundary_failures"  # the sections that failed in this run (tests read it; reset by begin_run)
FILTER_KEYS = ("f_area", "f_age", "f_countries", "f_indicator", "f_sex", "f_year", "f_present")


def filter_state() -> dict:
    """The filter state of this session, for the log line and the message."""
    ss = st.session_state
    state = {k[2:]: ss.get(k) for k in FILTER_KEYS if k in ss}
    try:
        state["page"] = st.context.url if hasattr(st, "context") else ""
    except Exception:  # pragma: no cover - outside a browser session
        state["page"] = ""
    return state


def _asked_text(state: dict) -> str:
    parts = []
    for k in ("area", "age", "countries", "indicator", "sex", "year"):
        v = state.get(k)
        if v in (None, "", [], "latest", "all"):
            continue
        parts.append(f"{k}: {', '.join(map(str, v)) if isinstance(v, (list, tuple)) else v}")
    return "; ".join(parts) or _("all filters at their defaults")


def _reset_filters() -> None:
    ss = st.session_state
    ss["f_area"], ss["f_age"], ss["f_countries"], ss["f_sex"], ss["f_year"] = "", "", [], "all", "latest"
    ss.pop("f_indicator", None)


def begin_run() -> None:
    """Called once at the top of every run (app.py): no section has failed yet."""
    st.session_state[FAILURES_KEY] = []


def report(name: str, exc: BaseException) -> None:
    """Log the traceback with the filter state; show the reader a plain message with a way out."""
    state = filter_state()
    st.session_state.setdefault(FAILURES_KEY, []).append(name)
    log.error("Section %r failed for filters %s\n%s", name, state,
              "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    with st.container(border=True):
        st.warning(_("This view could not be drawn for these filters. The rest of the page still works."),
                   icon=":material/error:")
        # plain text: the filter values may come from a link, so they are never rendered as markdown or HTML
        st.text(_("You asked for: {filters}").format(filters=_asked_text(state)))
        try:
            st.button(_("Reset filters"), key=f"_boundary_reset_{name}", on_click=_reset_filters,
                      help=_("Back to all priority areas, age groups and member states."))
        except Exception:  # noqa: BLE001 - a second failure of the same section in one run: one button is enough
            pass


@contextmanager
def section(name: str):
    """Run a block; an unexpected error becomes a message in its place (see module docstring)."""
    try:
        yield
    except ScriptControlException:
        raise
    except Exception as exc:  # noqa: BLE001 - this is the boundary
        report(name, exc)
