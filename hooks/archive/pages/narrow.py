"""What a long listing offers besides its rows: ways to narrow it, and where the reader is.

- The search page with the listing's own facet set (`search/?category=工作总结`): the search page
  reads `q`, `year`, `region`, `category` and `unit` from its URL (docs/assets/search/ui.js), with
  the values its facets use: a year or `unknown`, a region's code or `unknown`, a category's name,
  a unit's name or 单位不详.
- The listing's own counts by the other facets (a category's reports by year and by province …),
  each a link to the search page with both facets set.
- On a list of several pages, which page holds the first report of each year (a jump by year).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from ..labels import UNKNOWN_REGION, year_label
from ..schema import Report
from ..urls import page_url

SEARCH = "search/"
ORDER = ("year", "region", "category", "unit")
"""The search page's own order of its parameters (ui.js FILTERS)."""
FACETS = {
    "year": ("category", "region"),
    "category": ("year", "region"),
    "region": ("year", "category"),
    "unit": ("year", "category"),
}
"""Per kind of listing: the facets it counts its reports by."""
TITLES = {"year": "按年份", "region": "按地区（省级）", "category": "按类别"}


@dataclass(frozen=True)
class Facet:
    """One value of a facet with the listing's count, and the search page's query for both."""

    title: str
    query: str
    count: int


@dataclass
class Narrowing:
    query: str
    """The search page's query string with the listing's own facet (`category=…`)."""
    label: str
    """What that facet is, in words (本类别、本年度 …)."""
    groups: list[tuple[str, list[Facet]]] = field(default_factory=list)
    years: list[tuple[str, int, str]] = field(default_factory=list)
    """(year label, page number, page URL) of the page where each year's first report is."""


def query(pairs: dict[str, str]) -> str:
    return urlencode([(k, pairs[k]) for k in ORDER if k in pairs], quote_via=quote)


def _value(report: Report, name: str) -> tuple[str, str, tuple]:
    """(value for the search page, label, sort key) of one report's facet."""
    if name == "year":
        if report.year is None:
            return "unknown", year_label(None), (1, 0)
        return str(report.year), year_label(report.year), (0, -report.year)
    if name == "region":
        if report.region is None:
            return "unknown", UNKNOWN_REGION, (1, "")
        province = report.region.path[0]
        return province.code, province.name, (0, province.code)
    return report.category, report.category, (0, report.category)


def _bucket_label(name: str, value: str, reports: list[Report]) -> str:
    """How a bucket's facet reads after the list's (本类别 + `2013年`, 本年度 + `贵州省`)."""
    return _value(reports[0], name)[1] if reports else value


def narrowing(kind: str, value: str, reports: list[Report], chunks: list[list[Report]], base_url: str,
              fixed: dict[str, str] | None = None) -> Narrowing:
    """`fixed`: a bucket's own facet besides the list's (`{"year": "2013"}`, pages/__init__.py):
    the search page gets both, and the bucket is not counted by it."""
    own = {kind: value, **(fixed or {})}
    label = {"year": "本年度", "region": "本地区", "category": "本类别", "unit": "本单位"}[kind]
    for name, v in (fixed or {}).items():
        label += _bucket_label(name, v, reports)
    result = Narrowing(query(own), label)
    for name in FACETS[kind]:
        if name in own:
            continue
        counts: Counter = Counter()
        labels: dict[str, tuple[str, tuple]] = {}
        for report in reports:
            v, title, key = _value(report, name)
            counts[v] += 1
            labels[v] = (title, key)
        if len(counts) < 2:
            continue  # one value narrows nothing
        order = sorted(counts, key=lambda v: labels[v][1])
        result.groups.append((TITLES[name], [Facet(labels[v][0], query({**own, name: v}), counts[v]) for v in order]))
    if len(chunks) > 1:
        seen: set = set()
        for number, chunk in enumerate(chunks, start=1):
            for report in chunk:
                if report.year not in seen:
                    seen.add(report.year)
                    result.years.append((year_label(report.year), number, page_url(base_url, number)))
        if len(result.years) < 2:
            result.years = []
    return result
