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
