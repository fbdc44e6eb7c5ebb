"""A list's pages (archive.pages.list_pages): one page while it fits; past that, buckets by a stable
key, each paginated on its own, every report in exactly one bucket in the list's order; and one
added report changes the list's first page and its own bucket's pages only."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given, strategies as st

from archive.catalogue import report_order
from archive.pages import BY_PROVINCE, BY_YEAR, list_pages
from archive.regions import region_tree
from archive.schema import Report

REGIONS = region_tree()
PLACES = [REGIONS.resolve(name) for name in ("遵义市", "杭州市", "长春市")] + [None]
SIZE = 3

report_fields = st.tuples(st.sampled_from([2013, 2014, 2015, None]), st.sampled_from(range(len(PLACES))),
                          st.integers(1, 28))


def _report(n: int, fields) -> Report:
    year, place, day = fields
    return Report(source_path=f"r{n:03d}.md", slug=f"r{n:03d}", title=f"报告{n:03d}", unit="某县科协", year=year,
                  category="工作总结", region=PLACES[place], date=None if year is None else __import__("datetime").date(year, 1, day))


def _pages(reports: list[Report], bucketing) -> list:
    return list_pages("category", "categories/summary/", "工作总结", sorted(reports, key=report_order), SIZE,
                      facet="工作总结", bucketing=bucketing, breadcrumbs=[])


def _view(listing) -> tuple:
    """What a page shows (its reports by slug, counts, page links), without the Report objects."""
    return repr(dataclasses.replace(listing, reports=[r.slug for r in listing.reports]))


@given(st.lists(report_fields, min_size=1, max_size=30), st.sampled_from([BY_YEAR, BY_PROVINCE]))
def test_every_report_in_one_bucket_in_the_lists_order(rows, bucketing):
    reports = sorted((_report(n, f) for n, f in enumerate(rows)), key=report_order)
    pages = _pages(reports, bucketing)
    assert all(len(page.reports) <= SIZE for page in pages)
    if len(reports) <= SIZE:
        assert [r.slug for r in pages[0].reports] == [r.slug for r in reports] and len(pages) == 1
        return
    first, rest = pages[0], pages[1:]
    assert sum(link.count for link in first.buckets) == len(reports)
    assert [r.slug for r in first.reports] == [r.slug for r in reports[:SIZE]]  # the newest
    listed = [r.slug for page in rest for r in page.reports]
    assert sorted(listed) == sorted(r.slug for r in reports)  # each exactly once
    for link in first.buckets:  # a bucket is the list's reports with its key, in the list's order
        mine = [r.slug for page in rest if page.url.startswith(link.url) for r in page.reports]
        assert mine == [r.slug for r in reports if link.url.endswith(f"/{bucketing.key(r)}/")]
        assert len(mine) == link.count
    labels = [link.title for link in first.buckets]
    unknown = "年份不详" if bucketing is BY_YEAR else "地区不详"
    assert unknown not in labels or labels[-1] == unknown


@given(st.lists(report_fields, min_size=2 * SIZE, max_size=30), report_fields, st.sampled_from([BY_YEAR, BY_PROVINCE]))
def test_an_added_report_changes_the_first_page_and_its_bucket_only(rows, added, bucketing):
    reports = [_report(n, f) for n, f in enumerate(rows)]
    new = _report(len(rows), added)
    before = {page.url: _view(page) for page in _pages(reports, bucketing)}
    after = {page.url: _view(page) for page in _pages(reports + [new], bucketing)}
    changed = {url for url in before.keys() | after.keys() if before.get(url) != after.get(url)}
    base = "categories/summary/"
    bucket = f"{base}{bucketing.key(new)}/"
    assert changed <= {base} | {url for url in changed if url.startswith(bucket)}
    assert base in changed and any(url.startswith(bucket) for url in changed)


def test_unit_groups_cut_by_first_syllable_and_city(monkeypatch):
    """Past UNITS_PER_PAGE units, an initial is cut by the first character's pinyin and a province
    by city: a new unit changes its part's pages and the group's first page, no other part."""
    from archive.catalogue import Catalogue
    from archive.pages import units
    from archive.settings import ArchiveSettings

    monkeypatch.setattr(units, "UNITS_PER_PAGE", 4)
    names = [f"{first}{n}号科协" for first in "遵尊张赵" for n in range(3)]
    cities = ["遵义市", "贵阳市", "杭州市"]

    def unit_pages(unit_names: list[str]) -> dict[str, str]:
        reports = [Report(source_path=f"r{i:03d}.md", slug=f"r{i:03d}", title=f"{name}总结", unit=name, year=2015,
                          category="工作总结", region=REGIONS.resolve(cities[i % 2])) for i, name in enumerate(unit_names)]
        catalogue = Catalogue(ArchiveSettings(reports_dir=Path("reports")), reports, [], [])
        return {page.url: _view(page) for page in units.listings(catalogue) if page.kind == "unit-group"}

    before = unit_pages(names)
    z = "units/by-initial/z/"
    assert {f"{z}zun/", f"{z}zhang/", f"{z}zhao/", f"{z}zun/page/2/"} <= before.keys()
    assert not any(url.startswith(z + "page/") for url in before)
    after = unit_pages(names + ["赵9号科协"])
    changed = {url for url in before.keys() | after.keys() if before.get(url) != after.get(url)}
    # its initial's and its province's first pages, its syllable's and its city's pages
    city = "units/by-region/520000/520300/"
    assert {z, f"{z}zhao/", "units/by-region/520000/", city} <= changed
    assert changed - {z, "units/by-region/520000/"} <= {url for url in changed if url.startswith((f"{z}zhao/", city))}
