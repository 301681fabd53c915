"""The validated dataset kept on disk between starts (aseancop.cache): faster starts, never stale, never broken."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from aseancop import DataError, load_dataset
from aseancop.cache import fingerprint, load_dataset_cached

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv("ASEANCOP_CACHE_DIR", str(where))
    return where


def _drop_last_observation(data: Path) -> None:
    """Remove one real row (no figure is made up): the data the app should then show has one row fewer."""
    path = data / "observations.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows[:-1])


def test_second_start_reads_the_same_dataset_from_the_cache(data_copy, cache):
    first = load_dataset_cached(data_copy)
    assert len(list(cache.glob("dataset-*.pickle"))) == 1
    second = load_dataset_cached(data_copy)
    assert second is not first  # read back from disk
    assert second.obs.equals(first.obs) and second.sources.equals(first.sources)
    assert second.geo.geometry.equals(first.geo.geometry)
    assert second.token != first.token  # caches shared across sessions never confuse the two


def test_a_changed_file_is_never_served_from_the_cache(data_copy, cache):
    before = load_dataset_cached(data_copy)
    _drop_last_observation(data_copy)
    after = load_dataset_cached(data_copy)
    assert len(after.observations) == len(before.observations) - 1
    assert len(after.observations) == len(load_dataset(data_copy).observations)


def test_a_broken_file_after_a_cached_start_still_stops_with_its_name(data_copy, cache):
    load_dataset_cached(data_copy)
    (data_copy / "countries.csv").write_text("iso3,name\nXXX\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_dataset_cached(data_copy)
    assert "countries.csv" in str(err.value.summary())
    assert len(list(cache.glob("dataset-*.pickle"))) == 1  # nothing broken was stored


def test_any_change_to_a_data_file_changes_the_fingerprint(data_copy):
    a = fingerprint(data_copy)
    _drop_last_observation(data_copy)
    assert fingerprint(data_copy) != a


def test_a_cached_start_skips_validation_in_a_fresh_process(cache):
    """What the cache buys: the second process never imports pandera (the validation library)."""
    code = ("import sys, aseancop; ds = aseancop.load_dataset_cached(); "
            "print(len(ds.observations), 'pandera' in sys.modules)")
    env = {"ASEANCOP_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    out = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
           for _ in range(2)]
    assert all(o.returncode == 0 for o in out), [o.stderr[-800:] for o in out]
    (n1, validated1), (n2, validated2) = (o.stdout.split() for o in out)
    assert n1 == n2 and validated1 == "True" and validated2 == "False"


def test_an_unwritable_cache_only_costs_time(data_copy, tmp_path, monkeypatch):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv("ASEANCOP_CACHE_DIR", str(blocked / "cache"))
    assert len(load_dataset_cached(data_copy).observations) == len(load_dataset(data_copy).observations)
    monkeypatch.setenv("ASEANCOP_CACHE_DIR", "off")
    assert len(load_dataset_cached(data_copy).observations) > 0
