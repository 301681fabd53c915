"""The shared sidebar filters: one state, bound to the URL, kept across pages.

URL parameters (stable): area, age, country (repeated or comma-separated ISO3), indicator, sex,
year, present, lang (the reader's language, see components/i18n.py). A value that is unknown or malformed is ignored, and the reader is told what was
ignored. The state lives in st.session_state under widget keys prefixed "f_"; every rerun writes
the non-default values back to the URL so a copied link reopens the same view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from aseancop import Dataset

from . import i18n, wording
from .i18n import LANGUAGES, N_, _

PARAMS = ["area", "age", "country", "indicator", "sex", "year", "present", "slide", "lang", "since"]
MAX_PARAM_LEN = 200
# a page's own parameters, kept in the URL as given and checked by that page: slide (/briefing), since (/timeline)
PAGE_PARAMS = {"slide": 4, "since": MAX_PARAM_LEN}
LATEST = "latest"
ALL_AREAS = ""


@dataclass
class Filters:
    area: str = ALL_AREAS  # "" = every priority area
    age: str = ""  # "" = every age band
    countries: list[str] = field(default_factory=list)  # [] = all member states
    indicator: str = ""
    sex: str = "all"
    year: str = LATEST
    present: bool = False
    lang: str = i18n.DEFAULT
    notes: list[str] = field(default_factory=list)

    @property
    def country_list(self) -> list[str] | None:
        return self.countries or None

    @property
    def year_int(self) -> int | None:
        return int(self.year) if self.year not in ("", LATEST) else None


def _clean(text: str) -> str:
    """Make a URL value safe to quote back to the reader (plain text, short, printable)."""
    text = "".join(ch for ch in str(text) if ch.isprintable())
    text = (text[:40] + "…") if len(text) > 40 else text
    # shown through st.info (markdown): escape every markdown/HTML control character
    return "".join("\\" + ch if ch in "\\`*_{}[]()<>#+-.!|~$&" else ch for ch in text)


def _url_values(key: str) -> list[str]:
    try:
        vals = st.query_params.get_all(key)
    except Exception:
        return []
    out = []
    for v in vals:
        for part in str(v).split(","):
            part = part.strip()
            if part:
                out.append(part[:MAX_PARAM_LEN])
    return out


def _from_url(ds: Dataset) -> Filters:
    f = Filters()
    notes = f.notes

    def single(key):
        vals = _url_values(key)
        if len(set(vals)) > 1:
            notes.append(_("Link gave several values for '{key}'; used the first.").format(key=key))
        return vals[0] if vals else None

    code = single("lang")
    if code is not None:
        if i18n.normalise(code):
            f.lang = i18n.normalise(code)
        else:
            lang_note = (f"Unknown language '{_clean(code)}': showing English. Available: "
                         + ", ".join(f"{c} ({LANGUAGES[c].english})" for c in LANGUAGES) + ".")
            notes.append(lang_note)
    st.session_state[i18n.STATE_KEY] = f.lang  # the notes below are worded in the link's language
    unknown = [k for k in st.query_params.keys() if k not in PARAMS]
    if unknown:
        notes.append(_("Ignored unknown link parameter(s): ") + ", ".join(_clean(k) for k in unknown[:5]))

    for key, vocabulary, what in (("area", ds.priority_areas.index, N_("Ignored unknown priority area '{value}'.")),
                                  ("age", ds.age_groups.index, N_("Ignored unknown age group '{value}'."))):
        value = single(key)
        if value is None:
            continue
        if value in vocabulary:
            setattr(f, key, value)
        elif key == "age" and value in ds.age_bands.index:
            # an exact source band in an older link: shown under the reader-facing group that contains it
            group = ds.group_of_band(value)
            if group:
                f.age = group
                notes.append(_("Age band '{band}' is shown under the age group '{group}'; each value keeps its exact "
                               "age band.").format(band=wording.age_label(ds, value), group=wording.age_group_label(ds, group)))
            else:
                notes.append(_("'{band}' is not an age group you can filter by; showing all ages (its figures are "
                               "listed under All age groups).").format(band=wording.age_label(ds, value)))
        else:
            notes.append(_(what).format(value=_clean(value)))
    codes = _url_values("country")
    good = [c.upper() for c in codes if c.upper() in ds.countries.index]
    bad = [c for c in codes if c.upper() not in ds.countries.index]
    if bad:
        notes.append(_("Ignored unknown country code(s): ") + ", ".join(_clean(b) for b in bad[:5]))
    f.countries = list(dict.fromkeys(good))
    ind = single("indicator")
    if ind is not None:
        if ind in ds.indicator_meta:
            f.indicator = ind
        else:
            notes.append(_("Ignored unknown indicator '{value}'.").format(value=_clean(ind)))
    sex = single("sex")
    if sex is not None:
        if sex in ("all", "female", "male"):
            f.sex = sex
        else:
            notes.append(_("Ignored unknown sex '{value}' (use all, female or male).").format(value=_clean(sex)))
    year = single("year")
    if year is not None:
        if year.isdigit() and 1990 <= int(year) <= 2030:
            f.year = str(int(year))
        elif year != LATEST:
            notes.append(_("Ignored year '{value}' (use a four-digit year).").format(value=_clean(year)))
    present = single("present")
    if present is not None:
        if present in ("1", "0", "true", "false"):
            f.present = present in ("1", "true")
        else:
            notes.append(_("Ignored present='{value}' (use present=1).").format(value=_clean(present)))
    return f


def _url_signature() -> tuple:
    try:
        return tuple(sorted((k, tuple(st.query_params.get_all(k))) for k in st.query_params.keys() if k not in PAGE_PARAMS))
    except Exception:
        return ()


def init_state(ds: Dataset) -> Filters:
    """Adopt the URL when it is new to this session (a shared link), else keep the session's choices."""
    ss = st.session_state
    sig = _url_signature()
    notes: list[str] = []
    if "f_area" not in ss or (sig and sig != ss.get("_url_written")):
        f = _from_url(ds)
        notes = f.notes
        ss["f_area"], ss["f_age"], ss["f_countries"] = f.area, f.age, f.countries
        ss["f_indicator"], ss["f_sex"], ss["f_year"], ss["f_present"] = f.indicator, f.sex, f.year, f.present
        ss[i18n.STATE_KEY] = f.lang
        ss["_url_notes"] = notes
        ss["_notes_state"] = None  # notes stay until the reader changes a filter
    return current()


def current() -> Filters:
    ss = st.session_state
    return Filters(area=ss.get("f_area", ""), age=ss.get("f_age", ""), countries=list(ss.get("f_countries", [])),
                   indicator=ss.get("f_indicator", ""), sex=ss.get("f_sex", "all"), year=str(ss.get("f_year", LATEST)),
                   present=bool(ss.get("f_present", False)), lang=i18n.lang(), notes=list(ss.get("_url_notes", [])))


def resolved_indicator(ds: Dataset, f: Filters) -> str | None:
    """The indicator to show: the chosen one if it fits area and age, else the area's default."""
    choices = ds.indicators_for(f.area or None, f.age or None)
    if f.indicator and f.indicator in choices:
        return f.indicator
    if f.indicator and not f.area and not f.age:
        return f.indicator
    return ds.default_indicator(f.area or None, f.age or None)


def age_choices(ds: Dataset, area: str) -> list[str]:
    """The age options the sidebar offers for a priority area ("" = every age): reader-facing age groups with data."""
    return [""] + ds.age_groups_for(area=area or None)


def indicator_label(ds: Dataset, indicator: str, age: str | None) -> str:
    """'Headline · Internet users · 11/11': the picker is grouped by tier and says how far each reaches."""
    n = ds.states_with_data(indicator, age or None)
    tier = wording.tier_label(ds.indicator(indicator).get("tier", "context"))
    return f"{tier} · {wording.short_title(ds, indicator)} · {n}/{len(ds.member_codes)}"  # no words to translate


_LABELS: dict = {}  # (language, dataset id, age) -> {indicator: label}, for the shared dataset only


def indicator_labeller(ds: Dataset, age: str | None):
    """indicator -> picker label, each label made once per process and language (the picker formats every option on
    every rerun: ~150 labels). A session with uploaded rows has its own dataset: its labels are not kept."""
    if ds.n_user_rows:
        return lambda i: indicator_label(ds, i, age)
    cache = _LABELS.setdefault((i18n.lang(), ds.token, age), {})

    def label(i: str) -> str:
        got = cache.get(i)
        if got is None:
            got = cache[i] = indicator_label(ds, i, age)
        return got
    return label


SEXES = ("all", "female", "male")


@dataclass(frozen=True)
class Choices:
    """What the sidebar offers (codes, not labels). The sidebar and the tests read it from here only."""
    areas: list[str]  # "" (all) first
    ages: list[str]  # "" (all) first, then the age options with data in the chosen area
    countries: list[str]  # member states, ASEAN order
    indicators: list[str]  # for the chosen area and age, with data
    sexes: list[str]  # for the chosen indicator; every sex in the data when no indicator is given
    years: list[str]  # LATEST first, then years with data for the chosen indicator (and age); all data years without one


_CHOICES: dict = {}  # (dataset token, area, age, indicator) -> Choices; the sidebar asks ~5 times a rerun


def choices(ds: Dataset, area: str = "", age: str = "", indicator: str = "") -> Choices:
    """The filter vocabulary for a state: `choices(ds)` is everything a reader could pick anywhere (do not modify)."""
    key = (ds.token, area, age, indicator)
    got = _CHOICES.get(key)
    if got is None:
        if len(_CHOICES) > 4096:  # upload views add entries of their own: bounded
            _CHOICES.clear()
        got = _CHOICES[key] = _choices(ds, area, age, indicator)
    return got


def _choices(ds: Dataset, area: str, age: str, indicator: str) -> Choices:
    if indicator:
        sexes = ds.sexes_for(indicator)
        years = ds.years_for(indicator, age or None)
    else:
        sexes = [s for s in SEXES if s in set(ds.obs["sex"])]
        years = sorted(int(y) for y in ds.obs["year"].dropna().unique())
    return Choices(areas=[ALL_AREAS] + ds.area_codes(), ages=age_choices(ds, area),
                   countries=list(ds.member_codes), indicators=ds.indicators_for(area or None, age or None),
                   sexes=sexes, years=[LATEST] + [str(y) for y in years])


def sidebar(ds: Dataset) -> Filters:
    """Draw the shared filters in the sidebar and return the current state."""
    ss = st.session_state
    with st.sidebar:
        language_selector()
        st.markdown("### " + _("Filters"))
        areas = choices(ds).areas
        if ss.get("f_area") not in areas:
            ss["f_area"] = ALL_AREAS
        st.selectbox(_("Priority area"), areas, key="f_area",
                     format_func=lambda a: _("All priority areas") if a == ALL_AREAS else wording.area_title(ds, a),
                     help=_("The seven priority areas of the ASEAN Regional Plan of Action, plus the context group 'Children online'."))
        ages = choices(ds, ss["f_area"]).ages
        if ss.get("f_age") not in ages:
            if ss.get("f_age"):
                ss["_url_notes"] = ss.get("_url_notes", []) + [
                    _("No data for the age group '{group}' in this priority area; showing all age groups.").format(
                        group=wording.age_group_label(ds, ss['f_age']))]
            ss["f_age"] = ""
        st.selectbox(_("Age group"), ages, key="f_age",
                     format_func=lambda a: _("All age groups") if a == "" else wording.age_group_label(ds, a),
                     help=_("Only age groups with data in this priority area are offered. Each figure keeps the exact "
                            "age band its source published (for example 13–17 within 12–17)."))
        st.multiselect(_("Countries"), choices(ds).countries, key="f_countries",
                       format_func=lambda c: wording.country_name(ds, c),
                       placeholder=_("All {n} member states").format(n=len(ds.member_codes)),
                       help=_("Leave empty for all member states."))
        inds = choices(ds, ss["f_area"], ss["f_age"]).indicators
        if ss.get("f_indicator") not in inds:
            ss["f_indicator"] = ds.default_indicator(ss["f_area"] or None, ss["f_age"] or None) or ""
        if inds:
            age = ss["f_age"]
            st.selectbox(_("Indicator"), inds, key="f_indicator", format_func=indicator_labeller(ds, age),
                         help=_("Narrowed to the chosen priority area and age group, most comparable first: headline and "
                                "comparable indicators can be mapped; national evidence covers one or two states. "
                                "Type to search."))
        ind = ss.get("f_indicator")
        offered = choices(ds, ss["f_area"], ss["f_age"], ind) if ind else None
        sexes = offered.sexes if offered else ["all"]
        if ss.get("f_sex") not in sexes:
            ss["f_sex"] = sexes[0] if sexes else "all"
        if len(sexes) > 1:
            st.radio(_("Sex"), sexes, key="f_sex", horizontal=True,
                     format_func=lambda s: {"all": _("Both"), "female": _("Girls/women"), "male": _("Boys/men")}[s])
        years = offered.years if offered else [LATEST]
        if str(ss.get("f_year")) not in years:
            ss["f_year"] = LATEST
        if len(years) > 2:
            st.selectbox(_("Year"), years, key="f_year", format_func=lambda y: _("Latest available") if y == LATEST else y)
        st.toggle(_("Presentation mode"), key="f_present",
                  help=_("Large type, no sidebar: for projecting at a forum. Adds present=1 to the link."))
        if st.button(_("Reset filters"), width="stretch"):
            for k in ("f_area", "f_age", "f_countries", "f_indicator", "f_sex", "f_year"):
                ss.pop(k, None)
            ss["f_area"], ss["f_age"], ss["f_countries"], ss["f_sex"], ss["f_year"] = "", "", [], "all", LATEST
            st.rerun()
    return current()


FILTER_KEYS = ("f_area", "f_age", "f_countries", "f_indicator", "f_sex", "f_year", "f_present")


def _keep_filters() -> None:
    """A new language re-words every option: pin the filters' values (codes), or the browser's old-language labels
    would no longer match any option and the filters would silently reset."""
    ss = st.session_state
    for k in FILTER_KEYS:
        if k in ss:
            ss[k] = ss[k]


def language_selector() -> None:
    """The language switch (native names), at the top of the sidebar, with the translation's review status."""
    ss = st.session_state
    if ss.get(i18n.STATE_KEY) not in LANGUAGES:
        ss[i18n.STATE_KEY] = i18n.DEFAULT
    st.selectbox(_("Language"), list(LANGUAGES), key=i18n.STATE_KEY, format_func=lambda c: LANGUAGES[c].native,
                 on_change=_keep_filters, help=_("Adds lang=… to the link, so a copied link opens in the same language."))
    note = i18n.status_note()
    if note:
        st.caption(note)


def url_params(f: Filters, ds: Dataset) -> dict[str, str | list[str]]:
    """The link parameters for a filter state (non-default values only)."""
    params: dict[str, str | list[str]] = {}
    if f.area:
        params["area"] = f.area
    if f.age:
        params["age"] = f.age
    if f.countries:
        params["country"] = list(f.countries)
    if f.indicator and f.indicator != ds.default_indicator(f.area or None, f.age or None):
        params["indicator"] = f.indicator
    if f.sex and f.sex != "all":
        params["sex"] = f.sex
    if f.year and f.year != LATEST:
        params["year"] = f.year
    if f.present:
        params["present"] = "1"
    if f.lang and f.lang != i18n.DEFAULT:
        params["lang"] = f.lang
    return params


def write_url(f: Filters, ds: Dataset) -> None:
    """Write the current filters into the URL (non-default values only)."""
    params = url_params(f, ds)
    for key, longest in PAGE_PARAMS.items():
        value = st.query_params.get(key)
        if value is not None and len(str(value)) <= longest:
            params[key] = str(value)
    current_sig = _url_signature()
    new_sig = tuple(sorted((k, tuple(v) if isinstance(v, list) else (v,)) for k, v in params.items() if k not in PAGE_PARAMS))
    if current_sig != new_sig or set(st.query_params.keys()) - set(params):
        st.query_params.from_dict(params)
    st.session_state["_url_written"] = new_sig
    # keep notes about an ignored link until the reader changes a filter
    state = (f.area, f.age, tuple(f.countries), f.indicator, f.sex, f.year, f.present, f.lang)
    if st.session_state.get("_notes_state") is None:
        st.session_state["_notes_state"] = state
    elif st.session_state["_notes_state"] != state:
        st.session_state["_url_notes"] = []


# Static markup: the only text put into it is the catalogue's button label, HTML-escaped. The script opens Streamlit's
# own sidebar (its expand button); it is installed once per page and reads nothing a reader typed.
OPEN_FILTERS_HTML = """<button type="button" class="aseancop-open-filters">{label}</button>
<script>
if (!window.aseancopOpenFilters) {{
  window.aseancopOpenFilters = true;
  document.addEventListener("click", (e) => {{
    if (!e.target.closest(".aseancop-open-filters")) return;
    const b = document.querySelector('[data-testid="stExpandSidebarButton"]');
    if (b) b.click();
  }});
}}
</script>"""


def summary_words(ds: Dataset, f: Filters) -> str:
    """What is filtered, in one line of the reader's language: priority area · age group · member states."""
    area = wording.area_title(ds, f.area) if f.area else _("All priority areas")
    age = wording.age_group_label(ds, f.age) if f.age else _("All age groups")
    if not f.countries:
        states = _("All {n} member states").format(n=len(ds.member_codes))
    elif len(f.countries) <= 3:
        states = ", ".join(wording.country_name(ds, c) for c in f.countries)
    else:
        states = i18n.ngettext("{n} member state", "{n} member states", len(f.countries)).format(n=len(f.countries))
    return " · ".join((area, age, states))


def summary_line(ds: Dataset, f: Filters) -> None:
    """On a phone the sidebar starts closed (the page config's "auto"), so the main column says what is filtered in
    one line, with a button that opens the filters. Hidden on wider screens, where the sidebar is open (BASE_CSS)."""
    import html

    with st.container(key="filter_line", horizontal=True, vertical_alignment="center", gap="small"):
        st.caption(_("Showing: {filters}").format(filters=summary_words(ds, f)))
        st.html(OPEN_FILTERS_HTML.format(label=html.escape(_("Change filters"))), unsafe_allow_javascript=True)


def show_notes(f: Filters) -> None:
    for n in f.notes:
        st.info(n, icon=":material/info:")
