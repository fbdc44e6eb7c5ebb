"""Sitemaps by the protocol (sitemaps.org), with real last-modified dates, replacing the one MkDocs
writes with the build time. Deterministic: the dates come from git or from the reports themselves.

`sitemap.xml` is the entry point. Up to `max_urls` URLs (the protocol's limit: 50,000 URLs and
50 MB per file) it is the sitemap itself; past that it is a sitemap index naming
`sitemaps/sitemap-1.xml`, `-2.xml` … of at most `max_urls` URLs each, every one with the latest
last-modified date of the URLs it holds. Each file has a gzipped twin (`.gz`).
"""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from xml.sax.saxutils import escape

NAME = "sitemap.xml"
PART = "sitemaps/sitemap-{number}.xml"
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


def chunks(entries: list[tuple[str, dt.date | None]], max_urls: int) -> list[list[tuple[str, dt.date | None]]]:
    """The entries cut into files of at most `max_urls` URLs and MAX_BYTES bytes, in order."""
    empty = len(sitemap_xml([]).encode("utf-8"))
    parts: list[list] = [[]]
    size = empty
    for entry in entries:
        entry_bytes = len(sitemap_xml([entry]).encode("utf-8")) - empty
        if parts[-1] and (len(parts[-1]) >= max_urls or size + entry_bytes > MAX_BYTES):
            parts.append([])
            size = empty
        parts[-1].append(entry)
        size += entry_bytes
    return parts


def write_sitemap(entries: list[tuple[str, dt.date | None]], site_dir: Path, site_url: str,
                  max_urls: int = MAX_URLS) -> list[Path]:
    """Write `sitemap.xml` (a sitemap, or an index of sitemap files past `max_urls` URLs)."""
    parts = chunks(entries, max_urls)
    if len(parts) == 1:
        return _write(site_dir / NAME, sitemap_xml(parts[0]))
    written, index = [], []
    for number, part in enumerate(parts, start=1):
        relative = PART.format(number=number)
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
