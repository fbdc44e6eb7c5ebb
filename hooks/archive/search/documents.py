"""What search knows about one report: its searchable text in segments, and its facet values."""

from __future__ import annotations

from dataclasses import dataclass

from .sections import body_sections
from ..labels import UNKNOWN_REGION, UNKNOWN_UNIT, unit_label, year_label

HEAD_SEGMENTS = 2
"""Segments 0 and 1 (title, unit) are the report's head: matches there rank first."""


@dataclass(frozen=True)
class SearchDoc:
    """One published report as the search index sees it. Segments are searched one by one: a
    phrase never spans two of them."""

    path: str
    """`reports/2015/zunyi.md`: the file, relative to the project."""
    url: str
    """Site-relative URL, `reports/2015/zunyi/`."""
    segments: tuple[str, ...]
    """Original-script text: title, unit (empty for 单位不详: the head is the title alone), then
    metadata values (单位不详 among them when so), the body last."""
    year: int | None
    category: str
    region: tuple[tuple[str, str], ...]
    """(code, name) from the province down; empty for 地区不详."""
    unit: str | None
    """None for 单位不详."""
    title: str
    sections: tuple[tuple[int, str, str], ...] = ()
    """(offset, anchor, heading) of each heading of the body (sections.py `body_sections`)."""

    @property
    def region_label(self) -> str:
        return "/".join(name for _, name in self.region) or UNKNOWN_REGION

    @property
    def unit_label(self) -> str:
        """The unit, or 单位不详: what result rows and the unit facet show."""
        return unit_label(self.unit)


def search_doc(report, body: str) -> SearchDoc:
    """Build the SearchDoc of a catalogue `Report` and its Markdown body."""
    region = tuple((d.code, d.name) for d in report.region.path) if report.region else ()
    meta = [year_label(report.year), report.category]
    if report.unit is None:
        meta.append(UNKNOWN_UNIT)
    meta += [name for _, name in region] or [UNKNOWN_REGION]
    if report.date:
        meta.append(report.date.isoformat())
    if report.source:
        meta.append(report.source)
    meta += list(report.tags)
    return SearchDoc(
        path=f"reports/{report.source_path}", url=f"reports/{report.slug}/",
        segments=(report.title, report.unit or "", *meta, body),
        year=report.year, category=report.category, region=region, unit=report.unit, title=report.title,
        sections=tuple(body_sections(body)),
    )
