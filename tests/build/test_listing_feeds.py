"""An Atom feed per unit, per region (every level) and per category, on real builds: each listing
links its feed in <head> (rel=alternate) and with a visible 订阅 link; feedparser reads every feed
without complaint (no bozo); entries are the listing's own reports, newest first, at most 50."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import feedparser
import pytest

from conftest import ArchiveProject, report

SITE = "https://example.org/"
ALTERNATE = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]+)">')
SUBSCRIBE = re.compile(r'<a href="([^"]+)" type="application/atom\+xml">订阅</a>')
REPORT_LINK = re.compile(r'<td><a href="((?:\.\./)*reports/[^"]+/)">')


def listing_pages(site: Path) -> list[Path]:
    """Page 1 of every unit, region and category listing (not the top indexes or unit groups)."""
    pages = []
    for kind in ("units", "regions", "categories"):
        for page in (site / kind).rglob("index.html"):
            rel = page.parent.relative_to(site / kind).as_posix()
            if rel == "." or rel.startswith(("by-initial", "by-region")) or "/page/" in f"/{rel}/" or "compare" in rel:
                continue
            if is_bucket(rel):
                continue
            pages.append(page)
    return sorted(pages)


def is_bucket(rel: str) -> bool:
    """A year's bucket of a long list (`categories/summary/2015`, `regions/520000/unknown`): not a list of its own."""
    *parent, last = rel.split("/")
    return bool(parent) and (re.fullmatch(r"\d{4}", last) is not None or last == "unknown")


def later_pages(listing: Path) -> list[Path]:
    return sorted((listing.parent / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))


def shown_reports(listing: Path, site: Path) -> set[str]:
    """Absolute URLs of the reports a listing shows, over all its pages."""
    urls = set()
    for page in [listing, *later_pages(listing)]:
        for href in REPORT_LINK.findall(page.read_text(encoding="utf-8")):
            urls.add(SITE + (page.parent / href).resolve().relative_to(site.resolve()).as_posix() + "/")
    return urls


def parse_feed(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def times(feed) -> list[dt.datetime]:
    return [dt.datetime(*e.updated_parsed[:6]) for e in feed.entries]


def check_listing(site: Path, listing: Path) -> tuple[Path, object]:
    html = listing.read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    local = [m for m in ALTERNATE.findall(head) if not (listing.parent / m[1]).resolve() == (site / "feed.xml").resolve()]
    assert len(local) == 1, (listing, ALTERNATE.findall(head))
    title, href = local[0]
    assert href == "feed.xml" and title.endswith("（Atom）"), (listing, href, title)
    assert SUBSCRIBE.findall(html[html.index("</head>"):]) == ["feed.xml"], listing
    path = listing.parent / href
    feed = parse_feed(path)
    assert feed.version == "atom10"
    page_url = SITE + listing.parent.relative_to(site).as_posix() + "/"
    assert feed.feed.link == page_url
    assert any(link.rel == "self" and link.href == page_url + "feed.xml" for link in feed.feed.links)
    return path, feed


# -- the sample archive ----------------------------------------------------------------------------


def test_every_unit_region_and_category_listing_has_its_feed(sample_site):
    site = sample_site.site
    listings = listing_pages(site)
    kinds = {p.relative_to(site).parts[0] for p in listings}
    assert kinds == {"units", "regions", "categories"}
    assert (site / "units/unknown/feed.xml").exists() == (site / "units/unknown/index.html").exists()
    levels = {len(p.relative_to(site / "regions").parts) - 1 for p in listings if p.relative_to(site).parts[0] == "regions"}
    assert {1, 2, 3} <= levels, "provinces, cities and counties each have a feed"
    for listing in listings:
        path, feed = check_listing(site, listing)
        entries = [e.link for e in feed.entries]
        shown = shown_reports(listing, site)
        assert len(entries) == len(set(entries)) <= 50
        # every report of the listing is in its feed (the sample's lists are all shorter than 50)
        assert set(entries) == shown, listing
        assert times(feed) == sorted(times(feed), reverse=True), listing
        for page in later_pages(listing):  # later pages of a list link the same feed
            assert 'href="../../feed.xml"' in page.read_text(encoding="utf-8")


def test_other_listings_link_no_listing_feed(sample_site):
    site = sample_site.site
    for url in ("years/2015/", "units/", "units/by-initial/k/", "regions/", "categories/"):
        html = sample_site.page(url)
        assert "订阅</a>" not in html, url
        for _, href in ALTERNATE.findall(html):  # only the site-wide feed, if any
            assert (site / url / href).resolve() == (site / "feed.xml").resolve(), (url, href)


# -- 50 entries, newest first; same bytes on a rebuild ---------------------------------------------


@pytest.fixture(scope="module")
def busy_unit(tmp_path_factory):
    project = ArchiveProject(tmp_path_factory.mktemp("feeds") / "project")
    start = dt.date(2015, 1, 1)
    for n in range(60):
        day = start + dt.timedelta(days=5 * n)
        project.write(f"2015/r{n:02d}.md", report(title=f"遵义市科协工作总结 第{n}号 <b>&amp;", year="2015",
                                                  extra=f"date: {day.isoformat()}\nregion: 贵州省/遵义市/汇川区"))
    project.write("2016/other.md", report(title="县科技局工作总结", unit="县科技局", year="2016", category="工作计划"))
    project.write("unknown/anon.md", report(title="无名单位工作总结", unit="null", year="null"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def test_a_feed_holds_the_50_newest_entries(busy_unit):
    site = busy_unit.site
    newest = [f"{SITE}reports/2015/r{n:02d}/" for n in range(59, 9, -1)]
    for url in ("units/zunyishikexie/", "regions/520000/", "regions/520000/520300/", "regions/520000/520300/520303/",
                "categories/summary/"):
        listing = site / url / "index.html"
        _, feed = check_listing(site, listing)
        assert [e.link for e in feed.entries] == newest, url
        assert times(feed) == sorted(times(feed), reverse=True)
        assert feed.feed.updated_parsed[:3] == (2015, 10, 23)
        assert feed.entries[0].title == "遵义市科协工作总结 第59号 <b>&amp;"  # text, not markup
    (entry,) = parse_feed(site / "categories/plan/feed.xml").entries
    assert entry.link == SITE + "reports/2016/other/" and entry.author == "县科技局"
    (anon,) = parse_feed(site / "units/unknown/feed.xml").entries
    assert anon.author == "单位不详" and "年份不详" in anon.summary
    assert parse_feed(site / "categories/duty-report/feed.xml").entries == []  # an empty category's feed


def test_listing_feeds_are_the_same_bytes_on_a_rebuild(busy_unit, tmp_path):
    site = busy_unit.site
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("feed.xml")}
    assert len(first) > 8
    copy = ArchiveProject(tmp_path / "again", reports=busy_unit.reports)
    result = copy.build()
    assert result.returncode == 0, result.stderr
    again = {p.relative_to(copy.site): p.read_bytes() for p in copy.site.rglob("feed.xml")}
    assert again == first
