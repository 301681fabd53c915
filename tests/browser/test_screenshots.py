"""A full-page screenshot of every page is saved under artifacts/screenshots/ on each run of the suite."""

from __future__ import annotations

import struct

import pytest

from tools.screenshots import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.browser_audit]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


def test_every_page_has_a_fresh_full_page_screenshot(open_tab, network_log):
    missing = [p for p in PAGES if p not in network_log.screenshots]
    if missing:  # run on its own (e.g. -k screenshot): take the ones the page tests did not
        tab = open_tab()
        for path in missing:
            tab.open(path)
            tab.screenshot(path)
    problems = []
    for path in PAGES:
        png = network_log.screenshots[path]
        data = png.read_bytes() if png.exists() else b""
        if not data:
            problems.append(f"/{path}: {png} missing")
            continue
        width, height = png_size(data)
        if png.stat().st_mtime < network_log.started - 1:
            problems.append(f"/{path}: {png} was not rewritten in this run")
        if width < 1000 or height < 900 or len(data) < 20_000:
            problems.append(f"/{path}: {png} looks empty ({width}x{height}, {len(data)} bytes)")
    assert not problems, "\n".join(problems)
