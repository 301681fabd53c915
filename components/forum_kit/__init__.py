"""The forum kit: the briefing as PowerPoint and PDF, and a QR code to the current view.

- `content`: the deck's slides from components/briefing.py's specs (one source of truth with the page)
- `pptx_deck`, `pdf_deck`: pure builders (slides in, bytes out)
- `qr`: the view's link (public_url setting: ASEANCOP_PUBLIC_URL) and its QR code
- `ui`: the Streamlit parts (download buttons, the QR block)
"""

from .ui import deck_bytes, download_block, qr_block, view_link_for  # noqa: F401
