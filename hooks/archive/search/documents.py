"""What search knows about one report: its searchable text in segments, and its facet values."""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import UNKNOWN_REGION, year_label

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
    """Original-script text: title, unit, then metadata values, the body last."""
    year: int | None
    category: str
    region: tuple[tuple[str, str], ...]
    """(code, name) from the province down; empty for 地区不详."""
    unit: str
    title: str

    @property
    def region_label(self) -> str:
        return "/".join(name for _, name in self.region) or UNKNOWN_REGION


def search_doc(report, body: str) -> SearchDoc:
    """Build the SearchDoc of a catalogue `Report` and its Markdown body."""
    region = tuple((d.code, d.name) for d in report.region.path) if report.region else ()
    meta = [year_label(report.year), report.category]
    meta += [name for _, name in region] or [UNKNOWN_REGION]
    if report.date:
        meta.append(report.date.isoformat())
    if report.source:
        meta.append(report.source)
    meta += list(report.tags)
    return SearchDoc(
        path=f"reports/{report.source_path}", url=f"reports/{report.slug}/",
        segments=(report.title, report.unit, *meta, body),
        year=report.year, category=report.category, region=region, unit=report.unit, title=report.title,
    )
