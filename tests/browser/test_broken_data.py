"""A broken data file stops a freshly started server with a message naming the file, even after a start that
stored the good data in the validated-dataset cache (aseancop.cache): nothing stale is ever served."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools.screenshots import AppServer, wait_ready

ROOT = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1440, "height": 900}

pytestmark = pytest.mark.browser


def _first_page(browser, server) -> tuple[str, list[str]]:
    page = browser.new_page(viewport=VIEWPORT)
    try:
        page.goto(server.url + "/", timeout=60_000)
        wait_ready(page)
        body = page.locator("[data-testid='stMain']").inner_text(timeout=30_000)
        exceptions = page.locator("[data-testid='stException']").all_inner_texts()
        return body, exceptions
    finally:
        page.close()


def test_a_file_broken_after_a_cached_start_is_named_in_a_fresh_server(browser, tmp_path):
    data, cache = tmp_path / "data", tmp_path / "cache"
    shutil.copytree(ROOT / "data", data)
    env = {"ASEANCOP_DATA_DIR": str(data), "ASEANCOP_CACHE_DIR": str(cache)}
    with AppServer(env=env) as server:  # a good start: validates data/ and stores it
        body, exceptions = _first_page(browser, server)
    assert not exceptions and "failed validation" not in body
    assert list(cache.glob("dataset-*.pickle")), "the good start did not store the validated dataset"

    (data / "sources.csv").write_text("source_id,title\nbroken\n", encoding="utf-8")  # columns missing
    with AppServer(env=env) as server:  # a new process, same cache folder
        body, exceptions = _first_page(browser, server)
    assert not exceptions, exceptions
    assert "failed validation" in body and "sources.csv" in body, body[:1500]
    assert "Traceback" not in body and 'File "' not in body
