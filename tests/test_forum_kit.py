"""The forum kit with the real kaleido and the system Chromium: the briefing as PowerPoint and PDF (English and
Thai), QR codes that decode (Debian's zbarimg) to the view's link, and the helpline table's validation."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess

import pytest

from aseancop import DataError, helplines, load_dataset
from components import briefing
from components.forum_kit import content, pdf_deck, pptx_deck, qr
from components.i18n import use

pytestmark = pytest.mark.export
DS = load_dataset(os.environ.get("ASEANCOP_DATA_DIR") or None)
BASE = "http://192.168.10.20:8501"


@pytest.fixture(scope="module", autouse=True)
def chromium_present():
    from components import export

    if not export.chromium():
        pytest.fail("Chromium is required for the deck tests: install Debian's package (apt-get install chromium).")


@pytest.fixture(scope="module", params=["en", "th"])
def deck(request):
    code = request.param
    slides = content.build(DS, code, BASE, params={"country": ["PHL", "THA"]})
    return code, slides, pptx_deck.build(slides, code), pdf_deck.build(slides, code)


def zbar(png: bytes, tmp_path) -> list[str]:
    exe = shutil.which("zbarimg")
    if not exe:
        pytest.fail("zbarimg is required to decode QR codes: apt-get install zbar-tools (./test.sh installs it as root)")
    path = tmp_path / "code.png"
    path.write_bytes(png)
    out = subprocess.run([exe, "--quiet", "--raw", str(path)], capture_output=True, text=True, timeout=60)
    return [line for line in out.stdout.splitlines() if line]


# ------------------------------------------------------------------------------------------------ PowerPoint

def test_pptx_has_one_16_9_slide_per_briefing_slide_with_text_titles_sources_alt_text_and_notes(deck):
    from pptx import Presentation

    code, slides, pptx, _pdf = deck
    prs = Presentation(io.BytesIO(pptx))
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.01
    assert len(prs.slides) == len(briefing.SLIDES) == len(slides)
    with use(code):
        specs = briefing.slides(DS)
    for n, (sl, spec, d) in enumerate(zip(prs.slides, specs, slides), start=1):
        assert sl.shapes.title is not None and sl.shapes.title.text_frame.text == spec.title, f"slide {n}: title"
        texts = "\n".join(sh.text_frame.text for sh in sl.shapes if sh.has_text_frame)
        assert spec.message in texts, f"slide {n}: the message is not editable text"
        if spec.sources:
            assert d.source_line and d.source_line in texts, f"slide {n}: no source line as text"
        pictures = [sh for sh in sl.shapes if sh.shape_type == 13]
        assert pictures, f"slide {n}: no picture (chart or QR code)"
        for pic in pictures:
            descr = pic._element.nvPicPr.cNvPr.get("descr")
            assert descr and len(descr) > 10, f"slide {n}: picture '{pic.name}' has no alternative text"
        if spec.figure is not None:
            chart = next(p for p in pictures if p.name == "Chart")
            ppi = chart.image.size[0] / (chart.width / 914400)  # picture pixels per inch of slide
            # a 1920-px projector shows 144 px per slide inch: the chart carries at least 1.5 times that
            assert ppi >= 1.5 * 1920 / 13.333, f"slide {n}: the chart has {ppi:.0f} px per inch, too coarse to project"
        notes = sl.notes_slide.notes_text_frame.text
        assert d.link in notes, f"slide {n}: the notes do not give the slide's link"
        assert len(notes.splitlines()) >= 2, f"slide {n}: the notes hold no figures"
    # the figures behind the OCSEA slide, with age band, year and source, are in its notes
    ocsea = prs.slides[3].notes_slide.notes_text_frame.text
    assert "20%" in ocsea and "2021" in ocsea and "12–17" in ocsea and "ECPAT" in ocsea


def test_pptx_text_is_set_in_the_scripts_noto_font(deck):
    code, _slides, pptx, _pdf = deck
    import zipfile

    with zipfile.ZipFile(io.BytesIO(pptx)) as z:
        xml = z.read("ppt/slides/slide4.xml").decode("utf-8")
    want = content.font_for(code)
    assert f'<a:cs typeface="{want}"/>' in xml and f'<a:latin typeface="{want}"/>' in xml
    if code == "th":
        assert re.search("[\u0e00-\u0e7f]", xml), "the Thai deck has no Thai text"


def test_slide_qr_code_in_the_deck_decodes_to_the_slides_link(deck, tmp_path):
    from pptx import Presentation

    code, slides, pptx, _pdf = deck
    prs = Presentation(io.BytesIO(pptx))
    qr_pic = next(sh for sh in prs.slides[3].shapes if sh.name == "QR code")
    assert zbar(qr_pic.image.blob, tmp_path) == [slides[3].link]
    link = slides[3].link
    assert link.startswith(BASE + "/briefing?") and "slide=4" in link and "present=1" in link
    assert "country=PHL" in link and "country=THA" in link
    assert ("lang=th" in link) == (code == "th")


# ------------------------------------------------------------------------------------------------ PDF

def test_pdf_has_one_16_9_page_per_slide_with_selectable_text_and_embedded_fonts(deck, tmp_path):
    from pypdf import PdfReader

    code, slides, _pptx, pdf = deck
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(slides) == len(briefing.SLIDES)
    path = tmp_path / "deck.pdf"
    path.write_bytes(pdf)
    for n, (page, d) in enumerate(zip(reader.pages, slides), start=1):
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(w / h - 16 / 9) < 0.01, f"page {n} is {w}x{h}"
        # the text a PDF reader selects and searches (poppler's pdftotext; pypdf garbles Thai combining marks)
        text = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True,
                              text=True, timeout=60).stdout
        flat = re.sub(r"\s+", "", text)
        assert re.sub(r"\s+", "", d.spec.title) in flat, f"page {n}: the title is not text"
        assert re.sub(r"\s+", "", d.spec.message) in flat, f"page {n}: the message is not text"
        if d.source_line:
            assert re.sub(r"\s+", "", d.source_line)[:40] in flat, f"page {n}: the source line is not text"
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=60).stdout.splitlines()[2:]
    assert out, "no fonts in the PDF"
    for line in out:
        assert line.split()[-5] == "yes", f"font not embedded: {line}"
    if code == "th":
        assert any("NotoSansThai" in line for line in out), out


def test_pdf_build_without_chromium_or_fonts_says_what_to_install_and_returns_nothing(monkeypatch):
    import components.export as export

    slides = content.build(DS, "en", BASE, render=lambda fig, w, h, s: qr.qr_png("chart"))
    monkeypatch.setattr(export, "chromium", lambda: None)
    with pytest.raises(pdf_deck.BuildError, match="apt-get install chromium"):
        pdf_deck.build(slides, "en")
    monkeypatch.undo()
    monkeypatch.setattr(pdf_deck, "FONTS_DIR", pdf_deck.FONTS_DIR / "missing")
    with pytest.raises(pdf_deck.BuildError, match="NotoSansThai-Regular.ttf"):
        pdf_deck.build(slides, "en")


# ------------------------------------------------------------------------------------------------ QR and links

def test_view_qr_decodes_to_the_views_link(tmp_path):
    link = qr.view_link(BASE, "map", {"indicator": "ocsea_past_year", "country": ["PHL", "VNM"], "lang": "km",
                                      "present": "1"})
    assert link == f"{BASE}/map?indicator=ocsea_past_year&country=PHL&country=VNM&lang=km&present=1"
    assert zbar(qr.qr_png(link), tmp_path) == [link]


def test_public_url_setting_wins_over_the_request_address(monkeypatch):
    monkeypatch.setenv(qr.ENV, "https://cop.example.org/dash/")
    assert qr.public_base("http://127.0.0.1:8501/map?x=1") == "https://cop.example.org/dash"
    monkeypatch.delenv(qr.ENV)
    assert qr.public_base("http://10.0.0.5:8501/map?x=1") == "http://10.0.0.5:8501"
    monkeypatch.setenv(qr.ENV, "not a url")
    assert qr.public_base("http://10.0.0.5:8501/") == "http://10.0.0.5:8501"


# ------------------------------------------------------------------------------------------------ helplines

def test_every_member_state_has_a_sourced_helpline_or_none_at_all():
    rows = helplines.load(None, DS.member_codes, DS.sources.index)
    states = helplines.by_state(rows, DS.member_codes)
    assert set(states) == set(DS.member_codes)
    for h in rows:
        assert h.source_id in DS.sources.index
        assert h.number.replace(" ", "").isdigit()
    assert states["THA"][0].number == "1387" and states["MMR"] == [] and states["TLS"] == []


def test_a_bad_helpline_row_is_refused_with_file_line_and_column():
    text = ("iso3,name,number,source_id,locator,note\n"
            "THA,Childline Thailand,1387,chi_thailand,text,\n"
            "XXX,Somewhere,12a,no_such_source,text,\n"
            "SGP,,1800 2744 788,sg_tinklefriend,text,\n")
    with pytest.raises(DataError) as err:
        helplines.parse(text, set(DS.member_codes), set(DS.sources.index))
    msg = str(err.value)
    assert "helplines.csv, line 3, column 'iso3'" in msg and "line 3, column 'number'" in msg
    assert "line 3, column 'source_id'" in msg and "line 4, column 'name'" in msg
    with pytest.raises(DataError, match="missing column"):
        helplines.parse("iso3,name\nTHA,x\n", set(DS.member_codes), set(DS.sources.index))


def test_the_abuse_rule_marks_abuse_figures_and_not_internet_use_or_laws():
    meta = DS.indicator_meta
    assert helplines.is_abuse_indicator("ocsea_past_year", meta["ocsea_past_year"])
    assert helplines.is_abuse_indicator("ncmec_cybertipline_reports", meta["ncmec_cybertipline_reports"])
    assert not helplines.is_abuse_indicator("internet_use_pct", meta["internet_use_pct"])
    assert not helplines.is_abuse_indicator("csam_defined_in_law", meta["csam_defined_in_law"])
