"""The shared helpers of the data layer's questions: a per-Dataset memo that hands out copies."""

from __future__ import annotations

import copy
import functools

import pandas as pd


def _freeze(x):
    if isinstance(x, (list, tuple, set)):
        return tuple(_freeze(i) for i in x)
    if isinstance(x, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in x.items()))
    return x


_SCALARS = (str, int, float, bool, type(None))


def _copier(value):
    """How to hand out a cached answer without letting a caller change the cache: the cheapest safe copy."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return lambda v: v.copy()
    if isinstance(value, _SCALARS) or (isinstance(value, tuple) and all(isinstance(i, _SCALARS) for i in value)):
        return lambda v: v  # immutable
    if isinstance(value, (list, set, frozenset)) and all(isinstance(i, _SCALARS) for i in value):
        return type(value)  # a shallow copy is a full copy (deepcopy took ~0.5 ms a call, hundreds of calls a rerun)
    if isinstance(value, dict) and all(isinstance(i, _SCALARS) for i in value.values()):
        return dict
    return copy.deepcopy


def memo(fn):
    """Remember a query's answer on this Dataset (data never change after loading); hand out copies."""
    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        cache = self.__dict__.setdefault("_memo", {})
        key = (fn.__name__, _freeze(args), _freeze(kwargs))
        got = cache.get(key)
        if got is None:
            value = fn(self, *args, **kwargs)
            got = cache[key] = (value, _copier(value))
        return got[1](got[0])

    return wrapper
