"""Timeline questions: which dated measures (laws, bills, signatures, units, services) each member state took,
2019-2026, and how recent the data are ("as of"). Facts only; components/timeline.py words and draws them.

measures.csv holds one row per event of a measure (bill, enacted, signed, in_force, launched), its date at the
precision the source gives: a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD). A date is a period: "2025"
is any day of 2025. The "since" view keeps an event only when its whole period is on or after the chosen date,
so an event dated "2023" is not claimed to be after November 2023 (since_unsure() names such events).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import pandas as pd

from .memo import memo

MEASURE_COLUMNS = ["measure_id", "iso3", "title", "priority_area", "event", "date", "source_id", "locator", "note"]
# in the order a measure usually goes through them (a tie on the same date sorts in this order)
EVENTS = ["bill", "signed", "enacted", "in_force", "launched"]
FIRST_YEAR, LAST_YEAR = 2019, 2026  # the timeline's span
FORUM = "2023-11"  # the 2nd ASEAN ICT Forum on Child Online Protection: the "since the forum" view

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
TIMELINE_COLUMNS = ["measure_id", "iso3", "name", "title", "priority_area", "event", "date", "precision", "start", "end",
                    "source_id", "source_title", "source_citation", "source_url", "locator", "note"]


def date_period(text: str) -> tuple[dt.date, dt.date, str]:
    """(first day, last day, precision) of a date as written: 'YYYY' (year), 'YYYY-MM' (month), 'YYYY-MM-DD' (day).
    Raises ValueError naming the text when it is not one of these or not a real date."""
    m = _DATE.match(str(text).strip())
    if not m:
        raise ValueError(f"{text!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = (int(x) if x else None for x in m.groups())
    try:
        if d is not None:
            day = dt.date(y, mo, d)
            return day, day, "day"
        if mo is not None:
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]), "month"
        return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None


class TimelineMixin:
    """Dated measures per member state (mixed into aseancop.Dataset, which holds `measures`)."""

    @memo
    def _timeline_all(self) -> pd.DataFrame:
        m = getattr(self, "measures", None)
        if m is None or m.empty:
            return pd.DataFrame(columns=TIMELINE_COLUMNS + ["_order", "_event_order", "_precision_order"])
        m = m.copy()
        periods = [date_period(d) for d in m["date"]]
        m["start"] = [p[0] for p in periods]
        m["end"] = [p[1] for p in periods]
        m["precision"] = [p[2] for p in periods]
        m["name"] = m["iso3"].map(self.country_name)
        src = self.sources
        m["source_title"] = m["source_id"].map(src["title"])
        m["source_url"] = m["source_id"].map(src["url"])
        m["source_citation"] = m["source_id"].map(self.source_short)
        m["_order"] = m["iso3"].map(self.countries["order"].to_dict()).fillna(99)
        m["_event_order"] = m["event"].map({e: i for i, e in enumerate(EVENTS)}).fillna(len(EVENTS))
        m["_precision_order"] = m["precision"].map({"day": 0, "month": 1, "year": 2})
        m = m[[d.year >= FIRST_YEAR and d.year <= LAST_YEAR for d in m["start"]]]
        return m.sort_values(["start", "_precision_order", "_order", "measure_id", "_event_order"]).reset_index(drop=True)

    @memo
    def timeline(self, countries: list[str] | None = None, area: str | None = None,
                 since: str | None = None) -> pd.DataFrame:
        """Events of measures, 2019-2026, oldest first (by the first day of their date; on the same day the more
        precise date first, then ASEAN order, measure, event order), one row per event (TIMELINE_COLUMNS).

        countries: member states to keep (None or [] = all); area: a priority-area code; since: 'YYYY',
        'YYYY-MM' or 'YYYY-MM-DD', keeping only events whose whole period is on or after it (ValueError if
        malformed). `date` stays as the source gives it; `precision` says how much of it is known."""
        t = self._timeline_all()
        if countries:
            t = t[t["iso3"].isin(countries)]
        if area:
            t = t[t["priority_area"] == area]
        if since:
            first = date_period(since)[0]
            t = t[[s >= first for s in t["start"]]]
        return t[TIMELINE_COLUMNS].reset_index(drop=True)

    @memo
    def since_unsure(self, countries: list[str] | None = None, area: str | None = None, since: str = FORUM) -> list[str]:
        """measure_id/event pairs left out of the `since` view only because their date is too coarse to tell
        (e.g. '2023' against November 2023): 'measure_id:event', in timeline order."""
        first = date_period(since)[0]
        t = self.timeline(countries, area)
        keep = [s < first <= e for s, e in zip(t["start"], t["end"])]
        return [f"{m}:{e}" for m, e in zip(t.loc[keep, "measure_id"], t.loc[keep, "event"])]

    @memo
    def states_without_measures(self, countries: list[str] | None = None, area: str | None = None,
                                since: str | None = None) -> list[str]:
        """Member states (ASEAN order) with no measure recorded in this view: 'No measure recorded', which does
        not mean that none exists."""
        have = set(self.timeline(countries, area, since)["iso3"])
        return [c for c in self.member_codes if (not countries or c in countries) and c not in have]

    @memo
    def as_of(self) -> dict:
        """The latest date in the data, as a fact: {'date': text as written, 'precision': 'day'|'month'|'year',
        'what': 'measure'|'observation'}: the measure event whose date begins last (a day in July 2026 is later
        than a bare '2026'), unless a member state's observation has a later year; None when there are neither."""
        t = self._timeline_all()
        best = None
        if not t.empty:
            r = t.sort_values(["start", "_precision_order"], ascending=[True, False]).iloc[-1]  # latest first day
            best = {"date": r["date"], "precision": r["precision"], "what": "measure", "_start": r["start"]}
        years = self.obs.loc[self.obs["area_kind"] == "member", "year"].dropna()
        if not years.empty:
            y = int(years.max())
            if best is None or y > best["_start"].year:
                best = {"date": str(y), "precision": "year", "what": "observation", "_start": dt.date(y, 1, 1)}
        if best is None:
            return None
        best.pop("_start")
        return best
