"""Thai and Khmer in image exports: kaleido's Chromium draws the glyphs (no missing-glyph boxes).

How it proves it: a run of characters no font has (Private Use Area) is drawn as missing-glyph boxes, and two
different such runs give the same picture. Two different runs of Thai (or Khmer) letters give two different
pictures, and neither looks like the boxes, only if a font with those letters was found. Without the fonts
(static/fonts, copied to the user's font folder by run.sh/test.sh, or Debian's fonts-noto-core) this fails.
"""

from __future__ import annotations

import io
import os

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image

from aseancop import load_dataset
from components import charts, export, i18n, wording
from components.views import titles

pytestmark = pytest.mark.export
DS = load_dataset(os.environ.get("ASEANCOP_DATA_DIR") or None)

# seven spacing letters each (no combining marks), so missing glyphs would give seven identical boxes
LETTERS = {"th": ("กขคงจฉช", "ซฌญฎฏฐฑ"), "km": ("កខគឃងចឆ", "ជឈញដឋឌឍ")}
NO_FONT = ("\ue000\ue001\ue002\ue003\ue004\ue005\ue006", "\ue010\ue011\ue012\ue013\ue014\ue015\ue016")


@pytest.fixture(scope="module", autouse=True)
def chromium_present():
    if not export.chromium():
        pytest.fail("Chromium is required for image export tests: install Debian's package (apt-get install chromium) "
                    "or set BROWSER_PATH. ./test.sh installs it automatically when run as root.")


def render(text: str) -> np.ndarray:
    """The text alone, large, in the charts' font stack, exported like any chart (PNG via kaleido)."""
    fig = go.Figure()
    fig.add_annotation(text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 64, "color": "black"})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(width=700, height=160, margin={"l": 0, "r": 0, "t": 0, "b": 0}, paper_bgcolor="white",
                      plot_bgcolor="white", font={"family": charts.FONT_FAMILY})
    png = export.to_image(fig, "png", scale=1, width=700, height=160)
    return np.asarray(Image.open(io.BytesIO(png)).convert("L")) < 128  # ink


def differ(a: np.ndarray, b: np.ndarray) -> int:
    return int((a != b).sum())


def test_missing_glyphs_look_alike_on_this_renderer():
    """The control: without a font, two different runs of characters render the same boxes."""
    a, b = render(NO_FONT[0]), render(NO_FONT[1])
    assert a.sum() > 200, "the renderer drew nothing at all"
    assert differ(a, b) < 50, "missing glyphs are drawn distinguishably here (hex boxes?): this test cannot judge fonts"


@pytest.mark.parametrize("code", ["th", "km"])
def test_script_glyphs_are_drawn_in_exports(code):
    boxes = render(NO_FONT[0])
    one, other = (render(t) for t in LETTERS[code])
    assert one.sum() > 200 and other.sum() > 200, f"{code}: no ink"
    assert differ(one, other) > 500, f"{code}: two different words look the same: missing-glyph boxes (font not found)"
    assert differ(one, boxes) > 500 and differ(other, boxes) > 500, f"{code}: the letters look like missing-glyph boxes"


@pytest.mark.parametrize("code, word", [("th", "ไม่มีข้อมูล"), ("km", "គ្មានទិន្នន័យ")])
def test_a_translated_chart_exports_with_its_words(code, word):
    """A real ranked bar in Thai / Khmer: PNG renders, and the SVG carries the translated 'No data' and names."""
    with i18n.use(code):
        latest = wording.localise(DS.latest("ocsea_past_year", age="12-17"))
        fig = charts.ranked_bar(DS, latest, "ocsea_past_year", titles(DS, "ocsea_past_year", latest, "all"))
    png = export.to_image(fig, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 30_000
    svg = export.to_image(fig, "svg").decode("utf-8")
    assert "\u200b" in svg, "the word-break hints (zero-width spaces) were lost on the way to the export"
    assert word in svg.replace("\u200b", "")  # the hints are invisible: the reader sees the whole word
    assert "Noto Sans Thai" in svg or "Noto Sans Khmer" in svg  # the font stack travels with the text
