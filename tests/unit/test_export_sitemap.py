"""Sitemap files cut by a stable hash (archive/export/sitemap.py): every URL in exactly one file
within the limits, and one added report changes its own file and the index only."""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET

from archive.export.sitemap import write_sitemap

SITE = "https://example.org/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _entries(reports: int) -> list[tuple[str, dt.date | None]]:
    pages = [(f"{SITE}years/{y}/", dt.date(y, 12, 31)) for y in range(1995, 2026)]
    pages += [(f"{SITE}units/u{n:04d}/", None) for n in range(700)]
    return sorted(pages + [(f"{SITE}reports/{2000 + n % 20}/r{n:05d}/", dt.date(2000 + n % 20, 1, 1)) for n in range(reports)])


def _written(entries, folder, limit) -> dict[str, bytes]:
    write_sitemap(entries, folder, SITE, limit)
    return {p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes()).digest() for p in folder.rglob("*.xml*")}


def test_every_url_in_one_file_within_the_limit(tmp_path):
    entries = _entries(3000)
    _written(entries, tmp_path, 500)
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert index.tag == f"{SM}sitemapindex"
    urls = []
    for part in index.findall(f"{SM}sitemap"):
        path = tmp_path / part.find(f"{SM}loc").text.removeprefix(SITE)
        found = [u.find(f"{SM}loc").text for u in ET.parse(path).getroot().findall(f"{SM}url")]
        assert 1 <= len(found) <= 500 and found == sorted(found)
        assert len({u.startswith(SITE + "reports/") for u in found}) == 1  # report pages apart
        urls += found
    assert sorted(urls) == [url for url, _ in entries]


def test_one_added_report_changes_its_file_and_the_index(tmp_path):
    entries = _entries(3000)
    before = _written(entries, tmp_path / "before", 500)
    for name, date in (("old", dt.date(2003, 1, 1)), ("new", dt.date(2026, 1, 1))):
        added = sorted(entries + [(f"{SITE}reports/2003/added/", date)])
        after = _written(added, tmp_path / name, 500)
        changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
        # one report file with its .gz; the index too when the file's latest date is the new one
        assert len(changed) == (2 if name == "old" else 4), changed
        assert all(p.startswith("sitemaps/sitemap-reports-") for p in changed if not p.startswith("sitemap.xml"))
        assert len({p.removesuffix(".gz") for p in changed if p.startswith("sitemaps/")}) == 1


def test_below_the_limit_one_sitemap(tmp_path):
    _written(_entries(100), tmp_path, 50_000)
    assert ET.parse(tmp_path / "sitemap.xml").getroot().tag == f"{SM}urlset"
    assert not (tmp_path / "sitemaps").exists()
