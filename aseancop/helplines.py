"""Child helplines (data/helplines.csv) and which indicators show abuse figures: the facts behind the care notes.

Every helpline row names a source in data/sources.csv; a member state without a row has no sourced helpline (the
interface says so, it never guesses). `load()` refuses a bad file with the file, line and column of each problem.
No Streamlit here: components word these facts in the reader's language.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Issue

FILE = "helplines.csv"
COLUMNS = ["iso3", "name", "number", "source_id", "locator", "note"]
REQUIRED = ["iso3", "name", "number", "source_id", "locator"]
NUMBER = re.compile(r"^\+?[0-9][0-9 \-]{1,18}[0-9]$")  # digits, spaces and hyphens: "121", "1800 2744 788"

# One place decides which indicators carry abuse figures (prevalence of exploitation and abuse, sextortion, CSAM,
# CyberTipline reports, victims' disclosure...): an id or family naming the harm, outside the legal priority area
# and not a yes/no fact (laws, obligations, units in place are facts about the response, not figures about abuse).
ABUSE = re.compile(r"ocsea|tfcsea|csam|ncmec|sexual|sextortion|extortion|blackmail|victim|exploitation|abuse|porn|"
                   r"enticement|grooming|offender|money_gifts|solicitation|harassment|ticac|pedo")
NOT_ABUSE_AREAS = {"legal"}


@dataclass(frozen=True)
class Helpline:
    iso3: str
    name: str
    number: str
    source_id: str
    locator: str
    note: str


def is_abuse_indicator(indicator_id: str, meta: dict) -> bool:
    """True for an indicator whose figures describe abuse or exploitation of children (the care note's rule)."""
    if meta.get("priority_area") in NOT_ABUSE_AREAS or meta.get("unit") == "yes_no":
        return False
    return bool(ABUSE.search(f"{indicator_id} {meta.get('family', '')}"))


def parse(text: str, members: set[str], sources: set[str], file: str = FILE) -> list[Helpline]:
    """Validate the helpline table's text; raises DataError naming file, line and column of every problem."""
    issues: list[Issue] = []
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError([Issue(file, 1, c, "missing column") for c in missing])
    out: list[Helpline] = []
    seen: set[tuple[str, str]] = set()
    for line, row in enumerate(reader, start=2):
        vals = {c: (row.get(c) or "").strip() for c in COLUMNS}
        bad = False
        for c in REQUIRED:
            if not vals[c]:
                issues.append(Issue(file, line, c, "empty: every helpline needs a name, a number and its source"))
                bad = True
        if vals["iso3"] and vals["iso3"] not in members:
            issues.append(Issue(file, line, "iso3", f"'{vals['iso3']}' is not a member state code"))
            bad = True
        if vals["number"] and not NUMBER.match(vals["number"]):
            issues.append(Issue(file, line, "number", f"'{vals['number']}' is not a phone number (digits, spaces, hyphens)"))
            bad = True
        if vals["source_id"] and vals["source_id"] not in sources:
            issues.append(Issue(file, line, "source_id", f"'{vals['source_id']}' is not in sources.csv"))
            bad = True
        key = (vals["iso3"], vals["number"])
        if key in seen:
            issues.append(Issue(file, line, "number", f"{vals['iso3']} {vals['number']} is listed twice"))
            bad = True
        seen.add(key)
        if not bad:
            out.append(Helpline(**vals))
    if issues:
        raise DataError(issues)
    return out


def load(data_dir: str | Path | None, members, sources) -> list[Helpline]:
    from .loader import DEFAULT_DATA_DIR

    path = Path(data_dir or DEFAULT_DATA_DIR) / FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError([Issue(FILE, None, None, f"cannot be read ({exc.strerror or exc})")]) from exc
    return parse(text, set(members), set(sources))


def by_state(lines: list[Helpline], members) -> dict[str, list[Helpline]]:
    """Every member state, in the given order, with its sourced helplines ([] = none found in our sources)."""
    out: dict[str, list[Helpline]] = {m: [] for m in members}
    for h in lines:
        out.setdefault(h.iso3, []).append(h)
    return out
