"""A report's own page: breadcrumbs, the metadata panel and links to the same unit's reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..schema import Report
from ..slugs import unique_slugs
from ..urls import category_url, region_url, report_url, unit_url, year_url
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


@dataclass
class ReportView:
    report: Report
    url: str
    breadcrumbs: list[Link]
    fields: list[Field]
    same_unit: list[Link]
    """The unit's reports, oldest first; the current one has an empty url."""


class ReportViews:
    """Builds report page views; unit slugs are computed once for the whole catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.unit_slugs = unique_slugs(sorted({r.unit for r in catalogue.reports}))

    def view(self, report: Report) -> ReportView:
        r = report
        categories = self.catalogue.settings.categories
        region_links = [Link(d.name, region_url([p.code for p in d.path])) for d in r.region.path] if r.region else [
            Link("地区不详", region_url(None))]
        fields = [
            Field("单位", [Link(r.unit, unit_url(self.unit_slugs[r.unit]))]),
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
        same_unit = [
            Link(f"{year_title(o.year)} · {o.title}", "" if o is r else report_url(o.slug))
            for o in self.catalogue.same_unit(r)
        ]
        return ReportView(
            report=r, url=report_url(r.slug),
            breadcrumbs=[YEARS_ROOT, Link(year_title(r.year), year_url(r.year))],
            fields=fields, same_unit=same_unit if len(same_unit) > 1 else [],
        )


def _is_web_url(text: str) -> bool:
    return text.startswith(("https://", "http://"))
