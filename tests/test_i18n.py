"""Languages: per-session translation (never process-wide), the lang link parameter, complete catalogues."""

from __future__ import annotations

import builtins
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from components import i18n

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
SHIPPED = [c for c in i18n.LANGUAGES if c != "en"]
# Unicode blocks of each language's script (Latin languages: at least one letter outside ASCII is not required)
SCRIPT = {"th": (0x0E00, 0x0E7F), "km": (0x1780, 0x17FF), "lo": (0x0E80, 0x0EFF), "my": (0x1000, 0x109F)}
# scripts written without spaces between words: chart text must carry break opportunities (U+200B) between words
NO_SPACE = ("th", "km", "lo", "my")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?::[^}]*)?\}|%\([a-z_]+\)[sd]|%[sd]")


def catalogue(code: str, domain: str = "messages"):
    with (ROOT / "locales" / code / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh, locale=None if code == "tet" else code)  # Babel has no Tetum locale


def template(domain: str = "messages"):
    with (ROOT / "locales" / f"{domain}.pot").open("rb") as fh:
        return read_po(fh)


@pytest.mark.parametrize("domain", i18n.DOMAINS)
@pytest.mark.parametrize("code", SHIPPED)
def test_every_catalogue_message_is_translated_with_its_placeholders(code, domain):
    cat = catalogue(code, domain)
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in template(domain) if m.id}
    have = {m.id if isinstance(m.id, str) else m.id[0]: m for m in cat if m.id}
    assert wanted <= set(have), f"{code}/{domain}: not in the catalogue (run tools/i18n.py update): {sorted(wanted - set(have))[:5]}"
    problems = []
    for key in wanted:
        m = have[key]
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        if m.fuzzy or not all(s and s.strip() for s in strings):
            problems.append(("untranslated or fuzzy", key[:60]))
            continue
        for s in strings:
            if sorted(PLACEHOLDER.findall(ids[-1])) != sorted(PLACEHOLDER.findall(s)) and \
                    sorted(PLACEHOLDER.findall(ids[0])) != sorted(PLACEHOLDER.findall(s)):
                problems.append(("placeholders differ", key[:60]))
        if code in SCRIPT and len(key) > 12 and re.search("[A-Za-z]{4}", key):
            lo, hi = SCRIPT[code]
            if not any(lo <= ord(ch) <= hi for s in strings for ch in s):
                problems.append(("not in the language's script", key[:60]))
    assert not problems, f"{code}/{domain}: {len(problems)} problems, e.g. {problems[:8]}"


def test_lang_parameter_normalises_known_codes_only():
    assert i18n.normalise("TH") == "th" and i18n.normalise("th_TH") == "th" and i18n.normalise("km-KH") == "km"
    assert i18n.normalise("xx") is None and i18n.normalise("") is None and i18n.normalise("<script>") is None


def test_translation_objects_are_per_language_and_never_installed():
    th, km = i18n.translations("th"), i18n.translations("km")
    assert th is i18n.translations("th"), "one object per language, cached per process"
    assert th.gettext("Overview") != km.gettext("Overview") != "Overview"
    assert not hasattr(builtins, "_"), "a process-wide gettext install() would leak one viewer's language to all"


def test_outside_a_session_the_language_is_english_unless_asked():
    assert i18n._("Overview") == "Overview"
    with i18n.use("vi"):
        assert i18n._("Overview") == "Tổng quan"
        assert i18n.fmt_number(12345.6, 1) == "12.345,6"
    assert i18n._("Overview") == "Overview"


def test_locale_number_and_date_formats():
    with i18n.use("id"):
        assert i18n.fmt_number(1234567) == "1.234.567" and i18n.fmt_percent(11.5, 1) == "11,5%"
    with i18n.use("en"):
        assert i18n.fmt_number(1234567) == "1,234,567" and i18n.fmt_percent(11) == "11%"
    with i18n.use("th"):
        assert "2568" not in i18n.fmt_date("2025-10-26")  # Gregorian calendar, as in the sources
        assert "ต.ค." in i18n.fmt_date("2025-10-26") or "ตุลาคม" in i18n.fmt_date("2025-10-26")


def open_app(**params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sidebar_labels(at: AppTest) -> list[str]:
    return [w.label for w in at.sidebar.selectbox] + [w.label for w in at.sidebar.multiselect] + \
        [w.label for w in at.sidebar.toggle] + [w.label for w in at.sidebar.button]


def test_lang_link_translates_navigation_and_sidebar_in_the_right_script():
    at = open_app(lang="th")
    assert at.session_state[i18n.STATE_KEY] == "th"
    labels = sidebar_labels(at)
    thai = [lbl for lbl in labels if any(0x0E00 <= ord(ch) <= 0x0E7F for ch in lbl)]
    assert len(thai) >= 0.9 * len(labels), labels
    assert at.sidebar.selectbox(key=i18n.STATE_KEY).value == "th"
    assert any("เครื่อง" in c.value for c in at.sidebar.caption), "the review-status note is shown"


def test_unknown_lang_falls_back_to_english_with_a_note():
    at = open_app(lang="xx")
    assert at.session_state[i18n.STATE_KEY] == "en"
    assert any("Unknown language" in i.value and "English" in i.value for i in at.info)
    assert at.sidebar.selectbox(key=i18n.STATE_KEY).label == "Language"


def test_two_viewers_in_two_languages_never_see_each_others_language():
    # two sessions of one process, interleaved: a process-wide install() would give the last one's language to both
    # (AppTest re-formats the options shown last time in the test's thread: `use()` gives it that session's language,
    # as a browser sends back the label it displays)
    a, b = open_app(lang="km"), open_app()
    results = {}
    for name, at in (("km", a), ("en", b), ("km", a)):
        with i18n.use(name):
            at.run()
        results[name] = sidebar_labels(at)
    assert "Language" in results["en"] and all(not any(0x1780 <= ord(ch) <= 0x17FF for ch in s) for s in results["en"])
    assert "ភាសា" in results["km"] and "Language" not in results["km"]
    b.query_params["lang"] = "id"  # the second viewer follows an Indonesian link
    with i18n.use("en"):
        b.run()
    with i18n.use("km"):
        a.run()
    assert "ភាសា" in sidebar_labels(a) and "Bahasa" in sidebar_labels(b)


def test_language_choice_is_written_to_the_link_and_kept_across_pages():
    at = open_app(lang="vi", area="data")
    assert at.query_params.get("lang") in ("vi", ["vi"])
    with i18n.use("vi"):
        at.switch_page("pages/map.py").run()
    assert not at.exception
    assert at.session_state[i18n.STATE_KEY] == "vi" and at.query_params.get("lang") in ("vi", ["vi"])
    assert "Ngôn ngữ" in sidebar_labels(at) and at.session_state["f_area"] == "data"


# ----------------------------------------------------------------------------- every page, every language
PAGES = ["pages/overview.py", "pages/map.py", "pages/country.py", "pages/compare.py", "pages/priority_areas.py",
         "pages/trends.py", "pages/data.py", "pages/briefing.py"]
LATIN = {"id", "vi"}


def page_texts(code: str, page: str) -> tuple[list[str], list[str]]:
    """(headings, sidebar labels) of a page opened with ?lang=code."""
    at = AppTest.from_file(APP, default_timeout=90)
    if code != "en":
        at.query_params["lang"] = code
    with i18n.use(code):
        at.run()
        if page != "pages/overview.py":
            at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    heads = [h.value for h in list(at.title) + list(at.header) + list(at.subheader)]
    return heads, sidebar_labels(at)


_ENGLISH: dict[str, tuple[list[str], list[str]]] = {}


def in_language(text: str, code: str, english: set[str]) -> bool:
    same = {m.id for d in i18n.DOMAINS for m in catalogue(code, d) if m.id and m.string == m.id}
    if text in same:  # a name that the language writes as English does ("Brunei Darussalam" in Indonesian)
        return True
    if code in SCRIPT:
        lo, hi = SCRIPT[code]
        return any(lo <= ord(ch) <= hi for ch in text)
    return text not in english  # Latin-script languages: not the English text


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("code", SHIPPED)
def test_lang_link_translates_every_pages_headings_and_sidebar(code, page):
    if page not in _ENGLISH:
        _ENGLISH[page] = page_texts("en", page)
    en_heads, en_side = _ENGLISH[page]
    heads, side = page_texts(code, page)
    assert heads and side
    english = set(en_heads) | set(en_side)
    # headings that are names or figures (a country's name in the profile, a slide's value) count as translated
    # only in the language's own words: the country profile heading is the translated country name
    ok_heads = [h for h in heads if in_language(h, code, english)]
    ok_side = [s for s in side if in_language(s, code, english)]
    assert len(ok_heads) >= 0.9 * len(heads), f"{code} {page}: untranslated headings {[h for h in heads if h not in ok_heads]}"
    assert len(ok_side) >= 0.9 * len(side), f"{code} {page}: untranslated sidebar labels {[s for s in side if s not in ok_side]}"


@pytest.mark.parametrize("code", SHIPPED)
def test_catalogues_stay_in_their_script(code):
    """No letters of another Southeast Asian script (Khmer in Thai, Thai in Lao...), none at all in Latin-script
    languages: typing slips and pasted text."""
    for domain in i18n.DOMAINS:
        for m in catalogue(code, domain):
            strings = [m.string] if isinstance(m.string, str) else list(m.string)
            for s in strings:
                for other, (lo, hi) in SCRIPT.items():
                    if other != code:
                        assert not any(lo <= ord(ch) <= hi for ch in s), (code, domain, other, s[:60])


def _script_runs(text: str, lo: int, hi: int):
    """Runs of the script's letters with no break opportunity (space, U+200B, punctuation, digits end a run)."""
    run = ""
    for ch in text:
        if lo <= ord(ch) <= hi and ch not in "\u0e2f\u0e46\u0e5a\u0e5b\u17d4\u17d5\u17d6\u104a\u104b":
            run += ch
        else:
            if run:
                yield run
            run = ""
    if run:
        yield run


@pytest.mark.parametrize("code", [c for c in NO_SPACE if c in SHIPPED])
def test_scripts_without_spaces_carry_word_breaks(code):
    """Thai, Khmer, Lao and Burmese: every catalogue string has a break opportunity at least every 20 letters, so
    chart titles, labels and share cards wrap between words (charts._wrap breaks at U+200B), never inside one."""
    import unicodedata

    lo, hi = SCRIPT[code]
    long_runs = []
    for domain in i18n.DOMAINS:
        for m in catalogue(code, domain):
            for s in ([m.string] if isinstance(m.string, str) else list(m.string)):
                for run in _script_runs(s or "", lo, hi):
                    letters = [ch for ch in run if unicodedata.category(ch) not in ("Mn", "Mc")]
                    if len(letters) > 20:
                        long_runs.append((domain, run[:30]))
    assert not long_runs, f"{code}: {len(long_runs)} runs of more than 20 letters without a break, e.g. {long_runs[:6]}"


@pytest.mark.parametrize("width", (72, 46, 34, 14))
@pytest.mark.parametrize("code", [c for c in NO_SPACE if c in SHIPPED])
def test_chart_text_wraps_between_words_only(code, width):
    """Every catalogue string wrapped as chart titles, labels and share cards are (charts._wrap at the widths they
    use: 72/46/34 for titles, subtitles and cards; 14 for the priority areas' short titles on heat-map axes) breaks
    only where the translation allows it: each line is whole words and zero-width-separated parts."""
    import html

    from components import charts

    cut = []
    for domain in i18n.DOMAINS:
        for m in catalogue(code, domain):
            s = m.string if isinstance(m.string, str) else (m.string[0] if m.string else "")
            if not s or "<" in s or "\n" in s:
                continue
            if width < 34 and not any(".short_title" in c and "priority_areas.csv" in c for c in m.auto_comments):
                continue
            parts = [p for w in s.split(" ") for p in w.split("\u200b") if p]
            if any(len(p) > width for p in parts):  # a single word longer than the line: it must be cut somewhere
                continue
            boundaries = {0}  # offsets (in s without spaces and zero-width spaces) where a break is allowed
            for p in parts:
                boundaries.add(max(boundaries) + len(p))
            pos = 0
            for line in html.unescape(charts._wrap(s, width)).split("<br>"):
                for piece in line.split(" "):
                    piece = piece.replace("\u200b", "")
                    if pos not in boundaries:
                        cut.append((domain, piece[:24]))
                        break
                    pos += len(piece)
            if pos not in boundaries:
                cut.append((domain, s[-24:]))
    assert not cut, f"{code} at width {width}: {len(cut)} strings cut inside a word, e.g. {cut[:6]}"


def test_burmese_is_unicode_never_zawgyi():
    """Myanmar moved from the Zawgyi encoding to Unicode in 2019, and text pasted by reviewers may still be Zawgyi:
    every Burmese string must read as Unicode (Google's myanmar-tools detector)."""
    from myanmartools import ZawgyiDetector

    detector = ZawgyiDetector()
    assert detector.get_zawgyi_probability("\u103b\u1019\u1014\u1039\u1019\u102c") > 0.95  # the detector works: "Myanmar" in Zawgyi
    zawgyi = []
    for domain in i18n.DOMAINS:
        for m in catalogue("my", domain):
            for s in ([m.string] if isinstance(m.string, str) else list(m.string)):
                text = "".join(ch for ch in (s or "") if 0x1000 <= ord(ch) <= 0x109F or ch == " ")
                if text.strip() and detector.get_zawgyi_probability(text) > 0.95:
                    zawgyi.append(s[:40])
    assert not zawgyi, f"{len(zawgyi)} Burmese strings look Zawgyi-encoded, e.g. {zawgyi[:5]}"


def test_tetum_formats_numbers_and_dates_as_portuguese_timor_leste():
    """Babel has no Tetum locale: numbers and dates follow Portuguese (Timor-Leste)."""
    import datetime as dt

    with i18n.use("tet"):
        assert i18n.fmt_number(1234567.5, 1) == "1\u00a0234\u00a0567,5"
        assert i18n.fmt_date(dt.date(2025, 10, 26), "short") == "26/10/25"
    with i18n.use("pt"):
        assert i18n.fmt_number(1234567.5, 1) == "1\u00a0234\u00a0567,5"


def _glossary(code: str) -> list[dict]:
    import csv

    with (ROOT / "locales" / code / "glossary.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("code", SHIPPED)
def test_every_language_has_a_sourced_glossary(code):
    rows = _glossary(code)
    assert len(rows) >= 6, f"{code}: glossary has only {len(rows)} terms"
    for r in rows:
        assert set(r) >= {"english", "term", "source", "url"}, r
        assert r["english"].strip() and r["term"].strip() and r["source"].strip(), (code, r)
        assert not r["url"] or r["url"].startswith(("https://", "http://")), (code, r)


@pytest.mark.parametrize("code", SHIPPED)
def test_catalogues_use_the_glossary_term_wherever_the_english_term_occurs(code):
    """A key term (OCSEA, CSAM, age band vs age group, helpline vs hotline...) is rendered the same way in every
    message of both catalogues, as the language's glossary says."""
    rows = _glossary(code)
    misses = []
    for domain in i18n.DOMAINS:
        for m in catalogue(code, domain):
            if not m.id:
                continue
            sid = m.id if isinstance(m.id, str) else m.id[0]
            s = m.string if isinstance(m.string, str) else (m.string[0] if m.string else "")
            for r in rows:
                # a term written with a capital ("No data", the label) is matched as written; others in any case
                flags = 0 if r["english"] != r["english"].lower() else re.I
                if not s or not re.search(r"(?<!\w)" + re.escape(r["english"]) + r"(?!\w)", sid, flags):
                    continue  # untranslated entries are the completeness test's business
                text = (s or "").replace("\u200b", "").lower()
                # alternatives ("a|b") for an English term with two senses (an INHOPE hotline vs a phone hotline);
                # a proper name kept in English (a law's title) carries the English term itself
                if not any(t.strip().lower() in text for t in r["term"].split("|")) and r["english"].lower() not in text:
                    misses.append((domain, r["english"], sid[:50]))
    assert not misses, f"{code}: {len(misses)} messages without the glossary's term, e.g. {misses[:6]}"


def test_reading_aids_of_values_are_all_catalogued():
    """aseancop.formatting.QUALIFIER_WORDS (English, data layer) and the words the components translate agree."""
    from aseancop import formatting
    from components import wording

    assert set(formatting.QUALIFIER_WORDS.values()) == set(wording.QUALIFIER_WORDS)


def test_zip_readme_and_chart_words_follow_the_language():
    import io
    import zipfile

    from aseancop import load_dataset
    from components import charts, layout, views, wording

    ds = load_dataset()
    rows = ds.filter(indicator="ocsea_past_year")
    with i18n.use("vi"):
        readme = zipfile.ZipFile(io.BytesIO(layout.zip_bytes(ds, rows, "x"))).read("README.txt").decode()
        latest = wording.localise(ds.latest("ocsea_past_year", age="12-17"))
        fig = charts.ranked_bar(ds, latest, "ocsea_past_year", views.titles(ds, "ocsea_past_year", latest, "all"))
    assert "Cách trích dẫn" in readme and "How to cite" not in readme
    names = [str(n) for t in fig.data for n in (t.y if t.y is not None else [])]
    assert "Không có dữ liệu" in [str(x) for t in fig.data for x in (t.text if t.text is not None else [])]
    assert "Lào" in names or "Việt Nam" in names
    assert "quốc gia thành viên có dữ liệu" in fig.layout.title.text


def test_no_literal_message_hides_inside_an_f_string():
    """Babel cannot see _("…") inside an f-string (one string token): such text would never reach the catalogue."""
    import tokenize

    hidden = []
    for path in [ROOT / "app.py", *sorted((ROOT / "components").glob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]:
        with path.open("rb") as fh:
            for tok in tokenize.tokenize(fh.readline):
                if tok.type == tokenize.STRING and tok.string[:2].lower() in ('f"', "f'", 'rf', 'fr') \
                        and re.search(r"\{\s*(_|ngettext|pgettext)\(\s*['\"]", tok.string):
                    hidden.append(f"{path.name}:{tok.start[0]}")
    assert not hidden, f"_() with a literal inside an f-string (not extracted): {hidden}"


def test_translated_words_put_into_css_cannot_close_the_string_or_the_style():
    """Streamlit's uploader words are drawn from the catalogues through CSS `content:`; a catalogue entry with a quote,
    a backslash or `</style>` stays inside its string, and spaces survive (CSS swallows one after an escape)."""
    from components.layout import UPLOADER_CSS, _css_string

    hostile = 'a "b" \\ </style><script>x</script> ไม่เกิน 1 MB'
    lit = _css_string(hostile)
    inner = lit[1:-1]
    assert lit[0] == lit[-1] == '"' and not set(inner) & set('"\'<>;{} ')
    # decode as CSS does: six hex digits per escape, so the next character is never eaten
    import re
    decoded = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), inner)
    assert decoded == hostile
    css = UPLOADER_CSS.format(upload=lit, limit=_css_string("ok"))
    assert css.count("</style>") == 1 and "<script>" not in css
