"""A real `mkdocs build` of a small archive with one `unit: null` report (单位不详) and two named
units: the bucket page, its place last on /units/, the report page's panel, the feed entry, the
open data, the units data and the search documents. In-process pieces: tests/unit/test_unit_null.py."""

from __future__ import annotations

import csv
import filecmp
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from archive.labels import UNKNOWN_UNIT
from conftest import ArchiveProject, report

ATOM = "{http://www.w3.org/2005/Atom}"
NULL_SLUG = "unknown/zhigong-jihua"
NULL_URL = f"https://example.org/reports/{NULL_SLUG}/"
FILES = {
    "2015/zunyi-kexie.md": report(title="遵义市科协2015年工作总结", unit="遵义市科协", year="2015",
                                  extra="region: 贵州省/遵义市", body="2015年，遵义市科协认真开展科普工作。\n"),
    "2016/zunyi-kexie.md": report(title="遵义市科协2016年工作总结", unit="遵义市科协", year="2016",
                                  extra="region: 贵州省/遵义市", body="2016年，遵义市科协继续开展学会工作。\n"),
    "2014/xian-kejiju.md": report(title="县科技局工作总结", unit="县科技局", year="2014",
                                  body="县科技局一年来抓好知识产权工作。\n"),
    f"{NULL_SLUG}.md": report(title="职工技术创新活动工作计划", unit="null", year="null", category="工作计划",
                              extra='review: ["发文单位未写明"]', body="充分认识开展职工技术创新活动的重大意义。\n"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = ArchiveProject(tmp_path_factory.mktemp("unit-null") / "project")
    for name, text in FILES.items():
        project.write(name, text)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


class Links(HTMLParser):
    """(href, text) of every link inside <article>, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[list[str]] = []
        self.depth = 0
        self.open = False

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append([dict(attrs).get("href", ""), ""])
            self.open = True

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif tag == "a":
            self.open = False

    def handle_data(self, data):
        if self.open:
            self.links[-1][1] += data


def article_links(html: str) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(html)
    return [(href, text.strip()) for href, text in parser.links]


def panel(html: str) -> dict[str, str]:
    """The metadata panel: label → the <dd>'s inner HTML."""
    block = re.search(r'<dl class="archive-meta">(.*?)</dl>', html, re.S).group(1)
    return {dt: dd for dt, dd in re.findall(r"<dt>(.*?)</dt><dd[^>]*>(.*?)</dd>", block, re.S)}


def jsonld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_the_bucket_page_lists_the_reports_without_a_unit(site):
    html = site.page("units/unknown")
    assert re.search(rf"<h1[^>]*>{UNKNOWN_UNIT}</h1>", html)
    reports = [href for href, _ in article_links(html) if "/reports/" in href]
    assert reports == [f"../../reports/{NULL_SLUG}/"]
    assert f"<title>{UNKNOWN_UNIT}" in html


def test_units_index_has_the_bucket_last_and_no_placeholder_unit(site):
    links = article_links(site.page("units"))
    unit_links = [(href, text) for href, text in links if re.fullmatch(r"[a-z0-9-]+/", href)]
    assert unit_links[-1] == ("unknown/", UNKNOWN_UNIT)
    assert [text for _, text in unit_links].count(UNKNOWN_UNIT) == 1
    assert {"遵义市科协", "县科技局"} <= {text for _, text in unit_links[:-1]}
    unit_dirs = {p.name for p in (site.site / "units").iterdir() if p.is_dir()}
    assert unit_dirs == {"unknown", "zunyishikexie", "xiankejiju", "by-initial", "by-region"}
    assert not (site.site / "units" / "by-initial" / "d").exists()  # no 单位不详 "unit" filed under D


def test_report_page_panel_links_the_bucket_and_shows_no_timeline(site):
    html = site.page(f"reports/{NULL_SLUG}")
    fields = panel(html)
    assert re.fullmatch(rf'<a href="(\.\./)+units/unknown/">{UNKNOWN_UNIT}</a>', fields["单位"].strip())
    assert 'id="same-unit"' not in html and "archive-prevnext" not in html
    data = jsonld(html)
    assert "author" not in data and data["url"] == NULL_URL
    described = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)  # Open Graph's too
    assert UNKNOWN_UNIT in described and "None" not in described and 'property="og:description"' not in html
    assert "None" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)
    named = site.page("reports/2016/zunyi-kexie")
    assert 'id="same-unit"' in named
    assert jsonld(named)["author"] == {"@type": "Organization", "name": "遵义市科协"}


def test_listings_and_home_show_the_label(site):
    for url in ("years/unknown", "categories/plan", ""):
        html = site.page(url) if url else (site.site / "index.html").read_text(encoding="utf-8")
        assert f"<td>{UNKNOWN_UNIT}</td>" in html, url
        assert "<td>None</td>" not in html
    home = (site.site / "index.html").read_text(encoding="utf-8")
    assert "<strong>2</strong> 个单位" in home


def test_feed_entry_author(site):
    atom = ET.parse(site.site / "feed.xml").getroot()
    entries = {e.find(f"{ATOM}id").text: e for e in atom.findall(f"{ATOM}entry")}
    assert len(entries) == 4
    entry = entries[NULL_URL]
    assert entry.find(f"{ATOM}author/{ATOM}name").text == UNKNOWN_UNIT
    assert entry.find(f"{ATOM}summary").text.startswith(f"{UNKNOWN_UNIT} · ")
    rss = ET.parse(site.site / "rss.xml").getroot()
    items = {i.find("link").text: i for i in rss.iter("item")}
    assert items[NULL_URL].find("description").text.startswith(f"{UNKNOWN_UNIT} · ")


def test_open_data(site):
    data = json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))
    assert data["count"] == 4
    rows = {r["url"]: r for r in data["reports"]}
    assert rows[NULL_URL]["unit"] is None
    assert rows["https://example.org/reports/2014/xian-kejiju/"]["unit"] == "县科技局"
    table = list(csv.DictReader(io.StringIO((site.site / "catalogue.csv").read_bytes().decode("utf-8-sig"))))
    by_url = {r["url"]: r for r in table}
    assert by_url[NULL_URL]["unit"] == "" and by_url[NULL_URL]["title"] == "职工技术创新活动工作计划"
    units = json.loads((site.site / "units" / "units.json").read_text(encoding="utf-8"))
    assert sorted(u["name"] for u in units) == sorted(["遵义市科协", "县科技局"])


def test_search_documents(site):
    data = site.site / "search" / "data"
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["docs"] == 4
    rows = json.loads(gzip.decompress((data / "m" / "0.gz").read_bytes()))
    ids = {row[0]: i for i, row in enumerate(rows)}
    doc = ids[f"reports/{NULL_SLUG}/"]
    assert rows[doc][3] == UNKNOWN_UNIT
    raw = gzip.decompress((data / "units.gz").read_bytes())
    width = manifest["unitBytes"]
    names = json.loads(raw[manifest["docs"] * width:])
    assert names[-1] == UNKNOWN_UNIT and names.count(UNKNOWN_UNIT) == 1 and None not in names
    column = [int.from_bytes(raw[i * width:(i + 1) * width], "little") for i in range(manifest["docs"])]
    assert names[column[doc]] == UNKNOWN_UNIT
    assert [names[column[ids["reports/2014/xian-kejiju/"]]]] == ["县科技局"]
    texts = manifest["texts"]
    group = doc // texts
    segments, _ = json.loads(gzip.decompress((data / "t" / str(group // 1000) / f"{group}.gz").read_bytes()))[doc % texts]  # [segments, sections]
    assert segments[0] == "职工技术创新活动工作计划" and segments[1] == ""
    assert UNKNOWN_UNIT in segments[2:-1]


def test_validator_and_stock_build_agree(site, tmp_path):
    checked = site.validate()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    stock = ArchiveProject(tmp_path / "stock", reports=site.reports)
    result = stock.build(env={"ARCHIVE_SPEEDUPS": "0"})
    assert result.returncode == 0, result.stderr
    differ = filecmp.dircmp(site.site, stock.site)
    assert _same_tree(differ), "ARCHIVE_SPEEDUPS=0 gave other bytes"


def _same_tree(d: filecmp.dircmp) -> bool:
    if d.left_only or d.right_only or d.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(d.left, d.right, d.common_files, shallow=False)
    return not mismatch and not errors and all(_same_tree(sub) for sub in d.subdirs.values())
