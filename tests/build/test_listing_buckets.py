"""Long lists cut into buckets by a stable key (archive/pages/__init__.py), on real builds with a
page size of 4: one added report changes its list's first page and its own bucket's pages, not
every later page; every report stays listed everywhere; old `page/N/` URLs redirect."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from archive_checks import assert_every_report_indexed
from conftest import ArchiveProject, report

YEARS = range(2010, 2016)
PER_PAGE = 4
ADDED = "2013/zy-new.md"


def _reports(project: ArchiveProject) -> None:
    """Five reports a year, 2010–2015: 遵义市科协 twice (工作总结, 工作报告), 贵阳市科协, 杭州市科协
    (工作计划) and one naming neither unit nor region: every list of them is longer than 4."""
    for year in YEARS:
        rows = [("zy-a", "遵义市科协", "贵州省/遵义市", "工作总结", "03"), ("zy-d", "遵义市科协", "贵州省/遵义市", "工作报告", "04"),
                ("gy-b", "贵阳市科协", "贵州省/贵阳市", "工作总结", "06"), ("hz-c", "杭州市科协", "浙江省/杭州市", "工作计划", "09"),
                ("none", "null", None, "工作总结", "10")]
        for name, unit, region, category, month in rows:
            extra = f"date: {year}-{month}-01" + (f"\nregion: {region}" if region else "")
            title = f"{'无名' if unit == 'null' else unit}{year}年{category}"
            project.write(f"{year}/{name}.md", report(title=title, unit=unit, year=str(year), category=category, extra=extra))


def _digest(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).digest()
            for p in site.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """(project, files of site/ outside search/ that the added report changed)."""
    project = ArchiveProject(tmp_path_factory.mktemp("buckets") / "project")
    config = project.path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("page_size: 100", f"page_size: {PER_PAGE}"), encoding="utf-8")
    _reports(project)
    result = project.build()
    assert result.returncode == 0, result.stderr
    before = _digest(project.site)
    project.write(ADDED, report(title="遵义市科协2013年新增总结", unit="遵义市科协", year="2013",
                                extra="date: 2013-12-01\nregion: 贵州省/遵义市"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    after = _digest(project.site)
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p) and not p.startswith("search/")}
    return project, changed


def soup(project: ArchiveProject, url: str) -> BeautifulSoup:
    return BeautifulSoup((project.site / url / "index.html").read_text(encoding="utf-8"), "lxml")


def report_links(project: ArchiveProject, url: str) -> list[str]:
    """Report URLs in the page's table of reports, in order."""
    return [urljoin("/" + url, a["href"]).lstrip("/") for a in soup(project, url).select("table.archive-reports td a")]


def test_one_added_report_changes_only_its_buckets_pages(added):
    project, changed = added
    lists = {
        # year: its list's first page (counts) and its province's bucket; not 2013's other buckets
        "years/index.html", "years/2013/index.html", "years/2013/520000/index.html",
        # category, region chain, unit: first page, the 2013 bucket, the feed; not the other years' buckets
        "categories/index.html", "categories/summary/index.html", "categories/summary/2013/index.html",
        "categories/summary/feed.xml",
        "regions/index.html", "regions/520000/index.html", "regions/520000/2013/index.html", "regions/520000/feed.xml",
        "regions/520000/520300/index.html", "regions/520000/520300/2013/index.html", "regions/520000/520300/feed.xml",
        "units/index.html", "units/units.json", "units/by-initial/z/index.html", "units/by-region/520000/index.html",
        "units/zunyishikexie/index.html", "units/zunyishikexie/2013/index.html", "units/zunyishikexie/feed.xml",
    }
    own = {f"reports/2013/zy-new/{name}" for name in ("index.html", "cite.bib", "cite.ris", "cite.json")}
    # 12 → 13 reports: the unit's and the city's lists would now have a 4th page by position,
    # whose old URL redirects to the list
    lists |= {"units/zunyishikexie/page/4/index.html", "regions/520000/520300/page/4/index.html"}
    # the unit's other reports link it (the same unit's other years, a window around each), and
    # its comparisons with the years beside it show it
    neighbours = {f"reports/{year}/{name}/index.html" for year in YEARS for name in ("zy-a", "zy-d")}
    compare = {"units/zunyishikexie/compare/2012-2013/index.html", "units/zunyishikexie/compare/2013-2014/index.html"}
    site_wide = {"index.html", "feed.xml", "rss.xml", "sitemap.xml", "sitemap.xml.gz",
                 "catalogue.json", "catalogue.csv", "catalogue.bib", "catalogue.csl.json"}
    assert changed - (lists | own | neighbours | compare | site_wide) == set()
    assert lists | own | site_wide <= changed
    untouched = [p for p in changed if "/20" in p and "/2013/" not in p and not p.startswith(("reports/", "units/zunyishikexie/compare/"))]
    assert untouched == []


def test_every_report_is_listed_everywhere_after_the_addition(added):
    project, _ = added
    counts = assert_every_report_indexed(project)
    assert counts["reports"] == 31


def test_a_bucketed_list_shows_its_buckets_and_newest_reports(added):
    project, _ = added
    page = soup(project, "categories/summary/")
    assert page.h1.get_text() == "工作总结"
    buckets = [(a.get_text(), a.find_next_sibling("span").get_text(), a["href"])
               for a in page.find(id="buckets").find_next("ul").select("li > a")]
    assert buckets == [(f"{y}年", "4" if y == 2013 else "3", f"{y}/") for y in reversed(YEARS)]
    newest = report_links(project, "categories/summary/")
    assert newest == ["reports/2015/none/", "reports/2015/gy-b/", "reports/2015/zy-a/", "reports/2014/none/"]
    # a bucket: the category's 2013 reports, newest first; breadcrumbs back to the list; every year linked
    bucket = soup(project, "categories/summary/2013/")
    assert bucket.h1.get_text() == "工作总结 · 2013年"
    assert [a.get_text() for a in bucket.select("nav.archive-breadcrumbs a")] == ["首页", "按类别", "工作总结"]
    years = bucket.select_one("nav.archive-buckets")
    assert years.select_one('[aria-current="page"]').get_text() == "2013年"
    assert [a.get_text() for a in years.select("a")] == [f"{y}年" for y in reversed(YEARS) if y != 2013]
    assert report_links(project, "categories/summary/2013/") == [
        "reports/2013/zy-new/", "reports/2013/none/", "reports/2013/gy-b/", "reports/2013/zy-a/"]
    assert bucket.select_one('link[rel="alternate"][type="application/atom+xml"][href="../feed.xml"]') is not None
    # the search page with both facets set
    assert bucket.select_one("a.archive-narrow__search")["href"].endswith("search/?year=2013&category=%E5%B7%A5%E4%BD%9C%E6%80%BB%E7%BB%93")


def test_a_year_is_cut_by_province_and_a_unit_by_year_oldest_first(added):
    project, _ = added
    page = soup(project, "years/2013/")
    labels = [a.get_text() for a in page.find(id="buckets").find_next("ul").select("li > a")]
    assert labels == ["浙江省", "贵州省", "地区不详"]  # GB/T 2260 code order, 地区不详 last
    assert report_links(project, "years/2013/520000/") == [
        "reports/2013/zy-new/", "reports/2013/gy-b/", "reports/2013/zy-d/", "reports/2013/zy-a/"]
    unit = soup(project, "units/zunyishikexie/")
    assert [a.get_text() for a in unit.find(id="buckets").find_next("ul").select("li > a")] == [f"{y}年" for y in YEARS]
    assert report_links(project, "units/zunyishikexie/2013/") == [
        "reports/2013/zy-a/", "reports/2013/zy-d/", "reports/2013/zy-new/"]  # a timeline: oldest first


def test_an_old_page_number_redirects_to_its_list(added):
    project, _ = added
    # 19 reports of 工作总结 were pages 1–5 when cut by position
    for number in range(2, 6):
        old = soup(project, f"categories/summary/page/{number}/")
        assert old.select_one('meta[name="robots"]')["content"] == "noindex"
        assert old.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../../"
        assert old.select_one("a")["href"] == "../../"
    assert not (project.site / "categories/summary/page/6").exists()


def test_units_past_a_page_are_cut_by_first_syllable_and_city(tmp_path):
    """210 units (more than a page of 200): /units/by-initial/z/ lists its parts by the first
    character's pinyin, /units/by-region/520000/ its cities; every unit is on one part's pages."""
    project = ArchiveProject(tmp_path / "units")
    names = [f"{first}{n}号科协" for first in "遵张" for n in range(105)]
    for n, name in enumerate(names):
        city = "贵州省/遵义市" if n % 2 else "贵州省/贵阳市"
        project.write(f"2015/u{n:03d}.md", report(title=f"{name}工作总结", unit=name, extra=f"region: {city}"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    page = soup(project, "units/by-initial/z/")
    parts = [(a.get_text(), a.find_next_sibling("span").get_text(), a["href"]) for a in page.find(id="buckets").find_next("ul").select("li > a")]
    assert parts == [("zhang（张）", "105", "zhang/"), ("zun（遵）", "105", "zun/")]
    assert page.select_one("nav.archive-initials [aria-current='page']").get_text() == "Z"
    assert page.find(id="reports") is None and page.select("table.archive-reports") == []  # units, not reports
    region = soup(project, "units/by-region/520000/")
    cities = [(a.get_text(), a["href"]) for a in region.find(id="buckets").find_next("ul").select("li > a")]
    assert cities == [("贵阳市", "520100/"), ("遵义市", "520300/")]

    def units_on(url: str) -> list[str]:
        return [a.get_text() for a in soup(project, url).select("ul.archive-units a")]

    for base, keys in (("units/by-initial/z/", ("zhang", "zun")), ("units/by-region/520000/", ("520100", "520300"))):
        listed = [name for key in keys for name in units_on(f"{base}{key}/")]
        assert sorted(listed) == sorted(names), base
    assert soup(project, "units/by-initial/z/zun/").h1.get_text() == "单位：拼音首字母 Z · zun（遵）"
