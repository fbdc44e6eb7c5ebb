"""URL shapes of every page the archive generates, declared once.

URLs are site-relative with a trailing slash (MkDocs' directory URLs). Segments are ASCII and
derived from stable keys: a report's file path, a year, a GB/T 2260 code, a unit's pinyin slug,
a category's configured slug. The 年份不详, 地区不详 and 单位不详 buckets live at the `unknown`
segment of their kind.
"""

from __future__ import annotations

REPORT = "reports/{slug}/"
YEARS = "years/"
YEAR = "years/{year}/"
REGIONS = "regions/"
REGION = "regions/{codes}/"
UNITS = "units/"
UNIT = "units/{slug}/"
CATEGORIES = "categories/"
CATEGORY = "categories/{slug}/"
PAGE = "{base}page/{number}/"
BUCKET = "{base}{key}/"
"""One bucket of a long list (pages/__init__.py): `categories/summary/2013/`, `years/2013/520000/`."""
FEED = "{base}feed.xml"
"""The Atom feed of a unit's, a region's or a category's reports, beside its listing."""
CITE_FILES = {"BibTeX": "cite.bib", "RIS": "cite.ris", "CSL-JSON": "cite.json"}
"""A report's citation files, beside its page (`reports/<path>/cite.bib` …)."""

UNKNOWN = "unknown"
"""The segment of the 年份不详, 地区不详 and 单位不详 buckets (no unit's slug may be it)."""


def report_url(slug: str) -> str:
    return REPORT.format(slug=slug)


def year_url(year: int | None) -> str:
    return YEAR.format(year=UNKNOWN if year is None else year)


def region_url(codes: list[str] | None) -> str:
    """`['520000', '520300']` → `regions/520000/520300/`; None → the 地区不详 bucket."""
    return REGION.format(codes=UNKNOWN if codes is None else "/".join(codes))


def unit_url(slug: str | None) -> str:
    """A unit's page from its slug; None → the 单位不详 bucket."""
    return UNIT.format(slug=UNKNOWN if slug is None else slug)


def category_url(slug: str) -> str:
    return CATEGORY.format(slug=slug)


def page_url(base: str, number: int) -> str:
    """Page 1 of a list lives at the list's own URL; later pages below it."""
    return base if number == 1 else PAGE.format(base=base, number=number)


def bucket_url(base: str, key: str) -> str:
    """A list's bucket by its key: a year or `unknown`, a province's code or `unknown`."""
    return BUCKET.format(base=base, key=key)


def feed_url(base: str) -> str:
    """`units/zunyi-kexie/` → `units/zunyi-kexie/feed.xml`."""
    return FEED.format(base=base)


def src_uri(url: str) -> str:
    """The MkDocs source path that publishes at `url` (`years/2015/` ← `years/2015/index.md`)."""
    return url + "index.md"
