"""Counters that tests fill and the terminal summary prints (see tests/conftest.py)."""

ROBUSTNESS = {"hostile_urls": 0, "malformed_uploads": 0, "sessions": 0}
# filter states tried by the property tests: data-layer query calls, pages opened from a link, sidebar clicks
STATES = {"data_layer": 0, "url": 0, "sidebar": 0, "edge": 0}
SEED = {"hypothesis": None}
