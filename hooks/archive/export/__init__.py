"""What the build writes beside the pages: feeds (site-wide and per unit, region and category),
sitemap, the open-data catalogue, citation files (per report and the whole catalogue).

Plain Python, called from `site.py` in `on_post_build`. Each module writes files into the
built site and returns their paths; output is deterministic (no build time, stable order).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Catalogue
from ..pages.home import latest_additions
from ..pages.report import SiteInfo
from ..pages.units import DATA_NAME as UNITS_DATA, unit_records
from ..schema import Report
from .citations import write_citations
from .data import write_data
from .feeds import write_feeds, write_listing_feeds
from .history import FileHistory
from .sitemap import write_sitemap
from .writing import Write, write_file


@dataclass
class PageDates:
    """What a page's last-modified date is made of."""

    url: str
    """Site-relative URL (`reports/2015/x/`, '' for the home page)."""
    reports: list[Report] = field(default_factory=list)
    """The reports the page shows: it changes when they do."""
    own: FileHistory | None = None
    """Git dates of the page's own source file (hand-written pages)."""


def report_modified(report: Report, history: dict[str, FileHistory]) -> dt.date | None:
    """The last commit touching the report's file, else the report's own date."""
    if report.slug in history:
        return history[report.slug].modified.date()
    return report.date


def page_modified(page: PageDates, reports: dict[str, dt.date | None]) -> dt.date | None:
    """The newest date of the page's reports and own file; `reports`: each published report's
    `report_modified` by slug, made once for all pages (listings show many reports each)."""
    dates = [d for d in (reports[r.slug] for r in page.reports) if d]
    if page.own:
        dates.append(page.own.modified.date())
    return max(dates, default=None)


def public_files(catalogue: Catalogue, history: dict[str, FileHistory], pages: list[PageDates], site: SiteInfo,
                 description: str, site_dir: Path, write: Write = write_file) -> list[Path]:
    """Write every file of the site that is not a page; returns their paths. `write`: how the
    citation files and listing feeds are written (writing.py; speed/kept_files.py: only when changed)."""
    # This runs beside MkDocs' build, which creates a fresh site folder only when it copies files
    site_dir.mkdir(parents=True, exist_ok=True)
    written = write_data(catalogue, site.url, site_dir)
    newest = latest_additions(catalogue.reports, {slug: h.added for slug, h in history.items()})
    changed = {slug: h.modified for slug, h in history.items()}
    written += write_feeds(newest, changed, site.url, site.name, description, site_dir)
    written += write_listing_feeds(catalogue, changed, site.url, site.name, site_dir, write)
    written += write_citations(catalogue, site.url, site.name, site_dir, write)
    if site.url:  # a sitemap lists absolute URLs: without site_url there is none (as in MkDocs)
        modified = {r.slug: report_modified(r, history) for r in catalogue.reports}
        entries = sorted((site.url + p.url, page_modified(p, modified)) for p in pages)
        written += write_sitemap(entries, site_dir, site.url, catalogue.settings.sitemap_max_urls)
    units = site_dir / UNITS_DATA
    units.parent.mkdir(parents=True, exist_ok=True)
    units.write_text(json.dumps(unit_records(catalogue), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    written.append(units)
    return written
