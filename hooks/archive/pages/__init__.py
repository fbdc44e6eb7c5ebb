"""Index pages: the views readers browse by. One module per kind of index.

A `Listing` is one generated page: its URL, its Chinese title, its breadcrumbs and what it
lists. A long list is split into several `Listing`s of the same kind, one per page number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalogue import Catalogue
from ..schema import Report
from ..urls import page_url


@dataclass(frozen=True)
class Link:
    """A labelled link with a count (a year, a region, a unit, a category)."""

    title: str
    url: str
    count: int = 0
    children: tuple[Link, ...] = ()
    note: str = ""


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
    def in_nav(self) -> bool:
        """Only the top index of each kind is a navigation entry; never a report (scale rule)."""
        return self.kind in ("years", "regions", "units", "categories") and self.page_number == 1


def paginated(kind: str, base_url: str, title: str, reports: list[Report], page_size: int, **fields) -> list[Listing]:
    """Split a list of reports into pages of `page_size`; page 1 at `base_url`."""
    chunks = [reports[i : i + page_size] for i in range(0, len(reports), page_size)] or [[]]
    pages = [Link(str(n), page_url(base_url, n)) for n in range(1, len(chunks) + 1)]
    listings = []
    for number, chunk in enumerate(chunks, start=1):
        page_title = title if number == 1 else f"{title}（第 {number} 页）"
        listings.append(Listing(
            kind=kind, url=page_url(base_url, number), title=page_title, reports=chunk, total=len(reports),
            page_number=number, pages=pages if len(chunks) > 1 else [], **fields,
        ))
    return listings


def all_listings(catalogue: Catalogue) -> list[Listing]:
    """Every index page of the site, in a stable order."""
    from . import categories, regions, units, years

    listings: list[Listing] = []
    for kind in (years, regions, units, categories):
        listings.extend(kind.listings(catalogue))
    return listings
