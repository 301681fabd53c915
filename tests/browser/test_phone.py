"""A delegate's phone (390×844): the page opens on the view, not on the filters drawer; one line in the main column
says what is filtered, and its button opens the filters. On a laptop the sidebar is open and the line is not shown."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SIDEBAR_OPEN_JS = """() => { const s = document.querySelector('[data-testid="stSidebar"]');
  const r = s.getBoundingClientRect(); return s.getAttribute('data-collapsed') === 'false' && r.width > 100 && r.right > 100; }"""


def line(page):
    return page.locator(".st-key-filter_line")


@pytest.mark.parametrize("path", ["", "map", "priority-areas"])
def test_phone_opens_on_the_view_with_what_is_filtered_and_a_way_to_change_it(tab, path):
    tab.page.set_viewport_size(PHONE)
    tab.open(path, "country=PHL&country=THA&lang=en")
    assert not tab.page.evaluate(SIDEBAR_OPEN_JS), "the filters drawer covers the page at first load on a phone"
    assert line(tab.page).is_visible()
    text = line(tab.page).inner_text()
    assert "Philippines, Thailand" in text and "All priority areas" in text, text
    line(tab.page).get_by_role("button", name="Change filters").click()
    tab.page.wait_for_function(SIDEBAR_OPEN_JS, timeout=10_000)
    assert tab.page.locator("[data-testid='stSidebar']").get_by_text("Countries", exact=True).is_visible()


def test_phone_line_reads_in_the_language_and_counts_many_states(tab):
    tab.page.set_viewport_size(PHONE)
    tab.open("map", "lang=th&" + "&".join(f"country={c}" for c in ("KHM", "LAO", "MMR", "VNM")))
    text = line(tab.page).inner_text().replace("\u200b", "")
    assert any(0x0E00 <= ord(ch) <= 0x0E7F for ch in text) and "4" in text, text


def test_laptop_keeps_the_sidebar_open_and_hides_the_line(tab):
    tab.open("map", "country=PHL")
    assert tab.page.evaluate(SIDEBAR_OPEN_JS)
    assert not line(tab.page).is_visible()


def test_presentation_mode_has_no_filter_line(tab):
    tab.page.set_viewport_size(PHONE)
    tab.open("map", "present=1")
    assert line(tab.page).count() == 0
