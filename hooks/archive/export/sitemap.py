"""Sitemaps by the protocol (sitemaps.org), with real last-modified dates, replacing the one MkDocs
writes with the build time. Deterministic: the dates come from git or from the reports themselves.

`sitemap.xml` is the entry point. Up to `max_urls` URLs (the protocol's limit: 50,000 URLs and
50 MB per file) it is the sitemap itself; past that it is a sitemap index naming sitemap files of
at most `max_urls` URLs each, every one with the latest last-modified date of the URLs it holds.
Each file has a gzipped twin (`.gz`).

The files are cut so that one added report changes few of them: report pages
(`sitemaps/sitemap-reports-1.xml` …) apart from every other page (`sitemap-pages-1.xml` …),
each URL in the file its hash names (`part_of`), the number of files of each the smallest
power of two that keeps every file within the limits. An added report so changes its own
file, the file of the listings that show it (their last-modified dates) and the index; cutting
the sorted URLs by position would change every file after the new URL.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from pathlib import Path
from xml.sax.saxutils import escape

NAME = "sitemap.xml"
PART = "sitemaps/sitemap-{family}-{number}.xml"
FAMILIES = ("reports", "pages")
"""Report pages (`reports/…`) and every other page, in files of their own."""
MAX_URLS = 50_000
"""The protocol's limit of URLs per sitemap file."""
MAX_BYTES = 50_000_000
"""The protocol's limit of bytes per (uncompressed) sitemap file."""

_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(entries: list[tuple[str, dt.date | None]]) -> str:
    """`entries`: (absolute URL, last modified or None), written in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{_NS}">']
    for url, modified in entries:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_index_xml(parts: list[tuple[str, dt.date | None]]) -> str:
    """`parts`: (absolute URL of a sitemap file, latest last-modified date in it or None)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{_NS}">']
    for url, modified in parts:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"<sitemap><loc>{escape(url)}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def part_of(url: str, parts: int) -> int:
    """The file (0 … parts - 1) a URL goes in: a stable hash, so it never moves while `parts` stays."""
    return int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest(), "big") % parts


def _fits(entries: list[tuple[str, dt.date | None]], max_urls: int) -> bool:
    return len(entries) <= max_urls and len(sitemap_xml(entries).encode("utf-8")) <= MAX_BYTES


def split(entries: list[tuple[str, dt.date | None]], max_urls: int) -> list[tuple[int, list[tuple[str, dt.date | None]]]]:
    """`entries` (in order) cut by `part_of` into the fewest files, a power of two, within the limits:
    (file number from 1, its entries); an empty file is left out (the others keep their numbers)."""
    parts = 1
    while True:
        files: list[list] = [[] for _ in range(parts)]
        for entry in entries:
            files[part_of(entry[0], parts)].append(entry)
        if all(_fits(f, max_urls) for f in files):
            return [(number, f) for number, f in enumerate(files, start=1) if f]
        parts *= 2


def write_sitemap(entries: list[tuple[str, dt.date | None]], site_dir: Path, site_url: str,
                  max_urls: int = MAX_URLS) -> list[Path]:
    """Write `sitemap.xml` (a sitemap, or an index of sitemap files past `max_urls` URLs)."""
    if _fits(entries, max_urls):
        return _write(site_dir / NAME, sitemap_xml(entries))
    reports = site_url + "reports/"
    families = {"reports": [e for e in entries if e[0].startswith(reports)],
                "pages": [e for e in entries if not e[0].startswith(reports)]}
    written, index = [], []
    for family in FAMILIES:
        for number, part in split(families[family], max_urls):
            relative = PART.format(family=family, number=number)
            written += _write(site_dir / relative, sitemap_xml(part))
            index.append((site_url + relative, max((d for _, d in part if d), default=None)))
    return _write(site_dir / NAME, sitemap_index_xml(index)) + written


def _write(path: Path, xml: str) -> list[Path]:
    data = xml.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    gz = path.with_name(path.name + ".gz")
    with open(gz, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as f:
        f.write(data)
    return [path, gz]
