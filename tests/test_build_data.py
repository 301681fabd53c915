"""data/observations.csv, sources.csv, milestones.csv and measures.csv are what tools/build_data.py makes of the
research extracts, byte for byte, every time (a hand edit to a built file would be lost at the next rebuild)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESEARCH = ROOT.parent / "shared" / "research"
BUILT = ["observations.csv", "sources.csv", "milestones.csv", "measures.csv"]


def _builder():
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "tools" / "build_data.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rebuild_reproduces_the_committed_files_twice(tmp_path):
    assert (RESEARCH / "round3" / "figures.csv").exists(), (
        f"research extracts missing at {RESEARCH}: the shared/ folder beside the repository holds them (data/README.md)")
    build = _builder().build
    for run in ("first", "second"):
        out = tmp_path / run
        build(RESEARCH, out)
        for name in BUILT:
            assert (out / name).read_bytes() == (ROOT / "data" / name).read_bytes(), \
                f"data/{name} differs from the {run} rebuild: run python3 tools/build_data.py --research ../shared/research"


def test_round3_row_colliding_with_an_existing_figure_stops_the_build(tmp_path):
    import csv
    import shutil

    import pytest

    research = tmp_path / "research"
    shutil.copytree(RESEARCH, research)
    path = research / "round3" / "figures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    clash = dict(next(r for r in rows if r["indicator_id"] == "platform_proactive_csam_measures_required"), year="2025")
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=list(rows[0])).writerow(clash)
    with pytest.raises(SystemExit) as exc:
        _builder().build(research, tmp_path / "out")
    assert "('VNM', 'platform_proactive_csam_measures_required', 'all', 'all', 2025)" in str(exc.value)
    assert "gpcep_legal_vnm" in str(exc.value)
