"""Load: 25 browser sessions on one server at once, each changing its own filters; no errors, no cross-talk."""

from __future__ import annotations

import pytest

from tools.screenshots import wait_ready

pytestmark = pytest.mark.browser
SESSIONS = 25
COUNTRIES = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM", "TLS"]
NAMES = {"BRN": "Brunei Darussalam", "KHM": "Cambodia", "IDN": "Indonesia", "LAO": "Lao PDR", "MYS": "Malaysia",
         "MMR": "Myanmar", "PHL": "Philippines", "SGP": "Singapore", "THA": "Thailand", "VNM": "Viet Nam",
         "TLS": "Timor-Leste"}
UPLOAD = ("iso3,indicator_id,age_band,sex,year,value,lower,upper,qualifier,source,source_url,note\n"
          "THA,internet_use_pct,all,all,2024,90,,,,Load-test figure,https://example.org/x,\n")


def choose_area(page, label: str) -> None:
    # by its label: the language switch is now the first select box of the sidebar
    page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").filter(has_text="Priority area").first.click()
    page.keyboard.type(label)
    page.keyboard.press("Enter")


def test_25_concurrent_sessions_keep_their_own_filters_and_uploads(app_server, browser):
    contexts, pages = [], []
    try:
        for i in range(SESSIONS):
            ctx = browser.new_context(viewport={"width": 1280, "height": 800})
            page = ctx.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            page.__dict__["_errors"] = errors
            contexts.append(ctx)
            pages.append(page)
        # all sessions load at once
        for i, page in enumerate(pages):
            page.goto(f"{app_server.url}/country?country={COUNTRIES[i % 11]}", wait_until="commit")
        for page in pages:
            wait_ready(page, timeout=120_000)
        # every session changes its own filter, interleaved
        for i, page in enumerate(pages):
            choose_area(page, "Children online" if i % 2 == 0 else "Data collection")
        for page in pages:
            page.wait_for_function("() => location.search.includes('area=')", timeout=60_000)
            wait_ready(page, timeout=120_000)
        # one session uploads figures; nobody else may see them
        uploader = pages[0]
        uploader.goto(f"{app_server.url}/data")
        wait_ready(uploader, timeout=120_000)
        uploader.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            files=[{"name": "mine.csv", "mimeType": "text/csv", "buffer": UPLOAD.encode()}])
        wait_ready(uploader, timeout=60_000)
        uploader.get_by_role("button", name="Show 1 valid row(s) on the dashboard").click()
        uploader.wait_for_selector("text=user-supplied figures", timeout=60_000)

        for i, page in enumerate(pages):
            assert not page.locator("[data-testid='stException']").count(), f"session {i}: exception box"
            assert not page.__dict__["_errors"], f"session {i}: {page.__dict__['_errors']}"
            if i == 0:
                continue
            page.reload()
            wait_ready(page, timeout=120_000)
            url = page.url
            assert f"country={COUNTRIES[i % 11]}" in url, f"session {i} lost its country: {url}"
            assert ("area=online" if i % 2 == 0 else "area=data") in url, f"session {i} has another session's area: {url}"
            assert page.locator("h1").first.inner_text().strip() == NAMES[COUNTRIES[i % 11]]
            assert page.locator("text=user-supplied figures").count() == 0, f"session {i} sees session 0's upload"
    finally:
        for ctx in contexts:
            ctx.close()
    from run_counts import ROBUSTNESS

    ROBUSTNESS["sessions"] = SESSIONS
