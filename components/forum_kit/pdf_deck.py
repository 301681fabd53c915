"""The briefing as a PDF: one 16:9 page per slide, the same content and geometry as the PowerPoint deck, text as
real (selectable, searchable) text and the fonts of every script embedded.

Each deck is one HTML document (a page per slide, `@page` 13.333 x 7.5 in; the shipped Noto fonts of static/fonts
declared with `@font-face` from file:// addresses; the chart and QR pictures as data: URIs), printed to PDF by the
system Chromium (`--print-to-pdf`, no network: every resource is local). Nothing is returned unless the whole PDF
was written and reads back with the expected number of pages."""

from __future__ import annotations

import base64
import html
import io
import subprocess
import tempfile
from pathlib import Path

from .content import CARE, MESSAGE, QR_BOX, QR_LINK, SLIDE_H, SLIDE_W, SOURCE, TITLE, DeckSlide, fit_size, font_for

FONTS_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
SCRIPT_FONTS = {"Noto Sans Thai": "NotoSansThai", "Noto Sans Khmer": "NotoSansKhmer", "Noto Sans Lao": "NotoSansLao",
                "Noto Sans Myanmar": "NotoSansMyanmar"}


class BuildError(RuntimeError):
    """A deck could not be made; the message says what to install."""


def missing_fonts() -> list[str]:
    return [f"{stem}-{w}.ttf" for stem in SCRIPT_FONTS.values() for w in ("Regular", "Bold")
            if not (FONTS_DIR / f"{stem}-{w}.ttf").is_file()]


def _font_faces() -> str:
    out = []
    for family, stem in SCRIPT_FONTS.items():
        for weight, w in ((400, "Regular"), (700, "Bold")):
            out.append(f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
                       f"src: url('{(FONTS_DIR / f'{stem}-{w}.ttf').as_uri()}') format('truetype'); }}")
    return "\n".join(out)


def _pos(box) -> str:
    left, top, width, height = box
    return f"left:{left}in;top:{top}in;width:{width}in;height:{height}in;"


def _png(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


def _e(text) -> str:
    return html.escape(str(text))


def slide_html(d: DeckSlide) -> str:
    s = d.spec
    parts = [f'<section class="slide" aria-label="{_e(d.label)}">',
             f'<h1 style="{_pos(TITLE)}">{_e(s.title)}</h1>',
             f'<p class="message" style="{_pos(MESSAGE)}">{_e(s.message)}</p>' if s.message != s.title else ""]
    if d.numbers_box and s.numbers:
        nums = "".join(f'<div class="num"><div class="value">{_e(n.value)}</div><div class="label">{_e(n.label)}</div>'
                       f'<div class="cap">{_e(n.caption)}</div></div>' for n in s.numbers)
        parts.append(f'<div class="numbers" style="{_pos(d.numbers_box)}">{nums}</div>')
    if d.chart_png:
        parts.append(f'<img class="chart" style="{_pos(d.chart_box)}" src="{_png(d.chart_png)}" alt="{_e(d.alt)}">')
    elif s.points:
        heads = dict(s.point_heads)
        groups = sorted(heads) + [len(s.points)] if heads else [0, len(s.points)]
        n_cols = len(groups) - 1
        width = (d.body_box[2] - 0.3 * (n_cols - 1)) / n_cols
        size = min(fit_size(s.points[a:b], width, d.body_box[3] - (0.5 if heads else 0))
                   for a, b in zip(groups, groups[1:]))
        cols = []
        for start, end in zip(groups, groups[1:]):
            head = f"<h2>{_e(heads[start])}</h2>" if heads else ""
            items = "".join(f"<li><b>{_e(a)}</b> {_e(b)}</li>" if a else f"<li>{_e(b)}</li>" for a, b in s.points[start:end])
            cols.append(f'<div class="col">{head}<ul>{items}</ul></div>')
        parts.append(f'<div class="points" style="{_pos(d.body_box)}font-size:{size}pt">{"".join(cols)}</div>')
    if d.note_box:
        cls = "note warn" if s.warning else "note"
        parts.append(f'<p class="{cls}" style="{_pos(d.note_box)}">{_e(" ".join(t for t in (s.caption, s.warning) if t))}</p>')
    if d.care_line:
        parts.append(f'<p class="care" style="{_pos(CARE)}"><b>{_e(d.care_note)}</b><br>{_e(d.care_line)}</p>')
    if d.source_line:
        parts.append(f'<p class="source" style="{_pos(SOURCE)}">{_e(d.source_line)}</p>')
    parts.append(f'<img class="qr" style="{_pos(QR_BOX)}" src="{_png(d.qr_png)}" alt="{_e(d.link)}">')
    parts.append(f'<p class="link" style="{_pos(QR_LINK)}">{_e(d.label)}<br>{_e(d.link)}</p>')
    parts.append("</section>")
    return "".join(parts)


def document(slides: list[DeckSlide], code: str) -> str:
    family = font_for(code)
    fonts = f"'{family}', 'Noto Sans', 'DejaVu Sans', sans-serif" if family in SCRIPT_FONTS else \
        "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', sans-serif"
    css = f"""
{_font_faces()}
@page {{ size: {SLIDE_W}in {SLIDE_H}in; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: {fonts}; color: #1a1a1a; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
.slide {{ position: relative; width: {SLIDE_W}in; height: {SLIDE_H}in; overflow: hidden; page-break-after: always;
          break-after: page; background: #fff; }}
.slide:last-child {{ page-break-after: auto; break-after: auto; }}
.slide > * {{ position: absolute; margin: 0; box-sizing: border-box; }}
h1 {{ font-size: 26pt; color: #12355b; font-weight: 700; line-height: 1.15; }}
.message {{ font-size: 20pt; line-height: 1.25; }}
.numbers .num {{ margin-bottom: 0.18in; }}
.numbers .value {{ font-size: 34pt; font-weight: 700; color: #12355b; line-height: 1.1; }}
.numbers .label {{ font-size: 13pt; font-weight: 700; }}
.numbers .cap {{ font-size: 9pt; color: #444; }}
.chart {{ object-fit: contain; }}
.points {{ display: flex; gap: 0.3in; line-height: 1.35; }}
.points .col {{ flex: 1; }}
.points h2 {{ font-size: 1.15em; color: #12355b; margin: 0 0 0.08in 0; }}
.points ul {{ margin: 0; padding-left: 1.1em; }}
.points li {{ margin-bottom: 0.35em; }}
.note {{ font-size: 11pt; color: #444; }}
.note.warn {{ color: #8a4b00; }}
.care {{ font-size: 8.5pt; color: #444; line-height: 1.3; }}
.source {{ font-size: 9.5pt; color: #444; }}
.link {{ font-size: 7.5pt; color: #444; text-align: center; word-break: break-all; }}
"""
    lang = code if code else "en"
    return (f'<!doctype html><html lang="{_e(lang)}"><head><meta charset="utf-8"><title>ASEAN briefing</title>'
            f"<style>{css}</style></head><body>" + "".join(slide_html(d) for d in slides) + "</body></html>")


def build(slides: list[DeckSlide], code: str, chromium: str | None = None, timeout: float = 120) -> bytes:
    from pypdf import PdfReader

    from ..export import chromium as find_chromium

    path = chromium or find_chromium()
    if not path:
        raise BuildError("Chromium is not installed: install Debian's package (apt-get install chromium) or set "
                         "BROWSER_PATH.")
    lost = missing_fonts()
    if lost:
        raise BuildError("Fonts missing from static/fonts: " + ", ".join(lost) + " (restore them from the repository).")
    with tempfile.TemporaryDirectory(prefix="asean-deck-") as tmp:
        src, out = Path(tmp) / "deck.html", Path(tmp) / "deck.pdf"
        src.write_text(document(slides, code), encoding="utf-8")
        cmd = [path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out}", src.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BuildError(f"Chromium could not print the deck ({exc}).") from exc
        if done.returncode != 0 or not out.is_file():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise BuildError(f"Chromium could not print the deck (exit {done.returncode}): {tail[0][:200]}")
        data = out.read_bytes()
    pages = len(PdfReader(io.BytesIO(data)).pages)
    if pages != len(slides):
        raise BuildError(f"The PDF has {pages} pages for {len(slides)} slides; nothing was offered.")
    return data
