"""Validation problems in the reader's language.

The data layer (`aseancop.upload`, `aseancop.loader`) reports each problem as an `Issue` with the file, line and
column and a plain English message built from a small, fixed set of sentences. This module recognises each of those
sentences and words it again through the catalogue, keeping the values it quotes (a cell's text, a number, a
column name) exactly as they were. A message no pattern knows is shown as it is, in English, so nothing is ever
hidden; `tests/test_issues.py` makes every sentence the data layer can produce known here.
"""

from __future__ import annotations

import re

from .i18n import N_, _

# (pattern of the English message, the message id of its wording; named groups become placeholders)
PATTERNS: list[tuple[re.Pattern, str]] = [(re.compile(p, re.S), m) for p, m in (
    (r"^the file is empty: download the template and fill at least one row$",
     N_("the file is empty: download the template and fill at least one row")),
    (r"^the file is (?P<size>[\d,]+) bytes; the limit is (?P<limit>[\d,]+) bytes \(about (?P<rows>[\d,]+) rows\)\. Split it into smaller files\.$",
     N_("the file is {size} bytes; the limit is {limit} bytes (about {rows} rows). Split it into smaller files.")),
    (r"^this is a spreadsheet \(Excel/ODS\) file, not CSV: .*$",
     N_("this is a spreadsheet (Excel/ODS) file, not CSV: in your spreadsheet choose File > Save as > "
        "'CSV UTF-8 (comma delimited)' and upload that")),
    (r"^this looks like a binary file, not a CSV text file$", N_("this looks like a binary file, not a CSV text file")),
    (r"^is not UTF-8 text \(byte (?P<byte>\d+) on line (?P<line>\d+)\): .*$",
     N_("is not UTF-8 text (byte {byte} on line {line}): save the file as 'CSV UTF-8' and upload it again")),
    (r"^columns are separated by a semicolon, not a comma: .*$",
     N_("columns are separated by a semicolon, not a comma: save as 'CSV UTF-8 (comma delimited)'")),
    (r"^columns are separated by a tab, not a comma: .*$",
     N_("columns are separated by a tab, not a comma: save as 'CSV UTF-8 (comma delimited)'")),
    (r"^columns are separated by a vertical bar, not a comma: .*$",
     N_("columns are separated by a vertical bar, not a comma: save as 'CSV UTF-8 (comma delimited)'")),
    (r"^the file has (?P<lines>[\d,]+) lines; the limit is (?P<limit>[\d,]+) rows$",
     N_("the file has {lines} lines; the limit is {limit} rows")),
    (r"^the file has a header but no data rows$", N_("the file has a header but no data rows")),
    (r"^ignored unknown column\(s\): (?P<columns>.*)$", N_("ignored unknown column(s): {columns}")),
    (r"^starts with '(?P<char>.)', which a spreadsheet would run as a formula: remove it$",
     N_("starts with '{char}', which a spreadsheet would run as a formula: remove it")),
    (r"^contains HTML or script code, which is not allowed$", N_("contains HTML or script code, which is not allowed")),
    (r"^must be a web address starting with http:// or https://$", N_("must be a web address starting with http:// or https://")),
    (r"^say where the figure comes from \(title of the source\)$", N_("say where the figure comes from (title of the source)")),
    (r"^'(?P<value>.*)' is not a member-state code \(use (?P<codes>[A-Z ]+)\)$",
     N_("'{value}' is not a member-state code (use {codes})")),
    (r"^'(?P<value>.*)' is not a known indicator id \(see the list on the Data & sources page\)$",
     N_("'{value}' is not a known indicator id (see the list on the Data & sources page)")),
    (r"^'(?P<value>.*)' is not a known age band \(e\.g\. (?P<examples>.*)\)$",
     N_("'{value}' is not a known age band (e.g. {examples})")),
    (r"^'(?P<value>.*)' is not an allowed value \((?P<allowed>.*)\)$", N_("'{value}' is not an allowed value ({allowed})")),
    (r"^'(?P<value>.*)' is outside the allowed range (?P<range>.*)$", N_("'{value}' is outside the allowed range {range}")),
    (r"^'(?P<value>.*)' is not valid \((?P<check>.*)\)$", N_("'{value}' is not valid ({check})")),
    (r"^(?P<value>'.*') is not a number$", N_("{value} is not a number")),
    (r"^value (?P<value>.*) fails check (?P<check>.*)$", N_("{value} fails the check {check}")),
    (r"^not a readable CSV file \((?P<error>.*)\)$", N_("not a readable CSV file ({error})")),
    (r"^the file is empty: expected a header row$", N_("the file is empty: expected a header row")),
    (r"^missing column\(s\) (?P<missing>.*); found (?P<found>.*)$", N_("missing column(s) {missing}; found {found}")),
    (r"^has (?P<n>\d+) fields but the header has (?P<m>\d+)$", N_("has {n} fields but the header has {m}")),
    (r"^a range needs both lower and upper$", N_("a range needs both lower and upper")),
    (r"^a range has no single value: leave value empty$", N_("a range has no single value: leave value empty")),
    (r"^value is empty \(missing data is left out of the file, not written as a row\)$",
     N_("value is empty (missing data is left out of the file, not written as a row)")),
    (r"^an interval needs lower and upper$", N_("an interval needs lower and upper")),
    (r"^lower/upper are only for ranges and intervals, not qualifier (?P<qualifier>.*)$",
     N_("lower/upper are only for ranges and intervals, not qualifier {qualifier}")),
    (r"^lower (?P<lower>\S+) is greater than value (?P<value>\S+)$", N_("lower {lower} is greater than value {value}")),
    (r"^value (?P<value>\S+) is greater than upper (?P<upper>\S+)$", N_("value {value} is greater than upper {upper}")),
    (r"^lower (?P<lower>\S+) is greater than upper (?P<upper>\S+)$", N_("lower {lower} is greater than upper {upper}")),
    (r"^(?P<value>\S+) is a percentage outside 0-100$", N_("{value} is a percentage outside 0-100")),
    (r"^(?P<value>\S+) must be 1 \(yes\) or 0 \(no\)$", N_("{value} must be 1 (yes) or 0 (no)")),
    (r"^(?P<value>\S+) must be a whole number of 0 or more$", N_("{value} must be a whole number of 0 or more")),
    (r"^(?P<value>\S+) must not be negative$", N_("{value} must not be negative")),
    (r"^duplicate key \((?P<key>.*)\) already on line (?P<line>\d+)$", N_("duplicate key ({key}) already on line {line}")),
)]

# the upload form's column help (aseancop.upload.ALLOWED_HELP keys), worded here
COLUMN_HELP = {
    "iso3": N_("ISO3 code of a member state: BRN KHM IDN LAO MYS MMR PHL SGP THA VNM TLS"),
    "indicator_id": N_("an indicator id from the Data & sources page (e.g. internet_use_pct)"),
    "age_band": N_("an age-band code such as 12-17, 0-17, 15-24 or all"),
    "sex": N_("all, female or male"),
    "year": N_("four-digit year of the data"),
    "value": N_("the number as published (percent as 20, not 0.2); empty only for a range"),
    "lower / upper": N_("only for a range (qualifier 'range') or an interval (qualifier 'interval')"),
    "qualifier": N_("empty, or one of: {qualifiers}"),
    "source / source_url": N_("title and web address of where the figure comes from"),
    "note": N_("optional, plain text"),
}


def known(message: str) -> str | None:
    """The message id that words this English message, or None."""
    for pattern, msgid in PATTERNS:
        if pattern.match(message):
            return msgid
    return None


def message(text: str) -> str:
    """One problem's message in the reader's language (quoted values kept as they are)."""
    for pattern, msgid in PATTERNS:
        m = pattern.match(text)
        if m:
            return _(msgid).format(**m.groupdict())
    return text


def column_help(column: str) -> str:
    from aseancop import upload

    if column == "qualifier":
        return _(COLUMN_HELP[column]).format(qualifiers=", ".join(q for q in upload.QUALIFIERS if q))
    return _(COLUMN_HELP[column]) if column in COLUMN_HELP else upload.ALLOWED_HELP[column]
