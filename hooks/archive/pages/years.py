"""按年度: /years/ and one list per year, 年份不详 last (cut by province when long: pages/__init__.py)."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..labels import year_label
from ..urls import YEARS, year_url
from . import BY_PROVINCE, Link, Listing, list_pages

ROOT = Link("按年度", YEARS)


year_title = year_label
"""A year's page title: `2015年`, or 年份不详 (archive/labels.py)."""


def listings(catalogue: Catalogue) -> list[Listing]:
    groups = catalogue.by_year()
    links = [Link(year_title(year), year_url(year), len(reports)) for year, reports in groups]
    index = Listing(kind="years", url=YEARS, title="按年度浏览", links=links, total=len(catalogue.reports),
                    description="按报告所述年份浏览；正文未写明年份（如“20xx年”）的报告归入“年份不详”。")
    pages = [index]
    for year, reports in groups:
        pages += list_pages("year", year_url(year), year_title(year), reports, catalogue.settings.page_size,
                            facet="unknown" if year is None else str(year), bucketing=BY_PROVINCE, breadcrumbs=[ROOT])
    return pages
