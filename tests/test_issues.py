"""Validation problems in the reader's language: every sentence the data layer says about a bad upload or a bad
data file is known to components/issues.py and translated, with the quoted values kept as they were."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aseancop.upload import parse_upload
from components import i18n, issues
from test_robustness import DS, GOOD, HEADER, MALFORMED, WDI

ROOT = Path(__file__).resolve().parents[1]
# more bad rows, so that every check of the observation rules speaks at least once
MORE = [
    ("range without upper", HEADER + "THA,internet_use_pct,all,all,2024,,40,,range,NSO,,\n"),
    ("range with a value", HEADER + "THA,internet_use_pct,all,all,2024,50,40,60,range,NSO,,\n"),
    ("interval without bounds", HEADER + "THA,internet_use_pct,all,all,2024,50,,,interval,NSO,,\n"),
    ("bounds without qualifier", HEADER + "THA,internet_use_pct,all,all,2024,50,40,,,NSO,,\n"),
    ("lower above value", HEADER + "THA,internet_use_pct,all,all,2024,50,60,70,interval,NSO,,\n"),
    ("value above upper", HEADER + "THA,internet_use_pct,all,all,2024,80,60,70,interval,NSO,,\n"),
    ("empty value", HEADER + "THA,internet_use_pct,all,all,2024,,,,,NSO,,\n"),
    ("yes/no of 2", HEADER + "THA,grooming_offence_in_law,all,all,2024,2,,,,NSO,,\n"),
    ("unknown age band", HEADER + GOOD.replace(",all,all,", ",7-9,all,")),
    ("bad sex", HEADER + GOOD.replace(",all,all,", ",all,other,")),
    ("year out of range", HEADER + GOOD.replace(",2023,", ",1890,")),
    ("unknown column", HEADER.rstrip("\n") + ",extra\n" + GOOD.rstrip("\n") + ",x\n"),
    ("pipes", HEADER.replace(",", "|") + GOOD.replace(",", "|")),
]
CASES = [(m[0], m[1], m[2]) for m in MALFORMED] + [(n, t.encode(), "x.csv") for n, t in MORE]


@pytest.mark.parametrize("name,raw,filename", CASES, ids=[c[0] for c in CASES])
def test_every_upload_problem_is_worded_in_the_readers_language(name, raw, filename):
    _good, problems = parse_upload(raw, filename, DS)
    assert problems, name
    for p in problems:
        assert issues.known(p.message), f"{name}: no wording for {p.message!r}"
        with i18n.use("id"):
            worded = issues.message(p.message)
        assert worded != p.message, f"{name}: still in English in Indonesian: {p.message!r}"
        # quoted cell values survive the translation unchanged
        for quoted in re.findall(r"'([^']{2,})'", p.message):
            if quoted not in ("CSV UTF-8", "CSV UTF-8 (comma delimited)", "range", "interval"):
                assert quoted in worded, (p.message, worded)


def test_an_unknown_sentence_is_shown_as_it_is():
    assert issues.message("something nobody wrote a pattern for") == "something nobody wrote a pattern for"


@pytest.mark.parametrize("code", [c for c in i18n.LANGUAGES if c != "en"])
def test_upload_column_help_is_translated(code):
    from aseancop import upload

    with i18n.use(code):
        helped = [issues.column_help(c) for c in upload.ALLOWED_HELP]
    english = [issues.column_help(c) for c in upload.ALLOWED_HELP]
    assert sum(a != b for a, b in zip(helped, english)) >= 0.9 * len(english), code


def test_the_upload_source_in_use_is_the_shipped_wdi_row():
    assert WDI in GOOD  # the valid row these cases start from is a shipped, sourced figure
