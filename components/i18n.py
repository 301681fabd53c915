"""The reader's language: one gettext catalogue per language, chosen per session (never installed globally).

Usage in components and pages::

    from components.i18n import _, ngettext, N_
    st.title(_("Map explorer"))
    st.caption(ngettext("{n} state", "{n} states", n).format(n=n))

Message ids are the English text, so English needs no catalogue. Each language's catalogue lives in
`locales/<code>/LC_MESSAGES/<domain>.po` (domains: `messages` for the interface, `data` for the words that
come from data/ files: titles and definitions of indicators, priority areas, age bands, country names). A `.po` file is compiled with Babel when it is first
used in a process (into memory; a compiled `.mo` next to it is used when it is at least as new as the `.po`),
so a fresh clone works without a build step and an edited `.po` shows after a restart. See docs/TRANSLATING.md.

The language of a session lives in `st.session_state["f_lang"]` and in the link (`lang=th`); the translation
objects are shared read-only by every session of the process, so two viewers in two languages never see each
other's language: `_()` looks up the *calling session's* language each time.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, dates as babel_dates, numbers as babel_numbers

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "locales"
DOMAINS = ("messages", "data")
DEFAULT = "en"
STATE_KEY = "f_lang"


@dataclass(frozen=True)
class Language:
    native: str  # the language's name in its own script (shown in the selector)
    english: str
    status: str  # review status, shown to readers of a translation
    babel: str  # Babel locale for number and date formats


MACHINE = "machine-assisted, not yet reviewed by a native speaker"
LANGUAGES: dict[str, Language] = {
    "en": Language("English", "English", "source text", "en"),
    "id": Language("Bahasa Indonesia", "Indonesian", MACHINE, "id"),
    "vi": Language("Tiếng Việt", "Vietnamese", MACHINE, "vi"),
    "th": Language("ภาษาไทย", "Thai", MACHINE, "th"),
    "km": Language("ភាសាខ្មែរ", "Khmer", MACHINE, "km"),
    "ms": Language("Bahasa Melayu", "Malay", MACHINE, "ms"),
    "fil": Language("Filipino", "Filipino", MACHINE, "fil"),
    "lo": Language("ພາສາລາວ", "Lao", MACHINE, "lo"),
    "my": Language("မြန်မာဘာသာ", "Burmese", MACHINE, "my"),
    "pt": Language("Português", "Portuguese", MACHINE, "pt_TL"),
    # Babel has no Tetum locale: numbers and dates follow Portuguese (Timor-Leste), the country's other official language
    "tet": Language("Tetun", "Tetum", MACHINE, "pt_TL"),
}

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], gettext.NullTranslations] = {}


def N_(msgid: str) -> str:
    """Mark a module-level constant for extraction; translate it where it is shown with `_()`."""
    return msgid


def _compile(po_path: Path) -> gettext.GNUTranslations:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        code = po_path.parent.parent.name
        catalog = read_po(fh, locale=code if code in LANGUAGES and code != "tet" else None, domain=po_path.stem)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def translations(code: str, domain: str = "messages") -> gettext.NullTranslations:
    """The catalogue of one language and domain, loaded once per process (English: no translation)."""
    key = (code, domain)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        po = LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"
        mo = po.with_suffix(".mo")
        if code == DEFAULT or not po.exists():
            t: gettext.NullTranslations = gettext.NullTranslations()
        elif mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            with mo.open("rb") as fh:
                t = gettext.GNUTranslations(fh)
        else:
            t = _compile(po)
        _CACHE[key] = t
        return t


def normalise(code) -> str | None:
    """A known language code for a link value ('TH', 'th-TH', 'th_TH' -> 'th'), else None."""
    if not code:
        return None
    c = str(code).strip().lower().replace("_", "-").split("-")[0]
    return c if c in LANGUAGES else None


def lang() -> str:
    """The calling session's language ('en' outside a Streamlit session, e.g. in the data layer's tests)."""
    try:
        import streamlit as st
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        forced = getattr(_LOCAL, "code", None)
        if forced:
            return forced
        if get_script_run_ctx(suppress_warning=True) is None:
            return DEFAULT
        code = st.session_state.get(STATE_KEY, DEFAULT)
    except Exception:
        return DEFAULT
    return code if code in LANGUAGES else DEFAULT


_LOCAL = threading.local()


class use:
    """Work in one language in this thread (tests, tools, deferred downloads): `with use("th"): fig = build()`."""

    def __init__(self, code: str):
        self.code = code if code in LANGUAGES else DEFAULT

    def __enter__(self):
        self.prev = getattr(_LOCAL, "code", None)
        _LOCAL.code = self.code
        return self

    def __exit__(self, *exc):
        _LOCAL.code = self.prev


def _(msgid: str) -> str:
    """Translate an interface message into the session's language (English text is the message id)."""
    return translations(lang()).gettext(msgid)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Plural-aware translation; format the result yourself: ngettext("{n} state", "{n} states", n).format(n=n)."""
    return translations(lang()).ngettext(singular, plural, n)


def pgettext(context: str, msgid: str) -> str:
    """Translate a short word whose meaning depends on where it is used (e.g. 'No' as a legend entry)."""
    return translations(lang()).pgettext(context, msgid)


def data_text(text: str) -> str:
    """Words from data/ (an indicator's title or definition, an age band, a country): translated if catalogued."""
    if not isinstance(text, str) or not text:
        return text
    return translations(lang(), "data").gettext(text)


def locale() -> Locale:
    return Locale.parse(LANGUAGES[lang()].babel)


def fmt_number(x: float, decimals: int = 0) -> str:
    """A number with the session locale's grouping and decimal signs."""
    return babel_numbers.format_decimal(x, format=f"#,##0.{'0' * decimals}" if decimals else "#,##0", locale=locale())


def fmt_percent(x: float, decimals: int = 0) -> str:
    """A percentage given in percent units (11 -> '11%'; Vietnamese '11%', Khmer '11%')."""
    return babel_numbers.format_percent(x / 100, format=f"#,##0.{'0' * decimals}%" if decimals else "#,##0%", locale=locale())


def fmt_date(d: dt.date | str, format: str = "medium") -> str:
    """A date in the session locale, at the precision it is written: 'YYYY-MM-DD' (a day), 'YYYY-MM' (a month:
    'July 2026', never a made-up first of the month) or 'YYYY' (a year)."""
    if isinstance(d, str):
        text = d.strip()
        if len(text) == 4 and text.isdigit():
            return text
        if len(text) == 7 and text[4] == "-":
            month = dt.date(int(text[:4]), int(text[5:]), 1)
            return babel_dates.format_skeleton("yMMMM" if format in ("long", "full") else "yMMM", month, locale=locale())
        d = dt.date.fromisoformat(text)
    return babel_dates.format_date(d, format=format, locale=locale())


def status_note() -> str | None:
    """The review-status note shown with a translation (None for English)."""
    code = lang()
    if code == DEFAULT or LANGUAGES[code].status != MACHINE:  # a reviewed language says nothing more
        return None
    return _("This translation is machine-assisted and has not yet been reviewed by a native speaker. "
             "Values and source titles are shown as published. Corrections: see docs/TRANSLATING.md.")
