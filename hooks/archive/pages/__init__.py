"""Index pages: the views readers browse by. One module per kind of index.

A `Listing` is one generated page: its URL, its Chinese title, its breadcrumbs and what it
lists. `list_pages` makes the pages of one list of reports (a year's, a region's, a unit's, a
category's), so that one added report changes few pages of it:

- A list of at most `page_size` reports is one page, at the list's URL, in the list's order.
- A longer list is cut into buckets by a stable key, never by position: a year, a region, a
  unit's, a category's and the 单位不详 bucket's reports by **year** (the list's own order of
  years: newest first for a year, region or category list, oldest first for a unit's timeline;
  年份不详 last); a year's reports by **province** (GB/T 2260 code order, 地区不详 last). The
  list's URL shows the buckets with their counts, the list's newest `PREVIEW` reports and the
  ways to narrow it (pages/narrow.py); each bucket is a list of its own at `<list>/<key>/`
  (`categories/summary/2013/`, `regions/520000/unknown/`, `years/2013/520000/`,
  `units/unknown/2015/`), in the list's order, paginated within the bucket only
  (`categories/summary/2013/page/2/`). An added report so changes its list's first page (the
  counts) and the pages of its own bucket, not every later page of the list.
- Keys are ASCII and stable: a year or `unknown`, a province's code or `unknown` (urls.py). A
  list switches from one page to buckets when it outgrows one page, and back: that build changes
  that list's pages once.
- Pages a list had when it was cut by position (`<list>/page/N/`) keep working: `moved_pages`
  names them (as many as the list would have today), and mkdocs/redirects.py writes a redirect
  from each to the list's first page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..catalogue import Catalogue, report_order
from ..labels import UNKNOWN_REGION, year_label
from ..schema import Report
from ..urls import UNKNOWN, bucket_url, feed_url, page_url
from .narrow import TITLES as FACET_TITLES, narrowing


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

PREVIEW = 10
"""Newest reports shown on the first page of a list cut into buckets (fewer if a page holds fewer)."""


@dataclass
class Listing:
    """One generated index page."""

    kind: str
    """years, year, regions, region, units, unit, categories, category, unit-group."""
    url: str
    title: str
    description: str = ""
    breadcrumbs: list[Link] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    """Sub-groups to browse into (years of the archive, child regions, units …)."""
    reports: list[Report] = field(default_factory=list)
    """The reports shown on this page (one page's slice of a list or a bucket, or a bucketed
    list's newest reports)."""
    total: int = 0
    """Reports in the whole list (or bucket), across pages."""
    page_number: int = 1
    pages: list[Link] = field(default_factory=list)
    """One link per page of the list (or bucket), when it has more than one."""
    list_url: str = ""
    """The URL of the whole list this page belongs to ('' : the page's own URL)."""
    list_title: str = ""
    """The whole list's title ('' : the page's own title)."""
    buckets: list[Link] = field(default_factory=list)
    """On the first page of a list cut into buckets: each bucket, with its count."""
    bucket_title: str = ""
    """What the buckets are (按年份, 按地区), on the list's page and on each bucket's pages."""
    siblings: list[Link] = field(default_factory=list)
    """On a bucket's pages: every bucket of the list (no counts: they change with every report)."""
    moved: list[tuple[str, str]] = field(default_factory=list)
    """On the first page of a bucketed list: (old `page/N/` URL, the list's URL) of each page the
    list would have if cut by position."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def feed_url(self) -> str:
        """The Atom feed of a unit's, a region's or a category's reports (export/feeds.py writes
        one per such list, beside its first page); '' for other listings."""
        if self.kind not in FEED_KINDS:
            return ""
        return feed_url(self.list_url or self.url)

    @property
    def feed_title(self) -> str:
        """The list's own title, without the bucket or page number of later pages."""
        return self.list_title or self.title

    @property
    def in_nav(self) -> bool:
        """Only the top index of each kind is a navigation entry; never a report (scale rule)."""
        return self.kind in ("years", "regions", "units", "categories") and self.page_number == 1 and not self.list_url


def paginated(kind: str, base_url: str, title: str, reports: list[Report], page_size: int,
              facet: str | None = None, fixed: dict[str, str] | None = None, **fields) -> list[Listing]:
    """Split a list of reports into pages of `page_size`; page 1 at `base_url`. `facet` is the
    list's value for the search page (a year, a region's code …: pages/narrow.py), which every
    page then offers, with the list's counts by the other facets; `fixed`: a bucket's own facet
    besides (`{"year": "2013"}`)."""
    chunks = [reports[i : i + page_size] for i in range(0, len(reports), page_size)] or [[]]
    narrow = narrowing(kind, facet, reports, chunks, base_url, fixed) if facet is not None and reports else None
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


@dataclass(frozen=True)
class Bucketing:
    """How a long list is cut: by which facet, each bucket's key (a URL segment), label and order."""

    facet: str
    """The search page's facet the buckets are values of (pages/narrow.py): year or region."""
    title: str
    key: Callable[[Report], str]
    label: Callable[[Report], str]
    sort: Callable[[Report], tuple] | None = None
    """The buckets' order by a report of each; None: the order they first appear in the list."""


BY_YEAR = Bucketing("year", "按年份", key=lambda r: UNKNOWN if r.year is None else str(r.year),
                    label=lambda r: year_label(r.year))
BY_PROVINCE = Bucketing("region", "按地区", key=lambda r: r.region.path[0].code if r.region else UNKNOWN,
                        label=lambda r: r.region.path[0].name if r.region else UNKNOWN_REGION,
                        sort=lambda r: (r.region is None, r.region.path[0].code if r.region else ""))


def list_pages(kind: str, base_url: str, title: str, reports: list[Report], page_size: int, facet: str,
               bucketing: Bucketing, breadcrumbs: list[Link], links: list[Link] | None = None,
               description: str = "") -> list[Listing]:
    """The pages of one list of reports, in the list's order (see the module's docstring): one
    page while it fits, else its buckets, each paginated on its own."""
    if len(reports) <= page_size:
        return paginated(kind, base_url, title, reports, page_size, facet=facet, breadcrumbs=breadcrumbs,
                         links=links or [], description=description)
    groups: dict[str, list[Report]] = {}
    for report in reports:
        groups.setdefault(bucketing.key(report), []).append(report)
    order = list(groups)
    if bucketing.sort is not None:
        order.sort(key=lambda key: bucketing.sort(groups[key][0]))
    labels = {key: bucketing.label(groups[key][0]) for key in order}
    urls = {key: bucket_url(base_url, key) for key in order}
    buckets = [Link(labels[key], urls[key], len(groups[key])) for key in order]
    siblings = [Link(labels[key], urls[key]) for key in order]
    first = paginated(kind, base_url, title, reports, len(reports), facet=facet, breadcrumbs=breadcrumbs,
                      links=links or [], description=description, buckets=buckets, bucket_title=bucketing.title)[0]
    first.reports = sorted(reports, key=report_order)[: min(PREVIEW, page_size)]
    narrow = first.extra.get("narrow")
    if narrow is not None:  # the buckets are the counts by their facet already
        narrow.groups = [group for group in narrow.groups if group[0] != FACET_TITLES[bucketing.facet]]
    # where each page of the list cut by position (`page/N/`) now is: the bucket of its first report
    # the pages the list would have if cut by position: redirects to its first page (not to the
    # bucket of each page's first report, which would move with every report added before it)
    first.moved = [(page_url(base_url, n), base_url) for n in range(2, (len(reports) - 1) // page_size + 2)]
    pages = [first]
    trail = [*breadcrumbs, Link(title, base_url)]
    for key in order:
        pages += paginated(kind, urls[key], f"{title} · {labels[key]}", groups[key], page_size, facet=facet,
                           fixed={bucketing.facet: key}, breadcrumbs=trail, list_url=base_url, list_title=title,
                           bucket_title=bucketing.title, siblings=siblings)
    return pages


def moved_pages(listings) -> list[tuple[str, str, str, str]]:
    """(old URL, new URL, the list's title, what its buckets are) of every page a bucketed list
    no longer has (`page/N/`)."""
    return [(old, new, listing.title, listing.bucket_title) for listing in listings for old, new in listing.moved]


def all_listings(catalogue: Catalogue, map_source=None) -> list[Listing]:
    """Every index page of the site, in a stable order. `map_source` draws the region maps
    (archive.maps.MapShapes, or the kept shapes of archive.speed.maps); None: no maps."""
    from . import categories, regions, units, years

    return [*years.listings(catalogue), *regions.listings(catalogue, map_source), *units.listings(catalogue),
            *categories.listings(catalogue)]
