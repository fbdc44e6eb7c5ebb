"""The archive's shared words, in one place: what a reader sees where a report states no year,
region or unit, and how a year and a region are written. Python code, the Jinja templates
(`template_globals`) and the search data (facet labels) all take them from here."""

from __future__ import annotations

UNKNOWN_YEAR = "年份不详"
"""A report whose text does not state its year (`year: null`)."""
UNKNOWN_REGION = "地区不详"
"""A report that names no region (`region` absent or null)."""
UNKNOWN_UNIT = "单位不详"
"""A report whose text does not name its issuing body (`unit: null`)."""


def year_label(year: int | None) -> str:
    """`2015年`, or 年份不详."""
    return UNKNOWN_YEAR if year is None else f"{year}年"


def region_label(region, separator: str = "/") -> str:
    """A division's path from its province (`贵州省/遵义市`), joined by `separator`, or 地区不详."""
    return region.path_name.replace("/", separator) if region is not None else UNKNOWN_REGION


def unit_label(unit: str | None) -> str:
    """The unit's name as the report gives it, or 单位不详."""
    return UNKNOWN_UNIT if unit is None else unit


def template_globals() -> dict:
    """What the templates use: `archive_labels.unknown_year`, `archive_year_label(y)`, `archive_unit_label(u)` …"""
    return {
        "archive_labels": {"unknown_year": UNKNOWN_YEAR, "unknown_region": UNKNOWN_REGION, "unknown_unit": UNKNOWN_UNIT},
        "archive_year_label": year_label,
        "archive_region_label": region_label,
        "archive_unit_label": unit_label,
    }
