"""The link that reopens a view, its address base (the `public_url` setting) and its QR code (segno, offline).

Setting: the environment variable ASEANCOP_PUBLIC_URL (e.g. `https://cop.example.org` or
`http://192.168.1.20:8501`) is the address delegates can reach. Without it, the request's own address is used
(`st.context.url`), which is right when the room reaches the same address as the presenter's browser.
"""

from __future__ import annotations

import io
import os
from urllib.parse import urlencode, urlsplit

import segno

ENV = "ASEANCOP_PUBLIC_URL"
FALLBACK = "http://localhost:8501"


def public_base(request_url: str | None = None) -> str:
    """The address base (scheme, host, port and any base path), without a trailing slash."""
    env = (os.environ.get(ENV) or "").strip()
    if env:
        parts = urlsplit(env)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
    if request_url:
        parts = urlsplit(request_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    return FALLBACK


def request_url() -> str | None:
    """The browser's own address for this session (None outside a Streamlit session)."""
    try:
        import streamlit as st

        url = st.context.url
        if url:
            return str(url)
        host = st.context.headers.get("Host")
        return f"http://{host}" if host else None
    except Exception:
        return None


def base_path() -> str:
    try:
        from streamlit import config

        p = (config.get_option("server.baseUrlPath") or "").strip("/")
        return f"/{p}" if p else ""
    except Exception:
        return ""


def view_link(base: str, page: str, params: dict) -> str:
    """The link to a page with its parameters (lists become repeated parameters), in a stable order."""
    query = urlencode([(k, x) for k, v in params.items() for x in (v if isinstance(v, list) else [v])])
    path = page.strip("/")
    return f"{base.rstrip('/')}/{path}" + (f"?{query}" if query else "")


def qr(link: str):
    return segno.make(link, error="m", micro=False)


def qr_png(link: str, scale: int = 8, border: int = 4) -> bytes:
    buf = io.BytesIO()
    qr(link).save(buf, kind="png", scale=scale, border=border, dark="#000000", light="#ffffff")
    return buf.getvalue()


def qr_svg(link: str, scale: int = 6) -> str:
    buf = io.BytesIO()
    qr(link).save(buf, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True)
    return buf.getvalue().decode("utf-8")
