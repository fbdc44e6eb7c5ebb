"""Atom and RSS feeds of the newest reports, and an Atom feed per unit, region and category
(feedgen), deterministic: every date is a commit's or a report's own date, never the build time."""

from __future__ import annotations

import datetime as dt
import heapq
from pathlib import Path

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from ..catalogue import Catalogue
from ..labels import UNKNOWN_REGION, UNKNOWN_UNIT, region_label, unit_label, year_label
from ..schema import Report
from ..urls import category_url, feed_url, region_url, report_url, unit_url
from .writing import Write, write_file

ATOM_NAME = "feed.xml"
RSS_NAME = "rss.xml"
FEED_SIZE = 50
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def entry_time(report: Report, changed: dt.datetime | None) -> dt.datetime:
    """When the report last changed: its last commit, else its date, else 1 January of its year."""
    if changed is not None:
        return changed
    if report.date is not None:
        return dt.datetime.combine(report.date, dt.time(), tzinfo=dt.timezone.utc)
    if report.year is not None:
        return dt.datetime(report.year, 1, 1, tzinfo=dt.timezone.utc)
    return EPOCH


def feed_entry(report: Report, time: dt.datetime, site_url: str) -> FeedEntry:
    """One report as a feed entry; a listing feed reuses the site-wide one's entry objects."""
    url = site_url + report_url(report.slug)
    fe = FeedEntry()
    fe.id(url)
    fe.guid(url, permalink=bool(site_url))
    fe.title(report.title)
    fe.link(href=url)
    fe.updated(time)
    fe.published(time)
    fe.author(name=unit_label(report.unit))  # Atom wants an author: 单位不详 when the report names none
    fe.category(term=report.category)
    fe.description(f"{unit_label(report.unit)} · {year_label(report.year)} · {region_label(report.region, ' › ')} · {report.category}",
                   isSummary=True)
    return fe


def _feed(feed_id: str, title: str, subtitle: str, page_url: str, self_url: str, entries: list[FeedEntry],
          newest: dt.datetime) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title(title)
    fg.subtitle(subtitle or title)
    fg.language("zh-CN")
    fg.generator("feedgen")
    if page_url:
        fg.link(href=page_url, rel="alternate")
        fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for fe in entries:
        fg.add_entry(fe, order="append")
    return fg


def build_feed(reports: list[Report], changed: dict[str, dt.datetime], site_url: str, site_name: str,
               description: str) -> FeedGenerator:
    """A feed of `reports` (newest first, as given); `changed` maps report slugs to commit times."""
    times = {r.slug: entry_time(r, changed.get(r.slug)) for r in reports}
    entries = [feed_entry(r, times[r.slug], site_url) for r in reports]
    return _feed(site_url or "urn:archive", site_name, description, site_url, site_url + ATOM_NAME if site_url else "",
                 entries, max(times.values(), default=EPOCH))


def write_feeds(reports: list[Report], changed: dict[str, dt.datetime], site_url: str, site_name: str,
                description: str, site_dir: Path) -> list[Path]:
    fg = build_feed(reports[:FEED_SIZE], changed, site_url, site_name, description)
    atom, rss = site_dir / ATOM_NAME, site_dir / RSS_NAME
    atom.write_bytes(fg.atom_str(pretty=True))
    fg.link(href=site_url + RSS_NAME, rel="self", replace=True) if site_url else None
    rss.write_bytes(fg.rss_str(pretty=True))
    return [atom, rss]


def listing_groups(catalogue: Catalogue) -> list[tuple[str, str, list[Report]]]:
    """(listing URL, its title, its reports) of every list with a feed: each unit and the
    单位不详 bucket, each region at every level and the 地区不详 bucket, each category of the
    vocabulary (an empty one too: its page exists). The URLs are those of pages/units.py,
    regions.py and categories.py (`Listing.feed_url` links the feed beside each)."""
    groups = [(unit_url(u.slug), u.name, u.reports) for u in catalogue.units()]
    unknown = catalogue.unknown_unit()
    if unknown:
        groups.append((unit_url(None), UNKNOWN_UNIT, unknown))
    root = catalogue.region_tree()

    def walk(node) -> None:
        groups.append((region_url([d.code for d in node.division.path]), region_label(node.division, " › "), node.reports))
        for child in node.sorted_children:
            walk(child)

    for province in root.sorted_children:
        walk(province)
    if root.unknown.reports:
        groups.append((region_url(None), UNKNOWN_REGION, root.unknown.reports))
    slugs = catalogue.settings.categories
    groups += [(category_url(slugs[name]), name, reports) for name, reports in catalogue.by_category()]
    return groups


def write_listing_feeds(catalogue: Catalogue, changed: dict[str, dt.datetime], site_url: str, site_name: str,
                        site_dir: Path, write: Write = write_file) -> list[Path]:
    """An Atom feed beside each unit's, region's and category's list: its FEED_SIZE entries that
    changed last (by each entry's own `updated` time: last commit, else date, else year), newest
    first, ties by path. Each report's entry is made once and shared by the feeds it is in, so
    thousands of small feeds cost little more than serialising them. A feed is made of the site's
    URL and name, the list's URL and title, and its entries' reports and times (`write`'s key)."""
    times = {r.slug: entry_time(r, changed.get(r.slug)) for r in catalogue.reports}
    ordered = sorted(catalogue.reports, key=lambda r: (-times[r.slug].timestamp(), r.slug))
    rank = {r.slug: i for i, r in enumerate(ordered)}
    entries: dict[str, FeedEntry] = {}

    def atom(url: str, title: str, newest: list[Report]) -> bytes:
        for r in newest:
            if r.slug not in entries:
                entries[r.slug] = feed_entry(r, times[r.slug], site_url)
        path = feed_url(url)
        name = f"{title} — {site_name}" if site_name else title
        subtitle = f"{title}：最近更新的报告（至多 {FEED_SIZE} 篇）"
        fg = _feed(site_url + path if site_url else f"urn:archive:{path}", name, subtitle,
                   site_url + url if site_url else "", site_url + path, [entries[r.slug] for r in newest],
                   times[newest[0].slug] if newest else EPOCH)
        return fg.atom_str(pretty=True)

    written = []
    for url, title, reports in listing_groups(catalogue):
        newest = heapq.nsmallest(FEED_SIZE, reports, key=lambda r: rank[r.slug])
        target = site_dir / feed_url(url)
        target.parent.mkdir(parents=True, exist_ok=True)
        write(target, lambda u=url, t=title, n=newest: atom(u, t, n),
              key=(site_url, site_name, url, title, [(r, times[r.slug]) for r in newest]))
        written.append(target)
    return written
