"""Words for the facts the data layer returns, in the reader's language (the data layer returns facts only).

Names and labels that live in data/ files (countries, regions, age bands, priority areas, indicator titles and
definitions) are translated through the `data` catalogue; values and source titles stay as published.
"""

from __future__ import annotations

from aseancop import NO_DATA, Dataset

from .i18n import N_, _, data_text

SEX_WORDS = {"all": "both sexes", "female": "girls/women", "male": "boys/men"}


def no_data() -> str:
    """'No data' (aseancop.NO_DATA) in the reader's language."""
    return _("No data")


def display(text) -> str:
    """A formatted value as published, or 'No data' in the reader's language."""
    return no_data() if text == NO_DATA or text is None else str(text)


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
    row = ds.priority_areas.loc[code]
    title = data_text(row["title"])
    return title if code == "online" else f"{int(row['number'])}. {title}"


def area_short_title(ds: Dataset, code: str) -> str:
    return data_text(ds.priority_areas.at[code, "short_title"])


def title(ds: Dataset, indicator: str) -> str:
    return data_text(ds.indicator(indicator)["title"])


def short_title(ds: Dataset, indicator: str) -> str:
    return data_text(ds.indicator(indicator)["short_title"])


def description(ds: Dataset, indicator: str) -> str:
    return data_text(ds.indicator(indicator)["description"])


def caveats(ds: Dataset, indicator: str) -> list[str]:
    return [data_text(c) for c in ds.indicator(indicator).get("caveats") or []]


def sex_words(sex: str) -> str:
    return {"all": _("both sexes"), "female": _("girls/women"), "male": _("boys/men")}.get(sex, sex)
