"""Care for readers: a sensitive-content note and "Where to get help" (each member state's sourced child helpline)
on pages and slides that show abuse figures. The rule for "shows abuse figures" lives in aseancop.helplines."""

from __future__ import annotations

import streamlit as st

from aseancop import Dataset, helplines

from . import wording
from .i18n import _

_CACHE: dict = {}


def lines(ds: Dataset) -> list[helplines.Helpline]:
    key = ds.token
    got = _CACHE.get(key)
    if got is None:
        got = _CACHE[key] = helplines.load(ds.data_dir, ds.member_codes, ds.sources.index)
    return got


def abuse_indicators(ds: Dataset) -> set[str]:
    return {i for i, m in ds.indicator_meta.items() if helplines.is_abuse_indicator(i, m)}


def page_shows_abuse(ds: Dataset, path: str, indicator: str | None, area: str = "", age: str = "") -> bool:
    """Does this page, with these filters, show abuse figures? (briefing slides decide per slide.)"""
    path = (path or "").strip("/")
    if path in ("", "overview"):
        return True  # the headline cards include online sexual exploitation and abuse
    if path in ("map", "compare"):
        return bool(indicator) and indicator in abuse_indicators(ds)
    if path in ("country", "data", "priority-areas"):
        return bool(abuse_indicators(ds) & set(ds.indicators_for(area or None, age or None)))
    return False  # trends (internet use), briefing (per slide), anything new until it says otherwise


def note_text() -> str:
    return _("This page shows figures about the sexual exploitation and abuse of children. "
             "If it touches you or a child you know, help is available.")


def help_entries(ds: Dataset, countries: list[str] | None = None) -> list[tuple[str, str]]:
    """(state, "Name number; Name number" or the no-helpline sentence), in the reader's language, for the states given
    (all member states when none)."""
    states = helplines.by_state(lines(ds), ds.member_codes)
    out = []
    for iso in (countries or ds.member_codes):
        found = states.get(iso, [])
        text = "; ".join(h.name if h.name.endswith(h.number) else f"{h.name} {h.number}" for h in found) if found \
            else _("No helpline found in our sources")
        out.append((wording.country_name(ds, iso), text))
    return out


def help_line(ds: Dataset, countries: list[str] | None = None) -> str:
    return _("Where to get help:") + " " + " · ".join(f"{state}: {text}" for state, text in help_entries(ds, countries))


def help_sources(ds: Dataset, countries: list[str] | None = None) -> list[str]:
    return list(dict.fromkeys(h.source_id for h in lines(ds) if not countries or h.iso3 in countries))


COMPACT_CSS = """
<style>
.st-key-care_note_compact { gap: 0 !important; }
.st-key-care_note_compact [data-testid="stCaptionContainer"], .st-key-care_note_compact [data-testid="stCaptionContainer"] p {
  font-size: 13px !important; line-height: 1.3 !important; }
</style>
"""


def show(ds: Dataset, countries: list[str] | None = None, compact: bool = False) -> None:
    """The note and the help line, as plain text (names and numbers come from data/: never rendered as markup).
    A broken helplines.csv is named (file, line, column) and the page still shows; no helpline is guessed."""
    from aseancop import DataError

    if compact:  # presentation mode: the same words in small type, so the projected page still fits the screen
        st.html(COMPACT_CSS)
    with st.container(key="care_note_compact" if compact else "care_note"):
        if compact:
            st.caption("**" + _md(note_text()) + "**")
        else:
            st.info(note_text(), icon=":material/favorite:")
        try:
            st.caption(_md(help_line(ds, countries)) + "  \n" + _md(wording.source_line(ds, help_sources(ds, countries), limit=2)))
        except DataError as exc:
            st.warning(_("The list of helplines could not be read, so none is shown: {problems}").format(
                problems=_md(exc.summary(3))), icon=":material/error:")


def for_page(ds: Dataset, path: str, f) -> None:
    from .filters import resolved_indicator

    try:
        ind = resolved_indicator(ds, f)
    except Exception:
        ind = None
    if page_shows_abuse(ds, path, ind, f.area, f.age):
        show(ds, f.countries or None, compact=f.present)


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#|~$" else ch for ch in str(text))
