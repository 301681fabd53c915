"""The publication check: what a reader sees of every chart, measured in the real browser.

`measure(page)` runs MEASURE_JS in the page and returns, for every drawn Plotly chart, the text it clips, the labels
that collide, the category labels plotly left out and whether the modebar covers a text; and for the page, its
scroll sizes and the sidebar's state. `problems(result, ...)` turns that into the sentences a test fails with.

What counts (CLIP_PX, OVERLAP_PX):
- clipped: part of a text box lies more than CLIP_PX outside its chart's box or outside the window's width;
- overlap: two visible, non-empty text boxes of one chart intersect by more than OVERLAP_PX across and down
  (rotated labels are compared as the rotated rectangles they are, not as their axis-aligned boxes);
- dropped: a category axis (or an axis with fixed tick values) draws fewer labels than it has categories in range;
- modebar: the chart's modebar box covers one of its texts (titles first) by more than OVERLAP_PX.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 60_000
CLIP_PX = 8
OVERLAP_PX = 3

MEASURE_JS = r"""
({clip, overlap}) => {
  const vw = window.innerWidth, vh = window.innerHeight;
  const shown = (el, stop) => {
    for (let e = el; e && e !== stop; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
      const fo = e.getAttribute && e.getAttribute('fill-opacity');
      if (fo !== null && fo !== undefined && parseFloat(fo) === 0) return false;
    }
    return true;
  };
  const kindOf = el => {
    if (el.classList.contains('gtitle')) return 'title';
    if (el.closest('g.annotation')) return 'annotation';
    if (el.closest('g.legend')) return 'legend';
    if (el.closest('g.colorbar')) return 'colorbar';
    const tick = el.closest('g[class$="tick"]');
    if (tick) return tick.getAttribute('class').split(' ')[0];
    if (el.closest('g[class*="title"]')) return 'axis title';
    if (el.closest('g.scattergeolayer, .geolayer, g.geo')) return 'map label';
    if (el.closest('g.textpoint')) return 'point label';
    if (el.closest('g.bartext, .bartext')) return 'bar label';
    if (el.closest('g.heatmaplayer, .hm')) return 'cell';
    return 'text';
  };
  const corners = el => {
    try {
      const b = el.getBBox(), m = el.getScreenCTM();
      return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
        .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    } catch (e) {
      const r = el.getBoundingClientRect();
      return [[r.left, r.top], [r.right, r.top], [r.right, r.bottom], [r.left, r.bottom]];
    }
  };
  // separating axes: the smallest overlap of the two rectangles' projections on their edge normals
  const depth = (a, b) => {
    let least = Infinity;
    for (const poly of [a, b]) {
      for (let i = 0; i < 2; i++) {
        const [x0, y0] = poly[i], [x1, y1] = poly[i + 1];
        let nx = -(y1 - y0), ny = x1 - x0; const len = Math.hypot(nx, ny) || 1; nx /= len; ny /= len;
        const pa = a.map(([x, y]) => x * nx + y * ny), pb = b.map(([x, y]) => x * nx + y * ny);
        const o = Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb));
        least = Math.min(least, o);
        if (least <= 0) return least;
      }
    }
    return least;
  };
  // overlap across and down, in the frame of the first rectangle (its own rotation)
  const sides = (a, b) => {
    const ang = Math.atan2(a[1][1] - a[0][1], a[1][0] - a[0][0]), c = Math.cos(-ang), s = Math.sin(-ang);
    const rot = p => p.map(([x, y]) => [x * c - y * s, x * s + y * c]);
    const ra = rot(a), rb = rot(b);
    const ext = (p, k) => [Math.min(...p.map(q => q[k])), Math.max(...p.map(q => q[k]))];
    const [ax0, ax1] = ext(ra, 0), [ay0, ay1] = ext(ra, 1), [bx0, bx1] = ext(rb, 0), [by0, by1] = ext(rb, 1);
    return [Math.min(ax1, bx1) - Math.max(ax0, bx0), Math.min(ay1, by1) - Math.max(ay0, by0)];
  };
  const plain = t => String(t || '').replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  const charts = [];
  document.querySelectorAll('.js-plotly-plot').forEach((gd, index) => {
    const box = gd.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || !shown(gd, document.body)) return;
    const fl = gd._fullLayout || {};
    const name = plain(fl.title && fl.title.text).slice(0, 70) || `chart ${index + 1}`;
    const texts = [];
    gd.querySelectorAll('svg.main-svg text').forEach(el => {
      if (el.closest('.hoverlayer')) return;
      const s = (el.textContent || '').replace(/\s+/g, ' ').trim();
      if (!s || !shown(el, gd)) return;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return;
      texts.push({text: s.slice(0, 60), kind: kindOf(el), l: r.left, t: r.top, r: r.right, b: r.bottom, c: corners(el)});
    });
    const clipped = [];
    for (const x of texts) {
      const out = {left: box.left - x.l, right: x.r - box.right, top: box.top - x.t, bottom: x.b - box.bottom,
                   'window left': -x.l, 'window right': x.r - vw};
      const [side, px] = Object.entries(out).sort((a, b) => b[1] - a[1])[0];
      if (px > clip) clipped.push({text: x.text, kind: x.kind, side, px: Math.round(px)});
    }
    const overlaps = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i], b = texts[j];
        if (a.r < b.l || b.r < a.l || a.b < b.t || b.b < a.t) continue;  // boxes apart: no need for more
        if (depth(a.c, b.c) <= overlap) continue;
        const [w, h] = sides(a.c, b.c);
        if (w > overlap && h > overlap)
          overlaps.push({a: a.text, ak: a.kind, b: b.text, bk: b.kind, w: Math.round(w), h: Math.round(h)});
      }
    }
    const modebar = [];
    const mb = gd.querySelector('.modebar');
    if (mb) {
      const m = mb.getBoundingClientRect();
      if (m.width > 0 && m.height > 0) for (const x of texts) {
        const w = Math.min(m.right, x.r) - Math.max(m.left, x.l), h = Math.min(m.bottom, x.b) - Math.max(m.top, x.t);
        if (w > overlap && h > overlap) modebar.push({text: x.text, kind: x.kind, w: Math.round(w), h: Math.round(h)});
      }
    }
    const dropped = [];
    for (const key of Object.keys(fl)) {
      if (!/^[xy]axis\d*$/.test(key)) continue;
      const ax = fl[key];
      if (!ax || !ax._id || ax.visible === false || ax.showticklabels === false) continue;
      const [lo, hi] = (ax.range || [0, 0]).slice().map(Number).sort((p, q) => p - q);
      let expected = null, names = [];
      if (ax.type === 'category' && ax._categories) {
        names = ax._categories.filter((c, i) => i >= lo - 0.01 && i <= hi + 0.01).map(plain);
        expected = names.length;
      } else if (ax.tickmode === 'array' && ax.tickvals && ax.type === 'linear') {
        const keep = ax.tickvals.map((v, i) => [v, i]).filter(([v]) => v >= lo - 1e-9 && v <= hi + 1e-9);
        names = keep.map(([v, i]) => plain(ax.ticktext ? ax.ticktext[i] : v));
        expected = keep.length;
      }
      if (expected === null || expected === 0) continue;
      const drawn = [...gd.querySelectorAll(`g.${ax._id}tick text`)]
        .filter(t => (t.textContent || '').trim() && shown(t, gd) && t.getBoundingClientRect().width > 0)
        .map(t => t.textContent.replace(/\s+/g, '').trim());
      if (drawn.length < expected) {
        const have = new Set(drawn);
        dropped.push({axis: ax._id, expected, drawn: drawn.length,
                      missing: names.filter(n => !have.has(n.replace(/\s+/g, ''))).slice(0, 8)});
      }
    }
    charts.push({name, width: Math.round(box.width), height: Math.round(box.height), texts: texts.length,
                 clipped, overlaps, modebar, dropped});
  });
  const main = document.querySelector('[data-testid="stMain"]');
  const sb = document.querySelector('[data-testid="stSidebar"]');
  let sidebar = null;
  if (sb) {
    const r = sb.getBoundingClientRect();
    sidebar = {expanded: sb.getAttribute('data-collapsed') === 'false', shown: shown(sb, document.body),
               left: Math.round(r.left), right: Math.round(r.right), width: Math.round(r.width)};
  }
  return {vw, vh, charts, sidebar,
          main: main ? {scrollH: main.scrollHeight, clientH: main.clientHeight, scrollW: main.scrollWidth,
                        clientW: main.clientWidth} : null,
          doc: {scrollH: document.documentElement.scrollHeight, scrollW: document.documentElement.scrollWidth,
                bodyW: document.body.scrollWidth}};
}
"""


def wait_plotly(page, timeout: float = TIMEOUT_MS) -> None:
    """Every Plotly chart on the page has drawn its main SVG."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(
                 c => { const g = c.querySelector('.js-plotly-plot');
                        return g && g._fullLayout && g.querySelector('.main-svg'); })""",
        timeout=timeout)


def measure(page) -> dict:
    return page.evaluate(MEASURE_JS, {"clip": CLIP_PX, "overlap": OVERLAP_PX})


def sidebar_covers(result: dict) -> bool:
    """On a narrow screen the sidebar, open at first load, lies over the page (more than a third of its width)."""
    sb = result["sidebar"]
    if not sb or not sb["expanded"] or not sb["shown"]:
        return False
    seen = min(sb["right"], result["vw"]) - max(sb["left"], 0)
    return seen > result["vw"] / 3


def chart_problems(result: dict) -> list[str]:
    out = []
    for c in result["charts"]:
        where = f"chart '{c['name']}' ({c['width']}×{c['height']} px)"
        for x in c["clipped"]:
            out.append(f"{where}: {x['kind']} '{x['text']}' cut {x['px']} px at the {x['side']}")
        for x in c["overlaps"]:
            out.append(f"{where}: {x['ak']} '{x['a']}' and {x['bk']} '{x['b']}' overlap {x['w']}×{x['h']} px")
        for x in c["modebar"]:
            out.append(f"{where}: the modebar covers {x['kind']} '{x['text']}' ({x['w']}×{x['h']} px)")
        for x in c["dropped"]:
            out.append(f"{where}: axis {x['axis']} draws {x['drawn']} of {x['expected']} labels "
                       f"(missing: {', '.join(x['missing']) or '?'})")
    return out


def page_problems(result: dict, present: bool) -> list[str]:
    out = []
    m, d, vw, vh = result["main"], result["doc"], result["vw"], result["vh"]
    if present:
        if m and m["scrollH"] > m["clientH"] + 1:
            out.append(f"presentation view is {m['scrollH']} px tall on a {m['clientH']} px screen")
        elif d["scrollH"] > vh + 1:
            out.append(f"presentation page is {d['scrollH']} px tall on a {vh} px screen")
    if m and m["scrollW"] > m["clientW"] + 1:
        out.append(f"the page scrolls sideways: {m['scrollW']} px of content in {m['clientW']} px")
    elif max(d["scrollW"], d["bodyW"]) > vw + 1:
        out.append(f"the page scrolls sideways: {max(d['scrollW'], d['bodyW'])} px wide in a {vw} px window")
    return out


def full_screenshot(page, path: Path) -> Path:
    """The whole content, not just the window: Streamlit scrolls inside stMain, so grow the window to the content
    for the picture, then give the window its size back."""
    size = dict(page.viewport_size)
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]') || document.body;"
        " return Math.max(m.scrollHeight, document.body.scrollHeight); }")
    path.parent.mkdir(parents=True, exist_ok=True)
    if height > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": min(int(height) + 20, 16000)})
        page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    if height > size["height"]:
        page.set_viewport_size(size)
    return path


def case_name(path: str, size: str, query: str) -> str:
    q = re.sub(r"[^a-z0-9]+", "-", query.lower()).strip("-")
    return "_".join(p for p in ((path.strip("/") or "overview"), size, q) if p)
