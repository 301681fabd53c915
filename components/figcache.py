"""Figures built once per process for each filter combination and shared by every session.

Figures are never mutated after they are built, so one object can serve many sessions. The key holds
everything the figure depends on (the reader's language and the dataset's identity included: a session with uploaded rows gets
its own entries). Least-recently-used entries are dropped past MAX_ENTRIES.

A cached figure also keeps its dict form: st.plotly_chart calls `to_dict()` on every rerun, which deep-copies
every trace (map outlines included: ~25 ms per map on an idle core). Made once, it is shared like the figure.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

import plotly.graph_objects as go

MAX_ENTRIES = 256
_CACHE: OrderedDict = OrderedDict()
_LOCK = threading.Lock()


class FrozenFigure(go.Figure):
    """A figure that is never changed after it is built: `to_dict()` is computed once and then reused (read-only)."""

    def to_dict(self):
        d = self.__dict__.get("_frozen_dict")
        if d is None:
            d = super().to_dict()
            self._frozen_dict = d
        return d


def freeze(fig):
    if type(fig) is go.Figure:
        fig.__class__ = FrozenFigure  # same layout, one method more: no copy of the figure is made
    return fig


def figure(key: tuple, build: Callable):
    from .i18n import lang

    key = (lang(),) + tuple(key)  # figures carry words: one entry per language
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    fig = freeze(build())
    with _LOCK:
        _CACHE[key] = fig
        while len(_CACHE) > MAX_ENTRIES:
            _CACHE.popitem(last=False)
    return fig
