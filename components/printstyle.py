"""The print style of every page (A4 landscape): no sidebar, no buttons or toolbars, charts within the page width,
the page's title and sources kept. Static CSS, injected once per run from app.py (no data or user text in it)."""

from __future__ import annotations

import streamlit as st

PRINT_CSS = """
<style>
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  html, body { background: #fff !important; }
  /* Streamlit scrolls inside its main column: let the whole page flow onto as many sheets as it needs */
  html, body, #root, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"], .stMainBlockContainer {
    height: auto !important; min-height: 0 !important; max-height: none !important; overflow: visible !important;
    position: static !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBaseButton-header"], [data-testid="stElementToolbar"], .modebar, .modebar-container,
  [data-testid="stButton"], [data-testid="stDownloadButton"], [data-testid="stPopover"], [data-testid="stExpander"],
  [role="tablist"], [data-testid="stButtonGroup"], [data-testid="stRadio"], .st-key-deck_downloads, .st-key-view_qr, iframe { display: none !important; }
  [data-testid="stMainBlockContainer"], .stMainBlockContainer, .block-container {
    max-width: 100% !important; width: 100% !important; padding: 0 !important; margin: 0 !important; }
  [data-testid="stPlotlyChart"], .js-plotly-plot, .plot-container, .svg-container {
    max-width: 100% !important; width: 100% !important; break-inside: avoid; page-break-inside: avoid; }
  .js-plotly-plot svg.main-svg { max-width: 100% !important; height: auto !important; }
  [data-testid="stDeckGlJsonChart"], [data-testid="stDataFrame"] { max-width: 100% !important; break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  * { -webkit-print-color-adjust: exact !important; print-color-adjust: exact !important; }
}
</style>
"""


def inject() -> None:
    st.html(PRINT_CSS)
