"""A report's own page: breadcrumbs, the metadata panel, the citation, the unit's timeline with
previous/next year, near-duplicates, and the page's structured metadata (JSON-LD, Open Graph)."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from typing import Callable

from markupsafe import Markup

from ..catalogue import Catalogue
from ..labels import UNKNOWN_REGION, region_label, unit_label
from ..schema import Report
from ..similarity import Similar
from ..urls import CITE_FILES, category_url, region_url, report_url, unit_url, year_url
from . import Link
from .years import ROOT as YEARS_ROOT
from .years import year_title


@dataclass
class Field:
    """One row of the metadata panel: a label and one or more (linked) values."""

    label: str
    values: list[Link] = field(default_factory=list)
    style: str = "plain"
    """How values are joined on the page: plain, path (a › b › c) or list (a, b)."""


@dataclass(frozen=True)
class SiteInfo:
    """What a report page says about the site it is on (for citations and metadata)."""

    name: str
    url: str
    """The site's public address with a trailing slash, or '' when not configured."""


TIMELINE_WINDOW = 5
"""A report page lists at most this many of its unit's reports, itself in the middle (its nearest
earlier and later years are also the previous/next links above the text); the unit's own page
lists them all (at 50,000 reports a unit averages 9 reports, the largest 50+)."""


@dataclass
class ReportView:
    report: Report
    url: str
    breadcrumbs: list[Link]
    fields: list[Field]
    same_unit: list[Link]
    """The unit's reports around this one (TIMELINE_WINDOW), oldest first; this one has an empty url."""
    same_unit_total: int = 0
    """How many reports the unit has in all (its page lists them)."""
    previous: Link | None = None
    """The unit's report of the nearest earlier year."""
    next: Link | None = None
    """The unit's report of the nearest later year."""
    similar_links: Callable[[], list[Link]] = list
    """Makes the near-duplicate links when first asked (they are computed on another core while
    pages are read; asking only when the page is rendered lets that work overlap)."""
    citation: str = ""
    """GB/T 7714-2025 reference to this report ([R/OL]; no access date, see `citation`)."""
    highwire: list[tuple[str, str]] = field(default_factory=list)
    """Highwire Press `citation_*` meta tags (name, content), for Zotero and Google Scholar."""
    downloads: list[Link] = field(default_factory=list)
    """The report's citation files (BibTeX, RIS, CSL-JSON), beside its page."""
    absolute_url: str = ""
    description: str = ""
    """One line for link previews (Open Graph, meta description)."""
    jsonld: Markup = Markup("")
    """schema.org `Report` as JSON, safe inside a <script> element."""

    @functools.cached_property
    def similar(self) -> list[Link]:
        """Near-duplicates, most similar first; `count` is the similarity in percent."""
        return self.similar_links()


class ReportViews:
    """Builds report page views."""

    def __init__(self, catalogue: Catalogue, similar: dict[str, list[Similar]] | None = None,
                 site: SiteInfo = SiteInfo("", "")):
        self.catalogue = catalogue
        self.similar = similar or {}
        self.site = site
        self.unit_slugs = catalogue.unit_slugs

    def view(self, report: Report) -> ReportView:
        r = report
        categories = self.catalogue.settings.categories
        region_links = [Link(d.name, region_url([p.code for p in d.path])) for d in r.region.path] if r.region else [
            Link(UNKNOWN_REGION, region_url(None))]
        fields = [
            Field("单位", [Link(unit_label(r.unit), unit_url(self.catalogue.unit_slug(r.unit)))]),
            Field("年份", [Link(year_title(r.year), year_url(r.year))]),
            Field("地区", region_links, style="path"),
            Field("类别", [Link(r.category, category_url(categories[r.category]))]),
        ]
        if r.date:
            fields.append(Field("日期", [Link(r.date.isoformat(), "")]))
        if r.source:
            fields.append(Field("来源", [Link(r.source, r.source if _is_web_url(r.source) else "")]))
        if r.tags:
            fields.append(Field("主题", [Link(t, "") for t in r.tags], style="list"))
        timeline = self.catalogue.same_unit(r)
        same_unit = [Link(f"{year_title(o.year)} · {o.title}", "" if o is r else report_url(o.slug))
                     for o in timeline_window(timeline, r)]
        previous, next_ = neighbours(r, timeline)
        absolute = self.site.url + report_url(r.slug) if self.site.url else ""
        region = region_label(r.region, "")
        description = f"{unit_label(r.unit)}{year_title(r.year)}{r.category}（{region}），{r.chars} 字。"
        return ReportView(
            report=r, url=report_url(r.slug),
            breadcrumbs=[YEARS_ROOT, Link(year_title(r.year), year_url(r.year))],
            fields=fields, same_unit=same_unit if len(same_unit) > 1 else [], same_unit_total=len(timeline),
            previous=previous, next=next_, similar_links=lambda: self.similar_links(r),
            citation=citation(r, absolute or report_url(r.slug)), absolute_url=absolute,
            highwire=highwire_tags(r), downloads=citation_downloads(r),
            description=description, jsonld=json_for_script(report_jsonld(r, self.site, absolute)),
        )


    def similar_links(self, report: Report) -> list[Link]:
        links = []
        for s in self.similar.get(report.slug, ()):
            other = self.catalogue.by_slug[s.key]
            links.append(Link(other.title, report_url(other.slug), s.percent,
                              note=f"{unit_label(other.unit)} · {year_title(other.year)}"))
        return links


def timeline_window(timeline: list[Report], report: Report, size: int = TIMELINE_WINDOW) -> list[Report]:
    """At most `size` reports of the timeline, the given one as near the middle as the ends allow
    (none for an empty timeline: a report without a unit has none)."""
    if not timeline:
        return []
    here = next(index for index, other in enumerate(timeline) if other is report)
    start = max(0, min(here - size // 2, len(timeline) - size))
    return timeline[start:start + size]


def neighbours(report: Report, timeline: list[Report]) -> tuple[Link | None, Link | None]:
    """The unit's reports of the nearest earlier and later year (none for a report without a year)."""
    if report.year is None:
        return None, None
    earlier = [o for o in timeline if o.year is not None and o.year < report.year]
    later = [o for o in timeline if o.year is not None and o.year > report.year]
    previous = earlier[-1] if earlier else None
    next_ = later[0] if later else None

    def link(o: Report | None) -> Link | None:
        return Link(f"{year_title(o.year)} · {o.title}", report_url(o.slug)) if o else None

    return link(previous), link(next_)


def citation(report: Report, url: str) -> str:
    """GB/T 7714-2025 (信息与文献 参考文献著录规则, in force from 2026-07-01), a report online:
    主要责任者. 题名[R/OL]. 发布日期. 访问路径.

    What changed from 2015 and is applied here (sources: the 2025 standard's report examples
    8.8.3 and B.7 as set by the gbt7714 BibTeX package's `gbt7714-2025-numeric` style and its
    tests, github.com/zepinglee/gbt7714-bibtex-style, tests/testfiles/2025-numeric.tlg, e.g.
    "中国互联网络信息中心. 第29次中国互联网络发展状况统计报告[R/OL]. 2012-01-16. https://….pdf.";
    its gbt7714-bst.dtx `format.urldate`: "2025 版的引用日期对于以下文献类型是必备：网站、网页、
    数据集、预印本类型，其余类型不需要著录"; Wuhan University's announcement of the standard,
    news.whu.edu.cn/info/1015/489767.htm: "取消非网络类文献的访问日期"):
    - the type is the report's own, [R/OL], no longer the web page's [EB/OL];
    - no access date ([引用日期]) for a report: 2025 requires it only for web pages, data sets and
      preprints (2015 wanted it for every online resource, which the reader's browser added);
    - the date is the report's own (ISO date, else its year), after the title, no publisher
      (the archive is where the copy is kept, not the report's publisher);
    - the responsible body is the unit, as the report names it; a report naming none has none
      (2025: without a responsible body "佚名" may be written, and in the numeric system it may be
      left out, as the 2025 numeric style does); without a year the date is left out, as in the
      standard's example B.7 of a report without one;
    - the URL (访问路径) last, and the entry ends with a full stop (".", half-width, as are "[ ]").
    The page's URL stands for the persistent identifier: the archive's URLs do not change."""
    parts = [f"{report.unit}." if report.unit is not None else "", f"{report.title}[R/OL]."]
    if report.date is not None:
        parts.append(f"{report.date.isoformat()}.")
    elif report.year is not None:
        parts.append(f"{report.year}.")
    parts.append(f"{url}.")
    return " ".join(part for part in parts if part)


HIGHWIRE_LANGUAGE = "zh"


def highwire_tags(report: Report) -> list[tuple[str, str]]:
    """Highwire Press tags as Zotero's Embedded Metadata translator reads them (zotero/translators,
    "Embedded Metadata.js"): `citation_technical_report_institution` makes the item a `report`;
    `citation_author` values are split at ';' (so a ';' in a name is written full-width), as are
    `citation_keywords`; the first tag of each name wins. A report without a unit has no author,
    and 单位不详 as its institution (the tag is what makes it a report). No URL tag: the page's
    canonical link, which Zotero takes when citation_public_url and citation_abstract_html_url are
    absent, says it once."""
    def value(text: str) -> str:
        return " ".join(text.split()).replace(";", "；")

    tags = [("citation_title", value(report.title))]
    if report.unit is not None:
        tags.append(("citation_author", value(report.unit)))
    if report.date is not None:
        tags.append(("citation_publication_date", report.date.strftime("%Y/%m/%d")))
    elif report.year is not None:
        tags.append(("citation_publication_date", str(report.year)))
    tags.append(("citation_technical_report_institution", value(unit_label(report.unit))))
    tags.append(("citation_language", HIGHWIRE_LANGUAGE))
    tags += [("citation_keywords", value(tag)) for tag in report.tags]
    return tags


def citation_downloads(report: Report) -> list[Link]:
    """Links to the report's citation files, written by export/citations.py beside its page (their
    media types are the server's to send: a `type` on each link would repeat them on every page)."""
    base = report_url(report.slug)
    return [Link(label, base + name) for label, name in CITE_FILES.items()]


def report_jsonld(report: Report, site: SiteInfo, url: str) -> dict:
    """schema.org `Report`: author (the unit; none when the report names none), publisher (the
    archive), date, place, genre."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": report.title,
        "inLanguage": "zh-CN",
        "genre": report.category,
        **({"author": {"@type": "Organization", "name": report.unit}} if report.unit is not None else {}),
        "publisher": {"@type": "Organization", "name": site.name, **({"url": site.url} if site.url else {})},
        "wordCount": report.chars,
    }
    if url:
        data["url"] = url
    if report.date:
        data["datePublished"] = report.date.isoformat()
    elif report.year:
        data["datePublished"] = str(report.year)
    if report.year:
        data["temporalCoverage"] = str(report.year)
    if report.region:
        data["spatialCoverage"] = {
            "@type": "AdministrativeArea", "name": report.region.path_name.replace("/", ""),
            "identifier": {"@type": "PropertyValue", "propertyID": "GB/T 2260", "value": report.region.code},
        }
    if report.tags:
        data["keywords"] = list(report.tags)
    if report.source:
        data["isBasedOn"] = report.source
    return data


def json_for_script(data) -> Markup:
    """JSON that cannot end its <script> element early: <, > and & are written as \\u escapes,
    so neither `</script>` nor `<!--` can appear in it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _is_web_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))
