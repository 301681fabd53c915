"""/timeline in a real browser: the 'since the forum' view is one click, lists only events from November 2023 on,
is written into the link, and the tracker's link reaches the timeline with the sidebar's filters kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from aseancop.timeline import FORUM, date_period
from components import wording

pytestmark = pytest.mark.browser

FORUM_DAY = dt.date(2023, 11, 1)
ITEMS = ".st-key-timeline_events li"  # the list of events (not the sources' list below it)


def listed(page) -> list[str]:
    return [t.strip() for t in page.locator(ITEMS).all_inner_texts() if t.strip()]


def event_date(item: str) -> str:
    """The date an item starts with, as the page writes it (July 1, 2026 / October 2025 / 2025)."""
    return item.split(" · ", 1)[0].strip()


def test_since_the_forum_lists_only_events_from_november_2023_on(tab, ds):
    page = tab.page
    tab.open("timeline")
    page.wait_for_function(f"() => document.querySelectorAll({ITEMS!r}).length === {len(ds.timeline())}")
    everything = listed(page)
    assert len(everything) == len(ds.timeline()), everything[:3]
    page.get_by_role("radio", name="Since the forum (November 2023)").click()
    page.wait_for_url(re.compile(r"[?&]since=2023-11(&|$)"))
    tab.settle()
    page.wait_for_function(f"() => document.querySelectorAll({ITEMS!r}).length === {len(ds.timeline(since=FORUM))}")
    shown = listed(page)
    want = ds.timeline(since=FORUM)
    assert len(shown) == len(want) < len(everything)
    # every listed event is dated November 2023 or later, read from the page's own words
    written = {wording.measure_date(d): date_period(d)[0] for d in ds.timeline()["date"]}
    for item in shown:
        assert written[event_date(item)] >= FORUM_DAY, item
    assert [event_date(i) for i in shown] == [wording.measure_date(d) for d in want["date"]]  # oldest first
    # the chart shows the same events: one marker each
    n_markers = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')].map(g => g.data || [])
        .flat().filter(t => t.mode === 'markers').reduce((n, t) => n + t.x.length, 0)""")
    assert n_markers == len(want)
    assert not tab.errors(), tab.errors()


def test_the_tracker_link_reaches_the_timeline_with_the_filters_kept(tab, ds):
    page = tab.page
    tab.open("priority-areas", "area=legal&country=MYS")
    assert wording.as_of(ds) in page.locator("[data-testid='stMain']").inner_text()
    page.get_by_role("link", name="What changed since the forum (November 2023)").click()
    page.wait_for_url(re.compile(r"/timeline\?"))
    page.wait_for_url(re.compile(r"since=2023-11"))
    tab.settle()
    url = page.url
    assert "area=legal" in url and "country=MYS" in url, url
    want = ds.timeline(["MYS"], "legal", FORUM)
    page.wait_for_function(f"() => document.querySelectorAll({ITEMS!r}).length === {len(want)}")
    shown = listed(page)
    assert shown and all("Malaysia" in i for i in shown)
    assert page.get_by_role("heading", name="What changed: timeline of measures").is_visible()
    assert not tab.errors(), tab.errors()
