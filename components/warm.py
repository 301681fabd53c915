"""Process warmth: what a server does once so that every rerun stays cheap.

Streamlit runs a full garbage collection (`gc.collect(2)`, option `runner.postScriptGC`) after every script run.
With pandas, geopandas, plotly and the dataset loaded that walks ~150,000 objects: ~100-200 ms on this machine,
holding the GIL while the "script finished" message waits to be sent, on every rerun of every viewer. The
objects that live as long as the process (modules, the dataset, cached figures) never become garbage, so after
the first run of each page they are moved out of the collector's sight (`gc.freeze()`): later collections only
walk what the reruns themselves create (~1 ms). Reference counting still frees anything that dies, so nothing
is kept that would have been freed; only reference cycles among these frozen objects would wait (there are none
to speak of: they live as long as the server).
"""

from __future__ import annotations

import gc
import threading

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
