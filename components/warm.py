"""Process warmth: what a server does once so that every rerun stays cheap.

Streamlit runs a full garbage collection (`gc.collect(2)`, option `runner.postScriptGC`) after every script run.
With pandas, geopandas, plotly and the dataset loaded that walks ~150,000 objects: ~100-200 ms on this machine,
holding the GIL while the "script finished" message waits to be sent, on every rerun of every viewer. The
objects that live as long as the process (modules, the dataset, cached figures) never become garbage, so after
the first run of each page they are moved out of the collector's sight (`gc.freeze()`): later collections only
walk what the reruns themselves create (~1 ms). Reference counting still frees anything that dies, so nothing
is kept that would have been freed; only reference cycles among these frozen objects would wait (there are none
to speak of: they live as long as the server).

The dataset's answers that every filter state draws on (the coverage matrix per priority area and age group,
country profiles, internet use by age band) and every language's catalogues are computed once per process in a background thread (`start`), so a viewer's first
visit to a new filter state reads them instead of computing them (measured with bench/load.py: the coverage
matrix alone was ~28% of the server's script time for new states, ~0.3-2 s cold per area/age). ~10 s of one core,
once, right after the first page of the process has run; requests interleave with it (the GIL is released between
items).
"""

from __future__ import annotations

import gc
import logging
import threading
import time

_FROZEN: set[str] = set()
_LOCK = threading.Lock()


def freeze_after_first_run(page: str) -> None:
    """Call at the end of a run: the first time each page has run in this process, collect, then freeze."""
    with _LOCK:
        if page in _FROZEN:
            return
        _FROZEN.add(page)
    gc.collect()
    gc.freeze()


_STARTED: set = set()


def start(ds) -> None:
    """Precompute the shared dataset's per-state answers in a background thread, once per dataset object."""
    if ds.n_user_rows:  # a session's own uploaded rows: its answers are not shared
        return
    with _LOCK:
        if ds.token in _STARTED:
            return
        _STARTED.add(ds.token)
    threading.Thread(target=_warm, args=(ds,), name="warm-dataset", daemon=True).start()


def _warm(ds) -> None:
    t0 = time.perf_counter()
    try:
        from . import i18n

        # every language's catalogues are compiled from their .po files once per process (~50-100 ms each): here,
        # rather than in the first request of each language's first reader
        for code in i18n.LANGUAGES:
            for domain in ("messages", "data"):
                i18n.translations(code, domain)
                time.sleep(0)
        ds.internet_use_by_age()  # every state's figures by age band: a country pick is then a subset of it
        ages = [None] + list(ds.age_groups.index)
        areas = [None] + list(ds.area_codes())
        jobs = [(ds.coverage, (area, age)) for age in ages for area in areas]
        jobs += [(ds.coverage_by_area, (age,)) for age in ages]
        jobs += [(ds.tracker, ())]
        for iso in ds.member_codes:
            jobs += [(ds.unknowns, (iso,))]
            jobs += [(ds.profile, (iso, area, age)) for area in areas for age in ages]
        for fn, args in jobs:
            fn(*args)
            time.sleep(0)  # let a waiting request thread take the GIL between items
        logging.getLogger(__name__).info("dataset warmed: %d answers in %.1f s", len(jobs), time.perf_counter() - t0)
    except Exception:  # warming is an optimisation only: a failure here leaves the queries to compute on demand
        logging.getLogger(__name__).exception("dataset warming stopped")
