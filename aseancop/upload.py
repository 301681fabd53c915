"""Bring-your-own figures: validate an uploaded CSV with the same rules as the shipped data.

The upload never touches data/: valid rows become a per-session overlay (`Dataset.with_user_rows`).
Every problem is reported with its line, column and reason, in words a new user can act on.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from .errors import Issue
from .loader import OBS_KEY, QUALIFIERS, SEXES, _validate_observations, read_csv_text

MAX_BYTES = 1_000_000
MAX_ROWS = 2_000
FILE = "uploaded file"
UPLOAD_COLUMNS = ["iso3", "indicator_id", "age_band", "sex", "year", "value", "lower", "upper", "qualifier",
                  "source", "source_url", "note"]
TEXT_COLUMNS = ["source", "source_url", "note"]
USER_SOURCE_ID = "user_upload"
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|javascript:|on\w+\s*=", re.IGNORECASE)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def template_csv() -> str:
    return ",".join(UPLOAD_COLUMNS) + "\n"


def example_csv(ds, n: int = 3) -> str:
    """A filled example built from shipped rows (values and sources as in data/), in the upload format."""
    rows = ds.obs[(ds.obs["indicator_id"] == "internet_use_pct") & (ds.obs["area_kind"] == "member")].tail(n)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(UPLOAD_COLUMNS)
    for r in rows.itertuples():
        w.writerow([r.iso3, r.indicator_id, r.age_band, r.sex, int(r.year), _num(r.value), _num(r.lower), _num(r.upper),
                    r.qualifier, r.source_title, r.source_url, "Example row copied from the shipped data"])
    return out.getvalue()


def _num(x) -> str:
    return "" if pd.isna(x) else f"{x:g}"


def parse_upload(raw: bytes, filename: str, ds) -> tuple[pd.DataFrame, list[Issue]]:
    """Return (valid rows in observation format, problems). Valid rows exclude every row with a problem."""
    issues: list[Issue] = []
    name = (filename or "").lower()
    if raw is None or len(raw) == 0:
        return _empty(), [Issue(FILE, None, None, "the file is empty: download the template and fill at least one row")]
    if len(raw) > MAX_BYTES:
        return _empty(), [Issue(FILE, None, None, f"the file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes "
                                                  f"(about {MAX_ROWS:,} rows). Split it into smaller files.")]
    if raw[:4] == b"PK\x03\x04" or raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or name.endswith((".xlsx", ".xls", ".ods")):
        return _empty(), [Issue(FILE, None, None, "this is a spreadsheet (Excel/ODS) file, not CSV: in your spreadsheet "
                                                  "choose File > Save as > 'CSV UTF-8 (comma delimited)' and upload that")]
    if b"\x00" in raw[:4096]:
        return _empty(), [Issue(FILE, None, None, "this looks like a binary file, not a CSV text file")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _empty(), [Issue(FILE, line, None, f"is not UTF-8 text (byte {exc.start} on line {line}): save the file "
                                                   "as 'CSV UTF-8' and upload it again")]
    if not text.strip():
        return _empty(), [Issue(FILE, None, None, "the file is empty: download the template and fill at least one row")]
    first = text.splitlines()[0]
    if "," not in first and any(d in first for d in (";", "\t", "|")):
        delim = {";": "semicolon", "\t": "tab", "|": "vertical bar"}[next(d for d in (";", "\t", "|") if d in first)]
        return _empty(), [Issue(FILE, 1, None, f"columns are separated by a {delim}, not a comma: save as "
                                                "'CSV UTF-8 (comma delimited)'")]
    n_lines = text.count("\n")
    if n_lines > MAX_ROWS + 1:
        return _empty(), [Issue(FILE, None, None, f"the file has {n_lines:,} lines; the limit is {MAX_ROWS:,} rows")]
    df = read_csv_text(text, FILE, [c for c in UPLOAD_COLUMNS if c not in ("lower", "upper", "note", "source_url")], issues)
    if df is None:
        return _empty(), issues
    if df.empty:
        return _empty(), issues + [Issue(FILE, None, None, "the file has a header but no data rows")]
    for col in ("lower", "upper", "note", "source_url", "qualifier"):
        if col not in df.columns:
            df[col] = ""
    extra = [c for c in df.columns if c not in UPLOAD_COLUMNS and c != "_line"]
    if extra:
        issues.append(Issue(FILE, 1, None, f"ignored unknown column(s): {', '.join(extra[:5])}"))
    df = df[["_line"] + UPLOAD_COLUMNS].copy()

    # text fields: no formulas, no HTML or script
    for col in UPLOAD_COLUMNS:
        for idx, v in df[col].items():
            v = str(v)
            if col in TEXT_COLUMNS or col in ("iso3", "indicator_id"):
                if v[:1] in _FORMULA and not _is_number(v):
                    issues.append(Issue(FILE, int(df.at[idx, "_line"]), col,
                                        f"starts with '{v[:1]}', which a spreadsheet would run as a formula: remove it"))
            if _HTML.search(v):
                issues.append(Issue(FILE, int(df.at[idx, "_line"]), col, "contains HTML or script code, which is not allowed"))
    for idx, v in df["source_url"].items():
        if v and not re.match(r"^https?://[^\s<>\"']+$", v):
            issues.append(Issue(FILE, int(df.at[idx, "_line"]), "source_url", "must be a web address starting with http:// or https://"))
    for idx, v in df["source"].items():
        if not v:
            issues.append(Issue(FILE, int(df.at[idx, "_line"]), "source", "say where the figure comes from (title of the source)"))

    # the same rules as data/observations.csv
    obs = df.assign(source_id=USER_SOURCE_ID, locator=df["source"].where(df["source"] != "", "user-supplied"))
    rule_issues: list[Issue] = []
    area_codes = list(ds.countries.index)
    _validate_observations(obs, ds.indicator_meta, area_codes, list(ds.age_bands.index), {USER_SOURCE_ID}, rule_issues)
    rule_issues = [Issue(FILE, i.row, i.column, _plain(i.message)) for i in rule_issues]
    issues += rule_issues
    issues.sort(key=lambda i: (i.row or 0, UPLOAD_COLUMNS.index(i.column) if i.column in UPLOAD_COLUMNS else 99))
    bad_lines = {i.row for i in issues if i.row is not None and i.row > 1}
    fatal = any(i.row is None for i in issues)
    good = obs[~obs["_line"].isin(bad_lines)] if not fatal else obs.iloc[0:0]
    return good.drop(columns=["_line"]).reset_index(drop=True), issues


def _is_number(v: str) -> bool:
    try:
        float(v)
        return True
    except ValueError:
        return False


FRIENDLY = {
    "unknown country or area code": "is not a member-state code (use BRN KHM IDN LAO MYS MMR PHL SGP THA VNM TLS)",
    "indicator has no entry in indicators.yml": "is not a known indicator id (see the list on the Data & sources page)",
    "age band not in age_bands.csv": "is not a known age band (e.g. 12-17, 0-17, 15-24, all)",
}


def _plain(message: str) -> str:
    m = re.match(r"value '(.*)' fails check (.*)$", message, re.S)
    if m:
        value, check = m.groups()
        if check in FRIENDLY:
            return f"'{value[:40]}' {FRIENDLY[check]}"
        if check.startswith("isin("):
            return f"'{value[:40]}' is not an allowed value ({check[6:-1][:120]})"
        if check.startswith("in_range("):
            return f"'{value[:40]}' is outside the allowed range {check[8:]}"
        return f"'{value[:40]}' is not valid ({check})"
    return message


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=UPLOAD_COLUMNS + ["source_id", "locator"])


ALLOWED_HELP = {
    "iso3": "ISO3 code of a member state: BRN KHM IDN LAO MYS MMR PHL SGP THA VNM TLS",
    "indicator_id": "an indicator id from the Data & sources page (e.g. internet_use_pct)",
    "age_band": "an age-band code such as 12-17, 0-17, 15-24 or all",
    "sex": "all, female or male",
    "year": "four-digit year of the data",
    "value": "the number as published (percent as 20, not 0.2); empty only for a range",
    "lower / upper": "only for a range (qualifier 'range') or an interval (qualifier 'interval')",
    "qualifier": "empty, or one of: " + ", ".join(q for q in QUALIFIERS if q),
    "source / source_url": "title and web address of where the figure comes from",
    "note": "optional, plain text",
}
assert set(SEXES) == {"all", "female", "male"} and OBS_KEY
