"""Open any page in any filter state and check what a reader would notice (shared by the page property tests and
tools/sweep.py).

The vocabulary comes from the dataset and from `components.filters.choices` (the same function the sidebar uses),
so the tests follow the UI as it evolves. Checks use widget keys and data, not label text, where possible.
"""

from __future__ import annotations

import csv
import io
import os
import random
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from aseancop import NO_DATA, load_dataset

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
DS = load_dataset(os.environ.get("ASEANCOP_DATA_DIR") or None)
# every page file is a page of the app (a new page joins the property tests by existing)
PAGES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))
TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/', "site-packages/", "line ", "Error: ")


def vocabulary():
    """Everything a reader can pick anywhere, from the one function the sidebar uses."""
    from components import filters

    return filters.choices(DS)


def slides() -> int:
    from components import briefing

    return len(briefing.SLIDES)


def languages() -> list[str]:
    try:
        from components import i18n
    except ImportError:  # pragma: no cover - before languages existed
        return []
    return [c for c in i18n.LANGUAGES if c != i18n.DEFAULT]


# ------------------------------------------------------------------ an upload made of shipped rows (true figures)
def upload_from_shipped(ds, rows: pd.DataFrame) -> pd.DataFrame:
    """Shipped observations (values and sources as published) re-entered through the upload parser, as the Data page
    does before putting them in session_state["user_rows"]."""
    from aseancop.upload import UPLOAD_COLUMNS, parse_upload

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(UPLOAD_COLUMNS)
    num = lambda x: "" if pd.isna(x) else f"{x:g}"
    for r in rows.itertuples():
        w.writerow([r.iso3, r.indicator_id, r.age_band, r.sex, int(r.year), num(r.value), num(r.lower), num(r.upper),
                    r.qualifier, r.source_title, r.source_url, "Copied from the shipped data"])
    good, _problems = parse_upload(out.getvalue().encode(), "copy.csv", ds)
    return good


def upload_rows(n: int = 12, seed: int = 0) -> pd.DataFrame:
    """Rows a reader could upload: a sample of shipped member-state observations (true figures)."""
    return upload_from_shipped(DS, DS.obs[DS.obs["area_kind"] == "member"].sample(n=n, random_state=seed))


# ------------------------------------------------------------------ opening pages
def open_url(page: str, params: dict, user_rows: pd.DataFrame | None = None) -> AppTest:
    """A new visitor opens `page` from a link carrying `params` (values: str or list of str)."""
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    if user_rows is not None:
        at.session_state["user_rows"] = user_rows
    if page != "pages/overview.py" and page in _page_hashes():
        at._page_hash = _page_hashes()[page]  # open the page itself, as a browser does (one run instead of two)
        at.run()
        return at
    at.run()
    if page != "pages/overview.py":
        rerun(at.switch_page(page))
    return at


_HASHES: dict = {}


def _page_hashes() -> dict:
    """The page ids st.navigation registers (learned from one run of the app; empty if AppTest changes)."""
    if not _HASHES:
        try:
            at = AppTest.from_file(APP, default_timeout=120).run()
            for h, info in at._registered_pages.items():
                path = Path(str(info.get("script_path") or ""))
                if path.is_file():
                    _HASHES[str(path.resolve().relative_to(ROOT))] = h
        except Exception:  # noqa: BLE001 - private AppTest detail gone: fall back to switch_page
            _HASHES["-"] = None
    return {k: v for k, v in _HASHES.items() if v}


def rerun(at: AppTest) -> AppTest:
    """Run again in the session's language: AppTest re-formats the options shown last time in the test's thread,
    as a browser sends back the label it displays (see tests/test_i18n.py)."""
    try:
        from components import i18n
    except ImportError:  # pragma: no cover - before languages existed
        return at.run()
    lang = at.session_state[i18n.STATE_KEY] if i18n.STATE_KEY in at.session_state else i18n.DEFAULT
    with i18n.use(lang if lang in i18n.LANGUAGES else i18n.DEFAULT):
        return at.run()


def expected_countries(value) -> list[str]:
    """The member states a `country` link value selects (unknown codes are ignored, order kept, no repeats)."""
    vals = value if isinstance(value, list) else [value]
    codes = [p.strip().upper() for v in vals for p in str(v).split(",") if p.strip()]
    return list(dict.fromkeys(c for c in codes if c in DS.countries.index))


# ------------------------------------------------------------------ what a reader would notice
def _texts(at: AppTest) -> list[str]:
    out = []
    for kind in ("markdown", "caption", "text", "code", "title", "header", "subheader", "info", "warning", "error",
                 "success", "exception"):
        try:
            out += [str(e.value) for e in getattr(at, kind)]
        except Exception:  # noqa: BLE001 - an element kind this Streamlit does not have
            pass
    for m in at.get("metric"):
        out.append(str(m.value))
    return out


def _dataset_for(at: AppTest):
    rows = at.session_state["user_rows"] if "user_rows" in at.session_state else None
    return DS if rows is None or getattr(rows, "empty", True) else DS.with_user_rows(rows)


def check(at: AppTest, page: str, countries: list[str] | None = None) -> list[str]:
    """Problems a reader would see on this page in this state (empty list: none).

    `countries`: the member states the reader chose (None: do not check the selection)."""
    problems: list[str] = []
    if at.exception:
        problems.append("exception: " + " | ".join(str(e.value)[:300] for e in at.exception))
    failed = at.session_state["_boundary_failures"] if "_boundary_failures" in at.session_state else []
    if failed:
        problems.append(f"sections that could not be drawn: {failed}")
    texts = _texts(at)
    for t in texts:
        if "Traceback (most recent call last)" in t or ('File "/' in t and "line" in t):
            problems.append("traceback text shown: " + t[:200])
            break
    heads = [str(e.value).strip() for e in list(at.title) + list(at.header)]
    if not any(heads):
        problems.append("no page title")
    english = ("f_lang" not in at.session_state) or at.session_state["f_lang"] in ("", "en")
    if countries is not None:
        got = list(at.session_state["f_countries"]) if "f_countries" in at.session_state else None
        if got != countries:
            problems.append(f"country selection not honoured: asked {countries}, filters hold {got}")
        elif english:
            problems += _honours_countries(at, page, countries)
    problems += _no_data_never_zero(at, page)
    return problems


def _names(codes):
    return {DS.country_name(c) for c in codes}


def _honours_countries(at: AppTest, page: str, countries: list[str]) -> list[str]:
    problems = []
    chosen = countries or list(DS.member_codes)
    if page == "pages/country.py":
        want = DS.country_name(chosen[0])
        if not at.title or at.title[0].value != want:
            problems.append(f"country profile shows {[t.value for t in at.title][:1]}, reader chose {want}")
    for df in at.dataframe:
        v = df.value
        if not isinstance(v, pd.DataFrame):
            continue
        if "Member state" in v.columns and countries:
            extra = set(v["Member state"].astype(str)) - _names(countries)
            if extra:
                problems.append(f"table lists states the reader did not choose: {sorted(extra)[:4]}")
        if "ISO3 / area code" in v.columns and countries:
            extra = set(v["ISO3 / area code"]) - set(countries) - set(DS.areas.index)
            if extra:
                problems.append(f"data table lists states the reader did not choose: {sorted(extra)[:4]}")
    if page == "pages/priority_areas.py":
        import json

        for el in at.get("plotly_chart"):
            fig = json.loads(el.proto.spec)
            for t in fig.get("data", []):
                if t.get("type") == "heatmap" and len(t.get("y", [])) != len(chosen):
                    problems.append(f"tracker shows {len(t.get('y', []))} states, reader chose {len(chosen)}")
    return problems


def _no_data_never_zero(at: AppTest, page: str) -> list[str]:
    """Every value cell says something; a state without an observation says No data (checked against the data)."""
    problems = []
    for df in at.dataframe:
        v = df.value
        if not isinstance(v, pd.DataFrame):
            continue
        for col in ("Value", "Value (as published)"):
            if col in v.columns:
                blank = v[col].isna() | (v[col].astype(str).str.strip() == "")
                if blank.any():
                    problems.append(f"{int(blank.sum())} empty '{col}' cells (missing must say {NO_DATA})")
    if page == "pages/map.py":
        problems += _map_table_matches_data(at)
    return problems


def _map_table_matches_data(at: AppTest) -> list[str]:
    """The map page's table: each state's value is the data layer's latest value, or No data where none exists."""
    from components import filters

    ss = at.session_state
    tables = [df.value for df in at.dataframe if isinstance(df.value, pd.DataFrame) and "Member state" in df.value.columns
              and "Value" in df.value.columns]
    if not tables or ("f_lang" in ss and ss["f_lang"] not in ("", "en")):
        return []
    ds = _dataset_for(at)
    get = lambda k, default: ss[k] if k in ss else default  # a widget not drawn in this run has no state
    f = filters.Filters(area=get("f_area", ""), age=get("f_age", ""), countries=list(get("f_countries", [])),
                        indicator=get("f_indicator", ""), sex=get("f_sex", "all"), year=str(get("f_year", filters.LATEST)))
    ind = filters.resolved_indicator(ds, f)
    if not ind:
        return []
    lat = ds.latest(ind, age=f.age or None, sex=f.sex, year=f.year_int, countries=f.country_list)
    want = dict(zip(lat["name"], lat["display"]))
    got = dict(zip(tables[0]["Member state"], tables[0]["Value"]))
    wrong = {k: (v, want.get(k)) for k, v in got.items() if want.get(k) != v}
    return [f"map table differs from the data (shown, data): {dict(list(wrong.items())[:3])}"] if wrong else []


# ------------------------------------------------------------------ random states for the long sweep
HOSTILE = ["<script>alert(1)</script>", "'; DROP TABLE x;--", "../../etc/passwd", "%00", "\x00", "\u202e", "9" * 400,
           "x" * 5000, "PHL,THA,XXX", "", " ", "latest", "-1", "0", "99999", "1e9", "NaN", "None", "null", "[]", "{}",
           "{{7*7}}", "${jndi:ldap://x}", "javascript:alert(1)", "PHL" * 50, "phl", "Phl ,tha", ",,,", "%E2%80%AE",
           "ocsea_past_year\n", "data\r\nSet-Cookie: x", "🧒", "٣", "२०२२", "2022.0", "２０２２", "\ufeff2022"]
HOSTILE_KEYS = ["area", "age", "country", "indicator", "sex", "year", "present", "slide", "since", "lang", "foo", "<b>", "",
                "country[]", "AREA", "page"]


def ordinary_state(rng: random.Random) -> tuple[str, dict]:
    """A page and a link a reader could have made with the sidebar (or edited by hand within the vocabulary)."""
    v = vocabulary()
    page = rng.choice(PAGES)
    p: dict = {}
    if rng.random() < 0.7:
        p["area"] = rng.choice(v.areas[1:])
    if rng.random() < 0.5:
        p["age"] = rng.choice(v.ages[1:])
    k = rng.choice([0, 0, 1, 1, 2, 2, 3, 5, 11])
    if k:
        subset = rng.sample(v.countries, k)
        p["country"] = subset if rng.random() < 0.5 else ",".join(subset)
    if rng.random() < 0.6:
        p["indicator"] = rng.choice(sorted(DS.indicator_meta))
    if rng.random() < 0.3:
        p["sex"] = rng.choice(v.sexes)
    if rng.random() < 0.3:
        p["year"] = rng.choice(v.years[1:] + [str(rng.randint(1990, 2030))])
    if rng.random() < 0.2:
        p["present"] = "1"
    if page == "pages/briefing.py" or rng.random() < 0.05:
        p["slide"] = str(rng.randint(1, slides()))
    langs = languages()
    if langs and rng.random() < 0.1:
        p["lang"] = rng.choice(langs)
    return page, p


def hostile_state(rng: random.Random) -> tuple[str, dict]:
    """A page and a link with malformed, unknown, oversized or injection values (mixed with valid ones)."""
    page, p = ordinary_state(rng)
    for _ in range(rng.randint(1, 4)):
        key = rng.choice(HOSTILE_KEYS)
        vals = [rng.choice(HOSTILE + [rng.choice(DS.member_codes), "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 30)))])
                for _ in range(rng.randint(1, 3))]
        p[key] = vals if len(vals) > 1 else vals[0]
    return page, p
