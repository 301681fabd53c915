"""Every page in every language, in a real browser: at least 90% of the headings, sidebar labels and text blocks
(paragraphs, captions, list items; the "Read with care" caveats in their expanders too) differ from the English
page, and Thai, Khmer, Lao and Burmese pages are written in their own scripts."""

from __future__ import annotations

import re

import pytest

from components.i18n import LANGUAGES
from tools.screenshots import PAGES

pytestmark = pytest.mark.browser

SCRIPTS = {"th": (0x0E00, 0x0E7F), "km": (0x1780, 0x17FF), "lo": (0x0E80, 0x0EFF), "my": (0x1000, 0x109F)}
OTHERS = [c for c in LANGUAGES if c != "en"]
# a page with a country, indicators and caveats in view (the profile's sections and the data page's definitions)
QUERY = {"country": "country=KHM", "compare": "country=KHM&country=PHL"}

BLOCKS_JS = """() => {
  const main = document.querySelector("[data-testid='stMain']"), side = document.querySelector("[data-testid='stSidebar']");
  const text = el => (el.textContent || '').replace(/[\\u200b\\s]+/g, ' ').trim();
  const pick = (root, sel) => root ? [...root.querySelectorAll(sel)].map(text).filter(t => t && /\\p{L}{2}/u.test(t)) : [];
  return {
    heads: pick(main, 'h1, h2, h3, h4, summary'),
    side: pick(side, "label, [data-testid='stSidebarNavLink'] span, [data-testid='stCaptionContainer']"),
    blocks: pick(main, "[data-testid='stMarkdownContainer'] p, [data-testid='stMarkdownContainer'] li, [data-testid='stCaptionContainer']"),
  };
}"""

_ENGLISH: dict[str, dict] = {}


def texts(tab, page: str, lang: str) -> dict:
    query = "&".join(q for q in (QUERY.get(page, ""), f"lang={lang}" if lang != "en" else "") if q)
    tab.open(page, query)
    return tab.page.evaluate(BLOCKS_JS)


def share_translated(items: list[str], english: set[str], lang: str) -> tuple[float, list[str]]:
    if not items:
        return 1.0, []
    same = [t for t in items if t in english or (lang in SCRIPTS and not _in_script(t, lang) and re.search(r"[A-Za-z]{4}", t))]
    return 1 - len(same) / len(items), same


def _in_script(text: str, lang: str) -> bool:
    lo, hi = SCRIPTS[lang]
    return any(lo <= ord(ch) <= hi for ch in text)


@pytest.mark.parametrize("lang", OTHERS)
def test_every_page_reads_in_the_language(tab, lang):
    failures = []
    for page in PAGES:
        if page not in _ENGLISH:
            _ENGLISH[page] = texts(tab, page, "en")
        en = _ENGLISH[page]
        english = set(en["heads"]) | set(en["side"]) | set(en["blocks"])
        got = texts(tab, page, lang)
        assert got["heads"] and got["side"] and got["blocks"], (lang, page, got)
        for kind in ("heads", "side", "blocks"):
            share, same = share_translated(got[kind], english, lang)
            if share < 0.9:
                failures.append(f"/{page} {kind}: {share:.0%} translated; still English: {same[:5]}")
        if lang in SCRIPTS:
            assert _in_script(" ".join(got["heads"]), lang), (lang, page, got["heads"][:3])
        assert tab.page.evaluate("() => document.documentElement.lang") in (lang, LANGUAGES[lang].babel.replace("_", "-")), \
            f"/{page}: <html lang> is not {lang}"
    assert not failures, f"{lang}: " + "; ".join(failures)
