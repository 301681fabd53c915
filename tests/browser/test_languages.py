"""Languages in a real browser: two viewers in two languages at once, lang kept across pages and in presentation
mode, the switch keeps the filters, and the Thai/Khmer fonts come from the app itself (no system fonts needed)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

THAI, KHMER = (0x0E00, 0x0E7F), (0x1780, 0x17FF)


def in_script(text: str, block: tuple[int, int]) -> bool:
    return any(block[0] <= ord(ch) <= block[1] for ch in text)


def heading(page) -> str:
    """The first heading as read (zero-width word-break marks in Thai, Khmer, Lao and Burmese are invisible)."""
    return page.locator("h1").first.inner_text().replace("\u200b", "")


def wait_heading_in(page, block: tuple[int, int]) -> None:
    """Wait until the page's first heading is drawn in the script (a reload redraws it; no fixed sleep)."""
    page.wait_for_function(
        "([lo, hi]) => { const h = document.querySelector('h1');"
        " return !!h && [...h.innerText].some(c => c.codePointAt(0) >= lo && c.codePointAt(0) <= hi); }",
        arg=list(block), timeout=60_000)


def sidebar_text(page) -> str:
    return page.locator("[data-testid='stSidebar']").inner_text()


def test_two_viewers_in_two_languages_at_the_same_time(open_tab):
    thai, khmer = open_tab(), open_tab()
    thai.open("map", "lang=th")  # both sessions stay open side by side; each reloads in turn below
    khmer.open("map", "lang=km")
    for _ in range(2):  # and again after each reruns: neither session picks up the other's language
        wait_heading_in(thai.page, THAI)
        wait_heading_in(khmer.page, KHMER)
        assert in_script(heading(thai.page), THAI) and not in_script(sidebar_text(thai.page), KHMER)
        assert in_script(heading(khmer.page), KHMER) and not in_script(sidebar_text(khmer.page), THAI)
        khmer.page.reload(wait_until="domcontentloaded")
        khmer.settle()
        thai.page.reload(wait_until="domcontentloaded")
        thai.settle()


def test_lang_is_kept_across_pages_and_in_presentation_mode(tab):
    tab.open("", "lang=vi")
    assert heading(tab.page) == "Trẻ em trên mạng và các tổn hại trực tuyến ở ASEAN"
    tab.page.locator("[data-testid='stSidebarNav']").get_by_text("Khám phá bản đồ", exact=True).click()
    tab.page.wait_for_url(re.compile(r"/map\?(.*&)?lang=vi(&|$)"))
    tab.settle()
    assert heading(tab.page) == "Khám phá bản đồ"
    tab.open("country", "lang=th&present=1&country=KHM")
    assert not tab.page.locator("[data-testid='stSidebar']").is_visible()
    assert heading(tab.page) == "กัมพูชา"
    assert "lang=th" in tab.page.url and "present=1" in tab.page.url


def test_switching_language_keeps_the_filters_and_writes_the_link(tab):
    tab.open("map", "area=data&country=PHL")
    side = tab.page.locator("[data-testid='stSidebar']")
    side.get_by_role("combobox", name="Language").click()
    tab.page.get_by_role("option", name="ភាសាខ្មែរ", exact=True).click()
    tab.page.wait_for_url(re.compile(r"[?&]lang=km(&|$)"))
    tab.settle()
    assert "area=data" in tab.page.url and "country=PHL" in tab.page.url
    assert heading(tab.page) == "រុករកផែនទី"
    assert "ហ្វីលីពីន" in sidebar_text(tab.page)  # the chosen country is still chosen, now named in Khmer


@pytest.mark.parametrize("lang, family, letter", [("th", "Noto Sans Thai", "ก"), ("km", "Noto Sans Khmer", "ក")])
def test_script_fonts_are_served_by_the_app(tab, lang, family, letter):
    tab.open("", f"lang={lang}")
    tab.page.evaluate("() => document.fonts.ready")
    loaded = tab.page.evaluate(
        "([family, letter]) => [...document.fonts].some(f => f.family.replace(/\"/g, '') === family"
        " && f.status === 'loaded') && document.fonts.check(`16px \"${family}\"`, letter)", [family, letter])
    assert loaded, f"{family} was not loaded for the page"
    fetched = [u for u in tab.requests if "/app/static/fonts/" in u]
    assert fetched and all(u.startswith(tab.base_url) for u in fetched), fetched
    stack = tab.page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontFamily")
    assert family in stack, stack
