"""Every page opens in a real browser without an exception box, an error box or a browser console error.

Each page is also saved as a full-page screenshot under artifacts/screenshots/ (before the checks, so a broken page
is pictured too); test_screenshots.py checks that the whole set was written in this run.
"""

from __future__ import annotations

import pytest

from tools.screenshots import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGES, ids=lambda p: "/" + p)
def test_page_loads_cleanly(tab, path):
    tab.open(path)
    tab.screenshot(path)
    page = tab.page
    exceptions = page.locator("[data-testid='stException']").all_inner_texts()
    errors = page.locator("[data-testid='stAlertContentError']").all_inner_texts()
    assert not exceptions, f"/{path} shows an exception box:\n" + "\n---\n".join(t[:800] for t in exceptions)
    assert not errors, f"/{path} shows an error box:\n" + "\n---\n".join(t[:800] for t in errors)
    assert page.locator("[data-testid='stSidebar']").is_visible(), f"/{path} has no sidebar (st.navigation did not run)"
    logged = tab.errors()
    assert not logged, f"/{path} logged browser errors:\n" + "\n".join(logged)
