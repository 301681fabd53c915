"""The forum kit on the page: the QR code with its link under it, and the deck downloads (made only when clicked)."""

from __future__ import annotations

import threading

import streamlit as st

from aseancop import Dataset

from ..i18n import _, lang
from . import qr

_LOCK = threading.Lock()
_SLIDES: dict = {}  # (dataset token, language, base, params) -> rendered deck slides (PowerPoint and PDF share them)


def view_link_for(ds: Dataset, f, page: str, slide: int | None = None) -> str:
    """The link that reopens this view (the cleaned filters: ignored link values are not in it) at the public address."""
    from ..filters import url_params

    params = url_params(f, ds)
    if slide is not None:
        params["slide"] = str(slide)
    return qr.view_link(qr.public_base(qr.request_url()) + qr.base_path(), page, params)


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#|~$" else ch for ch in str(text))


def qr_block(ds: Dataset, f, page: str, slide: int | None = None) -> str:
    """A QR code to the current view and the link as text under it; returns the link."""
    link = view_link_for(ds, f, page, slide)
    with st.container(key="view_qr"):
        # alt: the link the code holds (as in the PDF deck), so a screen reader names the picture
        st.image(qr.qr_png(link, scale=6, border=2), width=150, caption=_("Scan to open this view"),
                 alt=link)
        st.caption(_md(link))
        if f.notes:
            st.caption(_("The code opens the view without the link values that were ignored (see the notes above)."))
    return link


def deck_slides(ds: Dataset, code: str, base: str, params: dict):
    from . import content

    key = (ds.token, code, base, tuple(sorted((k, str(v)) for k, v in params.items())))
    with _LOCK:
        got = _SLIDES.get(key)
    if got is None:
        got = content.build(ds, code, base, params=params)
        with _LOCK:
            if len(_SLIDES) > 16:
                _SLIDES.clear()
            _SLIDES[key] = got
    return got


def deck_bytes(ds: Dataset, code: str, kind: str, base: str, params: dict | None = None) -> bytes:
    """The whole deck as PowerPoint ("pptx") or PDF ("pdf") bytes; raises (nothing partial) if it cannot be made."""
    from . import pdf_deck, pptx_deck

    slides = deck_slides(ds, code, base, dict(params or {}))
    return pptx_deck.build(slides, code) if kind == "pptx" else pdf_deck.build(slides, code)


def missing() -> list[str]:
    """What the server lacks to make a deck, as install instructions (empty: everything is there)."""
    from ..export import chromium
    from .pdf_deck import missing_fonts

    out = []
    if not chromium():
        out.append(_("Chromium (draws the charts and prints the PDF): `apt-get install chromium`, or set BROWSER_PATH."))
    lost = missing_fonts()
    if lost:
        out.append(_("The Noto fonts in static/fonts ({files}): restore them from the repository.").format(files=", ".join(lost)))
    return out


def download_block(ds: Dataset, f) -> None:
    """The deck downloads on /briefing: PowerPoint and PDF, in the reader's language, made only when clicked."""
    from ..filters import url_params

    code = lang()
    base = qr.public_base(qr.request_url()) + qr.base_path()
    params = {k: v for k, v in url_params(f, ds).items() if k not in ("slide", "present", "lang")}
    with st.container(key="deck_downloads"):
        st.markdown("**" + _("The briefing as a deck") + "**")
        lacking = missing()
        if lacking:
            st.warning(_("The deck cannot be made on this server. Install:") + "\n" + "\n".join(f"- {m}" for m in lacking),
                       icon=":material/build:")
            return
        if f.notes:
            st.caption(_("The deck is made for the view without the link values that were ignored:") + " "
                       + " ".join(f.notes))
        cols = st.columns(2)
        cols[0].download_button(_("PowerPoint (.pptx)"), data=lambda: deck_bytes(ds, code, "pptx", base, params),
                                file_name=f"asean-cop-briefing-{code}.pptx", key="deck_pptx", on_click="ignore",
                                mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                                icon=":material/slideshow:", width="stretch")
        cols[1].download_button(_("PDF"), data=lambda: deck_bytes(ds, code, "pdf", base, params),
                                file_name=f"asean-cop-briefing-{code}.pdf", key="deck_pdf", on_click="ignore",
                                mime="application/pdf", icon=":material/picture_as_pdf:", width="stretch")
        st.caption(_("One 16:9 slide per briefing slide, in this language, with the figures and their sources in the "
                     "speaker notes; made when you click (about half a minute). The PowerPoint is set in Noto fonts "
                     "(Noto Sans, Noto Sans Thai, Khmer, Lao and Myanmar): it reads as intended on a computer that has "
                     "them (Debian/Ubuntu: fonts-noto-core; the files are also in this app's static/fonts). The PDF "
                     "carries its fonts."))
