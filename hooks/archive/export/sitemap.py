"""sitemap.xml (and .gz) with real last-modified dates, replacing the one MkDocs writes with the
build time. Deterministic: the dates come from git or from the reports themselves."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from xml.sax.saxutils import escape

NAME = "sitemap.xml"


def sitemap_xml(entries: list[tuple[str, dt.date | None]]) -> str:
    """`entries`: (absolute URL, last modified or None), written in the order given."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in entries:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(entries: list[tuple[str, dt.date | None]], site_dir: Path) -> list[Path]:
    xml = sitemap_xml(entries).encode("utf-8")
    path = site_dir / NAME
    path.write_bytes(xml)
    gz = site_dir / (NAME + ".gz")
    with open(gz, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as f:
        f.write(xml)
    return [path, gz]
