"""Turn stored values into text that keeps bounds and ranges as bounds and ranges."""

from __future__ import annotations

import math

NO_DATA = "No data"

QUALIFIER_SYMBOL = {"at least": "≥ ", "more than": "> ", "up to": "≤ ", "about": "≈ "}
QUALIFIER_WORDS = {
    "": "as published",
    "at least": "lower bound (at least)",
    "more than": "lower bound (more than)",
    "up to": "upper bound (up to)",
    "about": "approximate (rounded or 'about' in the source)",
    "range": "range (no single value published)",
    "interval": "estimate with uncertainty interval",
}


def _isnum(x) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def number(x: float, unit: str, decimals: int) -> str:
    if unit == "yes_no":
        return "Yes" if x >= 0.5 else "No"
    if unit == "count":
        return f"{x:,.0f}"
    if unit == "rank":
        return f"#{x:.0f}"
    text = f"{x:,.{decimals}f}"
    if unit == "percent":
        return text + "%"
    if unit == "per_100":
        return text + " per 100"
    return text


def bare(x: float, unit: str, decimals: int) -> str:
    """A number without its unit sign (for the first half of a range)."""
    if unit == "count":
        return f"{x:,.0f}"
    return f"{x:,.{decimals}f}"


def format_value(value, lower=None, upper=None, qualifier: str = "", unit: str = "percent", decimals: int = 0) -> str:
    """Format one observation: '11%', '≥ 2%', '10–31%', '11.9% (9.9–14.1)', or 'No data'."""
    qualifier = qualifier or ""
    if qualifier == "range":
        if not (_isnum(lower) and _isnum(upper)):
            return NO_DATA
        return f"{bare(lower, unit, decimals)}–{number(upper, unit, decimals)}"
    if not _isnum(value):
        return NO_DATA
    text = number(value, unit, decimals)
    if qualifier == "interval" and _isnum(lower) and _isnum(upper):
        return f"{text} ({bare(lower, unit, decimals)}–{bare(upper, unit, decimals)})"
    return QUALIFIER_SYMBOL.get(qualifier, "") + text


def sort_key(value, lower=None, upper=None) -> float:
    """A number to rank by: the value, or the midpoint of a range (never used as a displayed value)."""
    if _isnum(value):
        return float(value)
    if _isnum(lower) and _isnum(upper):
        return (float(lower) + float(upper)) / 2
    return math.nan
