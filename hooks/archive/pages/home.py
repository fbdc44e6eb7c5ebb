"""The home page's figures: what the archive holds."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogue import Catalogue
from ..schema import Report
from ..urls import category_url, region_url, year_url
from . import Link
from .years import year_title


@dataclass
class HomeView:
    total: int
    units: int
    years: list[Link]
    """Reports per year, oldest first, 年份不详 apart (last)."""
    regions: list[Link]
    """Reports per province, most first; 地区不详 last."""
    categories: list[Link]
    latest: list[Report]

    @property
    def max_year_count(self) -> int:
        return max((link.count for link in self.years), default=0)


def home_view(catalogue: Catalogue) -> HomeView:
    by_year = catalogue.by_year()
    known = sorted((y, rs) for y, rs in by_year if y is not None)
    years = [Link(year_title(y), year_url(y), len(rs)) for y, rs in known]
    years += [Link(year_title(None), year_url(None), len(rs)) for y, rs in by_year if y is None]
    tree = catalogue.region_tree()
    regions = sorted((Link(n.division.name, region_url([n.division.code]), len(n.reports)) for n in tree.sorted_children),
                     key=lambda link: (-link.count, link.url))
    if tree.unknown.reports:
        regions.append(Link("地区不详", region_url(None), len(tree.unknown.reports)))
    slugs = catalogue.settings.categories
    categories = [Link(name, category_url(slugs[name]), len(rs)) for name, rs in catalogue.by_category()]
    return HomeView(
        total=len(catalogue.reports), units=len({r.unit for r in catalogue.reports}), years=years,
        regions=regions, categories=categories, latest=catalogue.reports[: catalogue.settings.latest_count],
    )
