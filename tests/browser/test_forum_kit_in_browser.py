"""The forum kit in a real browser: every page prints on A4 landscape without the sidebar, buttons or toolbars and
with its charts inside the page; the square share image and the briefing decks download."""

from __future__ import annotations

import io
import struct
import subprocess

import pytest

pytestmark = pytest.mark.browser

A4_LANDSCAPE = {"width": 1123, "height": 794}  # CSS px at 96 per inch
PRINT_PAGES = [("", "Children online and online harm in ASEAN", ""), ("map", "Map explorer", "indicator=ocsea_past_year"), ("trends", "Trends", ""),
               ("briefing", "Online sexual exploitation and abuse", "slide=4")]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("path,title,query", PRINT_PAGES)
def test_print_is_a4_landscape_without_sidebar_or_buttons_and_charts_fit(open_tab, tmp_path, path, title, query):
    from pypdf import PdfReader

    tab = open_tab()
    page = tab.page
    page.set_viewport_size(A4_LANDSCAPE)
    tab.open(path, query)
    page.emulate_media(media="print")
    page.wait_for_timeout(500)  # charts follow their container's new width
    measured = page.evaluate("""() => {
        const vis = el => { if (!el) return false; const s = getComputedStyle(el), r = el.getBoundingClientRect();
                            return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; };
        const width = document.documentElement.clientWidth;
        const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg')]
            .map(c => c.getBoundingClientRect()).filter(r => r.width > 0).map(r => [r.left, r.right]);
        return {width, charts,
                sidebar: vis(document.querySelector('[data-testid="stSidebar"]')),
                buttons: [...document.querySelectorAll('button')].filter(vis).map(b => b.innerText.trim()).slice(0, 5),
                toolbar: vis(document.querySelector('[data-testid="stToolbar"]')) ||
                         [...document.querySelectorAll('.modebar')].some(vis)};
    }""")
    assert not measured["sidebar"], f"/{path}: the sidebar prints"
    assert not measured["buttons"], f"/{path}: buttons print: {measured['buttons']}"
    assert not measured["toolbar"], f"/{path}: a toolbar prints"
    if path != "briefing" or query:
        assert measured["charts"], f"/{path}: no chart on the printed page"
    for left, right in measured["charts"]:
        assert left >= -1 and right <= measured["width"] + 1, f"/{path}: a chart runs off the page ({left}–{right} px " \
                                                               f"on a {measured['width']} px page)"
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height), "not landscape"
    assert abs(float(first.mediabox.width) - 842) < 3, f"not A4 wide: {first.mediabox.width}"
    out = tmp_path / "print.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, timeout=60).stdout
    assert title in text, f"/{path}: the printed PDF lacks the page title '{title}'"
    assert "Source" in text, f"/{path}: the printed PDF has no source line"


def test_square_share_image_downloads_at_1080_by_1080(tab):
    tab.open("map", "indicator=ocsea_past_year&country=PHL")
    page = tab.page
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Square image (1080×1080 PNG)").click()
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename.endswith("-square.png")
    data = open(download.path(), "rb").read()
    assert png_size(data) == (1080, 1080)
    assert len(data) > 30_000  # a drawn card, not an empty frame


def test_briefing_pdf_deck_downloads_with_a_page_per_slide(tab):
    from pypdf import PdfReader

    tab.open("briefing", "slide=4&lang=th")
    page = tab.page
    with page.expect_download(timeout=180_000) as info:
        page.get_by_role("button", name="PDF").click()
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename == "asean-cop-briefing-th.pdf"
    reader = PdfReader(download.path())
    assert len(reader.pages) == 9


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_every_briefing_slide_fits_the_forum_screen_in_presentation_mode(open_tab, size):
    from components import briefing

    tab = open_tab()
    page = tab.page
    page.set_viewport_size({"width": size[0], "height": size[1]})
    over = []
    for n in range(1, len(briefing.SLIDES) + 1):
        tab.open("briefing", f"present=1&slide={n}")
        page.wait_for_timeout(300)
        scroll, client = page.evaluate("() => { const m = document.querySelector('[data-testid=\"stMain\"]'); "
                                       "return [m.scrollHeight, m.clientHeight]; }")
        if scroll > client + 1:
            over.append(f"slide {n}: {scroll} px of content on a {client} px screen")
        assert page.locator(".st-key-view_qr img").count() == 1, f"slide {n}: no QR code"
    assert not over, f"at {size[0]}×{size[1]} a presenter would have to scroll: {over}"
