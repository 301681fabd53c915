"""The forum kit on the pages (AppTest): care notes where abuse figures are shown, deck downloads and the QR code's
link on /briefing, the cleaned view when the link had malformed filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def run_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page.replace('-', '_')}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def care_texts(at: AppTest) -> list[str]:
    """The sensitive-content note: a note box, or (presentation mode) a caption in small type."""
    return [i.value for i in list(at.info) + list(at.caption) if "figures about the sexual exploitation" in i.value]


def captions(at: AppTest) -> str:
    import re

    return re.sub(r"\\(.)", r"\1", "\n".join(c.value for c in at.caption))  # markdown escapes removed


@pytest.mark.parametrize("page,params", [("overview", {}), ("map", {"indicator": "ocsea_past_year"}),
                                         ("map", {"indicator": "ocsea_past_year", "present": "1"}),
                                         ("briefing", {"slide": "4"}), ("briefing", {"slide": "6"}),
                                         ("briefing", {"slide": "5", "present": "1"})])
def test_pages_with_abuse_figures_open_with_the_care_note_and_every_states_helpline(page, params):
    at = run_page(page, **params)
    assert care_texts(at), f"/{page} {params}: no sensitive-content note"
    text = captions(at)
    assert "Where to get help:" in text
    assert "Childline Thailand (Saidek) 1387" in text and "Talian ANAK 121" in text
    assert "Myanmar: No helpline found in our sources" in text  # never a guess


@pytest.mark.parametrize("page,params", [("trends", {}), ("briefing", {"slide": "1"}), ("briefing", {"slide": "2"}),
                                         ("map", {"indicator": "internet_use_pct"})])
def test_pages_without_abuse_figures_have_no_care_note(page, params):
    at = run_page(page, **params)
    assert not care_texts(at), f"/{page} {params} shows a care note without abuse figures"


def test_help_line_is_worded_in_the_readers_language():
    text = captions(run_page("overview", lang="th"))
    assert "ไทย: Childline Thailand (Saidek) 1387" in text  # state names in Thai; service names as published
    assert "SAPA 129 129" not in text  # a number that is part of the name is not repeated


def test_briefing_offers_pptx_and_pdf_named_by_format_and_a_qr_link_to_the_slide():
    at = run_page("briefing", slide="3", country="PHL")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "PowerPoint (.pptx)" in labels and "PDF" in labels, labels
    text = captions(at)
    assert "Noto" in text  # the download says which fonts the PowerPoint needs
    links = [line for line in text.splitlines() if "/briefing" in line]
    assert any("country=PHL" in line and "slide=3" in line for line in links), links


def test_malformed_filters_give_the_cleaned_view_and_say_what_was_ignored():
    at = run_page("briefing", slide="2", country="PHL,XXZ", area="nonsense")
    notes = " ".join(i.value for i in at.info)
    assert "XXZ" in notes and "nonsense" in notes
    text = captions(at)
    link = next(line for line in text.splitlines() if "/briefing" in line)
    assert "country=PHL" in link and "XXZ" not in link and "nonsense" not in link
    assert "ignored" in text


def test_presentation_mode_shows_the_views_qr_code_and_link():
    at = run_page("map", present="1", indicator="internet_use_pct")
    assert at.get("image"), "no QR code image in presentation mode"
    assert any("/map" in line and "present=1" in line and "indicator=internet_use_pct" in line
               for line in captions(at).splitlines())


def test_a_broken_helpline_file_is_named_and_the_page_still_shows(tmp_path, monkeypatch):
    import shutil

    from components import care

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = (data / "helplines.csv").read_text(encoding="utf-8").replace("THA,Childline Thailand (Saidek),1387",
                                                                         "THA,Childline Thailand (Saidek),13x7")
    (data / "helplines.csv").write_text(text, encoding="utf-8")
    from aseancop import helplines

    real = helplines.load
    monkeypatch.setattr(helplines, "load", lambda _dir, members, sources: real(data, members, sources))
    care._CACHE.clear()
    try:
        at = run_page("overview")
    finally:
        care._CACHE.clear()
    warning = " ".join(w.value for w in at.warning)
    assert "helplines.csv, line" in warning and "column 'number'" in warning and "13x7" in warning
    assert at.title, "the page itself is gone"
