"""The frame around a report's text is light and shared (issue 18), and every asset a page uses
is published while the theme's unused ones are not.

Measured on the built sample by scripts/page_weight.py (the standard library's HTML parser);
references are read with lxml from every page, style sheet and the icon sprite."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlparse

from lxml import html as lxml_html

from conftest import PYTHON, ROOT

SHARED_FRAME_MAX = 5_650
"""Bytes of a report page that are neither its text nor its own data (metadata, citation, table
of contents, <head> tags naming it): measured 5,447 on average and at most 5,493 on the sample
(6,087 and 6,133 before the drawer's links were written one short line each and the search
box's result list left to archive.js; 7,919–8,465 before icons, the helpers of Material's
bundle, its config and its empty footer were shared or left out, and the navigation drawn once:
a sidebar, no tabs repeating it)."""


def weight(site: Path) -> dict:
    result = subprocess.run([PYTHON, str(ROOT / "scripts" / "page_weight.py"), str(site), "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_shared_frame_of_a_report_page_is_small(sample_site):
    measured = weight(sample_site.site)
    assert measured["pages"] >= 30
    assert measured["shared_max"] <= SHARED_FRAME_MAX, measured
    assert measured["parts"]["inline SVG icons"] <= 1_000  # seven icons by reference, no path data (was 1,509)
    assert measured["total"] == measured["text"] + measured["frame"]


def test_the_frame_at_a_thousand_reports(synth_1000):
    """Measured: 992 report pages, frame 11,426 B a page on average (14,016 before), of which
    6,084 B shared, at most 6,166 (8,416 and 8,498 before); the published assets 361 kB (2.59 MB before)."""
    measured = weight(synth_1000.site)
    assert measured["pages"] >= 900
    assert measured["shared_max"] <= SHARED_FRAME_MAX, measured
    assets = sum(p.stat().st_size for p in (synth_1000.site / "assets").rglob("*") if p.is_file())
    assert assets <= 400_000, assets


def test_icons_are_drawn_by_reference_and_the_config_is_minimal(sample_site):
    page = lxml_html.fromstring(sample_site.page(next(iter(report_urls(sample_site.site)))))
    for svg in page.iter("svg"):
        assert [child.tag for child in svg] == ["use"], lxml_html.tostring(svg)
        assert svg[0].get("href").split("#")[0].endswith("assets/icons.svg")
    config = json.loads(page.get_element_by_id("__config").text)
    assert set(config) == {"base", "features", "translations"}
    assert config["features"] == ["navigation.top"]
    # the site's navigation once (Material's sidebar, the drawer on a phone), not again as tabs
    assert not page.xpath("//*[contains(@class, 'md-tabs')]")
    assert len(page.xpath("//nav[contains(@class, 'md-nav--primary')]//a[@class='md-nav__link']")) == 8
    assert page.get_element_by_id("__config").getparent().tag == "head"
    assert not page.xpath("//footer")  # Material's footer has nothing to show here
    # Material's inline helpers come from one shared file
    assert not [s for s in page.iter("script") if (s.text or "").startswith("__md_scope")]
    assert [s for s in page.xpath("//head/script/@src") if s.endswith("assets/md-base.js")]


def test_the_icon_sprite_has_every_icon_pages_use(sample_site):
    sprite = lxml_html.fromstring((sample_site.site / "assets" / "icons.svg").read_bytes())
    ids = {symbol.get("id") for symbol in sprite.iter("symbol")}
    used = set()
    for path in sample_site.site.rglob("*.html"):
        used |= set(re.findall(r'icons\.svg#([\w-]+)"', path.read_text(encoding="utf-8")))
    assert used and used <= ids
    for symbol in sprite.iter("symbol"):
        assert symbol.xpath(".//path")


def test_every_asset_a_page_or_style_sheet_references_exists(sample_site):
    site = sample_site.site
    missing = sorted({f"{page} → {target}" for page, target in local_references(site) if not target_exists(site, target)})
    assert missing == []


def test_no_theme_asset_is_published_unused(sample_site):
    site = sample_site.site
    referenced = {target for _, target in local_references(site)}
    assets = {p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file()}
    # Material's search (lunr, its worker) and source maps are not published
    assert not [a for a in assets if a.startswith(("assets/javascripts/lunr/", "assets/javascripts/workers/")) or a.endswith(".map")]
    # every script, style sheet, image and icon file is referenced by a page, a style sheet or a
    # module the pages load; the search client's data (assets/search/index …) is what ui.js fetches
    kinds = (".js", ".css", ".png", ".svg", ".woff", ".woff2", ".ttf")
    unreferenced = sorted(a for a in assets if a.endswith(kinds) and a not in referenced)
    assert unreferenced == []
    for name in ("assets/javascripts", "assets/stylesheets"):
        for path in (site / name).glob("*.min.*"):
            assert "sourceMappingURL" not in path.read_text(encoding="utf-8")[-300:], path


def report_urls(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix() for p in (site / "reports").rglob("cite.json"))


def local_references(site: Path):
    """(referring file, site path it references) for every page's scripts, style sheets, icons,
    images and sprite uses, every style sheet's url(), and the ES modules the pages load."""
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        doc = lxml_html.fromstring(path.read_bytes())
        refs = doc.xpath("//script/@src | //link[@rel='stylesheet' or @rel='icon']/@href | //img/@src | //use/@href")
        for ref in refs:
            yield from _resolved(rel, ref)
    for path in site.rglob("*.css"):
        rel = path.relative_to(site).as_posix()
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", path.read_text(encoding="utf-8")):
            yield from _resolved(rel, ref)
    for path in (site / "assets").rglob("*.js"):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/javascripts/"):
            continue  # Material's bundle: its own URLs are of features this site does not use
        for ref in re.findall(r"""(?:^|\s|;)import\b[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]""",
                              path.read_text(encoding="utf-8")):
            yield from _resolved(rel, ref[0] or ref[1])
        # new URL("search/highlight.js", <this file's URL>): a file loaded on demand
        for ref in re.findall(r"""new URL\(\s*['"]([\w./-]+\.(?:js|css|json))['"]""", path.read_text(encoding="utf-8")):
            yield from _resolved(rel, ref)


def _resolved(referrer: str, ref: str):
    if ref.startswith(("data:", "#", "http:", "https:", "//")):
        return
    url = urlparse(urljoin("https://site.invalid/" + referrer, ref))
    if url.netloc == "site.invalid":
        yield referrer, url.path.lstrip("/")


def target_exists(site: Path, target: str) -> bool:
    path = site / target
    return path.is_file() or (path / "index.html").is_file()
