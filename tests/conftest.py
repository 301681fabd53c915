"""Data-layer fixtures: the project's data/ loaded once per session, and throw-away copies to break.

`ASEANCOP_DATA_DIR` (the same variable the app and the page tests read) points the tests at
another data folder; by default they read the project's own data/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from aseancop import DEFAULT_DATA_DIR, load_dataset


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return Path(os.environ.get("ASEANCOP_DATA_DIR") or DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def ds(data_dir):
    """The real dataset, loaded and validated once for the whole session."""
    return load_dataset(data_dir)


@pytest.fixture
def data_copy(data_dir, tmp_path) -> Path:
    """A private copy of data/ that a test may break without touching the real files."""
    dest = tmp_path / "data"
    shutil.copytree(data_dir, dest)
    return dest


# ------------------------------------------------------------------ what the run proved, in its last lines

_COUNTS = {"browser": [0, 0], "export": [0, 0]}
from run_counts import ROBUSTNESS, SEED, STATES  # noqa: E402


def pytest_configure(config):
    """One Hypothesis seed for the whole run, printed in the summary: `pytest --hypothesis-seed=N` replays it.
    The validated-dataset cache (aseancop.cache) starts empty in a folder of its own for each run (servers the
    browser tests start inherit it), so a run never reads what another run or the reader's app stored."""
    if not os.environ.get("ASEANCOP_CACHE_DIR"):
        import tempfile

        os.environ["ASEANCOP_CACHE_DIR"] = tempfile.mkdtemp(prefix="aseancop-cache-")
    seed = config.getoption("hypothesis_seed", default=None)
    if seed is None:
        import random

        from hypothesis import core

        seed = random.SystemRandom().randrange(2**32)
        core.global_force_seed = seed
    SEED["hypothesis"] = seed


def pytest_runtest_logreport(report):
    if report.when != "call":
        return
    for mark in _COUNTS:
        if mark in report.keywords:
            _COUNTS[mark][0 if report.passed else 1] += 1


def pytest_terminal_summary(terminalreporter):
    tr = terminalreporter
    tr.section("what this run covered")
    tr.write_line(f"browser tests (headless Chromium): {_COUNTS['browser'][0]} passed, {_COUNTS['browser'][1]} failed")
    tr.write_line(f"image-export tests (kaleido + Chromium): {_COUNTS['export'][0]} passed, {_COUNTS['export'][1]} failed")
    tr.write_line(f"hostile URL parameter sets tried: {ROBUSTNESS['hostile_urls']}; malformed uploads tried: "
                  f"{ROBUSTNESS['malformed_uploads']}; concurrent browser sessions held: {ROBUSTNESS['sessions']}")
    tr.write_line(f"filter states tried: {STATES['url']} pages opened from a link, {STATES['sidebar']} sidebar clicks in "
                  f"sequence, {STATES['edge']} edge states on purpose; data-layer query cases: {STATES['data_layer']}")
    tr.write_line(f"hypothesis seed: {SEED['hypothesis']} (replay with: ./test.sh --hypothesis-seed={SEED['hypothesis']})")
