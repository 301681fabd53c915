"""Counters that tests fill and the terminal summary prints (see tests/conftest.py)."""

ROBUSTNESS = {"hostile_urls": 0, "malformed_uploads": 0, "sessions": 0}
