"""Issue 21's "done when", in a real browser: with `?lang=` each of the ten other languages, on every page, at least
90% of the headings, sidebar labels and text blocks (paragraphs, captions, list items, caveats included) differ from
the English page, and Thai, Khmer, Lao and Burmese pages are written in their own scripts.

A block counts as "the same as English" when its text (zero-width word-break marks removed, spaces squeezed) occurs
on the English page of the same view. Blocks without a letter (numbers, dates, ranges such as "1–20%") are left out:
they read the same in every language.
"""

from __future__ import annotations

import os
import unicodedata

import pytest

from tools.screenshots import PAGES

pytestmark = pytest.mark.browser

LANGS = ["id", "vi", "th", "km", "ms", "fil", "lo", "my", "pt", "tet"]
SCRIPTS = {"th": (0x0E00, 0x0E7F), "km": (0x1780, 0x17FF), "lo": (0x0E80, 0x0EFF), "my": (0x1000, 0x109F)}
MIN_SHARE = 0.90
DETAIL = bool(os.environ.get("TRANSLATED_DETAIL"))  # print every page's untranslated blocks
# one query per page that fills it: two countries (the country page needs one), the compare page its pair
QUERY = {"country": "country=PHL", "compare": "country=PHL&country=THA"}

# every text block a reader sees: headings, sidebar labels (widget labels, page links), paragraphs, captions and list
# items of the main column and the sidebar, alerts (caveats, notes) and expander titles; leaf-most blocks only
BLOCKS_JS = """() => {
  const sel = ['h1','h2','h3','h4','h5','p','li','label','[data-testid="stCaptionContainer"]',
               '[data-testid="stSidebarNavLink"] span','summary','[data-testid="stMetricLabel"]','td','th'].join(',');
  const seen = new Set(); const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;   // hidden
    if (el.closest('[data-testid="stIconMaterial"]') || el.querySelector('[data-testid="stIconMaterial"]')
        && !(el.innerText || '').replace(el.querySelector('[data-testid="stIconMaterial"]').innerText, '').trim())
      continue;                                                                     // icon names, not text
    if (el.closest('.js-plotly-plot') || el.closest('[data-testid="stDataFrame"]')) continue;  // charts: own tests
    if ([...el.querySelectorAll(sel)].length) continue;                             // a container of other blocks
    const where = el.closest('[data-testid="stSidebar"]') ? 'sidebar' : 'main';
    // what is drawn: a block hidden with font-size 0 shows its ::before/::after text instead (Streamlit's own words
    // replaced by translated ones, components/layout.UPLOADER_CSS)
    const pseudo = w => { const c = getComputedStyle(el, w).content;
                          return c && c !== 'none' && c !== 'normal' ? JSON.parse(c) : ''; };
    const own = getComputedStyle(el).fontSize === '0px' ? '' : (el.innerText || '');
    const text = (pseudo('::before') + own + pseudo('::after')).replace(/\\u200b/g, '').replace(/\\s+/g, ' ').trim();
    // a column name, a code or a file name set as code is typed as it is, in every language
    const code = [...el.querySelectorAll('code')].map(c => c.innerText).join('').replace(/\\s+/g, '');
    if (code && code === text.replace(/\\s+/g, '')) continue;
    if (!text || seen.has(where + text)) continue;
    seen.add(where + text); out.push([where, text]);
  }
  return out;
}"""


def has_letter(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("L") for ch in text)


def blocks(tab, path: str, query: str) -> list[tuple[str, str]]:
    tab.open(path, query)
    # what is folded in expanders (caveats, definitions, tables' notes) is read too: open every one
    tab.page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    tab.page.wait_for_timeout(300)
    return [(w, t) for w, t in tab.page.evaluate(BLOCKS_JS) if has_letter(t)]


_ENGLISH: dict[str, list[tuple[str, str]]] = {}


def english(tab, path: str) -> set[str]:
    """The English text of a page, read once for all ten languages."""
    if path not in _ENGLISH:
        _ENGLISH[path] = blocks(tab, path, QUERY.get(path, ""))
    return {t for _, t in _ENGLISH[path]}


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_reads_in_the_language(tab, lang):
    report, failures = [], []
    for path in PAGES:
        query = "&".join(q for q in (QUERY.get(path, ""), f"lang={lang}") if q)
        same_as_english = english(tab, path)
        got = blocks(tab, path, query)
        same = [(w, t) for w, t in got if t in same_as_english]
        share = 1 - len(same) / max(1, len(got))
        report.append(f"/{path}: {share:.0%} of {len(got)} blocks translated")
        if share < MIN_SHARE or DETAIL:
            failures.append(f"/{path}?{query}: {share:.0%} translated ({len(same)} of {len(got)} blocks as in "
                            f"English): " + "; ".join(f"[{w}] {t[:70]!r}" for w, t in same[:25]))
        if lang in SCRIPTS:
            lo, hi = SCRIPTS[lang]
            heads = [t for w, t in got if w == "main"][:3]
            if not any(lo <= ord(ch) <= hi for t in heads for ch in t):
                failures.append(f"/{path}?{query}: the first blocks are not in the {lang} script: {heads}")
    print("\n".join(report))
    assert not failures, "\n".join(failures)
