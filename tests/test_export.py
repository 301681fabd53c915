"""Image export with the real kaleido and the system Chromium: what an advocate downloads explains itself."""

from __future__ import annotations

import os
import struct

import pytest

from aseancop import load_dataset
from components import charts, export
from components.views import titles

pytestmark = pytest.mark.export
DS = load_dataset(os.environ.get("ASEANCOP_DATA_DIR") or None)


@pytest.fixture(scope="module", autouse=True)
def chromium_present():
    if not export.chromium():
        pytest.fail("Chromium is required for image export tests: install Debian's package (apt-get install chromium) "
                    "or set BROWSER_PATH. ./test.sh installs it automatically when run as root.")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def map_figure():
    latest = DS.latest("ocsea_past_year", age="12-17")
    return charts.choropleth(DS, latest, "ocsea_past_year", titles(DS, "ocsea_past_year", latest, "all"))


def test_map_png_is_twice_the_size_and_offline():
    fig = map_figure()
    png = export.to_image(fig, "png")
    w, h = png_size(png)
    assert (w, h) == (2400, 2 * int(fig.layout.height))
    assert len(png) > 50_000  # a drawn map, not an empty frame


def test_map_svg_carries_title_subtitle_source_and_no_data():
    svg = export.to_image(map_figure(), "svg").decode("utf-8")
    assert "Internet-using children aged 12–17" in svg
    assert "Ages 12–17" in svg and "2021" in svg
    assert "Source" in svg and "ECPAT International" in svg
    assert "No data" in svg and charts.APP_NAME in svg
    assert svg.count('class="choroplethlocation"') == 11  # all member states drawn
    # states too small to see (Singapore, Brunei, ...) are marked, in the 'No data' grey when they have no figure
    assert svg.count('class="point"') == len(DS.small_states)
    assert "Singapore" in svg and "fill: rgb(212, 212, 212)" in svg


def test_bar_and_line_exports_carry_their_sources():
    latest = DS.latest("internet_use_pct", age="all")
    bar = charts.ranked_bar(DS, latest, "internet_use_pct", titles(DS, "internet_use_pct", latest, "all"))
    svg = export.to_image(bar, "svg").decode("utf-8")
    assert "People who use the internet" in svg and "World Bank" in svg
    nc = DS.filter(indicator="ncmec_cybertipline_reports", members_only=True).assign(series=lambda d: d["area_name"])
    line = charts.trend_lines(DS, nc, ("NCMEC reports", "All ages · 2019–2023", DS.source_line(nc["source_id"])), unit="count")
    svg = export.to_image(line, "svg").decode("utf-8")
    assert "National Center for Missing" in svg or "NCMEC" in svg


@pytest.mark.parametrize("iso3", ["PHL", "SGP", None])
def test_share_card_is_1200_by_675_with_number_meaning_and_source(iso3):
    fig = charts.share_card(DS, "ocsea_past_year", iso3, "12-17")
    png = export.to_image(fig, "png", scale=1, width=1200, height=675)
    assert png_size(png) == (1200, 675)
    svg = export.to_image(fig, "svg", width=1200, height=675).decode("utf-8")
    if iso3 == "PHL":
        assert "20%" in svg and "Philippines" in svg and "Source" in svg
    elif iso3 == "SGP":
        assert "No data" in svg and "Singapore" in svg
    else:
        assert "1–20%" in svg and "not an ASEAN average" in svg


def test_alt_text_describes_every_bar():
    latest = DS.latest("ocsea_past_year", age="12-17")
    bar = charts.ranked_bar(DS, latest, "ocsea_past_year", titles(DS, "ocsea_past_year", latest, "all"))
    text = export.describe(bar)
    assert "Philippines: 20%" in text and "Indonesia: ≥ 2%" in text
