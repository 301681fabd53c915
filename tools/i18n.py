"""Manage the translation catalogues with Babel: extract, update, compile, check.

    .venv/bin/python tools/i18n.py extract   # locales/messages.pot (from the code) and locales/indicators.pot
    .venv/bin/python tools/i18n.py update    # merge the templates into every locales/<lang>/LC_MESSAGES/*.po
    .venv/bin/python tools/i18n.py compile   # .po -> .mo (optional: the app compiles a missing/old .mo in memory)
    .venv/bin/python tools/i18n.py stats     # translated / total per language and domain
    .venv/bin/python tools/i18n.py breaks    # word breaks (U+200B) in Thai, Khmer, Lao and Burmese, from ICU's dictionaries

`breaks` needs PyICU (a maintainers' tool, not a dependency of the app): `apt-get install libicu-dev pkg-config`,
then `.venv/bin/pip install -r requirements-i18n.txt`. The catalogues carry its result, so the app and the
tests need no ICU.

Two domains: `messages` (interface text, marked with _(), ngettext(), pgettext() or N_() in app.py,
components/ and pages/) and `data` (words that come from data/ files: country and area names, age-band
labels, priority-area titles, and the title, short title, description, comparability note and caveats of
every indicator in data/indicators.yml). Message ids are the English text.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from components.i18n import DOMAINS, LANGUAGES, LOCALE_DIR  # noqa: E402

# every indicator, whatever its tier: titles, definitions, comparability notes and "Read with care" caveats are
# all shown to readers, so all of them are catalogued (nothing a reader sees is left in English)
FIELDS = ("title", "short_title", "description", "comparability")


def data_messages(data: Path = ROOT / "data") -> list[tuple[str, str]]:
    """(message, where) for every translatable word in data/: names, labels, titles, indicator definitions."""
    import csv

    out = []
    for fname, cols in (("countries.csv", ("name",)), ("areas.csv", ("name",)), ("age_bands.csv", ("label",)), ("age_groups.csv", ("label",)),
                        ("priority_areas.csv", ("title", "short_title"))):
        with (data / fname).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                for c in cols:
                    if row.get(c):
                        out.append((row[c], f"{fname}:{row.get('code') or row.get('iso3')}.{c}"))
    with (data / "sources.csv").open(encoding="utf-8") as fh:  # licences and date words ("undated") of sources
        rows = list(csv.DictReader(fh))
    for col in ("licence", "date"):  # a few distinct texts shared by many sources: one location each
        for text in dict.fromkeys(r[col] for r in rows if any(ch.isalpha() for ch in r[col])):
            out.append((text, f"sources.csv:{col}"))
    if (data / "measures.csv").exists():  # the timeline's measures: titles and the notes under each event
        with (data / "measures.csv").open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                out.append((row["title"], f"measures.csv:{row['measure_id']}.title"))
                if row.get("note"):
                    out.append((row["note"], f"measures.csv:{row['measure_id']}.{row['event']}.note"))
    with (data / "milestones.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out.append((row["event"], f"milestones.csv:{row.get('milestone_id')}.event"))
    g = yaml.safe_load((data / "guidelines.yml").read_text(encoding="utf-8"))
    for lv in g["legislation"]["levels"]:
        out.append((str(lv["text"]), f"guidelines.yml:legislation.level{lv['level']}"))
    for i, item in enumerate(g["services"]["minimum_package"], start=1):
        out.append((str(item), f"guidelines.yml:services.minimum_package.{i}"))
    items = yaml.safe_load((data / "indicators.yml").read_text(encoding="utf-8"))
    for m in items:
        for f in FIELDS:
            if m.get(f):
                out.append((str(m[f]), f"indicators.yml:{m['id']}.{f}"))
        for i, c in enumerate(m.get("caveats") or []):
            out.append((str(c), f"indicators.yml:{m['id']}.caveats.{i}"))
    return out


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract() -> None:
    LOCALE_DIR.mkdir(exist_ok=True)
    _pybabel("extract", "-F", str(ROOT / "babel.cfg"), "--no-location", "--sort-output", "--no-wrap",
             "--project", "asean-cop-dashboard", "-o", str(LOCALE_DIR / "messages.pot"), str(ROOT))
    cat = Catalog(project="asean-cop-dashboard", domain="data")
    for msg, where in data_messages():
        if msg in cat:
            cat[msg].auto_comments.append(where)
        else:
            cat.add(msg, auto_comments=[where])
    with (LOCALE_DIR / "data.pot").open("wb") as fh:
        write_po(fh, cat, omit_header=False, no_location=True, width=0)


def _babel_knows(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code)
        return True
    except (UnknownLocaleError, ValueError):
        return False


def _init_without_babel_locale(pot: Path, po: Path, code: str) -> None:
    """A new catalogue for a language Babel has no locale for (Tetum): the template with the language and a
    two-form plural rule in its header (Tetum, like Portuguese, has one form for 1 and one for the rest)."""
    with pot.open("rb") as fh:
        cat = read_po(fh)
    cat.locale = None
    cat.language_team = f"{code} <LL@li.org>"
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as fh:
        write_po(fh, cat, width=0)
    text = po.read_text(encoding="utf-8")
    text = text.replace('"Content-Type: text/plain; charset=utf-8\\n"',
                        f'"Language: {code}\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n"Content-Type: text/plain; charset=utf-8\\n"', 1)
    po.write_text(text, encoding="utf-8")


def update() -> None:
    for code in LANGUAGES:
        if code == "en":
            continue
        for domain in DOMAINS:
            pot = LOCALE_DIR / f"{domain}.pot"
            po = LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"
            if not po.exists() and not _babel_knows(code):
                _init_without_babel_locale(pot, po, code)
            cmd = "update" if po.exists() else "init"
            _pybabel(cmd, "-D", domain, "-i", str(pot), "-d", str(LOCALE_DIR), "-l", code, "--no-wrap",
                     *(["--ignore-obsolete", "--no-fuzzy-matching"] if cmd == "update" else []))


def compile_all() -> None:
    for domain in DOMAINS:
        _pybabel("compile", "-D", domain, "-d", str(LOCALE_DIR), "--statistics")


def stats() -> dict:
    out = {}
    for code in LANGUAGES:
        for domain in DOMAINS:
            po = LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"
            if not po.exists():
                continue
            with po.open("rb") as fh:
                cat = read_po(fh)
            msgs = [m for m in cat if m.id]
            done = [m for m in msgs if m.string and (all(m.string) if isinstance(m.string, tuple) else True)
                    and not m.fuzzy]
            out[(code, domain)] = (len(done), len(msgs))
            print(f"{code:3} {domain:11} {len(done):4}/{len(msgs):4} translated")
    return out


NO_SPACE_SCRIPTS = {"th": (0x0E00, 0x0E7F), "km": (0x1780, 0x17FF), "lo": (0x0E80, 0x0EFF), "my": (0x1000, 0x109F)}
ZWSP = "\u200b"


def word_breaks(text: str, code: str, longest: int = 12) -> str:
    """text with U+200B added at ICU dictionary line-break opportunities inside every run of more than `longest`
    letters of the script that has no break opportunity yet (Thai, Khmer, Lao and Burmese write words without
    spaces). Breaks already in the text are kept (a translator may have placed them by hand, or protected a loanword
    ICU would split), so running it twice changes nothing. Placeholders, Markdown and spaces are kept."""
    import icu

    lo, hi = NO_SPACE_SCRIPTS[code]
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and lo <= ord(text[j]) <= hi:
            j += 1
        if j == i:
            out.append(text[i])
            i += 1
            continue
        run = text[i:j]
        if len(run) > longest:
            bi = icu.BreakIterator.createLineInstance(icu.Locale(code))
            bi.setText(run)  # every letter of these scripts is in the BMP: UTF-16 offsets are string offsets
            cuts = {b for b in bi if 0 < b < len(run)}
            run = "".join((ZWSP + ch) if k in cuts else ch for k, ch in enumerate(run))
        out.append(run)
        i = j
    return "".join(out)


def breaks() -> None:
    for code in NO_SPACE_SCRIPTS:
        if code not in LANGUAGES:
            continue
        for domain in DOMAINS:
            po = LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"
            if not po.exists():
                continue
            with po.open("rb") as fh:
                cat = read_po(fh, locale=code)
            changed = 0
            for m in cat:
                if not m.id or not m.string:
                    continue
                new = tuple(word_breaks(x, code) for x in m.string) if isinstance(m.string, tuple) else word_breaks(m.string, code)
                if new != m.string:
                    m.string = new
                    changed += 1
            with po.open("wb") as fh:
                write_po(fh, cat, width=0)
            print(f"{code} {domain}: word breaks set in {changed} messages")


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "help"
    {"extract": extract, "update": update, "compile": compile_all, "stats": stats, "breaks": breaks}.get(
        cmd, lambda: print(__doc__))()
