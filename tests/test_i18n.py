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
SCRIPT = {"th": (0x0E00, 0x0E7F), "km": (0x1780, 0x17FF)}
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?::[^}]*)?\}|%\([a-z_]+\)[sd]|%[sd]")


def catalogue(code: str, domain: str = "messages"):
    with (ROOT / "locales" / code / "LC_MESSAGES" / f"{domain}.po").open("rb") as fh:
        return read_po(fh, locale=code)


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
    """No Khmer letters in Thai, no Thai in Khmer, no Thai/Khmer in Latin-script languages (typing slips)."""
    blocks = {"th": (0x1780, 0x17FF), "km": (0x0E00, 0x0E7F)}
    for domain in i18n.DOMAINS:
        for m in catalogue(code, domain):
            strings = [m.string] if isinstance(m.string, str) else list(m.string)
            for s in strings:
                if code in blocks:
                    lo, hi = blocks[code]
                    assert not any(lo <= ord(ch) <= hi for ch in s), (code, domain, s[:60])
                else:
                    assert not any(0x0E00 <= ord(ch) <= 0x17FF for ch in s), (code, domain, s[:60])


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
