"""The briefing as a PowerPoint deck (python-pptx): one 16:9 slide per briefing slide, editable text, the chart as a
picture with its text alternative, the source line, a QR code to the slide's live view and speaker notes.

Text runs are set in the script's Noto font (Noto Sans Thai, Khmer, Lao, Myanmar; Noto Sans otherwise), as latin,
east-Asian and complex-script typefaces, so the deck reads on any machine that has the Noto fonts."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from .content import CARE, MESSAGE, QR_BOX, QR_LINK, SLIDE_H, SLIDE_W, SOURCE, TITLE, DeckSlide, fit_size, font_for

NAVY = RGBColor(0x12, 0x35, 0x5B)
INK = RGBColor(0x1A, 0x1A, 0x1A)
GREY = RGBColor(0x44, 0x44, 0x44)
WARN = RGBColor(0x8A, 0x4B, 0x00)


def _box(box):
    return [Inches(v) for v in box]


def _font(run, code: str, size: float, bold: bool = False, colour: RGBColor = INK) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
    name = font_for(code)
    run.font.name = name
    rpr = run._r.get_or_add_rPr()
    for tag in ("a:ea", "a:cs"):  # Thai, Khmer, Lao and Myanmar are complex scripts in Office
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", name)


def _text(slide, box, parts, code: str, size: float, colour=INK, bold=False, anchor=MSO_ANCHOR.TOP, align=None,
          name: str | None = None):
    """A text box; `parts` is a string or a list of paragraphs, each a string or a list of (text, bold) runs."""
    shape = slide.shapes.add_textbox(*_box(box))
    if name:
        shape.name = name
    tf = shape.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    tf.margin_left = tf.margin_right = Inches(0.05)
    tf.margin_top = tf.margin_bottom = Inches(0.03)
    paras = [parts] if isinstance(parts, str) else parts
    for i, para in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        if align is not None:
            p.alignment = align
        runs = [(para, bold)] if isinstance(para, str) else para
        for text, b in runs:
            r = p.add_run()
            r.text = text
            _font(r, code, size, b, colour)
    return shape


def build(slides: list[DeckSlide], code: str) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    layout = prs.slide_layouts[5]  # "Title Only": the title is the slide's real title (outline, screen readers)
    for d in slides:
        s = d.spec
        slide = prs.slides.add_slide(layout)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = _box(TITLE)
        tf = title.text_frame
        tf.word_wrap = True
        tf.vertical_anchor = MSO_ANCHOR.TOP
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        r = p.add_run()
        r.text = s.title
        _font(r, code, 26, True, NAVY)
        if s.message != s.title:  # a slide whose message is its title says it once
            _text(slide, MESSAGE, s.message, code, 22, INK, name="Message")
        if d.numbers_box and s.numbers:
            paras = []
            for num in s.numbers:
                paras += [[(num.value, True)], [(num.label, False)], [(num.caption, False)]]
            shape = _text(slide, d.numbers_box, [], code, 12, name="Numbers")
            tf = shape.text_frame
            first = True
            for num in s.numbers:
                for text, size, bold, colour in ((num.value, 34, True, NAVY), (num.label, 14, True, INK),
                                                 (num.caption, 10, False, GREY)):
                    para = tf.paragraphs[0] if first else tf.add_paragraph()
                    first = False
                    run = para.add_run()
                    run.text = text
                    _font(run, code, size, bold, colour)
                    para.space_after = Pt(6)
        if d.chart_png:
            pic = slide.shapes.add_picture(io.BytesIO(d.chart_png), *_box(d.chart_box))
            pic.name = "Chart"
            pic._element.nvPicPr.cNvPr.set("descr", d.alt)
        elif s.points:
            heads = dict(s.point_heads)
            left, top, width, height = d.body_box
            groups = sorted(heads) + [len(s.points)] if heads else [0, len(s.points)]
            n_cols = max(1, len(groups) - 1)
            col_w = (width - 0.3 * (n_cols - 1)) / n_cols
            for i, (start, end) in enumerate(zip(groups, groups[1:])):
                pts = s.points[start:end]
                box_h = height - (0.45 if heads else 0)
                size = min(fit_size(s.points[a:b], col_w, box_h) for a, b in zip(groups, groups[1:]))
                x = left + i * (col_w + 0.3)
                if heads:
                    _text(slide, (x, top, col_w, 0.45), heads[start], code, 18, NAVY, bold=True)
                paras = [[(a + " ", True), (b, False)] if a else [(b, False)] for a, b in pts]
                _text(slide, (x, top + (0.45 if heads else 0), col_w, box_h), paras, code, size, name="Points")
        if d.note_box:
            _text(slide, d.note_box, " ".join(t for t in (s.caption, s.warning) if t), code, 12,
                  WARN if s.warning else GREY, name="Note")
        if d.care_line:
            _text(slide, CARE, [[(d.care_note, True)], [(d.care_line, False)]], code, 8, GREY, name="Where to get help")
        if d.source_line:
            _text(slide, SOURCE, d.source_line, code, 10, GREY, name="Source")
        pic = slide.shapes.add_picture(io.BytesIO(d.qr_png), *_box(QR_BOX))
        pic.name = "QR code"
        pic._element.nvPicPr.cNvPr.set("descr", d.link)
        _text(slide, QR_LINK, [d.label, d.link], code, 7.5, GREY, align=PP_ALIGN.CENTER, name="Link")
        slide.notes_slide.notes_text_frame.text = "\n".join(d.notes)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
