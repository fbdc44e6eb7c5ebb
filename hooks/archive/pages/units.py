"""按单位: /units/ (every issuing unit, by pinyin initial) and one timeline per unit."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..urls import UNITS, unit_url
from . import Link, Listing, paginated

ROOT = Link("按单位", UNITS)


def listings(catalogue: Catalogue) -> list[Listing]:
    units = catalogue.units()
    by_initial: dict[str, list[Link]] = {}
    for unit in units:
        by_initial.setdefault(unit.initial, []).append(Link(unit.name, unit_url(unit.slug), len(unit.reports)))
    links = [Link(initial, "#initial-" + initial, len(group), children=tuple(group))
             for initial, group in sorted(by_initial.items())]
    index = Listing(kind="units", url=UNITS, title="按单位浏览", links=links, total=len(catalogue.reports),
                    description=f"共 {len(units)} 个发文单位，按名称拼音首字母排列。")
    pages = [index]
    for unit in units:
        # A unit's page is its timeline: oldest first, 年份不详 last.
        pages += paginated("unit", unit_url(unit.slug), unit.name, unit.timeline, catalogue.settings.page_size,
                           breadcrumbs=[ROOT])
    return pages
