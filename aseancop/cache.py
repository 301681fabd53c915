"""A validated dataset kept on disk between server starts, so a restart skips parsing and validation.

The entry's name is a SHA-256 of everything the Dataset is made from: every file in the data folder (geometry
included), every source file of this package, and the Python, pandas and geopandas versions. Any change to a
figure, a source, a rule or a library makes a new name, so a stale entry can never be read: it is simply not
found, the files are validated again (a broken file still stops the app with its message, and nothing broken
is ever stored). Entries are written atomically; an unreadable or unwritable cache is ignored (the dataset is
then loaded as usual). Location: $ASEANCOP_CACHE_DIR, else $XDG_CACHE_HOME/asean-cop-dashboard, else
~/.cache/asean-cop-dashboard; ASEANCOP_CACHE_DIR=off turns it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
KEEP = 4  # entries kept (older ones are removed when a new one is written)


def cache_dir() -> Path | None:
    env = os.environ.get("ASEANCOP_CACHE_DIR")
    if env == "off":
        return None
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "asean-cop-dashboard"


def fingerprint(data_dir: Path) -> str:
    """SHA-256 of the data folder (its place and every file), this package's code and the library versions."""
    import geopandas
    import pandas

    h = hashlib.sha256()
    h.update(f"{platform.python_version()} {pandas.__version__} {geopandas.__version__} {data_dir.resolve()}".encode())
    for root, label in ((data_dir, "data"), (PACKAGE, "code")):
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and (label == "data" or p.suffix == ".py"):
                h.update(f"\0{label}/{p.relative_to(root).as_posix()}\0".encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def load_dataset_cached(data_dir: str | Path | None = None):
    """`load_dataset(data_dir)`, read from the disk cache when the same files were validated before."""
    from .loader import DEFAULT_DATA_DIR, load_dataset

    data_dir = Path(data_dir) if data_dir else DEFAULT_DATA_DIR
    where = cache_dir()
    if where is None:
        return load_dataset(data_dir)
    try:
        entry = where / f"dataset-{fingerprint(data_dir)}.pickle"
    except OSError:
        return load_dataset(data_dir)  # the folder cannot be read: the loader names the problem
    try:
        with entry.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # not there yet, or unreadable: validate and (try to) store
        pass
    ds = load_dataset(data_dir)  # raises DataError for broken files: nothing is stored then
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=where, prefix=".tmp-", delete=False) as tmp:
            pickle.dump(ds, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, entry)
        for old in sorted(where.glob("dataset-*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
    except Exception:
        pass  # a read-only home or a full disk: the dataset is still served, only the next start is slower
    return ds
