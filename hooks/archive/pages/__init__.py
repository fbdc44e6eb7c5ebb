"""Index pages: the views readers browse by. One module per kind of index.

A `Listing` is one generated page: its URL, its Chinese title, its breadcrumbs and what it
lists. A long list is split into several `Listing`s of the same kind, one per page number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalogue import Catalogue
from ..schema import Report
from ..urls import feed_url, page_url


@dataclass(frozen=True)
class Link:
    """A labelled link with a count (a year, a region, a unit, a category)."""

    title: str
    url: str
    count: int = 0
    children: tuple[Link, ...] = ()
    note: str = ""


FEED_KINDS = ("unit", "region", "category")
"""Listings that have their own feed."""


@dataclass
class Listing:
    """One generated index page."""

    kind: str
    """years, year, regions, region, units, unit, categories, category."""
    url: str
    title: str
    description: str = ""
    breadcrumbs: list[Link] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    """Sub-groups to browse into (years of the archive, child regions, units …)."""
    reports: list[Report] = field(default_factory=list)
    """The reports shown on this page (one page's slice of a long list)."""
    total: int = 0
    """Reports in the whole list, across pages."""
    page_number: int = 1
    pages: list[Link] = field(default_factory=list)
    """One link per page of the list, when it has more than one."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def feed_url(self) -> str:
        """The Atom feed of a unit's, a region's or a category's reports (export/feeds.py writes
        one per such list, beside its first page); '' for other listings."""
        if self.kind not in FEED_KINDS:
            return ""
        return feed_url(self.pages[0].url if self.pages else self.url)

    @property
    def feed_title(self) -> str:
        """The list's own title, without the page number `paginated` adds to later pages."""
        return self.title if self.page_number == 1 else self.title.rsplit("（第 ", 1)[0]

    @property
    def in_nav(self) -> bool:
        """Only the top index of each kind is a navigation entry; never a report (scale rule)."""
        return self.kind in ("years", "regions", "units", "categories") and self.page_number == 1


def paginated(kind: str, base_url: str, title: str, reports: list[Report], page_size: int,
              facet: str | None = None, **fields) -> list[Listing]:
    """Split a list of reports into pages of `page_size`; page 1 at `base_url`. `facet` is the
    list's value for the search page (a year, a region's code …: pages/narrow.py), which every
    page then offers, with the list's counts by the other facets and, past one page, a jump by year."""
    from .narrow import narrowing

    chunks = [reports[i : i + page_size] for i in range(0, len(reports), page_size)] or [[]]
    narrow = narrowing(kind, facet, reports, chunks, base_url) if facet is not None and reports else None
    pages = [Link(str(n), page_url(base_url, n)) for n in range(1, len(chunks) + 1)]
    listings = []
    for number, chunk in enumerate(chunks, start=1):
        page_title = title if number == 1 else f"{title}（第 {number} 页）"
        listings.append(Listing(
            kind=kind, url=page_url(base_url, number), title=page_title, reports=chunk, total=len(reports),
            page_number=number, pages=pages if len(chunks) > 1 else [], **fields,
        ))
        if narrow is not None:
            listings[-1].extra["narrow"] = narrow
    return listings


def all_listings(catalogue: Catalogue, map_source=None) -> list[Listing]:
    """Every index page of the site, in a stable order. `map_source` draws the region maps
    (archive.maps.MapShapes, or the kept shapes of archive.speed.maps); None: no maps."""
    from . import categories, regions, units, years

    return [*years.listings(catalogue), *regions.listings(catalogue, map_source), *units.listings(catalogue),
            *categories.listings(catalogue)]
