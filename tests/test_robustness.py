"""Bad input loses nothing: malformed uploads, hostile URLs, formula-safe exports, a broken installation."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st_
from streamlit.testing.v1 import AppTest

from aseancop import load_dataset
from aseancop.upload import MAX_BYTES, example_csv, parse_upload, template_csv

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DS = load_dataset(os.environ.get("ASEANCOP_DATA_DIR") or None)
HEADER = "iso3,indicator_id,age_band,sex,year,value,lower,upper,qualifier,source,source_url,note\n"
# Valid rows are true figures: shipped World Bank WDI rows re-entered as a reader would (data/observations.csv).
WDI = "World Development Indicators (World Bank / ITU)"
WDI_URL = "https://data.worldbank.org/indicator/IT.NET.USER.ZS"
GOOD = f"THA,internet_use_pct,all,all,2023,89.5352,,,,{WDI},{WDI_URL},\n"
GOOD_VNM = f"VNM,internet_use_pct,all,all,2023,78.08,,,,{WDI},{WDI_URL},\n"

# Each malformed upload a new user might try, with words the message must contain (what to fix).
MALFORMED = [
    ("empty", b"", "x.csv", "empty"),
    ("header only", HEADER.encode(), "x.csv", "no data rows"),
    ("excel", b"PK\x03\x04" + b"\x00" * 100, "figures.xlsx", "Save as"),
    ("old excel", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "figures.xls", "CSV"),
    ("latin-1", (HEADER + GOOD.replace(WDI, "Banque mondiale, Indicateurs du développement")).encode("latin-1"), "x.csv", "UTF-8"),
    ("semicolons", HEADER.replace(",", ";").encode() + GOOD.replace(",", ";").encode(), "x.csv", "semicolon"),
    ("tabs", HEADER.replace(",", "\t").encode(), "x.tsv", "tab"),
    ("missing columns", b"iso3,value\nTHA,89.5352\n", "x.csv", "missing column"),
    ("duplicate key", (HEADER + GOOD + GOOD).encode(), "x.csv", "duplicate key"),
    ("formula", (HEADER + GOOD.replace(WDI, "=HYPERLINK(\"http://x\")")).encode(), "x.csv", "formula"),
    ("html", (HEADER + GOOD.replace(WDI, "<img src=x onerror=alert(1)>")).encode(), "x.csv", "HTML"),
    ("script in note", (HEADER + GOOD.rstrip("\n") + "<script>alert(1)</script>\n").encode(), "x.csv", "script"),
    ("unknown country", (HEADER + GOOD.replace("THA", "ZZZ")).encode(), "x.csv", "member-state code"),
    ("unknown indicator", (HEADER + GOOD.replace("internet_use_pct", "happiness")).encode(), "x.csv", "indicator id"),
    ("percent over 100", (HEADER + GOOD.replace(",89.5352,", ",189.5352,")).encode(), "x.csv", "outside 0-100"),
    ("text value", (HEADER + GOOD.replace(",89.5352,", ",eighty-nine,")).encode(), "x.csv", "not a number"),
    ("lower above upper", (HEADER + "THA,internet_use_pct,all,all,2024,,40,30,range,NSO,,\n").encode(), "x.csv", "greater than upper"),
    ("ragged row", (HEADER + "THA,internet_use_pct,all\n").encode(), "x.csv", "fields"),
    ("too big", b"x" * (MAX_BYTES + 1), "x.csv", "limit"),
    ("binary", b"\x00\x01\x02\x03" * 50, "x.csv", "binary"),
    ("no source", (HEADER + GOOD.replace(WDI, "")).encode(), "x.csv", "where the figure comes from"),
    ("bad url", (HEADER + GOOD.replace(WDI_URL, "javascript:alert(1)")).encode(), "x.csv", "web address"),
]


@pytest.mark.parametrize("name,raw,filename,expect", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_upload_gets_a_precise_message(name, raw, filename, expect):
    from run_counts import ROBUSTNESS

    ROBUSTNESS["malformed_uploads"] += 1
    good, problems = parse_upload(raw, filename, DS)
    text = " | ".join(str(p) for p in problems)
    assert problems, f"{name}: no problem reported"
    assert expect.lower() in text.lower(), text
    # a row-level problem names its line
    if name in ("duplicate key", "formula", "unknown country", "percent over 100", "text value"):
        assert any(p.row == 2 or p.row == 3 for p in problems)


def test_at_least_ten_kinds_of_malformed_upload_are_tried():
    assert len({m[0] for m in MALFORMED}) >= 10


def test_valid_rows_survive_next_to_bad_ones_and_never_touch_data_dir():
    before = {p: p.stat().st_mtime for p in (ROOT / "data").rglob("*") if p.is_file()}
    raw = (HEADER + GOOD + GOOD.replace("THA", "ZZZ") + GOOD_VNM).encode()
    good, problems = parse_upload(raw, "x.csv", DS)
    assert list(good["iso3"]) == ["THA", "VNM"] and len(problems) == 1 and problems[0].row == 3
    view = DS.with_user_rows(good)
    tha = view.latest("internet_use_pct", age="all").set_index("iso3").loc["THA"]
    assert int(tha["year"]) == 2023 and "User-supplied" in tha["source_title"]  # the reader's row beside the shipped one
    assert DS.n_user_rows == 0 and view.n_user_rows == 2  # the shared dataset is not modified
    after = {p: p.stat().st_mtime for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert before == after


def test_each_upload_view_has_its_own_cache_identity():
    """Figures are cached across sessions by dataset identity: two readers' uploads (or one reader's upload, removed
    and replaced) must never share an entry, even when Python reuses a freed object's id()."""
    good, _p = parse_upload((HEADER + GOOD).encode(), "x.csv", DS)
    tokens = {DS.token}
    for _ in range(50):  # views made and dropped in turn: id() is typically reused, the token never is
        view = DS.with_user_rows(good)
        assert view.token not in tokens
        tokens.add(view.token)
        del view
    assert DS.with_user_rows(good.iloc[0:0]) is DS  # no rows: the shipped dataset itself


def test_template_and_example_are_valid_uploads():
    assert template_csv().startswith("iso3,indicator_id")
    good, problems = parse_upload(example_csv(DS).encode(), "example.csv", DS)
    assert not problems and len(good) == 3


# ---------------------------------------------------------------- hostile URLs

PAGE_FILES = ["pages/overview.py", "pages/map.py", "pages/country.py", "pages/compare.py", "pages/priority_areas.py",
              "pages/trends.py", "pages/data.py", "pages/briefing.py", "pages/timeline.py"]
KEYS = ["area", "age", "country", "indicator", "sex", "year", "present", "slide", "since", "foo", "<b>", ""]
VALUES = st_.one_of(
    st_.sampled_from(["data", "online", "12-17", "PHL", "ocsea_past_year", "female", "2021", "1", "2023-11", "<script>alert(1)</script>",
                      "'; DROP TABLE x;--", "../../etc/passwd", "%00", "\u202e", "9" * 400, "PHL,THA,XXX", "", "latest"]),
    st_.text(min_size=0, max_size=60),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=st_.sampled_from(PAGE_FILES), params=st_.dictionaries(st_.sampled_from(KEYS), st_.lists(VALUES, min_size=1, max_size=3), max_size=5))
def test_any_url_parameters_leave_every_page_working(page, params):
    from run_counts import ROBUSTNESS

    ROBUSTNESS["hostile_urls"] += 1
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    failed = at.session_state["_boundary_failures"] if "_boundary_failures" in at.session_state else []
    assert not failed, f"sections that could not be drawn: {failed}"
    for el in list(at.info) + list(at.markdown):
        assert "<script>" not in el.value


# ---------------------------------------------------------------- safe outputs

def test_csv_export_neutralises_formulas_and_carries_citation():
    from components.layout import csv_bytes, table_frame

    rows = DS.obs.head(3).copy()
    rows["note"] = ["=1+1", "+SUM(A1)", "@cmd"]
    text = csv_bytes(table_frame(DS, rows), "area=all").decode()
    assert text.startswith("# ASEAN Child Online Protection Dashboard")
    assert "'=1+1" in text and "'+SUM(A1)" in text and "'@cmd" in text
    assert ",=1+1" not in text


def test_zip_holds_data_metadata_sources_and_readme():
    from components.layout import zip_bytes

    rows = DS.filter(indicator="ocsea_past_year")
    z = zipfile.ZipFile(io.BytesIO(zip_bytes(DS, rows, "indicator=ocsea_past_year")))
    assert set(z.namelist()) == {"README.txt", "data.csv", "indicators.yml", "sources.csv"}
    assert "How to cite" in z.read("README.txt").decode()
    assert z.read("indicators.yml").decode().count("id: ocsea_past_year") == 1


# ---------------------------------------------------------------- broken installation

@pytest.mark.parametrize("breakage", ["missing observations", "corrupt geometry", "ten features"])
def test_broken_installation_shows_an_error_page_naming_the_file(tmp_path, breakage, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    if breakage == "missing observations":
        (data / "observations.csv").unlink()
        expect = "observations.csv"
    elif breakage == "corrupt geometry":
        (data / "geo" / "asean_admin0.geojson").write_text("{not json", encoding="utf-8")
        expect = "asean_admin0.geojson"
    else:
        import json

        gj = json.loads((data / "geo" / "asean_admin0.geojson").read_text(encoding="utf-8"))
        gj["features"] = gj["features"][:10]
        (data / "geo" / "asean_admin0.geojson").write_text(json.dumps(gj), encoding="utf-8")
        expect = "11 features"
    monkeypatch.setenv("ASEANCOP_DATA_DIR", str(data))
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "failed validation" in at.error[0].value
    assert expect in " ".join(c.value for c in at.code)
