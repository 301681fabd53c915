"""The forum stage in a real browser: presentation mode hides the chrome; the briefing's Next button advances."""

from __future__ import annotations

import pytest

from tools.screenshots import wait_ready

pytestmark = pytest.mark.browser


def test_presentation_mode_hides_sidebar_and_toolbar(app_server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{app_server.url}/map?present=1&area=online")
        wait_ready(page)
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        assert not page.locator("[data-testid='stToolbar']").is_visible()
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('[data-testid=\"stAppViewContainer\"]')).fontSize)")
        assert size >= 22
        assert "present=1" in page.url and "area=online" in page.url  # filters kept from the link
    finally:
        page.close()


def test_briefing_next_button_advances_and_updates_the_link(app_server, browser):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{app_server.url}/briefing?present=1&slide=2")
        wait_ready(page)
        assert page.get_by_text("Slide 2 of").is_visible()
        page.get_by_role("button", name="Next").click()
        page.wait_for_function("() => location.search.includes('slide=3')", timeout=30_000)
        wait_ready(page)
        assert page.get_by_text("Slide 3 of").is_visible()
        page.keyboard.press("Tab")  # the main flow is reachable with the keyboard
        assert page.evaluate("() => document.activeElement && document.activeElement.tagName") in ("BUTTON", "A", "INPUT", "DIV")
    finally:
        page.close()
