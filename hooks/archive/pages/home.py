"""The home page's figures: what the archive holds, a chart of reports per year, the latest additions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..catalogue import Catalogue
from ..labels import UNKNOWN_REGION
from ..schema import Report
from ..urls import category_url, region_url, year_url
from . import Link
from .charts import BarChart, year_chart
from .years import year_title

TOP_REGIONS = 12
"""Provinces listed by name on the home page; the rest are one link away (按地区)."""


@dataclass
class HomeView:
    total: int
    units: int
    """Issuing units named by the reports (单位不详 is not one)."""
    years: list[Link]
    """Reports per year, oldest first, 年份不详 apart (last)."""
    regions: list[Link]
    """Reports per province, most first; 地区不详 last."""
    categories: list[Link]
    latest: list[Report]
    """The latest additions: newest commit first (or newest year, outside git)."""
    chart: BarChart
    first_year: int | None = None
    last_year: int | None = None
    provinces: int = 0
    more_regions: int = 0
    """Provinces not listed on the home page."""

    @property
    def max_year_count(self) -> int:
        return max((link.count for link in self.years), default=0)


def latest_additions(reports: list[Report], added: dict[str, dt.datetime]) -> list[Report]:
    """Newest first by the commit that added each report; reports git does not know (not yet
    committed, or built outside a checkout) keep the catalogue's order (newest year first) after them."""
    order = {r.slug: i for i, r in enumerate(reports)}
    return sorted(reports, key=lambda r: (r.slug not in added, -(added[r.slug].timestamp()) if r.slug in added else 0,
                                          order[r.slug]))


def home_view(catalogue: Catalogue, added: dict[str, dt.datetime] | None = None) -> HomeView:
    by_year = catalogue.by_year()
    known = sorted((y, rs) for y, rs in by_year if y is not None)
    year_links = [(y, Link(year_title(y), year_url(y), len(rs))) for y, rs in known]
    year_links += [(None, Link(year_title(None), year_url(None), len(rs))) for y, rs in by_year if y is None]
    tree = catalogue.region_tree()
    regions = sorted((Link(n.division.name, region_url([n.division.code]), len(n.reports)) for n in tree.sorted_children),
                     key=lambda link: (-link.count, link.url))
    provinces = len(regions)
    shown = regions[:TOP_REGIONS]
    if tree.unknown.reports:
        shown.append(Link(UNKNOWN_REGION, region_url(None), len(tree.unknown.reports)))
    slugs = catalogue.settings.categories
    categories = [Link(name, category_url(slugs[name]), len(rs)) for name, rs in catalogue.by_category()]
    latest = latest_additions(catalogue.reports, added or {})[: catalogue.settings.latest_count]
    return HomeView(
        total=len(catalogue.reports), units=len(catalogue.unit_slugs),
        years=[link for _, link in year_links], regions=shown, categories=categories, latest=latest,
        chart=year_chart(year_links), first_year=known[0][0] if known else None,
        last_year=known[-1][0] if known else None, provinces=provinces, more_regions=max(0, provinces - TOP_REGIONS),
    )
