"""Figures built once per process for each filter combination and shared by every session.

Figures are never mutated after they are built, so one object can serve many sessions. The key holds
everything the figure depends on (the reader's language and the dataset's identity included: a session with uploaded rows gets
its own entries). Least-recently-used entries are dropped past MAX_ENTRIES.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

MAX_ENTRIES = 256
_CACHE: OrderedDict = OrderedDict()
_LOCK = threading.Lock()


def figure(key: tuple, build: Callable):
    from .i18n import lang

    key = (lang(),) + tuple(key)  # figures carry words: one entry per language
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    fig = build()
    with _LOCK:
        _CACHE[key] = fig
        while len(_CACHE) > MAX_ENTRIES:
            _CACHE.popitem(last=False)
    return fig
