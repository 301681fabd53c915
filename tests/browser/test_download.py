"""The CSV download on /data delivers exactly the filtered rows, under '# ' citation lines."""

from __future__ import annotations

import csv
import io
import re

import pytest

pytestmark = pytest.mark.browser

LABEL = "Download the filtered data (CSV, with citation)"


def test_csv_download_has_citation_and_only_the_filtered_rows(tab, ds):
    tab.open("data", "country=PHL")
    page = tab.page
    shown = page.get_by_text(re.compile(r"^\d+ observations")).first.inner_text()
    n_shown = int(shown.split()[0])

    with page.expect_download() as info:
        page.get_by_role("button", name=LABEL).click()
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8").read()

    lines = text.splitlines()
    head = [ln for ln in lines if ln.startswith("#")]
    assert lines[0].startswith("# "), f"the file does not open with a citation: {lines[0]!r}"
    assert lines[:len(head)] == head, "citation lines must all come before the table"
    citation = "\n".join(head)
    assert "ASEAN Child Online Protection Dashboard" in citation and "Retrieved" in citation, citation
    assert "countries=PHL" in citation, f"the citation does not state the filter: {citation}"
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[len(head):]))))
    assert len(rows) == n_shown, f"{len(rows)} rows in the file, {n_shown} observations on the page"
    assert all(r["Source"] for r in rows), "every row names its source"
    others = sorted({r["ISO3 / area code"] for r in rows} - {"PHL"})
    assert not others, (f"a download filtered to the Philippines also holds rows for {others} "
                        "(benchmarks and aggregates are not the Philippines)")
    expected = ds.filter(countries=["PHL"], members_only=True)
    assert len(rows) == len(expected), f"{len(rows)} rows downloaded, the data layer has {len(expected)} for PHL"
