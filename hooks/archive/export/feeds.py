"""Atom and RSS feeds of the newest reports (feedgen), deterministic: every date is a commit's
or a report's own date, never the build time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from feedgen.feed import FeedGenerator

from ..labels import region_label, unit_label, year_label
from ..schema import Report
from ..urls import report_url

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


def build_feed(reports: list[Report], changed: dict[str, dt.datetime], site_url: str, site_name: str,
               description: str) -> FeedGenerator:
    """A feed of `reports` (newest first, as given); `changed` maps report slugs to commit times."""
    times = {r.slug: entry_time(r, changed.get(r.slug)) for r in reports}
    fg = FeedGenerator()
    fg.id(site_url or "urn:archive")
    fg.title(site_name)
    fg.subtitle(description or site_name)
    fg.language("zh-CN")
    fg.generator("feedgen")
    if site_url:
        fg.link(href=site_url, rel="alternate")
        fg.link(href=site_url + ATOM_NAME, rel="self", type="application/atom+xml")
    newest = max(times.values(), default=EPOCH)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    for r in reports:
        url = site_url + report_url(r.slug)
        fe = fg.add_entry(order="append")
        fe.id(url)
        fe.guid(url, permalink=bool(site_url))
        fe.title(r.title)
        fe.link(href=url)
        fe.updated(times[r.slug])
        fe.published(times[r.slug])
        fe.author(name=unit_label(r.unit))  # Atom wants an author: 单位不详 when the report names none
        fe.category(term=r.category)
        fe.description(f"{unit_label(r.unit)} · {year_label(r.year)} · {region_label(r.region, ' › ')} · {r.category}", isSummary=True)
    return fg


def write_feeds(reports: list[Report], changed: dict[str, dt.datetime], site_url: str, site_name: str,
                description: str, site_dir: Path) -> list[Path]:
    fg = build_feed(reports[:FEED_SIZE], changed, site_url, site_name, description)
    atom, rss = site_dir / ATOM_NAME, site_dir / RSS_NAME
    atom.write_bytes(fg.atom_str(pretty=True))
    fg.link(href=site_url + RSS_NAME, rel="self", replace=True) if site_url else None
    rss.write_bytes(fg.rss_str(pretty=True))
    return [atom, rss]
