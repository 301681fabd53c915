"""Words for the facts the data layer returns, in the reader's language (the data layer returns facts only).

Names and labels that live in data/ files (countries, regions, age bands, priority areas, indicator titles and
definitions) are translated through the `data` catalogue; values and source titles stay as published.
"""

from __future__ import annotations

from aseancop import NO_DATA, Dataset

from .i18n import N_, _, data_text  # noqa: F401 (data_text is part of this module's interface)

SEX_WORDS = {"all": "both sexes", "female": "girls/women", "male": "boys/men"}


def no_data() -> str:
    """'No data' (aseancop.NO_DATA) in the reader's language."""
    return _("No data")


def display(text) -> str:
    """A formatted value as published, or 'No data' in the reader's language (Yes/No of a checklist too)."""
    if text == NO_DATA or text is None:
        return no_data()
    if text in ("Yes", "No"):
        return yes_no(text == "Yes")
    return str(text)


def country_name(ds: Dataset, code: str) -> str:
    return data_text(ds.country_name(code))


def age_label(ds: Dataset, code: str | None) -> str:
    if not code:
        return ""
    return data_text(ds.age_bands.at[code, "label"]) if code in ds.age_bands.index else str(code)


def age_group_label(ds: Dataset, code: str | None) -> str:
    """A reader-facing age group (the age filter), e.g. 'Adolescents (12–17)'."""
    if not code:
        return ""
    return data_text(ds.age_groups.at[code, "label"]) if code in ds.age_groups.index else str(code)


TIER_WORDS = {"headline": N_("Headline"), "comparable": N_("Comparable"), "national": N_("National evidence"),
              "context": N_("Context")}


def tier_label(tier: str) -> str:
    """The catalogue tier of an indicator, in the reader's language."""
    return _(TIER_WORDS.get(tier, tier))


def area_title(ds: Dataset, code: str) -> str:
    title = data_text(ds.priority_areas.at[code, "title"])
    return title if code == "online" else f"{int(ds.priority_areas.at[code, 'number'])}. {title}"


def area_short_title(ds: Dataset, code: str) -> str:
    return data_text(ds.priority_areas.at[code, "short_title"])


def title(ds: Dataset, indicator: str) -> str:
    """The full title; in a translation that has no full title for this indicator (national evidence, context),
    its translated short title rather than English."""
    return indicator_name(ds, indicator)


def short_title(ds: Dataset, indicator: str) -> str:
    return data_text(ds.indicator(indicator)["short_title"])


def indicator_name(ds: Dataset, indicator: str) -> str:
    """The full title in the reader's language if catalogued, else the translated short title, else the title."""
    m = ds.indicator(indicator)
    for text in (m["title"], m["short_title"]):
        translated = data_text(text)
        if translated != text:
            return translated
    return m["title"]


def description(ds: Dataset, indicator: str) -> str:
    return data_text(ds.indicator(indicator)["description"])


def caveats(ds: Dataset, indicator: str) -> list[str]:
    return [data_text(c) for c in ds.indicator(indicator).get("caveats") or []]


def sex_words(sex: str) -> str:
    return {"all": _("both sexes"), "female": _("girls/women"), "male": _("boys/men")}.get(sex, sex)


def qualifier_words_text(text) -> str:
    """The reading aid of a value (aseancop.formatting.QUALIFIER_WORDS) in the reader's language."""
    if not isinstance(text, str) or not text:
        return text
    return _(text)


# aseancop.formatting.QUALIFIER_WORDS, marked for translation (the data layer keeps the English reading aids)
QUALIFIER_WORDS = [N_("as published"), N_("lower bound (at least)"), N_("lower bound (more than)"), N_("upper bound (up to)"),
                   N_("approximate (rounded or 'about' in the source)"), N_("range (no single value published)"),
                   N_("estimate with uncertainty interval")]


def _translated_values(series, fn):
    uniq = {v: fn(v) for v in series.dropna().unique()} if len(series) else {}
    return series.map(lambda v: uniq.get(v, v) if isinstance(v, str) else v)


def localise(df):
    """A copy of a data-layer frame with its words in the reader's language: names, 'No data', age bands,
    reading aids of values. Values and source titles stay as published."""
    from .i18n import lang

    if lang() == "en" or df is None:
        return df
    out = df.copy()
    for col in ("name", "area_name", "age_label"):
        if col in out:
            out[col] = _translated_values(out[col], data_text)
    if "display" in out:
        out["display"] = out["display"].map(display)
    if "qualifier_text" in out:
        out["qualifier_text"] = _translated_values(out["qualifier_text"], qualifier_words_text)
    return out


def source_line(ds: Dataset, source_ids, limit: int = 4) -> str:
    """One footer line naming exactly the sources behind a figure, each once, in a stable order (their short
    citations as published; the frame in the reader's language)."""
    ids = ds.sources_of(source_ids)
    if not ids:
        return ""
    parts = ds.source_line(ids, limit=limit)
    more = len(ids) - limit
    text = (_("Source: {sources}") if len(ids) == 1 else _("Sources: {sources}")).format(sources=parts)
    if more > 0:
        text += _("; and {n} more (listed on the Data & sources page)").format(n=more)
    return text


def years_text(years) -> str:
    years = sorted({int(y) for y in years})
    if not years:
        return ""
    if len(years) == 1:
        return str(years[0])
    if len(years) == 2:
        return _("{first} and {second}").format(first=years[0], second=years[1])
    return f"{years[0]}–{years[-1]}"


def unit_label(unit: str) -> str:
    return {"percent": "%", "count": _("count"), "per_100": _("per 100"), "index": _("index"), "ratio": _("ratio"),
            "rank": _("rank")}.get(unit, "")


def yes_no(flag: bool) -> str:
    return _("Yes") if flag else _("No")


def suggest(ds: Dataset, area=None, age=None, indicator=None, countries=None, sex=None, year=None) -> list[str]:
    """Plain-language suggestions of the nearest filter combinations that do have data (ds.nearest_data worded)."""
    tips = []
    for n in ds.nearest_data(area=area, age=age, indicator=indicator, countries=countries, sex=sex, year=year):
        if n["kind"] == "bands":
            tips.append(_("This indicator is measured for: {bands}.").format(
                bands=", ".join(age_label(ds, b) for b in n["bands"])))
        elif n["kind"] == "area_groups":
            tips.append(_("In this priority area the data covers: {bands}.").format(
                bands=", ".join(age_group_label(ds, g) for g in n["groups"])))
        elif n["kind"] == "other_areas":
            tips.append(_("This age group has data in: {areas}.").format(
                areas="; ".join(area_title(ds, a) for a in n["areas"])))
        elif n["kind"] == "countries":
            tips.append(_("Countries with this indicator: {states}.").format(states=_names(ds, n["states"])))
        elif n["kind"] == "sexes":
            tips.append(_("This indicator is available for: {sexes}.").format(
                sexes=", ".join(sex_words(x) for x in n["sexes"])))
        elif n["kind"] == "years":
            tips.append(_("Years with data: {years}.").format(years=", ".join(map(str, n["years"]))))
    return tips


def lower_first(text: str) -> str:
    """'Ages 12–17' -> 'ages 12–17' inside a sentence (no effect on scripts without case)."""
    return text[:1].lower() + text[1:] if text else text


def _names(ds: Dataset, codes) -> str:
    return ", ".join(country_name(ds, c) for c in codes)


def headlines(ds: Dataset) -> list[dict]:
    """The overview's headline cards (label, value, caption, sources) from the data layer's facts."""
    out = []
    for c in ds.headlines():
        f = c.get("facts", {})
        who = ""
        if f.get("low") and f.get("high"):
            who = _("{low} lowest, {high} highest").format(low=country_name(ds, f["low"]), high=country_name(ds, f["high"]))
        if c["id"] == "ocsea":
            label = _("Internet-using children aged 12–17 subjected to online sexual exploitation and abuse in the past year")
            head = _("Range across the {group}").format(group=lower_first(data_text(ds.country_name(f["group"]))))
            head += f" ({who})" if who else ""
            caption = " · ".join([head, lower_first(age_label(ds, f["age"])), years_text(f["years"]),
                                  source_line(ds, c["sources"])])
        elif c["id"] == "online_12_17":
            label = _("Children aged 12–17 who use the internet")
            caption = " · ".join([_("{n} surveyed member states ({who})").format(n=f["n"], who=who),
                                  lower_first(age_label(ds, f["age"])),
                                  "–".join(map(str, f["years"])), source_line(ds, c["sources"])])
        elif c["id"] == "online_all":
            label = _("People of all ages who use the internet")
            caption = " · ".join([_("All {n} member states, latest year ({who})").format(n=f["n"], who=who),
                                  years_text(f["years"]), source_line(ds, c["sources"])])
        elif c["id"] == "helplines":
            label = _("Member states with a national helpline children can call")
            parts = [_("No data: {states}").format(states=_names(ds, f["missing"]))] if f["missing"] else []
            parts += ["–".join(map(str, f["years"])),
                      _("Sources: {n} helpline operators, ministries and news reports (listed on the Data & sources page)")
                      .format(n=f["n_sources"])]
            caption = " · ".join(parts)
            c = {**c, "value": _("{yes} of {total}").format(yes=f["yes"], total=f["total"])}
        else:  # a card this module cannot word yet is left out, never shown without its label
            continue
        out.append({**c, "label": label, "caption": caption})
    return out


def gaps(ds: Dataset) -> list[str]:
    """What is missing (the data layer's gap_facts), in the reader's language."""
    lines = []
    for g in ds.gap_facts():
        if g["kind"] == "no_survey":
            lines.append(_("No national survey of online sexual exploitation and abuse of children: {states}.")
                         .format(states=_names(ds, g["states"])))
        elif g["kind"] == "combined_only":
            lines.append(_("Past-year online sexual exploitation and abuse is published only for {bands} with both sexes "
                           "combined: no breakdown by age band or sex.")
                         .format(bands=", ".join(lower_first(age_label(ds, b)) for b in g["bands"])))
        elif g["kind"] == "old_internet":
            lines.append(_("Internet use: the latest figure is older than {year} for {states}.").format(
                year=g["newest"], states=", ".join(f"{country_name(ds, c)} ({y})" for c, y in g["states"])))
        elif g["kind"] == "fewest":
            lines.append(_("Fewest indicators with any data: {states}.").format(states=", ".join(
                _("{state} ({n} of {total})").format(state=country_name(ds, c), n=n, total=g["total"])
                for c, n in g["states"])))
    return lines


def regional_context(ds: Dataset, indicator: str, age: str, sex: str, year) -> str:
    """'6 states: 1% to 20%, median 9%': the member states' range and median for the same figure, in words."""
    from aseancop import format_value

    try:
        c = ds.regional_context(indicator, age, sex, int(year))
    except (TypeError, ValueError):
        return ""
    if c["n"] < 2:
        return _("No other member state has this figure for the same year")
    m = ds.indicator(indicator)
    if m["unit"] == "yes_no":
        return _("{yes} of {n} member states with data: yes").format(yes=c["yes"], n=c["n"])
    fmt = lambda x: format_value(x, unit=m["unit"], decimals=m["decimals"])  # noqa: E731
    text = _("{n} states: {low} to {high}, median {median}").format(n=c["n"], low=fmt(c["min"]), high=fmt(c["max"]),
                                                                   median=fmt(c["median"]))
    if c["bounded"]:
        text += " " + _("(some values are bounds or ranges)")
    return text


def estimate_words(est) -> tuple[str, str, str]:
    """(value, arithmetic, caveat) of the children-affected estimate (aseancop.Estimate), in the reader's language."""
    from aseancop import format_value

    from .i18n import fmt_number

    sign = "≥ " if est.qualifier in ("at least", "more than") else "≤ " if est.qualifier == "up to" else "≈ "
    value = sign + fmt_number(est.value)
    exact = est.exact
    arithmetic = _("{prevalence} of internet-using 12–17-year-olds × {share} of 12–17-year-olds online × {population} "
                   "children aged 12–17 = {estimate} (rounded; exact product {exact})").format(
        prevalence=est.prevalence["display"], share=est.online_share["display"], population=est.population["display"],
        estimate=format_value(est.value, qualifier=est.qualifier, unit="count"), exact=fmt_number(exact))
    caveat = _("Our estimate, not an official figure: it assumes children who do not use the internet were not "
               "affected, and it combines a prevalence from one year with a population figure from another "
               "({year_prevalence} and {year_population}).").format(
        year_prevalence=int(est.prevalence["year"]), year_population=int(est.population["year"]))
    return value, arithmetic, caveat


# ------------------------------------------------------------------ timeline of measures (aseancop.timeline)
EVENT_WORDS = {"bill": N_("Bill or draft"), "signed": N_("Signed"), "enacted": N_("Enacted"), "in_force": N_("In force"),
               "launched": N_("Launched")}


def event_words(event: str) -> str:
    """A measure's status on a date (bill, signed, enacted, in force, launched), in the reader's language."""
    return _(EVENT_WORDS[event]) if event in EVENT_WORDS else str(event)


def measure_date(text: str, format: str = "long") -> str:
    """A measure's date at the precision its source gives: a day, a month ('July 2026') or a year ('2026')."""
    from .i18n import fmt_date

    return fmt_date(str(text), format)


def as_of(ds: Dataset) -> str:
    """'As of 1 July 2026': the latest date in the data (ds.as_of), at its precision; '' without dates."""
    fact = ds.as_of()
    if not fact:
        return ""
    return _("As of {date} (the latest date in the data)").format(date=measure_date(fact["date"]))


def no_measure_recorded() -> str:
    """What a state without a dated measure in the view shows: not 'none exists'."""
    return _("No measure recorded")
