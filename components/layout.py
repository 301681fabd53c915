"""Page furniture: headers, presentation mode, source footnotes, tables and downloads."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from aseancop import Dataset

from . import wording
from .i18n import N_, _

CITATION = N_("ASEAN Child Online Protection Dashboard (open source), data compiled from the sources listed in each row. "
              "Retrieved {date}.")
LICENCE_NOTE = N_("Figures remain the property of their publishers and are cited with attribution (see the source and "
                  "licence columns). Boundaries: Natural Earth, public domain.")

# Static CSS only: no data-derived or user-supplied text ever goes into this string.
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
[data-testid="stHeader"], [data-testid="stDecoration"] { display: none !important; }
.stMainBlockContainer, .block-container { max-width: 100% !important; padding-top: 1rem !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px !important; color: #000 !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.15rem !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 3.6rem !important; font-weight: 700 !important; }

[data-testid="stMetricLabel"] p { font-size: 1.2rem !important; }
h1 { font-size: 2.6rem !important; } h2 { font-size: 2.0rem !important; }
/* captions (sources, ages, years, the QR link) at full strength: Streamlit fades them to 60% opacity, which puts
   grey text and links below the WCAG AA contrast of 4.5:1 (axe: color-contrast) */
[data-testid="stCaptionContainer"] { color: #333 !important; opacity: 1 !important; }
/* a chart with a phone form: the phone's below 641 px (where Streamlit stacks columns), the full one above; a
   hidden chart is not drawn at all (Streamlit draws a chart only in a container with a width) */
@media (max-width: 640px) { [class*="st-key-wideform_"] { display: none !important; } }
@media (min-width: 641px) { [class*="st-key-phoneform_"] { display: none !important; } }
</style>
"""
BASE_CSS = """
<style>
/* a wider sidebar: the indicator picker's options carry tier, title and coverage */
[data-testid="stSidebar"][data-collapsed="false"] { min-width: 400px !important; }

[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 2.1rem; font-weight: 600; }
/* a range such as 40.8–99.0% wraps instead of being cut to "40.8–99.…" */
[data-testid="stMetricValue"] * { white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
/* Streamlit fades captions to 60% opacity: #444 became #8f8f8f, 3.2:1 on white, below the WCAG AA 4.5:1 */
[data-testid="stCaptionContainer"] { color: #444 !important; opacity: 1 !important; }
/* the one-line filter summary is for screens where the sidebar starts closed (Streamlit's "auto": phones) */
@media (min-width: 768px) { .st-key-filter_line { display: none !important; } }
.st-key-filter_line [data-testid="stCaptionContainer"] { flex: 1 1 12rem; }
.aseancop-open-filters { font: inherit; font-size: 0.875rem; padding: 0.3rem 0.75rem; border-radius: 0.5rem;
  border: 1px solid #12355b; background: #fff; color: #12355b; cursor: pointer; white-space: nowrap; }
/* a chart with a phone form: the phone's below 641 px (where Streamlit stacks columns), the full one above; a
   hidden chart is not drawn at all (Streamlit draws a chart only in a container with a width) */
@media (max-width: 640px) { [class*="st-key-wideform_"] { display: none !important; } }
@media (min-width: 641px) { [class*="st-key-phoneform_"] { display: none !important; } }
</style>
"""


# Static script: the only value put into it is a language code from i18n.LANGUAGES (never reader text).
LANG_SCRIPT = "<script>document.documentElement.lang = {code!r};</script>"
# Streamlit's file uploader writes its own English words ("Upload", "1MB per file") with no parameter to change them:
# they are hidden and the translated words drawn in their place. The words come from the catalogues (never from a
# reader) and are written as CSS strings with every character escaped (`_css_string`).
UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: {upload}; font-size: 0.875rem; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0 !important; }}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: {limit}; font-size: 0.875rem; }}
</style>"""


def _css_string(text: str) -> str:
    """A CSS string literal that cannot close its rule: every character outside [A-Za-z0-9] as a CSS escape (a space
    too: CSS swallows one space after an escape)."""
    return '"' + "".join(ch if ch.isascii() and ch.isalnum() else f"\\{ord(ch):06x}" for ch in text) + '"'
# Static script, no values put into it: each chart's picture (Plotly's first SVG) becomes an image whose alt text is
# the chart's own text alternative, copied from the "Chart description" expander that export.show() puts right under
# it (as text, with setAttribute: nothing is parsed as HTML). Streamlit's plotly element takes no alt or ARIA label.
# One observer per browser tab, relabelling after the page changes (reruns, redraws, other pages).
CHART_ALT_SCRIPT = """<script>
(() => {
  if (window.__aseancopChartAlt) return;
  window.__aseancopChartAlt = true;
  const label = () => {
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
      const box = chart.closest('[data-testid="stElementContainer"]');
      const next = box && box.nextElementSibling;
      const text = next && next.querySelector('[data-testid="stExpander"] [data-testid="stText"]');
      const svg = chart.querySelector('svg.main-svg');
      if (!text || !svg) continue;
      const alt = text.textContent.trim();
      if (alt && svg.getAttribute('aria-label') !== alt) {
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', alt);
      }
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (!queued) { queued = true; setTimeout(() => { queued = false; label(); }, 100); }
  }).observe(document.body, {childList: true, subtree: true});
  label();
})();
</script>"""


def apply_mode(present: bool) -> None:
    st.html(PRESENT_CSS if present else BASE_CSS)
    set_page_language()


def set_page_language() -> None:
    """Streamlit fixes `<html lang="en">` (streamlit/streamlit#15726): set it to the reader's language so screen
    readers read Thai as Thai. The code comes from the fixed list of languages, so nothing a reader typed is written."""
    from .i18n import LANGUAGES, lang

    code = lang()
    code = code if code in LANGUAGES else "en"
    # In the sidebar: an element in the main column adds a row gap, and a slide at 1280×720 would overflow by it.
    # One element for both scripts (the chart alt text: see CHART_ALT_SCRIPT).
    st.sidebar.html(LANG_SCRIPT.format(code=code) + CHART_ALT_SCRIPT, unsafe_allow_javascript=True)
    if code != "en":
        st.sidebar.html(UPLOADER_CSS.format(upload=_css_string(_("Upload")),
                                            limit=_css_string(_("At most 1 MB per file"))))


def header(title: str, intro: str = "") -> None:
    st.title(title)
    if intro:
        st.markdown(intro)


def source_footnote(ds: Dataset, rows: pd.DataFrame) -> None:
    """List the sources behind the rows shown, with links (text only, escaped by Streamlit's markdown)."""
    ids = [s for s in dict.fromkeys(rows["source_id"]) if isinstance(s, str)]
    if not ids:
        return
    with st.expander(_("Sources ({n})").format(n=len(ids)), expanded=False):
        src = ds.sources.loc[ids]
        # titles stay as published (a citation names the work); the date words and the licence are translated
        st.markdown("\n".join(f"- {_md(r.publisher)}: [{_md(r.title)}]({r.url}) ({_md(wording.data_text(r.date))}) · "
                              f"{_md(wording.data_text(r.licence))}"
                              for r in src.itertuples()))  # one element, not one per source: fewer to send and draw


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#|~$" else ch for ch in str(text))


def caveats(ds: Dataset, indicator: str) -> None:
    st.markdown("**" + _("What it measures.") + f"** {_md(wording.description(ds, indicator))}")
    notes = wording.caveats(ds, indicator)
    if notes:
        st.markdown("**" + _("Read with care:") + "**\n" + "\n".join(f"- {_md(c)}" for c in notes))


def table_frame(ds: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    """The columns a reader needs, in plain words (CSV exports keep these English headers: stable for re-use;
    on screen, `on_screen()` words headers and names in the reader's language)."""
    out = pd.DataFrame({
        N_("Country or area"): rows["area_name"],
        N_("ISO3 / area code"): rows["iso3"],
        N_("Indicator"): rows["indicator"],
        N_("Indicator id"): rows["indicator_id"],
        N_("Age band"): rows["age_label"],
        N_("Sex"): rows["sex"],
        N_("Year"): rows["year"],
        N_("Value (as published)"): rows["display"],
        N_("Value"): rows["value"],
        N_("Lower"): rows["lower"],
        N_("Upper"): rows["upper"],
        N_("Qualifier"): rows["qualifier_text"],
        N_("Unit"): rows["unit"],
        N_("Source"): rows["source_title"],
        N_("Publisher"): rows["source_publisher"],
        N_("Where in the source"): rows["locator"],
        N_("Source link"): rows["source_url"],
        N_("Note"): rows["note"],
    })
    return out.reset_index(drop=True)


def on_screen(ds: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    """A table_frame() for the screen: headers, names, age bands, sexes and qualifiers in the reader's language
    (values, source titles and notes stay as published)."""
    out = table.copy()
    for col, word in (("Country or area", wording.data_text), ("Indicator", wording.data_text),
                      ("Age band", wording.data_text), ("Sex", wording.sex_words),
                      ("Qualifier", wording.qualifier_words_text), ("Value (as published)", wording.display)):
        if col in out:
            out[col] = out[col].map(_once(word))
    return out.rename(columns=lambda c: _(c))


def _once(word):
    """`word` asked once per distinct text of a column (a table repeats its countries, bands and sexes hundreds of
    times; each wording reads the session's language): what it gives for anything else is asked each time."""
    seen: dict = {}

    def once(v):
        if not isinstance(v, str):
            return word(v)
        got = seen.get(v)
        if got is None:
            got = seen[v] = word(v)
        return got
    return once


def for_display(df: pd.DataFrame) -> pd.DataFrame:
    """Repeated text columns as categories: Arrow then sends each distinct string once (tables shrink ~5x)."""
    out = df.copy()
    for c in out.columns:
        if out[c].dtype == object or str(out[c].dtype) in ("str", "string"):
            if out[c].nunique(dropna=True) < 0.5 * max(1, len(out)):
                out[c] = out[c].astype("category")
    return out


def safe_cell(x):
    """Neutralise spreadsheet formulas: a text cell starting with = + - @ (or tab/CR) gets a leading apostrophe."""
    if isinstance(x, str) and x[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + x
    return x


def csv_bytes(df: pd.DataFrame, filters_text: str) -> bytes:
    """CSV with a citation and licence header (lines starting with #) and formula-safe cells."""
    today = dt.date.today().isoformat()
    safe = df.copy()
    for c in safe.columns:
        safe[c] = safe[c].map(safe_cell)
    head = (f"# {_(CITATION).format(date=today)}\n# " + _("Filters:") + f" {filters_text}\n# {_(LICENCE_NOTE)}\n# "
            + _("Missing values are left out (No data), never written as 0.") + "\n")
    return (head + safe.to_csv(index=False)).encode("utf-8")


def download_csv(ds: Dataset, rows: pd.DataFrame, filters_text: str, key: str, label: str | None = None) -> None:
    from .i18n import lang, use

    code = lang()

    def build() -> bytes:  # made on click, not on every rerun (~15-50 ms a run); in the reader's language
        with use(code):
            return csv_bytes(table_frame(ds, rows), filters_text)

    st.download_button(label or _("Download these data (CSV)"), data=build, file_name="asean-cop-data.csv",
                       mime="text/csv", key=key, on_click="ignore", icon=":material/download:")


def no_data_message(ds: Dataset, what: str, tips: list[str]) -> None:
    st.warning(_("No data for {what}.").format(what=what) + " " + (" ".join(tips) if tips else _("Try widening the filters.")),
               icon=":material/search_off:")



def headline_card(label: str, value: str, caption: str) -> None:
    """A big number with its full label and its age band, year and source underneath (no truncation, no HTML)."""
    with st.container(border=True):
        st.markdown(f"**{_md(label)}**")
        st.metric(label, value, label_visibility="collapsed")
        st.caption(_md(caption))


def zip_bytes(ds: Dataset, rows: pd.DataFrame, filters_text: str) -> bytes:
    """A ZIP with the filtered data, the indicator metadata and the sources behind it, and a README on citation."""
    import io
    import zipfile

    import yaml

    today = dt.date.today().isoformat()
    ids = list(dict.fromkeys(rows["indicator_id"]))
    meta = [ds.indicator(i) for i in ids]
    src = ds.sources[ds.sources["source_id"].isin(rows["source_id"])]
    readme = _("ASEAN Child Online Protection Dashboard: data extract\n\nCreated {today}. Filters: {filters}\n\n"
               "Files:\n- data.csv: {n_rows} observations (values as published; bounds and ranges kept in the "
               "qualifier, lower and upper columns; missing values are left out, never written as 0)\n"
               "- indicators.yml: metadata of the {n_indicators} indicators (definitions, caveats)\n"
               "- sources.csv: the {n_sources} sources, with addresses and terms\n\n"
               "How to cite: {citation}\nCite the original source of each figure as listed in sources.csv.\n\n"
               "Licence: {licence}\n").format(
        today=today, filters=filters_text, n_rows=len(rows), n_indicators=len(ids), n_sources=len(src),
        citation=_(CITATION).format(date=today), licence=_(LICENCE_NOTE))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", readme)
        z.writestr("data.csv", csv_bytes(table_frame(ds, rows), filters_text))
        z.writestr("indicators.yml", yaml.safe_dump(meta, sort_keys=False, allow_unicode=True))
        safe_src = src.copy()
        for c in safe_src.columns:
            safe_src[c] = safe_src[c].map(safe_cell)
        z.writestr("sources.csv", safe_src.to_csv(index=False))
    return buf.getvalue()


def download_zip(ds: Dataset, rows: pd.DataFrame, filters_text: str, key: str) -> None:
    from .i18n import lang

    code = lang()  # the ZIP is built when clicked, outside this run: keep the reader's language
    st.download_button(_("Download with metadata and sources (ZIP)"), key=key, file_name="asean-cop-data.zip",
                       mime="application/zip", on_click="ignore", icon=":material/folder_zip:",
                       data=lambda: _in(code, zip_bytes, ds, rows, filters_text))


def _in(code: str, fn, *args):
    from .i18n import use

    with use(code):
        return fn(*args)
